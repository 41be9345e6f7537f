// The planner: decides what a rule body computes and writes it down as IR (../ir.ts).
//
// Bodies are planned in continuation-passing style onto structured control flow:
//  - every value lives in an i32 local (a pointer into the runtime's heap, 0 = undefined);
//  - an expression that fails breaks (`br`) to the current failure label: the end of the
//    innermost iteration (try the next element) or of the whole body (no more solutions);
//  - iteration over a collection is a `scan` whose body holds the rest of the rule body, so
//    backtracking is just "next element";
//  - `not`, `every` and comprehensions are inlined blocks; rules and functions become IR
//    functions (rules.ts), complete rules and documents memoised per evaluation.
// This file holds bodies, expressions, unification, iteration, terms and calls; references are
// refs.ts's, `with` is with.ts's (input/data swapped in the runtime; replaced rules and functions
// resolved at plan time into "mock environments", so no indirection is paid without `with`).
//
// Planning is also where a body is checked: its order (safety.ts: unsafe variables), the
// functions it calls (undefined, arity), references to functions that are not called; the call
// graph it records is checked for recursion (recursion.ts). Errors are collected, not thrown, so
// that every rule's are reported.

import type { Body, Expr, Location, Term, VarTerm } from "../../syntax/ast.js";
import { RegoError } from "../../syntax/ast.js";
import { resultIsSet } from "../set-results.js";
import type { DocNode, Program } from "../program.js";
import { reorderBody, topVars, exprTopVars, unifyPairs, declaredVars, type SafetyContext } from "../safety.js";
import { BUILTINS } from "../builtin-table.js";
import { constText } from "../constants.js";
import { Resolver } from "../resolve.js";
import { renameInBody } from "../rename.js";
import type { IrFunction, Stmt, Val } from "../ir.js";
import { block, br, brIfUndefined, cmp, doRt, eqz, int, local, rt, set } from "../ir.js";
import { CallGraph } from "./recursion.js";
import { errs, envKey, type Ctx, type FnBuilder, type K, type KV, type MockEnv } from "./context.js";
import { planDocument, planFunction } from "./rules.js";
import { ref } from "./refs.js";
import { withExpr } from "./with.js";

export interface PlanOptions {
  /** builtin calls record their location, which strict mode's errors name */
  strict?: boolean;
}

export class Planner {
  readonly names: Resolver;
  /** every function planned so far, by name */
  readonly functions = new Map<string, IrFunction>();
  readonly errors: RegoError[] = [];
  readonly calls = new CallGraph();
  private pending: Array<() => void> = [];
  private counter = 0;
  /** the function being planned ("" at the top: entrypoints, check stage) */
  current = "";

  constructor(readonly program: Program, readonly opts: PlanOptions) {
    this.names = new Resolver(program);
  }

  /** Plans what the functions requested so far call, transitively. */
  drain(): void {
    while (this.pending.length) this.pending.shift()!();
  }

  /** A name no other planned global or variable has. */
  fresh(prefix: string): string {
    return `${prefix}${this.counter++}`;
  }

  // ------------------------------------------------------------------ helpers

  constVal(text: string): Val { return { k: "const", text }; }
  strVal(s: string): Val { return this.constVal(JSON.stringify(s)); }

  /** Aborts evaluation with OPA's error code and message, naming the rule's file and line. */
  abort(loc: Location, code: string, msg: string): Stmt {
    return { s: "abort", msg: `${loc.file}:${loc.line}: ${code}: ${msg}` };
  }

  failIfZero(ctx: Ctx, l: number): Stmt { return brIfUndefined(ctx.fail, l); }

  private safetyContext(ctx: Ctx): SafetyContext {
    return {
      isGlobal: (n) => this.names.isGlobal(ctx, n),
      outer: new Set(),
      callArity: (op) => this.names.callArity(ctx, op),
    };
  }

  // ------------------------------------------------------------------ bodies

  /** Plans a body: its expressions (reordered for safety), then k once per solution. */
  body(body: Body, ctx: Ctx, k: K, extraScope?: Set<string>): Stmt[] {
    const declared = declaredVars(body, ctx.declared);
    const inner: Ctx = { ...ctx, declared };
    // only variables visible at this level are shared with comprehensions
    const levelVars = new Set<string>([...ctx.scopeVars, ...(extraScope ?? [])]);
    for (const e of body) exprTopVars(e, levelVars);
    inner.scopeVars = levelVars;
    let order: Expr[];
    try {
      order = reorderBody(body, ctx.bound, this.safetyContext(inner), levelVars).order;
    } catch (e) {
      this.errors.push(...errs(e));
      return [{ s: "unreachable" }];
    }
    const go = (i: number, c: Ctx): Stmt[] => (i === order.length ? k(c) : this.expr(order[i]!, c, (c2) => go(i + 1, c2)));
    return go(0, inner);
  }

  private bind(ctx: Ctx, name: string, v: number): { stmts: Stmt[]; ctx: Ctx } {
    const l = ctx.fn.local(name);
    const bound = new Set(ctx.bound);
    bound.add(name);
    return { stmts: [set(l, local(v))], ctx: { ...ctx, bound } };
  }

  isUnboundLocal(ctx: Ctx, t: Term): t is VarTerm {
    return t.type === "var" && !ctx.bound.has(t.name) && !this.names.isGlobal(ctx, t.name);
  }
  /** Whether a term can be evaluated without binding anything (all its variables are bound). */
  isGround(ctx: Ctx, t: Term): boolean {
    for (const v of topVars(t)) if (!ctx.bound.has(v) && !this.names.isGlobal(ctx, v)) return false;
    return true;
  }

  // ------------------------------------------------------------------ expressions

  expr(e: Expr, ctx: Ctx, k: K): Stmt[] {
    if (e.with.length > 0) return withExpr(this, e, ctx, k);
    if (e.negated) {
      // `not`: a block whose success breaks out to the enclosing failure; its failure falls through
      const lbl = ctx.fn.label("not");
      const inner: Ctx = { ...ctx, fail: lbl };
      const stmts = this.exprBody(e, inner, () => [br(ctx.fail)]);
      return [block(lbl, stmts), ...k(ctx)];
    }
    return this.exprBody(e, ctx, k);
  }

  private exprBody(e: Expr, ctx: Ctx, k: K): Stmt[] {
    const b = e.body;
    switch (b.type) {
      case "some":
        return k(ctx);
      case "somein":
        return this.term(b.collection, ctx, (c, coll) =>
          this.scan(coll, c, b.key !== undefined, (c2, key, val) => {
            const matchVal = (c3: Ctx) => this.unifyValue(b.value, val, c3, k);
            return b.key ? this.unifyValue(b.key, key!, c2, matchVal) : matchVal(c2);
          }));
      case "every":
        return this.every(b, ctx, k);
      case "term":
        return this.exprTerm(b.term, ctx, k);
    }
  }

  private every(orig: Extract<Expr["body"], { type: "every" }>, ctx: Ctx, k: K): Stmt[] {
    // The key/value variables are local to the body: give them fresh names so they never clash
    // with (or clobber) variables of the enclosing body.
    const renames = new Map<string, string>();
    for (const v of [...(orig.key ? topVars(orig.key) : []), ...topVars(orig.value)]) renames.set(v, this.fresh(`${v}$every`));
    const b = renameInBody(orig, renames);
    return this.term(b.domain, ctx, (c, coll) => {
      const bodyFail = c.fn.label("efail");
      const loop = this.loopOver(c.fn, coll, b.key !== undefined, (iter, key, val) => {
        // an element for which the body has a solution: on to the next; none: `every` fails
        const elemCtx: Ctx = { ...c, fail: bodyFail };
        const matchVal = (c2: Ctx) => this.unifyValue(b.value, val, c2, (c3) => this.body(b.body, c3, () => [br(iter)]));
        return [block(bodyFail, b.key ? this.unifyValue(b.key, key!, elemCtx, matchVal) : matchVal(elemCtx)), br(c.fail)];
      });
      // a domain that is not a collection makes `every` fail
      const notCollection = br(c.fail, cmp("lt", rt("rt_len", [local(coll)]), int(0)));
      return [notCollection, ...loop, ...k(c)];
    });
  }

  /** A term standing as an expression: unification, comparison, a call, or a value that must not be false. */
  private exprTerm(t: Term, ctx: Ctx, k: K): Stmt[] {
    if (t.type === "call" && t.op.length === 1) {
      const op = t.op[0]!;
      if ((op === "eq" || op === "assign") && t.args.length === 2) return this.unify(t.args[0]!, t.args[1]!, ctx, k);
      const ops: Record<string, "eq" | "ne" | "lt" | "le" | "gt" | "ge"> = { equal: "eq", neq: "ne", lt: "lt", lte: "le", gt: "gt", gte: "ge" };
      const cop = ops[op];
      if (cop && t.args.length === 2 && this.names.resolveCall(ctx, t.op).builtin) {
        return this.args(t.args, ctx, (c, [a, b]) => [
          br(c.fail, eqz(cmp(cop, rt("rt_compare", [local(a!), local(b!)]), int(0)))),
          ...k(c),
        ]);
      }
    }
    if (t.type === "call") {
      const arity = this.names.callArity(ctx, t.op);
      if (arity !== undefined && t.args.length === arity + 1) {
        const out = t.args[arity]!;
        const call: Term = { ...t, args: t.args.slice(0, arity) };
        const r = this.names.resolveCall(ctx, t.op);
        if (r.builtin && BUILTINS.get(r.builtin)?.relation) {
          return this.term(call, ctx, (c, v) => this.scan(v, c, false, (c2, _k, elem) => this.unifyValue(out, elem, c2, k)));
        }
        return this.term(call, ctx, (c, v) => this.unifyValue(out, v, c, k));
      }
    }
    return this.term(t, ctx, (c, v) => [br(c.fail, rt("rt_is_false", [local(v)])), ...k(c)]);
  }

  // ------------------------------------------------------------------ unification

  private unify(a: Term, b: Term, ctx: Ctx, k: K): Stmt[] {
    if (this.isUnboundLocal(ctx, a) && this.isGround(ctx, b)) {
      return this.term(b, ctx, (c, v) => this.unifyValue(a, v, c, k));
    }
    if (this.isUnboundLocal(ctx, b) && this.isGround(ctx, a)) {
      return this.term(a, ctx, (c, v) => this.unifyValue(b, v, c, k));
    }
    const pairs = unifyPairs(a, b);
    if (pairs && (this.isPattern(ctx, a) || this.isPattern(ctx, b))) {
      // element-wise, in an order where each pair can run (as the safety check found one)
      const run = (todo: Array<[Term, Term]>, c: Ctx): Stmt[] => {
        if (todo.length === 0) return k(c);
        let idx = todo.findIndex(([x, y]) => this.canUnify(c, x, y));
        if (idx < 0) idx = 0;
        const [x, y] = todo[idx]!;
        const rest = todo.filter((_, j) => j !== idx);
        return this.unify(x, y, c, (c2) => run(rest, c2));
      };
      return run(pairs, ctx);
    }
    if ((a.type === "array" && b.type === "array") || (a.type === "object" && b.type === "object" && !this.isGround(ctx, a) && !this.isGround(ctx, b))) {
      if (!pairs) return [br(ctx.fail)];
    }
    if (this.isPattern(ctx, a) && !this.isPattern(ctx, b)) return this.term(b, ctx, (c, v) => this.unifyValue(a, v, c, k));
    if (this.isPattern(ctx, b)) return this.term(a, ctx, (c, v) => this.unifyValue(b, v, c, k));
    return this.term(a, ctx, (c, va) => this.term(b, c, (c2, vb) => [
      br(c2.fail, eqz(rt("rt_equal", [local(va), local(vb)]))),
      ...k(c2),
    ]));
  }

  private canUnify(ctx: Ctx, a: Term, b: Term): boolean {
    if (this.isGround(ctx, a) || this.isGround(ctx, b)) return true;
    const pairs = unifyPairs(a, b);
    return pairs !== undefined && pairs.some(([x, y]) => this.canUnify(ctx, x, y));
  }

  /** A term with unbound variables outside ref paths, to be matched against a value. */
  private isPattern(ctx: Ctx, t: Term): boolean {
    if (this.isUnboundLocal(ctx, t)) return true;
    if (t.type === "array") return t.items.some((x) => this.isPattern(ctx, x));
    if (t.type === "object") return t.entries.some(([, v]) => this.isPattern(ctx, v));
    return false;
  }

  /** Matches pattern `p` against the value in local `v`. */
  unifyValue(p: Term, v: number, ctx: Ctx, k: K): Stmt[] {
    if (this.isUnboundLocal(ctx, p)) {
      if (p.wildcard) return k(ctx);
      const b = this.bind(ctx, p.name, v);
      return [...b.stmts, ...k(b.ctx)];
    }
    if (p.type === "array" && this.isPattern(ctx, p)) {
      // rt_arr_len returns -1 for non-arrays, so the length test also checks the type
      const stmts: Stmt[] = [br(ctx.fail, cmp("ne", rt("rt_arr_len", [local(v)]), int(p.items.length)))];
      const go = (i: number, c: Ctx): Stmt[] => {
        if (i === p.items.length) return k(c);
        const el = c.fn.temp();
        return [set(el, rt("rt_arr_get", [local(v), int(i)])), ...this.unifyValue(p.items[i]!, el, c, (c2) => go(i + 1, c2))];
      };
      return [...stmts, ...go(0, ctx)];
    }
    if (p.type === "object" && this.isPattern(ctx, p)) {
      const stmts: Stmt[] = [br(ctx.fail, cmp("ne", rt("rt_obj_len", [local(v)]), int(p.entries.length)))];
      const go = (i: number, c: Ctx): Stmt[] => {
        if (i === p.entries.length) return k(c);
        const [kt, vt] = p.entries[i]!;
        return this.term(kt, c, (c2, key) => {
          const el = c2.fn.temp();
          return [
            set(el, rt("rt_get", [local(v), local(key)])),
            this.failIfZero(c2, el),
            ...this.unifyValue(vt, el, c2, (c3) => go(i + 1, c3)),
          ];
        });
      };
      return [...stmts, ...go(0, ctx)];
    }
    return this.term(p, ctx, (c, pv) => [
      br(c.fail, eqz(rt("rt_equal", [local(pv), local(v)]))),
      ...k(c),
    ]);
  }

  // ------------------------------------------------------------------ iteration

  /**
   * The loop over the elements of collection `coll` (in Rego's order). `body` gets the label
   * ending each element's turn (breaking there moves on to the next element) and the locals
   * holding the element's key (when `needKey`) and value. For a scalar the loop is empty.
   */
  loopOver(fn: FnBuilder, coll: number, needKey: boolean, body: (next: string, key: number | undefined, val: number) => Stmt[]): Stmt[] {
    const val = fn.temp();
    const key = needKey ? fn.temp() : undefined;
    const next = fn.label("next");
    const bodyStmts = body(next, key, val);
    return [key !== undefined ? { s: "scan", coll, key, val, next, body: bodyStmts } : { s: "scan", coll, val, next, body: bodyStmts }];
  }

  /** Iterates collection `coll`: the rest of the body runs per element; no more elements is failure. */
  scan(coll: number, ctx: Ctx, needKey: boolean, body: (ctx: Ctx, key: number | undefined, val: number) => Stmt[]): Stmt[] {
    return [
      ...this.loopOver(ctx.fn, coll, needKey, (next, key, val) => body({ ...ctx, fail: next }, key, val)),
      br(ctx.fail),
    ];
  }

  // ------------------------------------------------------------------ terms

  /** Evaluates `t` to a value (once per solution, when it iterates) and passes its local to k. */
  term(t: Term, ctx: Ctx, k: KV): Stmt[] {
    const ct = t.type === "var" || t.type === "ref" || t.type === "call" ? undefined : constText(t);
    if (ct !== undefined) {
      const l = ctx.fn.temp();
      return [set(l, this.constVal(ct)), ...k(ctx, l)];
    }
    switch (t.type) {
      case "var": {
        if (ctx.bound.has(t.name)) return k(ctx, ctx.fn.local(t.name));
        if (this.names.isGlobal(ctx, t.name)) return ref(this, { type: "ref", head: t, path: [], loc: t.loc }, ctx, k);
        this.errors.push(new RegoError(t.loc, `var ${t.name} is unsafe`, "rego_unsafe_var_error"));
        return [{ s: "unreachable" }];
      }
      case "ref": return ref(this, t, ctx, k);
      case "array": case "set": {
        const vals: number[] = [];
        const go = (i: number, c: Ctx): Stmt[] => {
          if (i === t.items.length) {
            const a = c.fn.temp();
            return t.type === "array"
              ? [set(a, rt("rt_arr_new", [int(vals.length)])), ...vals.map((v) => doRt("rt_arr_push", [local(a), local(v)])), ...k(c, a)]
              : [set(a, rt("rt_set_new")), ...vals.map((v) => doRt("rt_set_add", [local(a), local(v)])), ...k(c, a)];
          }
          return this.term(t.items[i]!, c, (c2, v) => { vals[i] = v; return go(i + 1, c2); });
        };
        return go(0, ctx);
      }
      case "object": {
        const keys: number[] = [], vals: number[] = [];
        const go = (i: number, c: Ctx): Stmt[] => {
          if (i === t.entries.length) {
            const o = c.fn.temp();
            return [
              set(o, rt("rt_obj_new")),
              ...keys.map((kk, j) => doRt("rt_obj_put", [local(o), local(kk), local(vals[j]!)])),
              ...k(c, o),
            ];
          }
          return this.term(t.entries[i]![0], c, (c2, kv) => {
            keys[i] = kv;
            return this.term(t.entries[i]![1], c2, (c3, vv) => { vals[i] = vv; return go(i + 1, c3); });
          });
        };
        return go(0, ctx);
      }
      case "arraycompr": case "setcompr": case "objectcompr": {
        // a block collecting the body's solutions; its failure label ends the collection
        const out = ctx.fn.temp();
        const lbl = ctx.fn.label("compr");
        const init = t.type === "arraycompr" ? rt("rt_arr_new", [int(0)]) : t.type === "setcompr" ? rt("rt_set_new") : rt("rt_obj_new");
        const inner: Ctx = { ...ctx, fail: lbl };
        const bodyStmts = this.body(t.body, inner, (c) => {
          if (t.type === "arraycompr") return this.term(t.term, c, (_c2, v) => [doRt("rt_arr_push", [local(out), local(v)])]);
          if (t.type === "setcompr") return this.term(t.term, c, (_c2, v) => [doRt("rt_set_add", [local(out), local(v)])]);
          return this.term(t.key, c, (c2, kv) => this.term(t.value, c2, (_c3, vv) => [
            { s: "if", cond: eqz(rt("rt_obj_put_unique", [local(out), local(kv), local(vv)])), then: [this.abort(t.loc, "eval_conflict_error", "object keys must be unique")] },
          ]));
        }, t.type === "objectcompr" ? new Set([...topVars(t.key), ...topVars(t.value)]) : topVars(t.term));
        return [set(out, init), block(lbl, bodyStmts), ...k(ctx, out)];
      }
      case "call": return this.call(t, ctx, k);
      case "number":
        this.errors.push(new RegoError(t.loc, `number ${t.raw} is outside the range sanso supports (64-bit floating point, integers of up to 900 digits)`, "rego_type_error"));
        return [{ s: "unreachable" }];
    }
    return [{ s: "unreachable" }];
  }

  // ------------------------------------------------------------------ calls

  private call(t: Extract<Term, { type: "call" }>, ctx: Ctx, k: KV): Stmt[] {
    const r = this.names.resolveCall(ctx, t.op);
    const key = r.path ? r.path.join(".") : r.builtin!;
    const mock = ctx.mocks.get(key);
    // the result in a fresh local; undefined fails
    const finish = (c: Ctx, res: Val): Stmt[] => {
      const l = c.fn.temp();
      return [set(l, res), this.failIfZero(c, l), ...k(c, l)];
    };
    const finishBuiltin = (c: Ctx, name: string, vals: number[]): Stmt[] => {
      const l = c.fn.temp();
      return [this.builtinCall(l, name, vals, t.loc), this.failIfZero(c, l), ...k(c, l)];
    };
    const callFn = (fname: string, vals: number[]): Val => ({ k: "call", fn: fname, args: vals.map(local) });
    if (mock) {
      if (mock.kind === "value") return this.args(t.args, ctx, (c) => finish(c, { k: "global", g: mock.global! }));
      if (mock.targetBuiltin) return this.args(t.args, ctx, (c, vals) => finishBuiltin(c, mock.targetBuiltin!, vals));
      // Inside a replacement function, calls mean the originals: no function mock applies there.
      const inMock: MockEnv = new Map([...ctx.mocks].filter(([, m]) => m.kind !== "func"));
      const fname = this.functionFn(mock.targetPath!, inMock);
      return this.args(t.args, ctx, (c, vals) => finish(c, callFn(fname, vals)));
    }
    if (r.path) {
      const node = this.program.find(r.path.slice(1));
      if (!node || node.leafKind !== "function") {
        this.errors.push(new RegoError(t.loc, `undefined function ${r.path.join(".")}`, "rego_type_error"));
        return [{ s: "unreachable" }];
      }
      const arity = node.leafDefs[0]!.rule.head.args?.length ?? 0;
      if (t.args.length !== arity) {
        this.errors.push(new RegoError(t.loc, `${r.path.join(".")}: arity mismatch: expected ${arity} arguments, got ${t.args.length}`, "rego_type_error"));
        return [{ s: "unreachable" }];
      }
      const fname = this.functionFn(r.path, ctx.mocks);
      return this.args(t.args, ctx, (c, vals) => finish(c, callFn(fname, vals)));
    }
    const name = r.builtin!;
    const b = BUILTINS.get(name);
    if (!b) {
      this.errors.push(new RegoError(t.loc, `undefined function ${name}`, "rego_type_error"));
      return [{ s: "unreachable" }];
    }
    if (t.args.length !== b.arity) {
      this.errors.push(new RegoError(t.loc, `${name}: arity mismatch: expected ${b.arity} arguments, got ${t.args.length}`, "rego_type_error"));
      return [{ s: "unreachable" }];
    }
    if (name === "eq" || name === "assign") {
      // as a value: the unification succeeds → true
      return this.unify(t.args[0]!, t.args[1]!, ctx, (c) => {
        const l = c.fn.temp();
        return [set(l, rt("rt_bool", [int(1)])), ...k(c, l)];
      });
    }
    return this.args(t.args, ctx, (c, vals) => finishBuiltin(c, name, vals));
  }

  /**
   * Evaluates a call's arguments, passing their locals in argument order. Left to right, except
   * when an argument is a variable not yet bound: then the refs go first, since they iterate and
   * bind their key variables (`foo == input.foos[foo]`, as the safety check orders it).
   */
  private args(args: Term[], ctx: Ctx, done: (c: Ctx, vals: number[]) => Stmt[]): Stmt[] {
    const refsFirst = args.some((a) => this.isUnboundLocal(ctx, a));
    const order = args.map((_, i) => i);
    if (refsFirst) order.sort((a, b) => Number(args[b]!.type === "ref") - Number(args[a]!.type === "ref"));
    const go = (j: number, c: Ctx, vals: number[]): Stmt[] => {
      if (j === args.length) return done(c, vals);
      const i = order[j]!;
      return this.term(args[i]!, c, (c2, v) => {
        const next = [...vals];
        next[i] = v;
        return go(j + 1, c2, next);
      });
    };
    return go(0, ctx, []);
  }

  /** dst := builtin(vals): natively when the runtime has it, else through the ABI's import. */
  private builtinCall(dst: number, name: string, vals: number[], loc: Location): Stmt {
    const b = BUILTINS.get(name)!;
    const s: Extract<Stmt, { s: "builtin" }> = { s: "builtin", dst, name, args: vals };
    if (b.native) s.native = b.native;
    if (b.fallback) s.fallback = true;
    // a result OPA declares a set comes back from JavaScript as a JSON array
    if ((!b.native || b.fallback) && resultIsSet(name)) s.castSet = true;
    if (this.opts.strict) s.site = `${loc.file}:${loc.line}`;
    return s;
  }

  // ------------------------------------------------------------------ functions for documents

  /** The (memoised) function computing a document node's value, planned once per environment. */
  docFn(node: DocNode, mocks: MockEnv): string {
    const name = `doc:${node.id}${envKey(mocks)}`;
    this.calls.add(this.current, name, node.leafDefs[0]?.rule.loc ?? node.genDefs[0]?.def.rule.loc);
    this.request(name, () => planDocument(this, name, node, mocks));
    return name;
  }

  /** The function computing a user function's value. */
  functionFn(path: string[], mocks: MockEnv): string {
    const node = this.program.find(path.slice(1))!;
    const name = `fn:${node.id}${envKey(mocks)}`;
    this.calls.add(this.current, name, node.leafDefs[0]?.rule.loc);
    this.request(name, () => planFunction(this, name, node, mocks));
    return name;
  }

  private requested = new Set<string>();
  private request(name: string, plan: () => IrFunction): void {
    if (this.requested.has(name)) return;
    this.requested.add(name);
    this.pending.push(() => {
      this.current = name;
      this.functions.set(name, plan());
    });
  }
}
