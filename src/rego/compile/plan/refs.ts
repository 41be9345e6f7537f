// Planning of references: into input, into a bound value, and into data, where the rule tree
// decides — a rule's document is a call of its (memoised) IR function, a key no rule defines is
// read from base data, a `with` replacement in force is read from its global, and
// `data.pkgs[x].a.b` over packages computes only `a.b` of each.

import type { Location, Term } from "../../syntax/ast.js";
import { RegoError } from "../../syntax/ast.js";
import type { DocNode } from "../program.js";
import type { Stmt } from "../ir.js";
import { block, br, cmp, doRt, eqz, int, local, rt, set } from "../ir.js";
import type { Ctx, KV } from "./context.js";
import type { Planner } from "./planner.js";

export function ref(p: Planner, t: Extract<Term, { type: "ref" }>, ctx: Ctx, k: KV): Stmt[] {
  const head = t.head;
  if (head.type === "var") {
    if (ctx.bound.has(head.name)) return walk(p, ctx.fn.local(head.name), t.path, 0, ctx, k);
    if (p.names.isGlobal(ctx, head.name)) {
      const base = p.names.globalPath(ctx, head.name);
      const path: Term[] = [...base.slice(1).map((s) => ({ type: "string", value: s, loc: t.loc }) as Term), ...t.path];
      if (base[0] === "input") {
        const l = ctx.fn.temp();
        return [set(l, rt("rt_input")), p.failIfZero(ctx, l), ...walk(p, l, path, 0, ctx, k)];
      }
      return dataRef(p, p.program.root, path, 0, ctx, k, t.loc);
    }
    p.errors.push(new RegoError(head.loc, `var ${head.name} is unsafe`, "rego_unsafe_var_error"));
    return [{ s: "unreachable" }];
  }
  return p.term(head, ctx, (c, v) => walk(p, v, t.path, 0, c, k));
}

/**
 * Applies ref path elements from index i to the value in local cur. `stored`: cur was read from
 * the base data, where an integer key also matches the object key of the same text (rt_get_doc).
 */
export function walk(p: Planner, cur: number, path: Term[], i: number, ctx: Ctx, k: KV, stored = false): Stmt[] {
  if (i === path.length) return k(ctx, cur);
  const el = path[i]!;
  if (p.isGround(ctx, el)) {
    return p.term(el, ctx, (c, key) => {
      const l = c.fn.temp();
      return [set(l, rt(stored ? "rt_get_doc" : "rt_get", [local(cur), local(key)])), p.failIfZero(c, l), ...walk(p, l, path, i + 1, c, k, stored)];
    });
  }
  return p.scan(cur, ctx, true, (c, key, val) => p.unifyValue(el, key!, c, (c2) => walk(p, val, path, i + 1, c2, k, stored)));
}

/** A reference into data: descends the rule tree while the path is constant. */
export function dataRef(p: Planner, node: DocNode, path: Term[], i: number, ctx: Ctx, k: KV, loc: Location): Stmt[] {
  const mock = ctx.mocks.get(["data", ...node.path].join("."));
  if (mock && mock.kind === "value" && node.path.length > 0) {
    const l = ctx.fn.temp();
    return [set(l, { k: "global", g: mock.global! }), p.failIfZero(ctx, l), ...walk(p, l, path, i, ctx, k)];
  }
  if (node.leafKind === "function") {
    p.errors.push(new RegoError(loc, `function ${node.id} must be called`, "rego_type_error"));
    return [{ s: "unreachable" }];
  }
  if (node.leafKind || node.generated) {
    const l = ctx.fn.temp();
    return [set(l, { k: "call", fn: p.docFn(node, ctx.mocks), args: [] }), p.failIfZero(ctx, l), ...walk(p, l, path, i, ctx, k)];
  }
  // The children of a node of the rule tree (packages, rule names, base documents of a package)
  // all have string keys: an integer here matches the key of the same text, as in OPA
  // (`data[2]` is data["2"]), and never names a rule, so the reference does not depend on every
  // rule below the node (which made `p := data[2]` recursive).
  const el0 = path[i];
  if (el0 && el0.type === "number" && Number.isInteger(el0.value)) {
    const keyed = [...path];
    keyed[i] = { type: "string", value: el0.raw, loc: el0.loc };
    return dataRef(p, node, keyed, i, ctx, k, loc);
  }
  if (i < path.length) {
    const el = path[i]!;
    if (el.type === "string") {
      const child = node.children.get(el.value);
      if (child) return dataRef(p, child, path, i + 1, ctx, k, loc);
      if (!node.virtual) return baseData(p, node.path, path, i, ctx, k);
      // a key that no rule defines: only base data can have it
      const l = ctx.fn.temp();
      return [...baseDataLocal(p, l, node.path), p.failIfZero(ctx, l), ...walk(p, l, path, i, ctx, k, true)];
    }
  }
  if (!node.virtual) return baseData(p, node.path, path, i, ctx, k);
  const rest = path.slice(i + 1);
  if (i < path.length && rest.length > 0 && rest.every((t) => t.type === "string")) {
    return selectChildren(p, node, path[i]!, rest.map((t) => (t as { value: string }).value), ctx, k, loc);
  }
  const l = ctx.fn.temp();
  return [set(l, { k: "call", fn: p.docFn(node, ctx.mocks), args: [] }), p.failIfZero(ctx, l), ...walk(p, l, path, i, ctx, k)];
}

/**
 * `data.pkgs[x].a.b` over a node of packages: instead of computing every document below the
 * node, only `a.b` of each child is computed, into an object keyed by child name (plus base
 * data), which is then iterated.
 */
export function selectChildren(p: Planner, node: DocNode, key: Term, rest: string[], ctx: Ctx, k: KV, loc: Location): Stmt[] {
  const fn = ctx.fn;
  const obj = fn.temp();
  const restTerms = rest.map((s) => ({ type: "string", value: s, loc }) as Term);
  const stmts: Stmt[] = [set(obj, rt("rt_obj_new"))];
  for (const [name, child] of p.program.documentChildren(node)) {
    const lbl = fn.label("child");
    const c: Ctx = { ...ctx, fail: lbl };
    stmts.push(block(lbl, dataRef(p, child, restTerms, 0, c, (_c, v) => [doRt("rt_obj_put", [local(obj), p.strVal(name), local(v)])], loc)));
  }
  // base documents under the node, for keys no rule or package defines
  const base = fn.temp();
  stmts.push(...baseDataLocal(p, base, node.path));
  stmts.push({
    s: "if", cond: cmp("ne", local(base), int(0)), then: p.loopOver(fn, base, true, (next, bkey, bval) => [
      ...[...node.children.keys()].map((name) => br(next, rt("rt_equal", [local(bkey!), p.strVal(name)]))),
      ...rest.flatMap((r) => [set(bval, rt("rt_get", [local(bval), p.strVal(r)])), br(next, eqz(local(bval)))]),
      doRt("rt_obj_put", [local(obj), local(bkey!), local(bval)]),
    ]),
  });
  return [...stmts, ...walk(p, obj, [key], 0, ctx, k)];
}

/** l := the base data at nodePath (0 when absent). */
export function baseDataLocal(p: Planner, l: number, nodePath: string[]): Stmt[] {
  const stmts: Stmt[] = [set(l, rt("rt_data"))];
  for (const key of nodePath) stmts.push(set(l, rt("rt_get", [local(l), p.strVal(key)])));
  return stmts;
}

export function baseData(p: Planner, nodePath: string[], path: Term[], i: number, ctx: Ctx, k: KV): Stmt[] {
  const l = ctx.fn.temp();
  const stmts: Stmt[] = [set(l, rt("rt_data"))];
  for (const key of nodePath) {
    stmts.push(set(l, rt("rt_get", [local(l), p.strVal(key)])));
    stmts.push(p.failIfZero(ctx, l));
  }
  return [...stmts, ...walk(p, l, path, i, ctx, k, true)];
}
