// A variable declared with `:=` (or `some`) inside a nested comprehension belongs to that
// comprehension: the enclosing comprehension does not close over it, so an outer variable of the
// same name is not needed to evaluate it (OPA's string-interpolation query case
// `x = $"{[x | x := input.xs[_]]} ..."` relies on this).
import { describe, expect, it } from "vitest";
import { parseModule } from "../../../src/rego/syntax/index.js";
import { compileQuery, QUERY_ENTRYPOINT } from "../../../src/rego/compile/index.js";
import { loadPolicy } from "../../../src/rego/bundle/load.js";

async function rows(module: string, query: string, input: unknown): Promise<unknown> {
  const c = compileQuery([parseModule(module, "t.rego")], query, { optimize: false });
  const rs = (await loadPolicy(c.wasm)).evaluate(input, QUERY_ENTRYPOINT) as Array<{ result: unknown }>;
  return rs[0]!.result;
}

describe("variables declared in nested comprehensions", () => {
  it("are not free variables of the enclosing comprehension", async () => {
    expect(await rows("package t", "x = {a | a = [x | x := input.xs[_]]}", { xs: [1, 2] })).toEqual([{ x: [[1, 2]] }]);
    expect(await rows("package t", "x = [a | a = {x | some x in input.xs}]", { xs: [1, 2] })).toEqual([{ x: [[1, 2]] }]);
    expect(await rows("package t", "x = {a | a = {x: 1 | x := input.ks[_]}}", { ks: ["a"] })).toEqual([{ x: [{ a: 1 }] }]);
  });

  it("in a template string, as OPA's string-interpolation query case", async () => {
    const q = 'x = $"{[x | x := input.xs[_]]} {{y | y := input.ys[_]}} {{$"{x}-{y}": y | x := input.xs[_]; y := input.ys[_]}}"';
    expect(await rows("package t", q, { xs: ["a"], ys: ["c"] })).toEqual([{ x: '["a"] {"c"} {"a-c": "c"}' }]);
  });

  it("a variable the nested comprehension only uses is still shared with the outer scope", async () => {
    // x is not declared inside: it is the outer x, which nothing binds
    expect(() => compileQuery([parseModule("package t", "t.rego")], "x = {a | a = [x | input.xs[_] = 1]}")).toThrow(/var x is unsafe/);
  });
});
