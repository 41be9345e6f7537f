// `sanso eval` of a template string: a query that is one template reports its value (as opa eval
// reports a single term), and the conflict of an expression with several values is an error.
import { beforeAll, describe, expect, it } from "vitest";
import { buildCli, sanso } from "./helpers.js";

beforeAll(() => buildCli());

describe("sanso eval with template strings", () => {
  it("a template query is its value", async () => {
    const r = await sanso(["eval", '$"sum {1 + 2}, {[x | x := 1]}, {input.missing}"']);
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual({ result: [{ expressions: [{ value: "sum 3, [1], <undefined>", text: '$"sum {1 + 2}, {[x | x := 1]}, {input.missing}"' }] }] });
  });

  it("an expression with several values: exit 2 with OPA's conflict error", async () => {
    const r = await sanso(["eval", '$"{[1, 2][_]}"']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("eval_conflict_error: template-strings must not produce multiple outputs");
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });
});
