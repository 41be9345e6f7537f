// time.now_ns reads the clock once per evaluation, as OPA does per query: every call in one
// evaluation gives the same value, a later evaluation a later one.
import { beforeAll, describe, expect, it } from "vitest";
import { compileBoth, type Evaluator } from "../builtins/helpers.js";

let e: Evaluator;
beforeAll(async () => {
  ({ e } = await compileBoth({
    distinct: "count({time.now_ns() | numbers.range(1, 5000)[_]})",
    now: "time.now_ns()",
  }));
}, 120_000);

describe("time.now_ns", () => {
  it("is one value within an evaluation", () => {
    expect(e.value("distinct")).toBe(1);
  });
  it("moves on between evaluations", async () => {
    const first = e.value("now") as number;
    await new Promise((r) => setTimeout(r, 5));
    expect(e.value("now") as number).toBeGreaterThan(first);
  });
});
