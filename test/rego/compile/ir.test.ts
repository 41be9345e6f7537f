// The planner's IR: what a few small rules plan to, the check stage (every rule planned, reached
// or not), and that only the functions the entrypoints reach are emitted.
import { describe, expect, it } from "vitest";
import { parseModule } from "../../../src/rego/syntax/index.js";
import { Program } from "../../../src/rego/compile/program.js";
import { plan } from "../../../src/rego/compile/codegen.js";
import { compileSources } from "../../../src/rego/compile/index.js";
import { formatFunction, formatProgram, reachable, type IrProgram, type Stmt } from "../../../src/rego/compile/ir.js";

const planOf = (text: string, entrypoints: string[]): IrProgram =>
  plan(new Program([parseModule(`package t\n\n${text}\n`, "t.rego", { regoVersion: 1 })]), { entrypoints: entrypoints.map((e) => e.split("/")) });

/** The printed IR of one planned function. */
const printed = (ir: IrProgram, name: string): string => {
  const f = ir.functions.get(name);
  if (!f) throw new Error(`${name} was not planned; planned: ${[...ir.functions.keys()].join(", ")}`);
  return formatFunction(f);
};

/** Every statement, depth first. */
function* walk(ss: Stmt[]): Iterable<Stmt> {
  for (const s of ss) {
    yield s;
    if (s.s === "block" || s.s === "scan") yield* walk(s.body);
    if (s.s === "if") yield* walk(s.then);
  }
}

describe("the IR of small rules", () => {
  it("`not` is a block that breaks to the rule's failure on success and falls through on failure", () => {
    const ir = planOf("p if { not input.x }", ["t/p"]);
    const body = ir.functions.get("doc:data.t.p")!.body;
    const rule = [...walk(body)].find((s): s is Extract<Stmt, { s: "block" }> => s.s === "block" && s.label === "rule0")!;
    const not = rule.body[0]!;
    expect(not).toMatchObject({ s: "block", label: "not1" });
    const inner = (not as Extract<Stmt, { s: "block" }>).body;
    // the negated expression's failures leave the `not` block; its success fails the rule
    expect(inner.at(-1)).toEqual({ s: "br", label: "rule0" });
    expect(inner.slice(0, -1).filter((s) => s.s === "br").every((s) => (s as { label: string }).label === "not1")).toBe(true);
    // after the block: the rule's value
    expect(rule.body[1]).toEqual({ s: "set", dst: expect.any(Number), v: { k: "const", text: "true" } });
  });

  it("`some x in xs` is a scan whose failures move to the next element", () => {
    const text = printed(planOf("q contains x if { some x in input.xs; x > 1 }", ["t/q"]), "doc:data.t.q");
    expect(text).toContain("scan l3 as l4 next next1 {");
    expect(text).toMatch(/br next1 if !\(rt_compare\(l5, l6\) > 0\)/);
    expect(text).toContain("rt_set_add(l0, l5)");
    // a complete document is memoised; a partial set too
    expect(text.split("\n")[1]).toBe("  memo_get");
  });

  it("a function replaced by a value with `with` is a global set before the swap and read by the call", () => {
    const ir = planOf("f(a) := a + 1\n\nr := y if { y := f(1) with f as 2 }", ["t/r"]);
    const text = printed(ir, "doc:data.t.r");
    expect(text).toMatch(/with_save input→l2 data→l3 gen→l4\n[^]*global mock\$0 = l8\n[^]*with_swap input=l6 data=l7 gen=l5\n[^]*l10 = global mock\$0/);
    // the function itself is not called under the replacement: it is planned (check stage) but not reached
    expect(reachable(ir)).toEqual(["doc:data.t.r"]);
    expect(ir.functions.has("fn:data.t.f")).toBe(true);
  });

  it("a native builtin with a JavaScript fallback and a set result carries both in its statement", () => {
    const ir = planOf('p := x if { x := sprintf("%d", [1]) }\n\nq := x if { x := net.cidr_merge(["10.0.0.0/24"]) }', ["t/p", "t/q"]);
    const builtins = [...ir.functions.values()].flatMap((f) => [...walk(f.body)]).filter((s) => s.s === "builtin");
    expect(builtins.find((s) => s.name === "sprintf")).toMatchObject({ native: "bi_sprintf", fallback: true });
    expect(builtins.find((s) => s.name === "net.cidr_merge")).toMatchObject({ castSet: true });
    expect(builtins.find((s) => s.name === "net.cidr_merge")).not.toHaveProperty("native");
  });

  it("is plain data: JSON round trip keeps it", () => {
    const ir = planOf("p contains k if { some k, v in input; v == [1, {k: 2}] }", ["t/p"]);
    const f = ir.functions.get("doc:data.t.p")!;
    expect(JSON.parse(JSON.stringify(f))).toEqual(f);
  });
});

describe("the check stage", () => {
  it("plans a rule no entrypoint reaches, and reports its unsafe variable", () => {
    let errors: unknown[] = [];
    try {
      planOf("ok := 1\n\nq if { x > 1 }", ["t/ok"]);
    } catch (e) {
      errors = e as unknown[];
    }
    expect(errors.map(String)).toEqual([expect.stringMatching(/t\.rego:5:8: var x is unsafe/)]);
  });

  it("plans every rule but the emitter emits only the reached ones", () => {
    const text = 'ok := 1\n\nq := x if { x := net.cidr_merge(["10.0.0.0/24"]); x != {"only-in-q"} }';
    const ir = planOf(text, ["t/ok"]);
    expect([...ir.functions.keys()].sort()).toEqual(["doc:data.t.ok", "doc:data.t.q"]);
    expect(reachable(ir)).toEqual(["doc:data.t.ok"]);
    expect(formatProgram(ir)).toContain("; not reached: planned by the check stage, not emitted\nfunc doc:data.t.q(");
    expect(formatProgram(ir)).not.toContain("; not reached: planned by the check stage, not emitted\nfunc doc:data.t.ok(");
    const compile = (entrypoints: string[]) => compileSources([{ file: "t.rego", text: `package t\n\n${text}\n` }], { entrypoints, optimize: false });
    // the constant table and the builtin imports hold only what the emitted functions use
    const unreached = compile(["t/ok"]);
    expect(unreached.builtins).toEqual({});
    expect(latin1(unreached.wasm)).not.toContain("only-in-q");
    const reached = compile(["t/ok", "t/q"]);
    expect(Object.keys(reached.builtins)).toEqual(["net.cidr_merge"]);
    expect(latin1(reached.wasm)).toContain("only-in-q");
  });
});

const latin1 = (wasm: Uint8Array): string => new TextDecoder("latin1").decode(wasm);
