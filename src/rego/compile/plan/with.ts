// Planning of `with`: the replacement values are evaluated first, outside the replaced context;
// input and base data are swapped in the runtime for the extent of the expression (with_save,
// with_swap), and swapped back around the rest of the body; replaced rules and functions are
// resolved at plan time, into a mock environment under which the called rules are planned again
// (their IR functions' names carry it), so that code without `with` pays no indirection.

import type { Expr, Term } from "../../syntax/ast.js";
import { RegoError } from "../../syntax/ast.js";
import type { DocNode } from "../program.js";
import { BUILTINS } from "../builtin-table.js";
import type { Stmt } from "../ir.js";
import { block, br, int, local, rt, set } from "../ir.js";
import { errs, type Ctx, type K, type MockEnv, type WithTarget } from "./context.js";
import type { Planner } from "./planner.js";

export function withExpr(p: Planner, e: Expr, ctx: Ctx, k: K): Stmt[] {
  let targets: WithTarget[];
  try {
    targets = e.with.map((w) => withTarget(p, ctx, w.target));
  } catch (err) {
    p.errors.push(...errs(err));
    return [{ s: "unreachable" }];
  }
  // Evaluate replacement values first, outside the replaced context (function replacements are
  // resolved at plan time instead).
  const evalWiths = (i: number, c: Ctx, vals: number[]): Stmt[] => {
    if (i === e.with.length) return applyWith(p, e, c, targets, vals, k);
    if (targets[i]!.kind === "func") return evalWiths(i + 1, c, [...vals, -1]);
    return p.term(e.with[i]!.value, c, (c2, v) => evalWiths(i + 1, c2, [...vals, v]));
  };
  return evalWiths(0, ctx, []);
}

export function withTarget(p: Planner, ctx: Ctx, target: Term): WithTarget {
  let path: string[];
  if (target.type === "var") path = [target.name];
  else if (target.type === "ref" && target.head.type === "var") {
    path = [target.head.name];
    for (const p of target.path) {
      if (p.type !== "string") throw new RegoError(target.loc, "with keyword target must be a ground reference", "rego_type_error");
      path.push(p.value);
    }
  } else throw new RegoError(target.loc, "invalid with target", "rego_type_error");
  if (path[0] === "input") return { kind: "input", path };
  if (path[0] === "data") {
    const node = p.program.find(path.slice(1));
    if (node?.leafKind === "function") return { kind: "func", path };
    return { kind: "data", path };
  }
  // a function (user or builtin) named relative to the module
  const r = p.names.resolveCall(ctx, path);
  return { kind: "func", path: r.path ?? [r.builtin!] };
}

export function applyWith(p: Planner, e: Expr, ctx: Ctx, targets: WithTarget[], vals: number[], k: K): Stmt[] {
  const fn = ctx.fn;
  const mocks: MockEnv = new Map(ctx.mocks);
  const savedInput = fn.temp(), savedData = fn.temp(), savedGen = fn.temp(), myGen = fn.temp();
  const newInput = fn.temp(), newData = fn.temp();
  const pre: Stmt[] = [
    { s: "with_save", input: savedInput, data: savedData, gen: savedGen },
    set(newInput, local(savedInput)),
    set(newData, local(savedData)),
  ];
  e.with.forEach((w, i) => {
    const target = targets[i]!;
    if (target.kind === "input") {
      pre.push(set(newInput, target.path.length === 1 ? local(vals[i]!) :
        rt("rt_upsert_path", [local(newInput), p.constVal(JSON.stringify(target.path.slice(1))), int(0), local(vals[i]!)])));
    } else if (target.kind === "data") {
      // A path into virtual documents is replaced at plan time; base data at run time.
      const node = p.program.find(target.path.slice(1));
      if (node?.virtual) {
        const g = p.fresh("mock$");
        pre.push({ s: "gset", g, v: local(vals[i]!) });
        mocks.set(target.path.join("."), { kind: "value", global: g });
      } else {
        // base data; a path inside a rule's value cannot be replaced (as in OPA)
        pre.push(set(newData, rt("rt_upsert_path", [local(newData), p.constVal(JSON.stringify(target.path.slice(1))), int(0), local(vals[i]!)])));
        if (virtualAncestor(p, target.path.slice(1))) {
          p.errors.push(new RegoError(w.loc, "with keyword cannot replace part of a rule's value", "rego_compile_error"));
        }
      }
    } else {
      const key = target.path.join(".");
      const value = w.value;
      if (value.type === "var" || value.type === "ref") {
        // replacement by another function, builtin or rule
        let name: string[] | undefined;
        if (value.type === "var") name = [value.name];
        else if (value.head.type === "var" && value.path.every((x) => x.type === "string")) name = [value.head.name, ...value.path.map((x) => (x as { value: string }).value)];
        if (name) {
          const r = p.names.resolveCall(ctx, name);
          if (r.path) {
            const node = p.program.find(r.path.slice(1));
            if (node?.leafKind === "function") { mocks.set(key, { kind: "func", targetPath: r.path }); return; }
          } else if (BUILTINS.has(r.builtin!) && !ctx.bound.has(name[0]!)) {
            mocks.set(key, { kind: "func", targetBuiltin: r.builtin });
            return;
          } else if (name.length > 1 && !ctx.bound.has(name[0]!) && !p.names.isGlobal(ctx, name[0]!)) {
            // a dotted name that is neither a variable nor a rule: a function sanso does not know
            p.errors.push(new RegoError(value.loc, `undefined function ${name.join(".")}`, "rego_type_error"));
            return;
          }
        }
      }
      // replacement by a value: evaluated now and held in a global
      const g = p.fresh("mock$");
      mocks.set(key, { kind: "value", global: g });
      pre.push(...p.term(w.value, ctx, (_c, v) => [{ s: "gset", g, v: local(v) }]));
    }
  });
  const swapIn: Stmt = { s: "with_swap", input: newInput, data: newData, gen: myGen };
  const restore: Stmt = { s: "with_swap", input: savedInput, data: savedData, gen: savedGen };
  const wfail = fn.label("wfail");
  const after = fn.label("wafter");
  const inner: Ctx = { ...ctx, fail: wfail, mocks };
  const plain: Expr = { ...e, with: [] };
  // each solution of the expression continues in the original context, then swaps back
  const bodyStmts = p.expr(plain, inner, (c) => [
    restore,
    block(after, k({ ...c, mocks: ctx.mocks, fail: after })),
    swapIn,
  ]);
  return [
    ...pre,
    set(myGen, rt("rt_next_gen")),
    block(wfail, [swapIn, ...bodyStmts]),
    restore,
    br(ctx.fail),
  ];
}

export function virtualAncestor(p: Planner, path: string[]): DocNode | undefined {
  let node: DocNode | undefined = p.program.root;
  for (const k of path) {
    if (!node) return undefined;
    if (node.leafKind || node.generated) return node;
    node = node.children.get(k);
  }
  return undefined;
}
