// `sanso lint`: parses and compiles Rego modules (errors: exit 2) and checks the style a reviewer
// would ask for and the METADATA sanso's reports need (findings: exit 1). Printed as conftest and
// Regal print theirs: `file:line:col: rule: message`.

import type { SourceModule } from "../sources.js";
import type { Module } from "../syntax/ast.js";
import { RegoError, RegoErrors } from "../syntax/ast.js";
import { parseModule, tokenize, type Token } from "../syntax/index.js";
import { v0Hint } from "../sources.js";
import { moduleMetadataProblems, type MetadataVocabulary } from "./metadata.js";
import { STYLE_RULES, unusedImports, whitespaceFindings } from "./style.js";

export { isRulePackage, moduleMetadataProblems, ruleMetadataProblems, RULE_PACKAGE_ROOTS, type MetadataVocabulary } from "./metadata.js";

/** The rules of `sanso lint` and what each asks (for `--help` and the README). */
export const LINT_RULES: Readonly<Record<string, string>> = {
  ...STYLE_RULES,
  "rule-metadata":
    "in packages under sanso.articles and sanso.local, each rule's METADATA has custom.id, title_en, article and a severity of the vocabulary",
};

/** One diagnostic: a parse or compile error (`error`) or a lint finding. */
export interface LintDiagnostic {
  file: string;
  line: number;
  col: number;
  /** The lint rule, or the error's code (`rego_parse_error`, `rego_compile_error`, …). */
  rule: string;
  message: string;
  error: boolean;
}

export interface LintResult {
  files: number;
  diagnostics: LintDiagnostic[];
  /** 2: a parse or compile error; 1: lint findings; 0: clean. */
  exitCode: 0 | 1 | 2;
  /** When the parse errors are those of pre-1.0 rules read as v1: how to read them as v0. */
  v0Hint?: string;
}

export interface LintOptions {
  /** The words rule METADATA may use (src/vocabulary.ts). */
  vocabulary: MetadataVocabulary;
  /** Compile the modules together after parsing (default true), as `opa check` does. */
  compile?: boolean;
}

const fromError = (e: RegoError): LintDiagnostic => ({
  file: e.loc.file,
  line: e.loc.line,
  col: e.loc.col,
  rule: e.code,
  message: e.detail,
  error: true,
});

function regoErrors(e: unknown): RegoError[] {
  if (e instanceof RegoErrors) return e.errors;
  if (e instanceof RegoError) return [e];
  throw e;
}

/** `file:line:col: rule: message`. */
export function formatDiagnostic(d: LintDiagnostic): string {
  return `${d.file}:${d.line}:${d.col}: ${d.rule}: ${d.message}`;
}

/** Lints modules (as `loadSources` reads them, tests included). */
export async function lintModules(sources: readonly SourceModule[], opts: LintOptions): Promise<LintResult> {
  const diagnostics: LintDiagnostic[] = [];
  const parseErrors: RegoError[] = [];
  const parsed: Module[] = [];
  for (const s of sources) {
    let tokens: Token[] | undefined;
    try {
      tokens = tokenize(s.text, s.file).tokens;
    } catch {
      tokens = undefined; // the parse below reports it
    }
    for (const f of whitespaceFindings(s.text, tokens)) diagnostics.push({ file: s.file, ...f, error: false });
    let m: Module;
    try {
      m = parseModule(s.text, s.file, { regoVersion: s.regoVersion });
    } catch (e) {
      const errs = regoErrors(e);
      parseErrors.push(...errs);
      diagnostics.push(...errs.map(fromError));
      continue;
    }
    if (tokens) for (const f of unusedImports(m.imports, tokens)) diagnostics.push({ file: s.file, ...f, error: false });
    for (const p of moduleMetadataProblems(m, opts.vocabulary)) {
      diagnostics.push({ file: s.file, line: p.line, col: p.col, rule: "rule-metadata", message: p.message, error: false });
    }
    parsed.push(m);
  }
  const parseFailed = diagnostics.some((d) => d.error);
  if (!parseFailed && opts.compile !== false && parsed.length > 0) {
    // the whole check stage (safety, recursion, undefined functions) runs on every rule when no
    // entrypoint is named; the compiler's rewrites change the modules, so it runs last
    const { compileModules } = await import("../compile/index.js");
    try {
      compileModules(parsed, { optimize: false });
    } catch (e) {
      diagnostics.push(...regoErrors(e).map(fromError));
    }
  }
  diagnostics.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : a.line - b.line || a.col - b.col));
  const exitCode = diagnostics.some((d) => d.error) ? 2 : diagnostics.length > 0 ? 1 : 0;
  const hint = parseErrors.length ? v0Hint(new RegoErrors(parseErrors)) : undefined;
  return { files: sources.length, diagnostics, exitCode, ...(hint ? { v0Hint: hint } : {}) };
}
