// The Rego test runner (`sanso test`) against `opa test`'s semantics.

import { describe, expect, it } from "vitest";
import { runRegoTests } from "../../src/rego/test-runner.js";

const run = (text: string, opts: Parameters<typeof runRegoTests>[2] = {}, data: unknown = {}) =>
  runRegoTests([{ file: "t_test.rego", text }], data, opts);
const statuses = (r: Awaited<ReturnType<typeof run>>) => Object.fromEntries(r.results.map((t) => [t.name, t.status]));

describe("runRegoTests", () => {
  it("passes a test that is true, fails one that is undefined or another value, in any package", async () => {
    const r = await run(`package lib.checks
p := 1
test_true if p == 1
test_undefined if p == 2
test_value := 7
`);
    expect(statuses(r)).toEqual({
      "data.lib.checks.test_true": "pass",
      "data.lib.checks.test_undefined": "fail",
      "data.lib.checks.test_value": "fail",
    });
    expect(r.results.find((t) => t.name.endsWith("test_value"))?.error).toBe("result 7");
    expect([r.passed, r.failed, r.errored, r.skipped]).toEqual([1, 2, 0, 0]);
  });

  it("skips todo_test_ rules without running them", async () => {
    const r = await run(`package t
todo_test_later if 1 == 2
test_now if true
`);
    expect(statuses(r)).toEqual({ "data.t.todo_test_later": "skip", "data.t.test_now": "pass" });
    expect([r.passed, r.failed, r.skipped]).toEqual([1, 0, 1]);
  });

  it("runs every rule of a repeated test name on its own, the later ones numbered #01, #02", async () => {
    const r = await run(`package t
test_twice if true
test_twice if false
test_twice if 1 == 1
`);
    expect(statuses(r)).toEqual({ "data.t.test_twice": "pass", "data.t.test_twice#01": "fail", "data.t.test_twice#02": "pass" });
  });

  it("numbers repeated tests across files of one package by file name", async () => {
    const r = await runRegoTests([
      { file: "b_test.rego", text: "package t\ntest_x if false\n" },
      { file: "a_test.rego", text: "package t\ntest_x if true\n" },
    ], {});
    expect(r.results.map((t) => [t.name, t.file, t.status])).toEqual([
      ["data.t.test_x", "a_test.rego", "pass"],
      ["data.t.test_x#01", "b_test.rego", "fail"],
    ]);
  });

  it("reports an evaluation error as errored, not failed", async () => {
    const r = await run(`package t
p := 1 if true
p := 2 if true
test_conflict if p == 1
`);
    expect(statuses(r)).toEqual({ "data.t.test_conflict": "error" });
    expect(r.results[0].error).toMatch(/conflict/);
  });

  it("mocks input, data and functions with `with`", async () => {
    const r = await run(`package t
allow if input.user == data.admins[_]
double(x) := x * 2
test_allowed if allow with input as {"user": "a"} with data.admins as ["a"]
test_denied if not allow with input as {"user": "b"} with data.admins as ["a"]
test_mocked_function if double(2) == 5 with double as mock
mock(x) := x + 3
`);
    expect(statuses(r)).toEqual({ "data.t.test_allowed": "pass", "data.t.test_denied": "pass", "data.t.test_mocked_function": "pass" });
  });

  it("runs a table test (`test_x[note]`) case by case and names the cases that are not true", async () => {
    const r = await run(`package t
test_table[note] := ok if {
  some c in [{"note": "one", "n": 1}, {"note": "two", "n": 2}]
  note := c.note
  ok := c.n == 1
}
test_all_good[note] if {
  some note in ["a", "b"]
}
test_no_case[note] if {
  some note in []
}
`);
    expect(statuses(r)).toEqual({ "data.t.test_table": "fail", "data.t.test_all_good": "pass", "data.t.test_no_case": "pass" });
    expect(r.results[0].error).toBe("failing cases: two");
  });

  it("fails a test whose ref goes on with names after the test (`test_x.b`): its value is an object, not true", async () => {
    const r = await run(`package t
test_nested.b if true
`);
    expect(statuses(r)).toEqual({ "data.t.test_nested": "fail" });
  });

  it("finds tests under a ref head (`a.test_x`) and filters by the full name like --run", async () => {
    const r = await run(`package t
group.test_inner if true
test_other if true
`, { filter: /inner/ });
    expect(statuses(r)).toEqual({ "data.t.group.test_inner": "pass" });
  });

  it("captures print output per test", async () => {
    const r = await run(`package t
test_a if { print("from a", 1); true }
test_b if { print("from b"); false }
`);
    expect(r.results.map((t) => t.output)).toEqual([["from a 1"], ["from b"]]);
  });

  it("gives the data documents to the tests", async () => {
    const r = await run("package t\ntest_data if data.config.limit == 3\n", {}, { config: { limit: 3 } });
    expect(statuses(r)).toEqual({ "data.t.test_data": "pass" });
  });

  it("returns no results when no rule is a test", async () => {
    const r = await run("package t\np := 1\ntest_helper(x) := x\n");
    expect(r.results).toEqual([]);
  });
});

describe("runRegoTests on Rego v0", () => {
  const V0 = `package t
deny[msg] { input.x > 1; msg := "big" }
test_big { deny["big"] with input as {"x": 2} }
test_small { count(deny) == 0 with input as {"x": 0} }
`;
  it("reads v0 modules with regoVersion 0 (--v0-compatible)", async () => {
    const r = await run(V0, { regoVersion: 0 });
    expect(statuses(r)).toEqual({ "data.t.test_big": "pass", "data.t.test_small": "pass" });
  });

  it("takes a module's own version over the default", async () => {
    const r = await runRegoTests([{ file: "t_test.rego", text: V0, regoVersion: 0 }], {}, { regoVersion: 1 });
    expect(r.passed).toBe(2);
    await expect(run(V0)).rejects.toThrow(/t_test.rego:2/);
  });
});
