// OPA's improved negation (future.keywords.not, future.keywords, rego.v2): `not { body }` succeeds
// when the body has no solution (outer variables seen inside, inner ones local), and a negated
// expression keeps its sub-expressions inside the negation, so an undefined argument makes the
// `not` succeed. Without the import, references in call arguments are bound before the `not`.
import { describe, expect, it } from "vitest";
import { parseModule } from "../../../src/rego/syntax/index.js";
import { compileQuery, QUERY_ENTRYPOINT } from "../../../src/rego/compile/index.js";
import { loadPolicy } from "../../../src/rego/bundle/load.js";

async function doc(module: string, input: unknown): Promise<Record<string, unknown>> {
  const c = compileQuery([parseModule(module, "t.rego")], "data.t = x", { optimize: false });
  const rs = (await loadPolicy(c.wasm)).evaluate(input, QUERY_ENTRYPOINT) as Array<{ result: Array<{ x: Record<string, unknown> }> }>;
  return rs[0]!.result[0]!.x;
}

const RULES = `
f(_) := true
allowed := {"a"}
call_arg if not f(input.missing)
builtin_arg if not startswith(input.missing, "x")
key if not allowed[input.missing]
body_false if not { input.a; input.b }
body_true if not { input.a; input.a }
body_local if { some x in input.xs; not { y := x + 1; y == 3 } }
body_compr := [x | some x in input.xs; not { x == 2 }]
body_with if { not { input.a == 1 } with input.a as 2 }
body_outer if { x := 3; not { some z in input.xs; z == x } }
body_none if { not { some z in input.xs; z > 5 } }
`;
const INPUT = { a: true, b: false, xs: [1, 2, 3] };

describe("improved negation", () => {
  it.each(["future.keywords.not", "future.keywords", "rego.v2"])("with import %s", async (imp) => {
    const d = await doc(`package t\nimport ${imp}\n${RULES}`, INPUT);
    for (const r of ["call_arg", "builtin_arg", "key", "body_false", "body_local", "body_with", "body_none"]) expect(d[r], r).toBe(true);
    expect(d.body_true).toBeUndefined();
    expect(d.body_outer).toBeUndefined();
    expect(d.body_compr).toEqual([1, 3]);
  });

  it("without it, references in arguments are bound before the not (legacy)", async () => {
    const d = await doc(`package t\n${RULES.split("\n").filter((l) => !l.startsWith("body")).join("\n")}`, INPUT);
    for (const r of ["call_arg", "builtin_arg", "key"]) expect(d[r], r).toBeUndefined();
  });

  it("a variable only inside the body and never bound is unsafe; a body's variables stay inside", () => {
    const compile = (src: string) => compileQuery([parseModule(`package t\nimport future.keywords.not\n${src}`, "t.rego")], "data.t = x");
    expect(() => compile("p if { not { y == 1 } }")).toThrow(/t\.rego:3:14: var y is unsafe/);
    expect(() => compile("p if { not { x := 1 }; x == 1 }")).toThrow(/var x is unsafe/);
  });

  it("not x := ... is OPA's compile error, with or without the import", () => {
    expect(() => compileQuery([parseModule("package t\np if { not x := input.a }", "t.rego")], "data.t = x")).toThrow(/t\.rego:2:8: cannot assign vars inside negated expression/);
  });
});
