// sprintf runs natively for common cases and falls back to the JavaScript implementation (Go's
// fmt rules, as OPA applies them) for the others: both paths must give the same text.
import { describe, expect, it } from "vitest";
import { parseModule } from "../../../src/rego/syntax/index.js";
import { compileQuery, QUERY_ENTRYPOINT } from "../../../src/rego/compile/index.js";
import { loadPolicy } from "../../../src/rego/bundle/load.js";
import { goSprintf } from "../../../src/rego/bundle/js-builtins.js";

const cases: Array<[string, unknown[]]> = [
  // native
  ["%s is %d", ["a", 3]], ["%v", [["there", 5, 3.14]]], ["%v %v", [{ k: [1] }, true]], ["100%%", []],
  ["%d", [-42]], ["日本 %s", ["語"]], ["%v", [{ b: 1, a: { c: [] } }]], ["%s", [""]],
  // fallback to JavaScript
  ["%t", [false]], ["%d", [1.5]], ["%.2f", [3.14159]], ["%s", [1]], ["%x", [255]], ["%5s|", ["ab"]],
  ["%v", [null]], ["%s %s", ["a"]], ["%s", ["a", "b"]], ["%v", [0.1]], ["%", []],
];

describe("sprintf", () => {
  it.each(cases)("%j with %j", async (fmt, args) => {
    const m = parseModule(`package t\np := sprintf(${JSON.stringify(fmt)}, input.args)`, "t.rego");
    const c = compileQuery([m], "data.t.p = x", { optimize: false });
    const p = await loadPolicy(c.wasm);
    const rs = p.evaluate({ args }, QUERY_ENTRYPOINT) as Array<{ result: Array<{ x: string }> }>;
    expect(rs[0].result[0].x).toBe(goSprintf(fmt, args));
  });
});
