/**
 * The v0 option where test/cli/v0-compatible.test.ts does not reach: `sanso lint --v0-compatible`,
 * the query of `sanso eval --v0-compatible` (read as v0, as OPA reads it with the modules' Rego
 * version), and the programmatic API's `v0Compatible` (compileRego).
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { compileRego, evaluateRego } from "../../src/api/rego.js";
import { RegoErrors } from "../../src/rego/syntax/ast.js";
import { buildCli, sanso } from "./helpers.js";
import { tempDir } from "../tmp.js";

const POLICY_V0 = `package authz

default allow = false

allow { input.user == "admin" }

deny[msg] {
	not allow
	msg := sprintf("%s may not %s", [input.user, input.method])
}
`;

let root: string;
let dir: string;

beforeAll(() => {
  buildCli();
  root = tempDir("sanso-v0-lint-");
  dir = join(root, "authz");
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, "authz.rego"), POLICY_V0);
});

const valueOf = (stdout: string) => (JSON.parse(stdout) as { result: Array<{ expressions: Array<{ value: unknown }> }> }).result[0]!.expressions[0]!.value;

describe("sanso lint --v0-compatible", () => {
  it("lints v0 files with the flag (exit 0)", async () => {
    const r = await sanso(["lint", "--v0-compatible", dir]);
    expect(r.stdout).toBe("");
    expect(r.stderr).toContain("1 file(s) linted: no problems");
    expect(r.code).toBe(0);
  });

  it("without it, a v0 file is a parse error at file:line:col with a hint naming the flag (exit 2)", async () => {
    const r = await sanso(["lint", dir]);
    expect(r.stdout).toContain(`${join(dir, "authz.rego")}:5:7: rego_parse_error: \`if\` keyword is required before rule body`);
    expect(r.stderr).toMatch(/hint: .*--v0-compatible/);
    expect(r.code).toBe(2);
  });

  it("is in --help", async () => {
    expect((await sanso(["lint", "--help"])).stdout).toContain("--v0-compatible");
  });
});

describe("lintModules on template strings", () => {
  it("a raw template's lines are its text, not indentation to judge", async () => {
    const { lintModules } = await import("../../src/rego/lint/index.js");
    const text = "package t\n\nmsg := $`first\n    second {input.x}\n  third`\n";
    const r = await lintModules([{ file: "t.rego", text, regoVersion: 1 }], { vocabulary: { severities: [], zones: [], classes: [] } });
    expect(r.diagnostics).toEqual([]);
    expect(r.exitCode).toBe(0);
  });
});

describe("sanso eval --v0-compatible: the query is v0 too", () => {
  it("a future keyword is a name in a v0 query", async () => {
    const r = await sanso(["eval", "--v0-compatible", "-d", dir, "every := data.authz.allow; if := 2"]);
    expect(r.code, r.stderr).toBe(0);
    expect((JSON.parse(r.stdout) as { result: Array<{ bindings: unknown }> }).result[0]!.bindings).toEqual({ every: false, if: 2 });
  });

  it("and a keyword of v1 that a v0 module would have to import fails, saying how to import it", async () => {
    const r = await sanso(["eval", "--v0-compatible", "-d", dir, '"a" in ["a"]']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("<query>:1:5: unexpected ident token");
    expect(r.stderr).toContain("`in` is a keyword only after `import future.keywords.in`");
    const v1 = await sanso(["eval", '"a" in ["a"]']);
    expect(v1.code, v1.stderr).toBe(0);
    expect(valueOf(v1.stdout)).toBe(true);
  });

  it("the modules are v0 and a single-value query reports its value", async () => {
    const r = await sanso(["eval", "--v0-compatible", "-d", dir, "data.authz.deny"]);
    expect(r.code, r.stderr).toBe(0);
    expect(valueOf(r.stdout)).toEqual([]);
  });
});

describe("compileRego({ v0Compatible })", () => {
  it("compiles v0 sources with the option, and fails at file:line:col without it", async () => {
    const compiled = await compileRego([dir], { v0Compatible: true, entrypoints: ["authz/allow", "authz/deny"], optimize: false });
    expect(await evaluateRego(compiled, { user: "admin" }, "authz/allow")).toEqual([{ result: true }]);
    expect(await evaluateRego(compiled, { user: "bob", method: "GET" }, "authz/deny")).toEqual([{ result: ["bob may not GET"] }]);
    const err = await compileRego([dir], { entrypoints: ["authz/allow"] }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(RegoErrors);
    expect((err as RegoErrors).message).toContain(`${join(dir, "authz.rego")}:5:7: \`if\` keyword is required before rule body`);
  });
});
