// trace, and internal.print (the builtin OPA's compiler turns print(...) into).
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { setPrintHook } from "../../../src/rego/bundle/js-builtins.js";
import { compileRules, type Evaluator } from "./helpers.js";

const body = `
traced if {
  trace("a note")
  input.x > 1
}

printed := n if {
  n := count(input.items)
  internal.print([{"items:"}, {n}, {x | some x in input.items; x > 1}, {y | y := input.missing}])
}
`;

let e: Evaluator;
const lines: string[] = [];
let prev: ((line: string) => void) | undefined;
beforeAll(async () => {
  e = await compileRules(body, ["traced", "printed"], { strict: true });
});
afterEach(() => {
  if (prev) setPrintHook(prev);
  lines.length = 0;
});

describe("trace", () => {
  it("is true and leaves the result alone", () => {
    expect(e.value("traced", { x: 2 })).toBe(true);
    expect(e.value("traced", { x: 0 })).toBeUndefined();
  });
});

describe("internal.print", () => {
  it("prints the cross product of its arguments' values, <undefined> for none, and keeps the result", () => {
    prev = setPrintHook((l) => lines.push(l));
    expect(e.value("printed", { items: [1, 2, 3] })).toBe(3);
    expect(lines).toEqual(["items: 3 2 <undefined>", "items: 3 3 <undefined>"]);
  });
});
