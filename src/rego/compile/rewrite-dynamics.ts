/**
 * Under `not`, a reference that is an argument of a call (`not f(input.x)`, `not input.x != 1`)
 * or a key inside a reference (`not s[input.x]`) is bound before the negation, as OPA's compiler
 * does (its RewriteDynamicTerms stage moves such references into `__localN__ = <ref>` placed
 * before the expression, with the expression's `with` modifiers): when the reference is undefined
 * the body fails, instead of the negation succeeding. A reference standing alone (`not input.x`)
 * and the operands of `==` and `=` (OPA rewrites `==` into unification first, and a unification
 * moves only the references nested in its operands) stay inside the negation. Only references without variables in their path are moved, so no
 * variable becomes bound that the safety check would have reported; elsewhere the rewrite changes
 * nothing (a binding before a non-negated expression fails exactly when the expression would).
 *
 * A module that imports OPA's improved negation (`future.keywords.not`, `future.keywords`,
 * `rego.v2`; ast.ts's improvedNegation) keeps every negated expression whole: what the compiler
 * expands from it stays inside the negation, so an undefined sub-expression makes the `not`
 * succeed (OPA 1.17: "implicit body wrapping").
 *
 * In every module, `not x := ...` is OPA's compile error `cannot assign vars inside negated
 * expression` (an assignment under `not` could never be seen).
 */
import { improvedNegation, RegoError, RegoErrors, type Body, type Expr, type Module, type Term, type VarTerm } from "../syntax/ast.js";

export function rewriteNegatedDynamics(modules: Module[]): void {
  let n = 0;

  /** A reference whose path holds only constants and such references. */
  const movable = (t: Term): boolean =>
    t.type === "ref" && t.head.type === "var" && t.path.every((p) => p.type !== "var" && (p.type !== "ref" || movable(p)) && !isComposite(p));

  const hoist = (t: Term, e: Expr, pre: Expr[]): Term => {
    if (t.type === "ref") {
      if (!movable(t)) return t;
      const ref: Term = { ...t, path: t.path.map((p) => hoist(p, e, pre)) };
      const v: VarTerm = { type: "var", name: `$dyn${n++}`, loc: t.loc };
      pre.push({ loc: e.loc, negated: false, with: e.with, body: { type: "term", term: { type: "call", op: ["eq"], args: [v, ref], loc: t.loc } } });
      return v;
    }
    if (t.type === "array" || t.type === "set") return { ...t, items: t.items.map((x) => hoist(x, e, pre)) };
    if (t.type === "object") return { ...t, entries: t.entries.map(([k, v]) => [hoist(k, e, pre), hoist(v, e, pre)] as [Term, Term]) };
    return t;
  };

  /** A reference standing alone (or a unification's operand): only the references in its path move. */
  const nestedRefsHoisted = (t: Term, e: Expr, pre: Expr[]): Term =>
    t.type === "ref" ? { ...t, path: t.path.map((p) => (p.type === "ref" ? hoist(p, e, pre) : p)) } : t;

  const errors: RegoError[] = [];
  let hoisting = true;

  const rewriteBody = (body: Body): Body => {
    const out: Body = [];
    for (const e of body) {
      walk(e);
      if (e.negated && e.body.type === "term" && e.body.term.type === "call" && e.body.term.op.length === 1 && e.body.term.op[0] === "assign") {
        errors.push(new RegoError(e.loc, "cannot assign vars inside negated expression", "rego_compile_error"));
      }
      if (hoisting && e.negated && e.body.type === "term") {
        const t = e.body.term;
        const pre: Expr[] = [];
        if (t.type === "call" && isUnification(t)) {
          // OPA turns `==` into `=` (its RewriteEquals stage runs first) and, for a unification,
          // moves only the references nested inside its operands: `not c.x == false` stays whole
          e.body = { type: "term", term: { ...t, args: t.args.map((a) => nestedRefsHoisted(a, e, pre)) } };
        } else if (t.type === "call") {
          e.body = { type: "term", term: { ...t, args: t.args.map((a) => hoist(a, e, pre)) } };
        } else if (t.type === "ref") {
          e.body = { type: "term", term: nestedRefsHoisted(t, e, pre) };
        }
        out.push(...pre);
      }
      out.push(e);
    }
    return out;
  };

  /** Rewrites every body nested in a node (comprehensions, `every`, else chains). */
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) {
      for (const x of node) walk(x);
      return;
    }
    if (!node || typeof node !== "object") return;
    const o = node as Record<string, unknown>;
    for (const k of Object.keys(o)) {
      if (k === "loc") continue;
      if (k === "body" && Array.isArray(o[k])) o[k] = rewriteBody(o[k] as Body);
      else walk(o[k]);
    }
  };

  for (const m of modules) {
    hoisting = !improvedNegation(m.imports);
    for (const r of m.rules) walk(r);
  }
  if (errors.length) throw new RegoErrors(errors);
}

/** `x = y` and `x == y` (which OPA rewrites into `x = y` before moving references). */
function isUnification(t: Extract<Term, { type: "call" }>): boolean {
  return t.op.length === 1 && (t.op[0] === "eq" || t.op[0] === "equal");
}

function isComposite(t: Term): boolean {
  return t.type === "array" || t.type === "set" || t.type === "object";
}
