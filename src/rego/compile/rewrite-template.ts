/**
 * Template strings (`$"hello {input.name}"`, OPA 1.12) are lowered, as OPA's compiler lowers them
 * (its StageRewriteTemplateStrings), into one call of the builtin `internal.template_string` whose
 * operand is the array of the template's parts:
 *
 *   - the text between expressions, and an expression that is a string, number, boolean or null
 *     literal, stay as they are;
 *   - any other expression `e` becomes the set of its values, `{[$t, sprintf("%v", [$t])] | $t = e}`
 *     (with e's `with` modifiers on the comprehension's expression), so an undefined expression is
 *     the empty set, rendered `<undefined>`, and never makes the template undefined.
 *
 * OPA's set holds the values themselves (`{$t | $t = e}`). sanso's JavaScript builtins receive
 * values as JSON, in which a set cannot be told from an array (nor a big integer kept whole), so
 * each value travels with its text, as `sprintf("%v", ...)` writes it: strings as they are, other
 * values in Rego's syntax (`{"c"}`, `set()`, `["a", "b"]`, `{"d": "e"}`), which is OPA's rendering.
 * The builtin (bundle/builtins/template-string.ts) joins the parts; a set of two or more values is
 * OPA's `eval_conflict_error: template-strings must not produce multiple outputs`.
 *
 * This runs before every other stage, so nothing after it sees a template term.
 */
import type { Expr, Module, Rule, Term, TemplateStringTerm, VarTerm } from "../syntax/ast.js";
import { isTemplateExpr } from "../syntax/ast.js";
import { rewriteBottomUp } from "../syntax/rewrite.js";

export const TEMPLATE_STRING_BUILTIN = "internal.template_string";

/** The builtin's declaration, as OPA's capabilities declare it: an array of parts to a string. */
export const TEMPLATE_STRING_DECL = "A<a> -> s";

/** The call a template string is lowered to; `fresh` names the comprehensions' variables. */
export function lowerTemplate(t: TemplateStringTerm, fresh: () => string): Term {
  const loc = t.loc;
  // only text and literals: the string itself
  if (!t.parts.some(isTemplateExpr)) {
    return { type: "string", value: t.parts.map((p) => (literalText(p as Term) as Extract<Term, { type: "string" }>).value).join(""), loc };
  }
  const items: Term[] = t.parts.map((p): Term => {
    if (!isTemplateExpr(p)) return literalText(p);
    if (p.body.type !== "term") throw new Error("template-string expression is not a term"); // the parser allows only terms
    const v: VarTerm = { type: "var", name: fresh(), loc: p.loc };
    const text: Term = { type: "call", op: ["sprintf"], args: [{ type: "string", value: "%v", loc: p.loc }, { type: "array", items: [v], loc: p.loc }], loc: p.loc };
    const body: Expr[] = [{ loc: p.loc, negated: false, with: p.with, body: { type: "term", term: { type: "call", op: ["eq"], args: [v, p.body.term], loc: p.loc } } }];
    return { type: "setcompr", term: { type: "array", items: [v, text], loc: p.loc }, body, loc: p.loc };
  });
  return { type: "call", op: TEMPLATE_STRING_BUILTIN.split("."), args: [{ type: "array", items, loc }], loc };
}

/**
 * A literal part as the text OPA writes for it: a number as written in the source (OPA keeps a
 * number literal's text; `12345678901234567890` stays whole), true, false, null.
 */
function literalText(t: Term): Term {
  switch (t.type) {
    case "number": return { type: "string", value: t.raw, loc: t.loc };
    case "boolean": return { type: "string", value: String(t.value), loc: t.loc };
    case "null": return { type: "string", value: "null", loc: t.loc };
    default: return t;
  }
}

const hasTemplate = (t: unknown): boolean => {
  if (Array.isArray(t)) return t.some(hasTemplate);
  if (!t || typeof t !== "object") return false;
  const o = t as Record<string, unknown>;
  return o.type === "template" || Object.keys(o).some((k) => k !== "loc" && hasTemplate(o[k]));
};

/**
 * Lowers every template string of the modules' rules (heads, bodies, else links), innermost first.
 * A function argument holding a template (`f($"{x}") := ...`) becomes a variable unified with it
 * in the body, as OPA rewrites an argument that is not a variable, so the template's variables
 * may be bound by the body.
 */
export function rewriteTemplateStrings(modules: Module[]): void {
  let n = 0;
  const fresh = () => `$tpl${n++}`;
  const replace = (o: Record<string, unknown>): unknown => (o.type === "template" ? lowerTemplate(o as unknown as TemplateStringTerm, fresh) : o);
  for (const m of modules) {
    for (const rule of m.rules) {
      for (let r: Rule | undefined = rule; r; r = r.else) {
        const args = r.head.args;
        if (!args) continue;
        args.forEach((a, i) => {
          if (!hasTemplate(a)) return;
          const v: VarTerm = { type: "var", name: fresh(), loc: a.loc };
          args[i] = v;
          r!.body.push({ loc: a.loc, negated: false, with: [], body: { type: "term", term: { type: "call", op: ["eq"], args: [v, a], loc: a.loc } } });
        });
      }
      rewriteBottomUp(rule, replace);
    }
  }
}
