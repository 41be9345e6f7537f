/**
 * `sanso lint`: parse and compile errors are exit 2 with file:line:col, each style and METADATA rule
 * fires on the smallest file that breaks it and stays quiet on a clean one (exit 0), findings are
 * exit 1, one `file:line:col: rule: message` line each.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { lintModules, type LintDiagnostic } from "../../src/rego/lint/index.js";
import { ruleMetadataProblems } from "../../src/rego/lint/metadata.js";
import { CLASSIFICATIONS, SEVERITIES, ZONES } from "../../src/vocabulary.js";
import { buildCli, sanso } from "./helpers.js";

const vocabulary = { severities: SEVERITIES, zones: ZONES, classes: CLASSIFICATIONS };

const CLEAN = `# A municipality's own rule.
package sanso.local.example

import rego.v1

import data.sanso.local.example.helpers as h

# METADATA
# title: バケットに所管課がある
# custom:
#   id: LOCAL-EXAMPLE-OWNER
#   title_en: Buckets name their owner
#   article: 第18条第1項
#   severity: low
#   zones: [mynumber, lgwan]
rule := rego.metadata.rule().custom

message := \`a raw string
    indented with spaces,   
which is content, not style\`

findings contains {"rule": rule.id, "resource": a, "message": message} if {
	some a, r in input.resources
	not h.owned(r)
}
`;

const HELPERS = `package sanso.local.example.helpers

import rego.v1

owned(r) if r.tags["sanso:owner"]
`;

/** Lints `files` (name → text) as sanso lint reads a directory; diagnostics without the directory. */
async function lint(files: Record<string, string>, compile = true): Promise<{ exitCode: number; diagnostics: Array<Omit<LintDiagnostic, "file"> & { file: string }> }> {
  const r = await lintModules(
    Object.entries(files).map(([file, text]) => ({ file, text, regoVersion: 1 as const })),
    { compile, vocabulary },
  );
  return { exitCode: r.exitCode, diagnostics: r.diagnostics };
}

const rulesOf = (ds: LintDiagnostic[]) => ds.map((d) => `${d.file}:${d.line}:${d.col}: ${d.rule}`);

describe("lint rules", () => {
  it("a clean rule package: no diagnostic, exit 0", async () => {
    const r = await lint({ "rule.rego": CLEAN, "helpers.rego": HELPERS });
    expect(r.diagnostics).toEqual([]);
    expect(r.exitCode).toBe(0);
  });

  it("tab-indentation: a body line indented with spaces", async () => {
    const r = await lint({ "rule.rego": CLEAN.replace("\tsome a, r", "    some a, r"), "helpers.rego": HELPERS });
    expect(rulesOf(r.diagnostics)).toEqual(["rule.rego:23:1: tab-indentation"]);
    expect(r.exitCode).toBe(1);
  });

  it("trailing-whitespace: outside strings", async () => {
    const r = await lint({ "rule.rego": CLEAN.replace("not h.owned(r)", "not h.owned(r) \t"), "helpers.rego": HELPERS });
    expect(rulesOf(r.diagnostics)).toEqual(["rule.rego:24:16: trailing-whitespace"]);
  });

  it("final-newline: missing, or blank lines after the last", async () => {
    const missing = await lint({ "rule.rego": CLEAN.replace(/\n$/, ""), "helpers.rego": HELPERS });
    expect(rulesOf(missing.diagnostics)).toEqual(["rule.rego:25:2: final-newline"]);
    const extra = await lint({ "rule.rego": `${CLEAN}\n\n`, "helpers.rego": HELPERS });
    expect(rulesOf(extra.diagnostics)).toEqual(["rule.rego:26:1: final-newline"]);
  });

  it("unused-import: a name no rule uses (a field of the same name is not a use)", async () => {
    const text = CLEAN.replace("import rego.v1\n", "import rego.v1\n\nimport data.sanso.lib\n").replace("rule.id", "rule.lib");
    const r = await lint({ "rule.rego": text, "helpers.rego": HELPERS }, false);
    expect(rulesOf(r.diagnostics)).toEqual(["rule.rego:6:1: unused-import"]);
    expect(r.diagnostics[0]!.message).toBe("import data.sanso.lib is not used");
  });

  it("rule-metadata: a severity outside the vocabulary, a missing title_en and an unknown zone", async () => {
    const text = CLEAN.replace("severity: low", "severity: urgent").replace("#   title_en: Buckets name their owner\n", "").replace("[mynumber, lgwan]", "[mynumber, cloud]");
    const r = await lint({ "rule.rego": text, "helpers.rego": HELPERS });
    expect(rulesOf(r.diagnostics)).toEqual(["rule.rego:8:1: rule-metadata", "rule.rego:8:1: rule-metadata", "rule.rego:8:1: rule-metadata"]);
    expect(r.diagnostics.map((d) => d.message)).toEqual([
      "sanso.local.example.rule: custom.title_en is missing (the rule's English title)",
      'sanso.local.example.rule: custom.severity "urgent" is not one of critical, high, medium, low',
      "sanso.local.example.rule: custom.zones names cloud, not one of mynumber, lgwan, internet",
    ]);
  });

  it("rule-metadata: rego.metadata.rule() without a METADATA block, and findings without any rule id", async () => {
    const text = CLEAN.replace(/# METADATA\n(#.*\n)+/, "");
    const r = await lint({ "rule.rego": text, "helpers.rego": HELPERS });
    expect(r.diagnostics.map((d) => `${d.line}: ${d.message}`)).toEqual([
      "8: rule reads rego.metadata.rule() but has no METADATA block with custom (id, title_en, article, severity) above it",
      "14: package sanso.local.example reports findings but no rule has a METADATA block with custom.id",
    ]);
  });

  it("rule-metadata applies to sanso.articles and sanso.local only; built-in articles cite 第N条", async () => {
    const elsewhere = await lint({ "rule.rego": CLEAN.replace("package sanso.local.example", "package city.rules").replace("severity: low", "severity: urgent"), "helpers.rego": HELPERS }, false);
    expect(elsewhere.diagnostics).toEqual([]);
    const custom = { id: "ART29-CMK", title_en: "x", article: "Article 29", severity: "high" };
    expect(ruleMetadataProblems(custom, { builtIn: true, vocabulary })).toEqual(['custom.article "Article 29" does not start with 第N条']);
    expect(ruleMetadataProblems(custom, { builtIn: false, vocabulary })).toEqual([]);
    expect(ruleMetadataProblems({ ...custom, id: "art29 cmk" }, { builtIn: false, vocabulary })).toEqual([
      'custom.id "art29 cmk" is not upper-case words joined by hyphens (e.g. ART29-CMK)',
    ]);
  });

  it("a parse error: file:line:col, exit 2", async () => {
    const r = await lint({ "rule.rego": CLEAN.replace("some a, r in input.resources", "some a, r in input.resources["), "helpers.rego": HELPERS });
    expect(r.exitCode).toBe(2);
    expect(r.diagnostics[0]).toMatchObject({ file: "rule.rego", line: 23, rule: "rego_parse_error", error: true });
  });

  it("a compile error (an undefined function): exit 2; without compiling the files, none", async () => {
    const files = { "rule.rego": CLEAN, "helpers.rego": HELPERS.replace("owned(r)", "own(r)") };
    const r = await lint(files);
    expect(r.exitCode).toBe(2);
    expect(r.diagnostics.map((d) => `${d.file}:${d.line}: ${d.error}`)).toEqual(["rule.rego:24: true"]);
    expect(r.diagnostics[0]!.message).toMatch(/undefined function/);
    expect((await lint(files, false)).exitCode).toBe(0);
  });
});

describe("sanso lint (command)", () => {
  let dir: string;
  beforeAll(() => {
    buildCli();
    dir = mkdtempSync(join(tmpdir(), "sanso-lint-"));
    mkdirSync(join(dir, "clean"));
    writeFileSync(join(dir, "clean/rule.rego"), CLEAN);
    writeFileSync(join(dir, "clean/helpers.rego"), HELPERS);
    mkdirSync(join(dir, "style"));
    writeFileSync(join(dir, "style/rule.rego"), CLEAN.replace("not h.owned(r)", "not h.owned(r) ").replace(/\n$/, ""));
    writeFileSync(join(dir, "style/helpers.rego"), HELPERS);
    mkdirSync(join(dir, "broken"));
    writeFileSync(join(dir, "broken/rule.rego"), "package x\n\np if {\n");
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("a clean directory: exit 0, nothing on stdout", async () => {
    const r = await sanso(["lint", "clean"], { cwd: dir });
    expect(r.stdout).toBe("");
    expect(r.stderr).toContain("2 file(s) linted: no problems");
    expect(r.code).toBe(0);
  });

  it("style findings: one file:line:col: rule: message line each, exit 1", async () => {
    const r = await sanso(["lint", "style"], { cwd: dir });
    expect(r.stdout.trim().split("\n")).toEqual([
      "style/rule.rego:24:16: trailing-whitespace: trailing whitespace",
      "style/rule.rego:25:2: final-newline: no newline at the end of the file",
    ]);
    expect(r.code).toBe(1);
  });

  it("a parse error: exit 2, the file named, no stack trace", async () => {
    const r = await sanso(["lint", "broken", "clean"], { cwd: dir });
    expect(r.stdout).toMatch(/^broken\/rule\.rego:4:1: rego_parse_error: /);
    expect(r.stderr).not.toMatch(/\n\s+at /);
    expect(r.code).toBe(2);
  });

  it("a path that does not exist: exit 2 with one line", async () => {
    const r = await sanso(["lint", "nosuch"], { cwd: dir });
    // Node's own warnings aside (the test environment may set both NO_COLOR and FORCE_COLOR)
    expect(r.stderr.split("\n").filter((l) => l.trim() && !/^\(node:\d+\)|^\(Use `node/.test(l))).toEqual(["sanso: nosuch: no such file or directory"]);
    expect(r.code).toBe(2);
  });

  it("--help lists the rules", async () => {
    const r = await sanso(["lint", "--help"]);
    expect(r.code).toBe(0);
    for (const rule of ["tab-indentation", "trailing-whitespace", "final-newline", "unused-import", "rule-metadata"]) expect(r.stdout).toContain(rule);
  });
});
