import { describe, expect, it } from "vitest";
import { compileSources, compileQuery, QUERY_ENTRYPOINT } from "../../../src/rego/compile/index.js";
import { parseModule } from "../../../src/rego/syntax/index.js";
import { RegoErrors } from "../../../src/rego/syntax/ast.js";
import { loadPolicy, opa } from "../../../src/rego/bundle/load.js";
import { importedMemoryPages } from "../../../src/rego/bundle/memory-pages.js";

const policy = `package example
import rego.v1

# METADATA
# title: Buckets must be encrypted
# entrypoint: true
deny contains msg if {
  some name, b in input.buckets
  not b.encrypted
  msg := sprintf("bucket %s is not encrypted", [name])
}

default allow := false
allow if count(deny) == 0

limits[k] := v if { some k, v in data.limits; v > 0 }
double(x) := x * 2
total := sum([double(v) | some v in data.limits])
`;

function compile(eps: string[]) {
  return compileSources([{ file: "example.rego", text: policy }], { entrypoints: eps });
}

describe("compiled modules in the official SDK", () => {
  const c = compile(["example/deny", "example/allow", "example/limits", "example/total"]);

  it("lists every entrypoint and evaluates each with loadPolicy", async () => {
    const p = await opa.loadPolicy(c.wasm);
    expect(p.entrypoints).toEqual({ "example/deny": 0, "example/allow": 1, "example/limits": 2, "example/total": 3 });
    const input = { buckets: { logs: { encrypted: true }, data: { encrypted: false } } };
    expect(p.evaluate(input, "example/deny")).toEqual([{ result: ["bucket data is not encrypted"] }]);
    expect(p.evaluate(input, "example/allow")).toEqual([{ result: false }]);
    expect(p.evaluate({ buckets: {} }, "example/allow")).toEqual([{ result: true }]);
  });

  it("loads with loadPolicySync and uses data from setData", () => {
    const p = opa.loadPolicySync(c.wasm);
    p.setData({ limits: { a: 1, b: 0, c: 5 } });
    expect(p.evaluate({}, "example/limits")).toEqual([{ result: { a: 1, c: 5 } }]);
    expect(p.evaluate({}, "example/total")).toEqual([{ result: 12 }]);
    p.setData({ limits: { z: 2 } });
    expect(p.evaluate({}, "example/total")).toEqual([{ result: 4 }]);
  });

  it("returns [] when the entrypoint is undefined", async () => {
    const q = compileSources([{ file: "u.rego", text: "package u\np := 1 if input.x == 2\n" }], { entrypoints: ["u/p"] });
    const p = await opa.loadPolicy(q.wasm);
    expect(p.evaluate({ x: 1 }, "u/p")).toEqual([]);
    expect(p.evaluate({ x: 2 }, "u/p")).toEqual([{ result: 1 }]);
  });

  it("grows memory for large inputs", async () => {
    const q = compileSources([{ file: "n.rego", text: "package n\nn := count(input.items)\nbig := [x | some x in input.items; x.v > 99990]\n" }], { entrypoints: ["n/n", "n/big"] });
    const p = await opa.loadPolicy(q.wasm);
    const items = Array.from({ length: 100_000 }, (_, i) => ({ v: i, name: `item-${i}`, tags: { a: "b" } }));
    expect(p.evaluate({ items }, "n/n")).toEqual([{ result: 100_000 }]);
    expect((p.evaluate({ items }, "n/big") as Array<{ result: unknown[] }>)[0].result).toHaveLength(9);
  });

  it("exports the METADATA annotations as a catalog", () => {
    const a = c.annotations.find((x) => x.title === "Buckets must be encrypted");
    expect(a?.path).toEqual(["data", "example", "deny"]);
    expect(a?.entrypoint).toBe(true);
  });

  it("defaults the entrypoints to annotated ones", () => {
    const d = compileSources([{ file: "example.rego", text: policy }]);
    expect(Object.keys(d.entrypoints)).toEqual(["example/deny"]);
  });
});

describe("iterating packages", () => {
  it("data.pkgs[p].rule computes only that rule of each package, and includes base data", async () => {
    const c = compileSources([
      { file: "a.rego", text: "package pkgs.a\nv := 1\nboom := 1 / input.zero\n" },
      { file: "b.rego", text: "package pkgs.b\nv := 2\n" },
      { file: "m.rego", text: "package m\nall := {p: v | v := data.pkgs[p].v}\n" },
    ], { entrypoints: ["m/all"], strict: true });
    const p = await loadPolicy(c.wasm);
    p.setData({ pkgs: { c: { v: 3 }, d: { w: 4 } } });
    // `boom` would fail (strict division by zero) if the whole package were computed
    expect(p.evaluate({ zero: 0 }, "m/all")).toEqual([{ result: { a: 1, b: 2, c: 3 } }]);
  });
});

describe("large constant tables", () => {
  it("ask for more memory than the SDK's default, and sanso's loader provides it", async () => {
    const big = Array.from({ length: 4000 }, (_, i) => `"${"x".repeat(100)}-${i}"`).join(", ");
    const c = compileSources([{ file: "big.rego", text: `package big\nitems := [${big}]\nn := count(items)\n` }], { entrypoints: ["big/n"] });
    expect(importedMemoryPages(c.wasm)).toBeGreaterThan(5);
    const p = await loadPolicy(c.wasm);
    expect(p.evaluate({}, "big/n")).toEqual([{ result: 4000 }]);
  });
});

describe("queries", () => {
  it("returns one row per solution, with the query's variables", async () => {
    const m = parseModule("package t\np contains x if { some x in [1, 2, 3] }\n", "t.rego");
    const c = compileQuery([m], "data.t.p[x]; x > 1");
    const p = await loadPolicy(c.wasm);
    expect(c.vars).toEqual(["x"]);
    expect(p.evaluate({}, QUERY_ENTRYPOINT)).toEqual([{ result: [{ x: 2 }, { x: 3 }] }]);
  });
});

function compileErrors(text: string): string[] {
  try {
    compileSources([{ file: "bad.rego", text }], { entrypoints: ["bad/p"] });
  } catch (e) {
    expect(e).toBeInstanceOf(RegoErrors);
    return (e as RegoErrors).errors.map((x) => x.message);
  }
  throw new Error("expected a compile error");
}

describe("compile errors name file:line:col", () => {
  it("reports syntax errors", () => {
    expect(compileErrors("package bad\np := {\n")[0]).toMatch(/^bad\.rego:\d+:\d+: /);
  });
  it("reports unsafe variables", () => {
    expect(compileErrors("package bad\np if { x > 1 }\n")).toEqual(["bad.rego:2:8: var x is unsafe"]);
  });
  it("reports unknown functions and wrong arity", () => {
    expect(compileErrors("package bad\np := no_such_fn(1)\n")[0]).toBe("bad.rego:2:6: undefined function no_such_fn");
    expect(compileErrors("package bad\np := count(1, 2, 3)\n")[0]).toMatch(/^bad\.rego:2:6: count: arity mismatch/);
  });
  it("reports numbers sanso cannot represent", () => {
    // an integer: its 309 digits are kept
    expect(() => compileSources([{ file: "big.rego", text: "package big\np := 2e308\n" }], { entrypoints: ["big/p"] })).not.toThrow();
    expect(compileErrors("package bad\np := 1.5e1000\n")[0]).toBe("bad.rego:2:6: number 1.5e1000 is outside the range sanso supports (64-bit floating point, integers of up to 900 digits)");
  });
  it("reports recursion", () => {
    expect(compileErrors("package bad\np if q\nq if p\n")[0]).toMatch(/bad\.rego:\d+:\d+: rule data\.bad\.\w is recursive/);
  });
  it("requires if before rule bodies (rego.v1)", () => {
    expect(compileErrors("package bad\np { true }\n")[0]).toMatch(/^bad\.rego:2:\d+: .*`if` keyword is required/);
  });
});

describe("runtime conflicts are errors, as in OPA", () => {
  it("complete rule with two values", async () => {
    const c = compileSources([{ file: "c.rego", text: "package c\np := 1 if input.a\np := 2 if input.b\n" }], { entrypoints: ["c/p"] });
    const p = await opa.loadPolicy(c.wasm);
    expect(p.evaluate({ a: true }, "c/p")).toEqual([{ result: 1 }]);
    expect(() => p.evaluate({ a: true, b: true }, "c/p")).toThrow(/c\.rego:\d+: eval_conflict_error: complete rules must not produce multiple outputs/);
  });
  it("object key conflicts", async () => {
    const c = compileSources([{ file: "o.rego", text: "package o\np[k] := v if { some k, v in input }\np.a := 9\n" }], { entrypoints: ["o/p"] });
    const p = await opa.loadPolicy(c.wasm);
    expect(p.evaluate({ b: 1 }, "o/p")).toEqual([{ result: { a: 9, b: 1 } }]);
    expect(() => p.evaluate({ a: 1 }, "o/p")).toThrow(/eval_conflict_error/);
  });
});

describe("with", () => {
  it("replaces input, data and functions", async () => {
    const c = compileSources([{
      file: "w.rego", text: `package w
f(x) := x + 1
g(x) := x * 10
p := input.v
q := y if y := p with input.v as 7
r := data.cfg.n
s := y if y := r with data.cfg.n as 3
t := y if y := f(1) with f as g
u := y if y := count([1, 2]) with count as 99
`,
    }], { entrypoints: ["w/q", "w/s", "w/t", "w/u", "w/p"] });
    const p = await opa.loadPolicy(c.wasm);
    p.setData({ cfg: { n: 1 } });
    expect(p.evaluate({ v: 1 }, "w/q")).toEqual([{ result: 7 }]);
    expect(p.evaluate({ v: 1 }, "w/p")).toEqual([{ result: 1 }]);
    expect(p.evaluate({}, "w/s")).toEqual([{ result: 3 }]);
    expect(p.evaluate({}, "w/t")).toEqual([{ result: 10 }]);
    expect(p.evaluate({}, "w/u")).toEqual([{ result: 99 }]);
  });
});
