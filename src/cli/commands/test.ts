// `sanso test`: runs Rego unit tests (rules named test_*), like `opa test`.

import type { Command } from "commander";
import { loadSources, v0Hint } from "../../rego/sources.js";
import { action, describeError, UsageError } from "../errors.js";

export function registerTest(program: Command): void {
  program
    .command("test")
    .description("run Rego unit tests: every rule named test_* must evaluate to true")
    .argument("<paths...>", "Rego files or directories (policies and their *_test.rego files)")
    .option("-r, --run <regex>", "only tests whose name matches")
    .option("-v, --verbose", "print every test, not only failures")
    .option("--v0-compatible", "read .rego files as pre-1.0 Rego (v0: rules without `if`, `p[x] { ... }` partial sets, future keywords only when imported), as OPA 1.x --v0-compatible; a directory's .manifest (rego_version, file_rego_versions) decides for its own files")
    .action(action(async (paths: string[], opts: { run?: string; verbose?: boolean; v0Compatible?: boolean }) => {
      const { runRegoTests } = await import("../../rego/test-runner.js");
      const regoVersion = opts.v0Compatible ? 0 : 1;
      // each module carries its version (a .manifest may set it per file)
      const src = loadSources(paths, { includeTests: true, regoVersion });
      if (src.modules.length === 0) throw new UsageError(`${paths.join(", ")}: no .rego files found`);
      let filter: RegExp | undefined;
      try { filter = opts.run === undefined ? undefined : new RegExp(opts.run); } catch (e) {
        throw new UsageError(`--run ${opts.run}: ${(e as Error).message}`);
      }
      let run;
      try {
        run = await runRegoTests(src.modules, src.data, { filter, regoVersion });
      } catch (e) {
        const hint = v0Hint(e);
        throw hint ? new UsageError(`${describeError(e)}\n${hint}`) : e;
      }
      for (const r of run.results) {
        const where = `${r.file}:${r.line}`;
        if (r.status === "fail") console.log(`FAIL ${r.name} (${where}): ${r.error}`);
        else if (r.status === "error") console.log(`ERROR ${r.name} (${where}): ${r.error}`);
        else if (!opts.verbose) continue;
        else if (r.status === "pass") console.log(`PASS ${r.name} (${r.ms.toFixed(1)} ms)`);
        else console.log(`SKIP ${r.name} (${where})`);
        // print() output, under its test: always for a failure or an error, for every test with -v
        for (const line of r.output) console.log(`  ${line}`);
      }
      if (run.results.length === 0) {
        console.log("no tests found (rules named test_*)");
        return 2;
      }
      const extra = [run.errored ? `${run.errored} errored` : "", run.skipped ? `${run.skipped} skipped` : ""].filter(Boolean);
      console.log([`${run.passed} passed, ${run.failed} failed`, ...extra].join(", "));
      return run.failed || run.errored ? 1 : 0;
    }));
}
