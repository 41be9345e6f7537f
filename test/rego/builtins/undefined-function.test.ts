// An unknown function called in relation form (`f(a, x)`) is reported as OPA reports it,
// `undefined function f` (rego_type_error, file:line:col), not as `var x is unsafe`.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { compileRego } from "../../../src/api/rego.js";

async function compileError(body: string): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), "sanso-undef-"));
  const file = join(dir, "t.rego");
  try {
    writeFileSync(file, `package t\n\n${body}\n`);
    await compileRego([dir], { entrypoints: ["t/p"], optimize: false });
    return "compiled";
  } catch (e) {
    const codes = ((e as { errors?: Array<{ code?: string }> }).errors ?? []).map((x) => x.code).join(",");
    return `${String((e as Error).message).replaceAll(file, "t.rego")} (${codes})`;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

describe("undefined functions", () => {
  it("in relation form are undefined functions, not unsafe variables", async () => {
    const msg = await compileError("p if {\n  f(1, x)\n  x > 0\n}");
    expect(msg).toContain("t.rego:4:3: undefined function f");
    expect(msg).toContain("rego_type_error");
    expect(msg).not.toContain("unsafe");
  });

  it("with a dotted name, nested in a call, or in a comprehension", async () => {
    expect(await compileError("p if {\n  foo.bar(input.a, x)\n  x\n}")).toContain("t.rego:4:3: undefined function foo.bar");
    expect(await compileError("p if {\n  y := count(no_such(input.a, x))\n  y > x\n}")).toContain("undefined function no_such");
    expect(await compileError("p := [x | nope(1, x)]")).toContain("t.rego:3:11: undefined function nope");
    expect(await compileError("p if {\n  data.t.missing(1, x)\n  x\n}")).toContain("undefined function data.t.missing");
  });

  it("in function form are reported as before", async () => {
    expect(await compileError("p := f(1)")).toContain("t.rego:3:6: undefined function f");
  });

  it("still lets genuinely unsafe variables and known relation calls through", async () => {
    expect(await compileError("p if {\n  x > 1\n}")).toContain("var x is unsafe");
    expect(await compileError("f(a) := a + 1\n\np if {\n  f(1, x)\n  x == 2\n}")).toBe("compiled");
    expect(await compileError("p if {\n  count([1], n)\n  n == 1\n}")).toBe("compiled");
  });
});
