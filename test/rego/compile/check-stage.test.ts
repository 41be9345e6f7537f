// Every rule is checked, reached or not: OPA's compiler rejects a module whose unreached rule is
// unsafe, recursive or calls an undefined function. What only the check generated is not emitted.
import { describe, expect, it } from "vitest";
import { compileSources } from "../../../src/rego/compile/index.js";

const compile = (text: string, entrypoints: string[]) => compileSources([{ file: "p.rego", text: `package p\n\nimport rego.v1\n\n${text}\n` }], { entrypoints });

describe("the check stage over unreached rules", () => {
  it("reports an unsafe variable in a rule no entrypoint reaches", () => {
    expect(() => compile("ok := 1\n\nq if { x > 1 }", ["p/ok"])).toThrow(/p\.rego:7:8: var x is unsafe/);
  });

  it("reports recursion among unreached rules", () => {
    expect(() => compile("ok := 1\n\na if b\n\nb if a", ["p/ok"])).toThrow(/rule data.p.a is recursive/);
  });

  it("reports an undefined function in an unreached rule", () => {
    expect(() => compile("ok := 1\n\nq := nosuch.fn(1)", ["p/ok"])).toThrow(/undefined function nosuch\.fn/);
  });

  it("emits only what the entrypoints reach: no builtin of an unreached rule is imported", () => {
    const withUnreached = compile('ok := 1\n\nq := net.cidr_merge(["10.0.0.0/24", "10.0.1.0/24"])', ["p/ok"]);
    expect(Object.keys(withUnreached.builtins)).not.toContain("net.cidr_merge");
    const reached = compile('ok := 1\n\nq := net.cidr_merge(["10.0.0.0/24", "10.0.1.0/24"])', ["p/ok", "p/q"]);
    expect(Object.keys(reached.builtins)).toContain("net.cidr_merge");
    const alone = compile("ok := 1", ["p/ok"]);
    // the unreached rule's functions are dropped: the module is about the size of the one without it
    expect(Math.abs(withUnreached.wasm.byteLength - alone.wasm.byteLength)).toBeLessThan(200);
  });
});

describe("a variable bound through a ref in the same comparison", () => {
  it("`some foo; foo == input.foos[foo]` binds foo through the ref, as OPA does", async () => {
    const { loadPolicy } = await import("../../../src/rego/bundle/load.js");
    const c = compile("p contains foo if {\n\tsome foo\n\tfoo == input.foos[foo]\n}\n\nq contains foo if {\n\tsome foo\n\tstartswith(input.foos[foo], foo)\n}", ["p/p", "p/q"]);
    const policy = await loadPolicy(c.wasm);
    const input = { foos: { a: "a", b: "c", c: 1, d: "dd" } };
    expect((policy.evaluate(input, "p/p") as Array<{ result: unknown }>)[0]!.result).toEqual(["a"]);
    expect((policy.evaluate(input, "p/q") as Array<{ result: unknown }>)[0]!.result).toEqual(["a", "d"]);
  });
});

describe("an integer key on the data tree", () => {
  it("`p := data[2]` is no recursion: an integer never names a rule; it matches base data's key \"2\"", async () => {
    const { compileSources: compileWithData } = await import("../../../src/rego/compile/index.js");
    const { loadPolicy } = await import("../../../src/rego/bundle/load.js");
    const c = compileWithData([{ file: "p.rego", text: "package p\n\nimport rego.v1\n\nq := data[2]\n\narr := [10, 20]\n\nfirst := data.p.arr[0]\n" }], { entrypoints: ["p/q", "p/first"] });
    const policy = await loadPolicy(c.wasm);
    policy.setData({ "2": "top" });
    expect((policy.evaluate({}, "p/q") as Array<{ result: unknown }>)[0]!.result).toBe("top");
    expect((policy.evaluate({}, "p/first") as Array<{ result: unknown }>)[0]!.result).toBe(10);
  });
});
