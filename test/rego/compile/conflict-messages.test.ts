// Conflicts name the rule or function, as OPA 1.x does ("rule data.c.p produced conflicting
// values"), after the text of OPA's earlier releases.
import { describe, expect, it } from "vitest";
import { parseModule } from "../../../src/rego/syntax/index.js";
import { compileQuery, QUERY_ENTRYPOINT } from "../../../src/rego/compile/index.js";
import { loadPolicy } from "../../../src/rego/bundle/load.js";

async function evalError(src: string, query: string): Promise<string> {
  const c = compileQuery([parseModule(src, "c.rego")], query, { optimize: false });
  const p = await loadPolicy(c.wasm);
  try {
    p.evaluate({}, QUERY_ENTRYPOINT);
  } catch (e) {
    return String((e as Error).message ?? e);
  }
  return "no error";
}

describe("conflict errors", () => {
  it("a complete rule with two values is named", async () => {
    expect(await evalError("package c\np := 1\np := 2 if true\n", "data.c.p = x")).toMatch(
      /eval_conflict_error: complete rules must not produce multiple outputs: rule data\.c\.p produced conflicting values$/);
  });
  it("a rule whose head is a ref is named with its whole path", async () => {
    expect(await evalError('package c\nobj["k"] := 1\nobj["k"] := 2\n', "data.c.obj = x")).toMatch(/rule data\.c\.obj\.k produced conflicting values/);
  });
  it("a function with two values for the same arguments is named", async () => {
    expect(await evalError("package c\nf(_) := true\nf(_) := false\nq if f(1)\n", "data.c.q = x")).toMatch(
      /eval_conflict_error: functions must not produce multiple outputs for same inputs: function data\.c\.f produced conflicting values for the same inputs$/);
  });
});
