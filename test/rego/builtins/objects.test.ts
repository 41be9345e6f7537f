// object.subset, compiled and evaluated through the public API.
import { beforeAll, describe, expect, it } from "vitest";
import { compileBoth, type Evaluator } from "./helpers.js";

const RULES = {
  nested: `object.subset({"a": 1, "b": {"c": 2, "d": 3}}, {"b": {"c": 2}})`,
  differs: `object.subset({"a": 1}, {"a": 2})`,
  missing: `object.subset({"a": 1}, {"z": 1})`,
  empty: `object.subset({"a": 1}, {})`,
  arrays: `object.subset([1, 2, 3, 4], [2, 3])`,
  arraysGap: `object.subset([1, 2, 3], [1, 3])`,
  nestedArrays: `object.subset({"a": [1, 2, 3]}, {"a": [2, 3]})`,
  fromInput: `object.subset(input.tags, {"env": "prod"})`,
  mixed: `object.subset({"a": 1}, [1])`,
  // sets by membership (not as sorted arrays), also nested; a set of an array
  sets: `object.subset({1, 2, 3, 4}, {1, 4})`,
  nestedSets: `object.subset({"s": {1, 2, 3, 4}, "a": [6, 7, 8]}, {"s": {4, 1}, "a": [6, 7]})`,
  setOfArray: `object.subset([1, 2, 3], {1, 3})`,
  setVsArray: `object.subset({"s": {1}}, {"s": [1]})`,
  arrayOfSet: `object.subset({1, 2}, [1])`,
};

let e: Evaluator;
let strict: Evaluator;
beforeAll(async () => {
  ({ e, strict } = await compileBoth(RULES));
});

describe("object.subset", () => {
  it("compares objects recursively", () => {
    expect(e.value("nested")).toBe(true);
    expect(e.value("differs")).toBe(false);
    expect(e.value("missing")).toBe(false);
    expect(e.value("empty")).toBe(true);
    expect(e.value("nestedArrays")).toBe(true);
    expect(e.value("fromInput", { tags: { env: "prod", team: "x" } })).toBe(true);
    expect(e.value("fromInput", { tags: { env: "dev" } })).toBe(false);
  });

  it("looks for a sub-array as a contiguous run", () => {
    expect(e.value("arrays")).toBe(true);
    expect(e.value("arraysGap")).toBe(false);
  });

  it("compares sets by membership, also nested, and a set with an array", () => {
    expect(e.value("sets")).toBe(true);
    expect(e.value("nestedSets")).toBe(true);
    expect(e.value("setOfArray")).toBe(true);
    expect(e.value("setVsArray")).toBe(false);
    expect(strict.error("arrayOfSet")).toMatch(/^eval_type_error: object\.subset: both arguments/);
  });

  it("rejects operands of different types: undefined, or a type error in strict mode", () => {
    expect(e.value("mixed")).toBeUndefined();
    expect(strict.error("mixed")).toMatch(/^eval_type_error: object\.subset: both arguments object\.subset must be of the same type/);
    expect(strict.error("nested")).toBeUndefined();
  });
});
