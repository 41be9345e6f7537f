// Variable renaming in ASTs, for scopes that must not share names with the enclosing body
// (the key and value variables of `every`).

import type { Body, Expr, Term, VarTerm } from "../syntax/ast.js";

/** A copy of an every-expression with its own variables renamed (the domain keeps outer names). */
export function renameInBody(e: Extract<Expr["body"], { type: "every" }>, names: Map<string, string>): Extract<Expr["body"], { type: "every" }> {
  const rt = (t: Term): Term => renameTerm(t, names);
  const rb = (body: Body): Body => body.map((x) => renameExpr(x, names));
  return { ...e, key: e.key ? rt(e.key) : undefined, value: rt(e.value), body: rb(e.body) };
}

function renameExpr(e: Expr, names: Map<string, string>): Expr {
  const rt = (t: Term): Term => renameTerm(t, names);
  const b = e.body;
  let body: Expr["body"];
  switch (b.type) {
    case "term": body = { type: "term", term: rt(b.term) }; break;
    case "some": body = { type: "some", vars: b.vars.map((v) => rt(v) as VarTerm) }; break;
    case "somein": body = { type: "somein", key: b.key ? rt(b.key) : undefined, value: rt(b.value), collection: rt(b.collection) }; break;
    case "every": body = { type: "every", key: b.key ? rt(b.key) : undefined, value: rt(b.value), domain: rt(b.domain), body: b.body.map((x) => renameExpr(x, names)) }; break;
  }
  return { ...e, body, with: e.with.map((w) => ({ ...w, value: rt(w.value) })) };
}

function renameTerm(t: Term, names: Map<string, string>): Term {
  const r = (x: Term) => renameTerm(x, names);
  switch (t.type) {
    case "var": { const n = names.get(t.name); return n ? { ...t, name: n } : t; }
    case "ref": return { ...t, head: r(t.head), path: t.path.map(r) };
    case "array": return { ...t, items: t.items.map(r) };
    case "set": return { ...t, items: t.items.map(r) };
    case "object": return { ...t, entries: t.entries.map(([k, v]) => [r(k), r(v)] as [Term, Term]) };
    case "call": return { ...t, args: t.args.map(r) };
    case "arraycompr": return { ...t, term: r(t.term), body: t.body.map((x) => renameExpr(x, names)) };
    case "setcompr": return { ...t, term: r(t.term), body: t.body.map((x) => renameExpr(x, names)) };
    case "objectcompr": return { ...t, key: r(t.key), value: r(t.value), body: t.body.map((x) => renameExpr(x, names)) };
  }
  return t;
}
