// Rego semantics checked end to end: compile a query, load it in the official SDK, compare rows.
import { describe, expect, it } from "vitest";
import { parseModule } from "../../../src/rego/syntax/index.js";
import { compileQuery, QUERY_ENTRYPOINT } from "../../../src/rego/compile/index.js";
import { loadPolicy } from "../../../src/rego/bundle/load.js";

// [module, query, input, expected rows]
const cases: Array<[string, string, unknown, unknown]> = [
  ["package t\nf(x) := input.k + x\np := y if { y := f(1) with input.k as 10 }", "data.t.p = x", {k: 1}, [{x: 11}]],
  ["package t\np := y if { y := data.cfg.n with data.cfg.n as 5 }", "data.t.p = x", {}, [{x: 5}]],
  ["package t\nq := input.v\np := [a, b] if { a := q with input.v as 1; b := q with input.v as 2 }", "data.t.p = x", {v: 0}, [{x: [1, 2]}]],
  ["package t\nf({\"a\": x}) := x\np := f({\"a\": 3})", "data.t.p = x", {}, [{x: 3}]],
  ["package t\nf([x, y]) := x + y\np := f([1, 2])", "data.t.p = x", {}, [{x: 3}]],
  ["package t\np := input.if", "data.t.p = x", {"if": 4}, [{x: 4}]],
  ["package t\np := 1", "data = x", {}, [{x: {lib: {}, t: {p: 1}}}]],
  ["package t\np if { every x in input.a { x > 0 } with input.a as [1, 2] }", "data.t.p = x", {a: [0]}, [{x: true}]],
  ["package t\np := x if { x := {y | some y in [1, 2, 3]; not y == 2} }", "data.t.p = x", {}, [{x: [1, 3]}]],
  ["package t\np := x if { x := [y | some y in [3, 1]] }", "data.t.p = x", {}, [{x: [3, 1]}]],
  ["package t\np := count([1 | some x in input.a; x == 1])", "data.t.p = x", {a: [1, 1, 2]}, [{x: 2}]],
  ["package t\nfn(x) := true if x > 1\np := [x | some x in [1, 2, 3]; fn(x)]", "data.t.p = x", {}, [{x: [2, 3]}]],
  ["package t\np := x if { x := object.union({\"a\": {\"b\": 1}}, {\"a\": {\"c\": 2}}) }", "data.t.p = x", {}, [{x: {a: {b: 1, c: 2}}}]],
  ["package t\np := upper(\"abc\")", "data.t.p = x", {}, [{x: "ABC"}]],
  ["package t\np := sprintf(\"%s-%d-%v\", [\"a\", 3, {\"k\": [1]}])", "data.t.p = x", {}, [{x: "a-3-{\"k\": [1]}"}]],
  ["package t\np := regex.match(\"^a.c$\", \"abc\")", "data.t.p = x", {}, [{x: true}]],
  ["package t\np := net.cidr_contains(\"10.0.0.0/8\", \"10.1.2.3\")", "data.t.p = x", {}, [{x: true}]],
  ["package t\np := glob.match(\"*.example.com\", [\".\"], \"a.example.com\")", "data.t.p = x", {}, [{x: true}]],
  ["package t\np := json.marshal({\"b\": 1, \"a\": [true]})", "data.t.p = x", {}, [{x: "{\"a\":[true],\"b\":1}"}]],
  ["package t\np contains x if { some x in input }", "data.t.p = x", [1, 2], [{x: [1, 2]}]],
  ["package t\np := x if { x := input.a; x == null }", "data.t.p = x", {a: null}, [{x: null}]],
  ["package t\np if { input.a == input.b }", "data.t.p = x", {a: {x: [1, {y: 2}]}, b: {x: [1, {y: 2}]}}, [{x: true}]],
  ["package t\np := [x | some x in input.a; x.n > 1]", "data.t.p = x", {a: [{n: 1}, {n: 2}, {m: 3}]}, [{x: [{n: 2}]}]],
];


const lib = parseModule("package lib\nh(x) := x * 2\n", "lib.rego");

describe("Rego semantics", () => {
  it.each(cases.map((c, i) => [i, ...c] as const))("case %i: %s", async (_i, src, query, input, want) => {
    const c = compileQuery([parseModule(src, "t.rego"), lib], query, { optimize: false });
    const p = await loadPolicy(c.wasm);
    const rs = p.evaluate(input, QUERY_ENTRYPOINT) as Array<{ result: unknown }>;
    expect(rs.length ? rs[0].result : []).toEqual(want);
  });
});
