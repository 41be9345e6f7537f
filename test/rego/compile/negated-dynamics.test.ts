// Under `not`, a reference that is a call's argument or a key inside a reference is bound before
// the negation (OPA's RewriteDynamicTerms): when it is undefined the body fails. A reference
// standing alone, and the operands of == and =, stay inside the negation (OPA rewrites == into =
// first, and moves only the references nested in a unification's operands). With modifiers apply to the moved binding too.
import { describe, expect, it } from "vitest";
import { parseModule } from "../../../src/rego/syntax/index.js";
import { compileQuery, QUERY_ENTRYPOINT } from "../../../src/rego/compile/index.js";
import { loadPolicy } from "../../../src/rego/bundle/load.js";

const MODULE = `package t
f(_) := true
allowed := {"a"}
call_arg if not f(input.missing)
builtin_arg if not startswith(input.missing, "x")
operator if not input.missing != 1
equal_operand if not input.missing == 1
unify_operand if not input.missing = 1
equal_nested_key if not allowed[input.missing] == true
key if not allowed[input.missing]
alone if not input.missing
nested_arg if not f([input.missing])
present if not startswith(input.name, "x")
with_modifier if not f(input.other) with input.other as 1
in_comprehension := [1 | not f(input.missing)]
`;

describe("references under not", () => {
  it("make the body fail when a call argument or a key is undefined, as in OPA", async () => {
    const c = compileQuery([parseModule(MODULE, "t.rego")], "data.t = x", { optimize: false });
    const rs = (await loadPolicy(c.wasm)).evaluate({ name: "abc" }, QUERY_ENTRYPOINT) as Array<{ result: Array<{ x: Record<string, unknown> }> }>;
    const doc = rs[0]!.result[0]!.x;
    for (const rule of ["call_arg", "builtin_arg", "operator", "key", "nested_arg", "with_modifier"]) expect(doc[rule], rule).toBeUndefined();
    expect(doc.alone).toBe(true);
    // == and = keep their operands under the negation (OPA: a container without the field is a violation)
    expect(doc.equal_operand).toBe(true);
    expect(doc.unify_operand).toBe(true);
    expect(doc.equal_nested_key).toBeUndefined();
    expect(doc.present).toBe(true);
    expect(doc.in_comprehension).toEqual([]);
  });
});
