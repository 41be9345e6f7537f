// `sanso lint [paths...]`: parses and compiles Rego files and checks their style and the METADATA of
// the rules under sanso.articles / sanso.local (src/rego/lint). Exit 2 on a parse or compile error,
// 1 on lint findings, 0 when clean.

import type { Command } from "commander";
import { existsSync } from "node:fs";
import { loadSources } from "../../rego/sources.js";
import { formatDiagnostic, LINT_RULES, lintModules, type MetadataVocabulary } from "../../rego/lint/index.js";
import { CLASSIFICATIONS, SEVERITIES, ZONES } from "../../vocabulary.js";
import { action, UsageError } from "../errors.js";

/** What rule METADATA may name: the vocabulary of the whole project. */
export const LINT_VOCABULARY: MetadataVocabulary = { severities: SEVERITIES, zones: ZONES, classes: CLASSIFICATIONS };

interface LintCommandOptions {
  compile: boolean;
  v0Compatible?: boolean;
}

export function registerLint(program: Command): void {
  const rules = Object.entries(LINT_RULES)
    .map(([name, what]) => `  ${name.padEnd(20)} ${what}`)
    .join("\n");
  program
    .command("lint")
    .description("check Rego files: parse and compile errors (exit 2), style and rule METADATA (exit 1)")
    .argument("[paths...]", "Rego files or directories, *_test.rego included (default: policies)")
    .option("--no-compile", "only parse each file (a file alone may call functions of packages it is not compiled with)")
    .option("--v0-compatible", "read the files as pre-1.0 Rego (v0: rules without `if`, `p[x] { ... }` partial sets, future keywords only when imported), as OPA 1.x --v0-compatible; a directory's .manifest (rego_version, file_rego_versions) decides for its own files")
    .addHelpText(
      "after",
      `
Rules:
${rules}

Each problem is one line, file:line:col: rule: message. The files are compiled together, as
\`opa check\` does: lint a whole policy directory, not one file that uses another's functions.

Example:
  sanso lint policies my-policies`,
    )
    .action(action(async (paths: string[], opts: LintCommandOptions) => {
      const roots = paths.length > 0 ? paths : ["policies"];
      for (const p of roots) if (!existsSync(p)) throw new UsageError(`${p}: no such file or directory`);
      const sources = loadSources(roots, { includeTests: true, regoVersion: opts.v0Compatible ? 0 : 1 });
      if (sources.modules.length === 0) throw new UsageError(`${roots.join(", ")}: no .rego files found`);
      const result = await lintModules(sources.modules, { compile: opts.compile, vocabulary: LINT_VOCABULARY });
      for (const d of result.diagnostics) process.stdout.write(`${formatDiagnostic(d)}\n`);
      const errors = result.diagnostics.filter((d) => d.error).length;
      const findings = result.diagnostics.length - errors;
      const counts = [errors ? `${errors} error(s)` : "", findings ? `${findings} problem(s)` : ""].filter(Boolean).join(", ");
      process.stderr.write(`${result.files} file(s) linted: ${counts || "no problems"}\n`);
      if (result.v0Hint) process.stderr.write(`${result.v0Hint}\n`);
      return result.exitCode;
    }));
}
