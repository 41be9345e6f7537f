// Code generation: Rego rules → WebAssembly functions appended to the precompiled runtime.
//
// Evaluation is compiled in continuation-passing style onto structured control flow:
//  - every value lives in an i32 local (a pointer into the runtime's heap, 0 = undefined);
//  - an expression that fails branches (`br`) to the current failure label: the end of the
//    innermost iteration (try the next element) or of the whole body (no more solutions);
//  - iteration over a collection is a loop whose body holds the rest of the rule body, so
//    backtracking is just "continue the loop";
//  - `not`, `every` and comprehensions are inlined blocks; rules and functions become functions,
//    complete rules and documents memoised per evaluation (see `rt_gen` in the runtime).
// `with` on input/data swaps the runtime's documents for the extent of the expression;
// `with` on functions and rules specialises the called rules at compile time ("mock
// environments"), so no indirection is paid when no `with` is used.

import binaryen from "binaryen";
import type { Body, Expr, Location, Module, Term, VarTerm } from "../syntax/ast.js";
import { RegoError } from "../syntax/ast.js";
import { resultIsSet } from "./set-results.js";
import { DocNode, Program, type RuleDef } from "./program.js";
import { reorderBody, topVars, exprTopVars, unifyPairs, declaredVars, type SafetyContext } from "./safety.js";
import { BUILTINS } from "./builtin-table.js";
import { constText } from "./constants.js";
import { Resolver } from "./resolve.js";
import { renameInBody } from "./rename.js";
import { RuntimeModule } from "./runtime-module.js";

type ExprRef = number;
type Stmts = ExprRef[];
const i32 = binaryen.i32;
const none = binaryen.none;

interface Mock {
  kind: "value" | "func";
  /** value mocks: the global holding the replacement value */
  global?: string;
  /** function mocks: the replacement, a data path (user function or rule) or a builtin name */
  targetPath?: string[];
  targetBuiltin?: string;
}
type MockEnv = Map<string, Mock>;

/** What a `with` replaces: (part of) input, (part of) data, or a function or builtin. */
interface WithTarget { kind: "input" | "data" | "func"; path: string[] }

class FnBuilder {
  vars: number[] = [];
  locals = new Map<string, number>();
  private labels = 0;
  constructor(readonly name: string, readonly nparams: number) {}
  temp(): number {
    this.vars.push(i32);
    return this.nparams + this.vars.length - 1;
  }
  local(v: string): number {
    let i = this.locals.get(v);
    if (i === undefined) {
      i = this.temp();
      this.locals.set(v, i);
    }
    return i;
  }
  label(prefix = "L"): string {
    return `${prefix}${this.labels++}`;
  }
}

interface Ctx {
  fn: FnBuilder;
  fail: string;
  bound: Set<string>;
  mod: Module;
  mocks: MockEnv;
  /** Variables declared local at this point (shadow rule names). */
  declared: Set<string>;
  /** Variables visible in this scope (for closure analysis of nested bodies). */
  scopeVars: Set<string>;
}

type K = (ctx: Ctx) => Stmts;
type KV = (ctx: Ctx, v: number) => Stmts;

export interface GenerateOptions {
  entrypoints: string[][];
  strict?: boolean;
  /** Optimise generated functions (default true). */
  optimize?: boolean;
}

export interface GenerateResult {
  wasm: Uint8Array;
  entrypoints: Record<string, number>;
  builtins: Record<string, number>;
}

function errs(e: unknown): RegoError[] {
  if (Array.isArray(e)) return e as RegoError[];
  if (e instanceof RegoError) return [e];
  throw e;
}

export class Codegen {
  private m: binaryen.Module;
  private rtm: RuntimeModule;
  private consts: string[] = [];
  private constIndex = new Map<string, number>();
  private importedBuiltins = new Map<string, number>();
  private generated = new Set<string>();
  private pending: Array<() => void> = [];
  private mockCounter = 0;
  private errors: RegoError[] = [];
  private rtGen!: string;
  /** Call graph between generated functions, to report recursion. */
  private edges = new Map<string, Set<string>>();
  private current = "";
  private edgeLoc = new Map<string, Location>();

  private noteEdge(to: string, loc: Location | undefined): void {
    let s = this.edges.get(this.current);
    if (!s) this.edges.set(this.current, (s = new Set()));
    s.add(to);
    if (loc && !this.edgeLoc.has(to)) this.edgeLoc.set(to, loc);
  }

  private names: Resolver;

  constructor(runtime: Uint8Array, private program: Program, private opts: GenerateOptions) {
    this.names = new Resolver(program);
    this.rtm = new RuntimeModule(runtime);
    this.m = this.rtm.m;
    this.rtGen = this.rtm.internal("rt_gen");
  }

  // ------------------------------------------------------------------ helpers

  private rt(name: string, args: ExprRef[]): ExprRef { return this.rtm.call(name, args); }
  private get(l: number): ExprRef { return this.m.local.get(l, i32); }
  private set(l: number, v: ExprRef): ExprRef { return this.m.local.set(l, v); }
  private block(label: string | null, stmts: Stmts): ExprRef { return this.m.block(label, stmts, none); }
  private failIfZero(ctx: Ctx, l: number): ExprRef { return this.m.br(ctx.fail, this.m.i32.eqz(this.get(l))); }

  private constIdx(text: string): number {
    let i = this.constIndex.get(text);
    if (i === undefined) {
      i = this.consts.length;
      this.consts.push(text);
      this.constIndex.set(text, i);
    }
    return i;
  }
  private constExpr(text: string): ExprRef { return this.rt("rt_const", [this.m.i32.const(this.constIdx(text))]); }
  private strConst(s: string): ExprRef { return this.constExpr(JSON.stringify(s)); }

  /** Aborts evaluation with OPA's error code and message, naming the rule's file and line. */
  private abort(loc: Location, code: string, msg: string): ExprRef {
    return this.m.block(null, [
      this.rt("rt_fail", [this.strConst(`${loc.file}:${loc.line}: ${code}: ${msg}`)]),
      this.m.unreachable(),
    ], none);
  }

  private safetyContext(ctx: { mod: Module; declared: Set<string> }): SafetyContext {
    return {
      isGlobal: (n) => this.names.isGlobal(ctx, n),
      outer: new Set(),
      callArity: (op) => this.names.callArity(ctx, op),
    };
  }

  // ------------------------------------------------------------------ bodies

  /** Compiles a body: its expressions (reordered for safety), then k once per solution. */
  private body(body: Body, ctx: Ctx, k: K, extraScope?: Set<string>): Stmts {
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
      return [this.m.unreachable()];
    }
    const go = (i: number, c: Ctx): Stmts => (i === order.length ? k(c) : this.expr(order[i], c, (c2) => go(i + 1, c2)));
    return go(0, inner);
  }

  private bind(ctx: Ctx, name: string, v: number): { stmts: Stmts; ctx: Ctx } {
    const l = ctx.fn.local(name);
    const bound = new Set(ctx.bound);
    bound.add(name);
    return { stmts: [this.set(l, this.get(v))], ctx: { ...ctx, bound } };
  }

  private isUnboundLocal(ctx: Ctx, t: Term): t is VarTerm {
    return t.type === "var" && !ctx.bound.has(t.name) && !this.names.isGlobal(ctx, t.name);
  }
  /** Whether a term can be evaluated without binding anything (all its variables are bound). */
  private isGround(ctx: Ctx, t: Term): boolean {
    for (const v of topVars(t)) if (!ctx.bound.has(v) && !this.names.isGlobal(ctx, v)) return false;
    return true;
  }

  // ------------------------------------------------------------------ expressions

  private expr(e: Expr, ctx: Ctx, k: K): Stmts {
    if (e.with.length > 0) return this.withExpr(e, ctx, k);
    if (e.negated) {
      const lbl = ctx.fn.label("not");
      const inner: Ctx = { ...ctx, fail: lbl };
      const stmts = this.exprBody(e, inner, () => [this.m.br(ctx.fail)]);
      return [this.block(lbl, stmts), ...k(ctx)];
    }
    return this.exprBody(e, ctx, k);
  }

  private exprBody(e: Expr, ctx: Ctx, k: K): Stmts {
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

  private every(orig: Extract<Expr["body"], { type: "every" }>, ctx: Ctx, k: K): Stmts {
    // The key/value variables are local to the body: give them fresh names so they never clash
    // with (or clobber) variables of the enclosing body.
    const renames = new Map<string, string>();
    for (const v of [...(orig.key ? topVars(orig.key) : []), ...topVars(orig.value)]) renames.set(v, `${v}$every${this.mockCounter++}`);
    const b = renameInBody(orig, renames);
    return this.term(b.domain, ctx, (c, coll) => {
      const bodyFail = c.fn.label("efail");
      const loop = this.loopOver(c.fn, coll, b.key !== undefined, (iter, key, val) => {
        // an element for which the body has a solution: on to the next; none: `every` fails
        const elemCtx: Ctx = { ...c, fail: bodyFail };
        const matchVal = (c2: Ctx) => this.unifyValue(b.value, val, c2, (c3) => this.body(b.body, c3, () => [this.m.br(iter)]));
        return [this.block(bodyFail, b.key ? this.unifyValue(b.key, key!, elemCtx, matchVal) : matchVal(elemCtx)), this.m.br(c.fail)];
      });
      // a domain that is not a collection makes `every` fail
      const notCollection = this.m.br(c.fail, this.m.i32.lt_s(this.rt("rt_len", [this.get(coll)]), this.m.i32.const(0)));
      return [notCollection, ...loop, ...k(c)];
    });
  }

  /** A term standing as an expression: unification, comparison, a call, or a value that must not be false. */
  private exprTerm(t: Term, ctx: Ctx, k: K): Stmts {
    if (t.type === "call" && t.op.length === 1) {
      const op = t.op[0];
      if ((op === "eq" || op === "assign") && t.args.length === 2) return this.unify(t.args[0], t.args[1], ctx, k);
      const cmp: Record<string, (x: ExprRef) => ExprRef> = {
        equal: (x) => this.m.i32.eq(x, this.m.i32.const(0)),
        neq: (x) => this.m.i32.ne(x, this.m.i32.const(0)),
        lt: (x) => this.m.i32.lt_s(x, this.m.i32.const(0)),
        lte: (x) => this.m.i32.le_s(x, this.m.i32.const(0)),
        gt: (x) => this.m.i32.gt_s(x, this.m.i32.const(0)),
        gte: (x) => this.m.i32.ge_s(x, this.m.i32.const(0)),
      };
      if (cmp[op] && t.args.length === 2 && this.names.resolveCall(ctx, t.op).builtin) {
        const test = (c2: Ctx, a: number, b: number): Stmts => [
          this.m.br(c2.fail, this.m.i32.eqz(cmp[op](this.rt("rt_compare", [this.get(a), this.get(b)])))),
          ...k(c2),
        ];
        return this.args(t.args, ctx, (c, [a, b]) => test(c, a!, b!));
      }
    }
    if (t.type === "call") {
      const arity = this.names.callArity(ctx, t.op);
      if (arity !== undefined && t.args.length === arity + 1) {
        const out = t.args[arity];
        const call: Term = { ...t, args: t.args.slice(0, arity) };
        const r = this.names.resolveCall(ctx, t.op);
        if (r.builtin && BUILTINS.get(r.builtin)?.relation) {
          return this.term(call, ctx, (c, v) => this.scan(v, c, false, (c2, _k, elem) => this.unifyValue(out, elem, c2, k)));
        }
        return this.term(call, ctx, (c, v) => this.unifyValue(out, v, c, k));
      }
    }
    return this.term(t, ctx, (c, v) => [
      this.m.br(c.fail, this.rt("rt_is_false", [this.get(v)])),
      ...k(c),
    ]);
  }

  private withExpr(e: Expr, ctx: Ctx, k: K): Stmts {
    let targets: WithTarget[];
    try {
      targets = e.with.map((w) => this.withTarget(ctx, w.target));
    } catch (err) {
      this.errors.push(...errs(err));
      return [this.m.unreachable()];
    }
    // Evaluate replacement values first, outside the replaced context (function replacements are
    // resolved at compile time instead).
    const evalWiths = (i: number, c: Ctx, vals: number[]): Stmts => {
      if (i === e.with.length) return this.applyWith(e, c, targets, vals, k);
      if (targets[i].kind === "func") return evalWiths(i + 1, c, [...vals, -1]);
      return this.term(e.with[i].value, c, (c2, v) => evalWiths(i + 1, c2, [...vals, v]));
    };
    return evalWiths(0, ctx, []);
  }

  private withTarget(ctx: Ctx, target: Term): WithTarget {
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
      const node = this.program.find(path.slice(1));
      if (node?.leafKind === "function") return { kind: "func", path };
      return { kind: "data", path };
    }
    // a function (user or builtin) named relative to the module
    const r = this.names.resolveCall(ctx, path);
    return { kind: "func", path: r.path ?? [r.builtin!] };
  }

  private applyWith(e: Expr, ctx: Ctx, targets: WithTarget[], vals: number[], k: K): Stmts {
    const fn = ctx.fn;
    const mocks: MockEnv = new Map(ctx.mocks);
    const savedInput = fn.temp(), savedData = fn.temp(), savedGen = fn.temp(), myGen = fn.temp();
    const newInput = fn.temp(), newData = fn.temp();
    const pre: Stmts = [
      this.set(savedInput, this.rt("rt_input", [])),
      this.set(savedData, this.rt("rt_data", [])),
      this.set(savedGen, this.m.global.get(this.rtGen, i32)),
      this.set(newInput, this.get(savedInput)),
      this.set(newData, this.get(savedData)),
    ];
    e.with.forEach((w, i) => {
      const target = targets[i];
      if (target.kind === "input") {
        pre.push(this.set(newInput, target.path.length === 1 ? this.get(vals[i]) :
          this.rt("rt_upsert_path", [this.get(newInput), this.constExpr(JSON.stringify(target.path.slice(1))), this.m.i32.const(0), this.get(vals[i])])));
      } else if (target.kind === "data") {
        // A path into virtual documents is replaced at compile time; base data at run time.
        const node = this.program.find(target.path.slice(1));
        if (node?.virtual) {
          const g = `mock$${this.mockCounter++}`;
          this.m.addGlobal(g, i32, true, this.m.i32.const(0));
          pre.push(this.m.global.set(g, this.get(vals[i])));
          mocks.set(target.path.join("."), { kind: "value", global: g });
        } else {
          // base data; a path inside a rule's value cannot be replaced (as in OPA)
          pre.push(this.set(newData, this.rt("rt_upsert_path", [this.get(newData), this.constExpr(JSON.stringify(target.path.slice(1))), this.m.i32.const(0), this.get(vals[i])])));
          const anc = this.virtualAncestor(target.path.slice(1));
          if (anc) {
            this.errors.push(new RegoError(w.loc, "with keyword cannot replace part of a rule's value", "rego_compile_error"));
          }
        }
      } else {
        const key = target.path.join(".");
        const value = w.value;
        if (value.type === "var" || value.type === "ref") {
          // replacement by another function, builtin or rule
          let p: string[] | undefined;
          if (value.type === "var") p = [value.name];
          else if (value.head.type === "var" && value.path.every((x) => x.type === "string")) p = [value.head.name, ...value.path.map((x) => (x as { value: string }).value)];
          if (p) {
            const r = this.names.resolveCall(ctx, p);
            if (r.path) {
              const node = this.program.find(r.path.slice(1));
              if (node?.leafKind === "function") { mocks.set(key, { kind: "func", targetPath: r.path }); return; }
            } else if (BUILTINS.has(r.builtin!) && !ctx.bound.has(p[0])) {
              mocks.set(key, { kind: "func", targetBuiltin: r.builtin });
              return;
            } else if (p.length > 1 && !ctx.bound.has(p[0]) && !this.names.isGlobal(ctx, p[0])) {
              // a dotted name that is neither a variable nor a rule: a function sanso does not know
              this.errors.push(new RegoError(value.loc, `undefined function ${p.join(".")}`, "rego_type_error"));
              return;
            }
          }
        }
        // replacement by a value: evaluate now and hold it in a global
        const g = `mock$${this.mockCounter++}`;
        this.m.addGlobal(g, i32, true, this.m.i32.const(0));
        mocks.set(key, { kind: "value", global: g });
        // value was not evaluated in evalWiths (func kind) — evaluate here via a nested term
        pre.push(...this.term(w.value, { ...ctx, fail: ctx.fail }, (_c, v) => [this.m.global.set(g, this.get(v))]));
      }
    });
    const swapIn = (): Stmts => [
      this.rt("rt_set_input", [this.get(newInput)]),
      this.rt("rt_set_data", [this.get(newData)]),
      this.m.global.set(this.rtGen, this.get(myGen)),
    ];
    const restore = (): Stmts => [
      this.rt("rt_set_input", [this.get(savedInput)]),
      this.rt("rt_set_data", [this.get(savedData)]),
      this.m.global.set(this.rtGen, this.get(savedGen)),
    ];
    const wfail = fn.label("wfail");
    const after = fn.label("wafter");
    const inner: Ctx = { ...ctx, fail: wfail, mocks };
    const plain: Expr = { ...e, with: [] };
    const bodyStmts = this.expr(plain, inner, (c) => [
      ...restore(),
      this.block(after, k({ ...c, mocks: ctx.mocks, fail: after })),
      ...swapIn(),
    ]);
    return [
      ...pre,
      this.set(myGen, this.rt("rt_next_gen", [])),
      this.block(wfail, [...swapIn(), ...bodyStmts]),
      ...restore(),
      this.m.br(ctx.fail),
    ];
  }



  private virtualAncestor(path: string[]): DocNode | undefined {
    let node: DocNode | undefined = this.program.root;
    for (const k of path) {
      if (!node) return undefined;
      if (node.leafKind || node.generated) return node;
      node = node.children.get(k);
    }
    return undefined;
  }

  // ------------------------------------------------------------------ unification

  private unify(a: Term, b: Term, ctx: Ctx, k: K): Stmts {
    if (this.isUnboundLocal(ctx, a) && this.isGround(ctx, b)) {
      return this.term(b, ctx, (c, v) => this.unifyValue(a, v, c, k));
    }
    if (this.isUnboundLocal(ctx, b) && this.isGround(ctx, a)) {
      return this.term(a, ctx, (c, v) => this.unifyValue(b, v, c, k));
    }
    const pairs = unifyPairs(a, b);
    if (pairs && (this.isPattern(ctx, a) || this.isPattern(ctx, b))) {
      // element-wise, in an order where each pair can run (as the safety check found one)
      const run = (todo: Array<[Term, Term]>, c: Ctx): Stmts => {
        if (todo.length === 0) return k(c);
        let idx = todo.findIndex(([x, y]) => this.canUnify(c, x, y));
        if (idx < 0) idx = 0;
        const [x, y] = todo[idx];
        const rest = todo.filter((_, j) => j !== idx);
        return this.unify(x, y, c, (c2) => run(rest, c2));
      };
      return run(pairs, ctx);
    }
    if ((a.type === "array" && b.type === "array") || (a.type === "object" && b.type === "object" && !this.isGround(ctx, a) && !this.isGround(ctx, b))) {
      if (!pairs) return [this.m.br(ctx.fail)];
    }
    if (this.isPattern(ctx, a) && !this.isPattern(ctx, b)) return this.term(b, ctx, (c, v) => this.unifyValue(a, v, c, k));
    if (this.isPattern(ctx, b)) return this.term(a, ctx, (c, v) => this.unifyValue(b, v, c, k));
    return this.term(a, ctx, (c, va) => this.term(b, c, (c2, vb) => [
      this.m.br(c2.fail, this.m.i32.eqz(this.rt("rt_equal", [this.get(va), this.get(vb)]))),
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
  private unifyValue(p: Term, v: number, ctx: Ctx, k: K): Stmts {
    if (this.isUnboundLocal(ctx, p)) {
      if (p.wildcard) return k(ctx);
      const b = this.bind(ctx, p.name, v);
      return [...b.stmts, ...k(b.ctx)];
    }
    if (p.type === "array" && this.isPattern(ctx, p)) {
      const stmts: Stmts = [
        this.m.br(ctx.fail, this.m.i32.ne(this.rt("rt_arr_len", [this.get(v)]), this.m.i32.const(p.items.length))),
      ];
      const go = (i: number, c: Ctx): Stmts => {
        if (i === p.items.length) return k(c);
        const el = c.fn.temp();
        return [this.set(el, this.rt("rt_arr_get", [this.get(v), this.m.i32.const(i)])), ...this.unifyValue(p.items[i], el, c, (c2) => go(i + 1, c2))];
      };
      // rt_arr_len returns -1 for non-arrays, so the length test also checks the type
      return [...stmts, ...go(0, ctx)];
    }
    if (p.type === "object" && this.isPattern(ctx, p)) {
      const stmts: Stmts = [
        this.m.br(ctx.fail, this.m.i32.ne(this.rt("rt_obj_len", [this.get(v)]), this.m.i32.const(p.entries.length))),
      ];
      const go = (i: number, c: Ctx): Stmts => {
        if (i === p.entries.length) return k(c);
        const [kt, vt] = p.entries[i];
        return this.term(kt, c, (c2, key) => {
          const el = c2.fn.temp();
          return [
            this.set(el, this.rt("rt_get", [this.get(v), this.get(key)])),
            this.failIfZero(c2, el),
            ...this.unifyValue(vt, el, c2, (c3) => go(i + 1, c3)),
          ];
        });
      };
      return [...stmts, ...go(0, ctx)];
    }
    return this.term(p, ctx, (c, pv) => [
      this.m.br(c.fail, this.m.i32.eqz(this.rt("rt_equal", [this.get(pv), this.get(v)]))),
      ...k(c),
    ]);
  }

  // ------------------------------------------------------------------ iteration

  /**
   * The loop over the elements of collection `coll` (in Rego's order). `body` gets the label of
   * the block ending each element's turn (branching there moves on to the next element) and the
   * locals holding the element's key (when `needKey`) and value. For a scalar the loop is empty.
   */
  private loopOver(fn: FnBuilder, coll: number, needKey: boolean, body: (iter: string, key: number | undefined, val: number) => Stmts): Stmts {
    const n = fn.temp(), i = fn.temp(), val = fn.temp();
    const key = needKey ? fn.temp() : undefined;
    const done = fn.label("ldone"), next = fn.label("lnext"), iter = fn.label("liter");
    return [
      this.set(n, this.rt("rt_len", [this.get(coll)])),
      this.set(i, this.m.i32.const(0)),
      this.block(done, [this.m.loop(next, this.block(null, [
        this.m.br(done, this.m.i32.ge_s(this.get(i), this.get(n))),
        this.block(iter, [
          ...(key !== undefined ? [this.set(key, this.rt("rt_key_at", [this.get(coll), this.get(i)]))] : []),
          this.set(val, this.rt("rt_val_at", [this.get(coll), this.get(i)])),
          ...body(iter, key, val),
        ]),
        this.set(i, this.m.i32.add(this.get(i), this.m.i32.const(1))),
        this.m.br(next),
      ]))]),
    ];
  }

  /** Iterates collection `coll`: the rest of the body runs per element; no more elements is failure. */
  private scan(coll: number, ctx: Ctx, needKey: boolean, body: (ctx: Ctx, key: number | undefined, val: number) => Stmts): Stmts {
    return [
      ...this.loopOver(ctx.fn, coll, needKey, (iter, key, val) => body({ ...ctx, fail: iter }, key, val)),
      this.m.br(ctx.fail),
    ];
  }

  // ------------------------------------------------------------------ terms

  /** Evaluates `t` to a value (once per solution, when it iterates) and passes its local to k. */
  private term(t: Term, ctx: Ctx, k: KV): Stmts {
    const ct = t.type === "var" || t.type === "ref" || t.type === "call" ? undefined : constText(t);
    if (ct !== undefined) {
      const l = ctx.fn.temp();
      return [this.set(l, this.constExpr(ct)), ...k(ctx, l)];
    }
    switch (t.type) {
      case "var": {
        if (ctx.bound.has(t.name)) return k(ctx, ctx.fn.local(t.name));
        if (this.names.isGlobal(ctx, t.name)) return this.ref({ type: "ref", head: t, path: [], loc: t.loc }, ctx, k);
        this.errors.push(new RegoError(t.loc, `var ${t.name} is unsafe`, "rego_unsafe_var_error"));
        return [this.m.unreachable()];
      }
      case "ref": return this.ref(t, ctx, k);
      case "array": {
        const vals: number[] = [];
        const go = (i: number, c: Ctx): Stmts => {
          if (i === t.items.length) {
            const a = c.fn.temp();
            return [
              this.set(a, this.rt("rt_arr_new", [this.m.i32.const(vals.length)])),
              ...vals.map((v) => this.rt("rt_arr_push", [this.get(a), this.get(v)])),
              ...k(c, a),
            ];
          }
          return this.term(t.items[i], c, (c2, v) => { vals[i] = v; return go(i + 1, c2); });
        };
        return go(0, ctx);
      }
      case "set": {
        const vals: number[] = [];
        const go = (i: number, c: Ctx): Stmts => {
          if (i === t.items.length) {
            const s = c.fn.temp();
            return [this.set(s, this.rt("rt_set_new", [])), ...vals.map((v) => this.rt("rt_set_add", [this.get(s), this.get(v)])), ...k(c, s)];
          }
          return this.term(t.items[i], c, (c2, v) => { vals[i] = v; return go(i + 1, c2); });
        };
        return go(0, ctx);
      }
      case "object": {
        const keys: number[] = [], vals: number[] = [];
        const go = (i: number, c: Ctx): Stmts => {
          if (i === t.entries.length) {
            const o = c.fn.temp();
            return [
              this.set(o, this.rt("rt_obj_new", [])),
              ...keys.map((kk, j) => this.rt("rt_obj_put", [this.get(o), this.get(kk), this.get(vals[j])])),
              ...k(c, o),
            ];
          }
          return this.term(t.entries[i][0], c, (c2, kv) => {
            keys[i] = kv;
            return this.term(t.entries[i][1], c2, (c3, vv) => { vals[i] = vv; return go(i + 1, c3); });
          });
        };
        return go(0, ctx);
      }
      case "arraycompr": case "setcompr": case "objectcompr": {
        const out = ctx.fn.temp();
        const lbl = ctx.fn.label("compr");
        const init = t.type === "arraycompr" ? this.rt("rt_arr_new", [this.m.i32.const(0)]) : t.type === "setcompr" ? this.rt("rt_set_new", []) : this.rt("rt_obj_new", []);
        const inner: Ctx = { ...ctx, fail: lbl };
        const bodyStmts = this.body(t.body, inner, (c) => {
          if (t.type === "arraycompr") return this.term(t.term, c, (_c2, v) => [this.rt("rt_arr_push", [this.get(out), this.get(v)])]);
          if (t.type === "setcompr") return this.term(t.term, c, (_c2, v) => [this.rt("rt_set_add", [this.get(out), this.get(v)])]);
          return this.term(t.key, c, (c2, kv) => this.term(t.value, c2, (_c3, vv) => [
            this.m.if(this.m.i32.eqz(this.rt("rt_obj_put_unique", [this.get(out), this.get(kv), this.get(vv)])),
              this.abort(t.loc, "eval_conflict_error", "object keys must be unique")),
          ]));
        }, t.type === "objectcompr" ? new Set([...topVars(t.key), ...topVars(t.value)]) : topVars(t.term));
        return [this.set(out, init), this.block(lbl, bodyStmts), ...k(ctx, out)];
      }
      case "call": return this.call(t, ctx, k);
      case "number":
        this.errors.push(new RegoError(t.loc, `number ${t.raw} is outside the range sanso supports (64-bit floating point, integers of up to 900 digits)`, "rego_type_error"));
        return [this.m.unreachable()];
    }
    return [this.m.unreachable()];
  }

  private call(t: Extract<Term, { type: "call" }>, ctx: Ctx, k: KV): Stmts {
    const r = this.names.resolveCall(ctx, t.op);
    const key = r.path ? r.path.join(".") : r.builtin!;
    const mock = ctx.mocks.get(key);
    const finish = (c: Ctx, res: ExprRef): Stmts => {
      const l = c.fn.temp();
      return [this.set(l, res), this.failIfZero(c, l), ...k(c, l)];
    };
    if (mock) {
      if (mock.kind === "value") {
        return this.args(t.args, ctx, (c) => finish(c, this.m.global.get(mock.global!, i32)));
      }
      if (mock.targetBuiltin) return this.args(t.args, ctx, (c, vals) => finish(c, this.builtinCall(c.fn, mock.targetBuiltin!, vals, t.loc)));
      // Inside a replacement function, calls mean the originals: no function mock applies there.
      const inMock: MockEnv = new Map([...ctx.mocks].filter(([, m]) => m.kind !== "func"));
      const fname = this.functionFn(mock.targetPath!, inMock);
      return this.args(t.args, ctx, (c, vals) => finish(c, this.m.call(fname, vals.map((v) => this.get(v)), i32)));
    }
    if (r.path) {
      const node = this.program.find(r.path.slice(1));
      if (!node || node.leafKind !== "function") {
        this.errors.push(new RegoError(t.loc, `undefined function ${r.path.join(".")}`, "rego_type_error"));
        return [this.m.unreachable()];
      }
      const arity = node.leafDefs[0].rule.head.args?.length ?? 0;
      if (t.args.length !== arity) {
        this.errors.push(new RegoError(t.loc, `${r.path.join(".")}: arity mismatch: expected ${arity} arguments, got ${t.args.length}`, "rego_type_error"));
        return [this.m.unreachable()];
      }
      const fname = this.functionFn(r.path, ctx.mocks);
      return this.args(t.args, ctx, (c, vals) => finish(c, this.m.call(fname, vals.map((v) => this.get(v)), i32)));
    }
    const name = r.builtin!;
    const b = BUILTINS.get(name);
    if (!b) {
      this.errors.push(new RegoError(t.loc, `undefined function ${name}`, "rego_type_error"));
      return [this.m.unreachable()];
    }
    if (t.args.length !== b.arity) {
      this.errors.push(new RegoError(t.loc, `${name}: arity mismatch: expected ${b.arity} arguments, got ${t.args.length}`, "rego_type_error"));
      return [this.m.unreachable()];
    }
    if (name === "eq" || name === "assign") {
      // as a value: the unification succeeds → true
      return this.unify(t.args[0], t.args[1], ctx, (c) => {
        const l = c.fn.temp();
        return [this.set(l, this.rt("rt_bool", [this.m.i32.const(1)])), ...k(c, l)];
      });
    }
    return this.args(t.args, ctx, (c, vals) => finish(c, this.builtinCall(c.fn, name, vals, t.loc)));
  }

  /**
   * Evaluates a call's arguments, passing their locals in argument order. Left to right, except
   * when an argument is a variable not yet bound: then the refs go first, since they iterate and
   * bind their key variables (`foo == input.foos[foo]`, as the safety check orders it).
   */
  private args(args: Term[], ctx: Ctx, done: (c: Ctx, vals: number[]) => Stmts): Stmts {
    const refsFirst = args.some((a) => this.isUnboundLocal(ctx, a));
    const order = args.map((_, i) => i);
    if (refsFirst) order.sort((a, b) => Number(args[b]!.type === "ref") - Number(args[a]!.type === "ref"));
    const go = (j: number, c: Ctx, vals: number[]): Stmts => {
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

  private builtinCall(fn: FnBuilder, name: string, vals: number[], loc: Location): ExprRef {
    const b = BUILTINS.get(name)!;
    const args = () => vals.map((v) => this.get(v));
    if (!b.native || !this.rtm.has(b.native)) return this.importedCall(name, args());
    let call = this.rt(b.native, args());
    if (b.fallback) {
      // the native version covers common cases; it flags the others for the JavaScript one
      const r = fn.temp();
      const flag = this.rtm.internal("rt_fallback");
      call = this.m.block(null, [
        this.set(r, call),
        this.m.if(this.m.i32.and(this.m.i32.eqz(this.get(r)), this.m.global.get(flag, i32)), this.block(null, [
          this.m.global.set(flag, this.m.i32.const(0)),
          this.set(r, this.importedCall(name, args())),
        ])),
        this.get(r),
      ], i32);
    }
    if (!this.opts.strict) return call;
    // strict errors name the call site, as OPA's do
    const locG = this.rtm.internal("rt_loc");
    return this.m.block(null, [this.m.global.set(locG, this.strConst(`${loc.file}:${loc.line}`)), call], i32);
  }

  /**
   * A call through the ABI's opa_builtinN import (served by the SDK or sanso's JavaScript builtins).
   * A result OPA declares as a set comes back as a JSON array: it is made a set again.
   */
  private importedCall(name: string, args: ExprRef[]): ExprRef {
    const call = this.importedCallRaw(name, args);
    return resultIsSet(name) && this.rtm.has("bi_cast_set") ? this.rt("bi_cast_set", [call]) : call;
  }

  private importedCallRaw(name: string, args: ExprRef[]): ExprRef {
    let id = this.importedBuiltins.get(name);
    if (id === undefined) {
      id = this.importedBuiltins.size;
      this.importedBuiltins.set(name, id);
    }
    const n = args.length;
    const imp = `opa_builtin${n}`;
    if (!this.declaredImports.has(imp)) {
      this.declaredImports.add(imp);
      this.m.addFunctionImport(imp, "env", imp, binaryen.createType(Array(n + 2).fill(i32)), i32);
    }
    return this.m.call(imp, [this.m.i32.const(id), this.m.i32.const(0), ...args], i32);
  }
  private declaredImports = new Set<string>();

  // ------------------------------------------------------------------ references

  private ref(t: Extract<Term, { type: "ref" }>, ctx: Ctx, k: KV): Stmts {
    const head = t.head;
    if (head.type === "var") {
      if (ctx.bound.has(head.name)) return this.walk(ctx.fn.local(head.name), t.path, 0, ctx, k);
      if (this.names.isGlobal(ctx, head.name)) {
        const base = this.names.globalPath(ctx, head.name);
        if (base[0] === "input") {
          const l = ctx.fn.temp();
          const rest = [...base.slice(1).map((s) => ({ type: "string", value: s, loc: t.loc }) as Term), ...t.path];
          return [this.set(l, this.rt("rt_input", [])), this.failIfZero(ctx, l), ...this.walk(l, rest, 0, ctx, k)];
        }
        const path: Term[] = [...base.slice(1).map((s) => ({ type: "string", value: s, loc: t.loc }) as Term), ...t.path];
        return this.dataRef(this.program.root, path, 0, ctx, k, t.loc);
      }
      this.errors.push(new RegoError(head.loc, `var ${head.name} is unsafe`, "rego_unsafe_var_error"));
      return [this.m.unreachable()];
    }
    return this.term(head, ctx, (c, v) => this.walk(v, t.path, 0, c, k));
  }

  /**
   * Applies ref path elements from index i to the value in local cur. `stored`: cur was read from
   * the base data, where an integer key also matches the object key of the same text (rt_get_doc).
   */
  private walk(cur: number, path: Term[], i: number, ctx: Ctx, k: KV, stored = false): Stmts {
    if (i === path.length) return k(ctx, cur);
    const el = path[i];
    if (this.isGround(ctx, el)) {
      return this.term(el, ctx, (c, key) => {
        const l = c.fn.temp();
        return [this.set(l, this.rt(stored ? "rt_get_doc" : "rt_get", [this.get(cur), this.get(key)])), this.failIfZero(c, l), ...this.walk(l, path, i + 1, c, k, stored)];
      });
    }
    return this.scan(cur, ctx, true, (c, key, val) => this.unifyValue(el, key!, c, (c2) => this.walk(val, path, i + 1, c2, k, stored)));
  }

  /** A reference into data: descends the rule tree while the path is constant. */
  private dataRef(node: DocNode, path: Term[], i: number, ctx: Ctx, k: KV, loc: Location): Stmts {
    const mock = ctx.mocks.get(["data", ...node.path].join("."));
    if (mock && mock.kind === "value" && node.path.length > 0) {
      const l = ctx.fn.temp();
      return [this.set(l, this.m.global.get(mock.global!, i32)), this.failIfZero(ctx, l), ...this.walk(l, path, i, ctx, k)];
    }
    if (node.leafKind === "function") {
      this.errors.push(new RegoError(loc, `function ${node.id} must be called`, "rego_type_error"));
      return [this.m.unreachable()];
    }
    if (node.leafKind || node.generated) {
      const l = ctx.fn.temp();
      return [this.set(l, this.m.call(this.docFn(node, ctx.mocks), [], i32)), this.failIfZero(ctx, l), ...this.walk(l, path, i, ctx, k)];
    }
    // The children of a node of the rule tree (packages, rule names, base documents of a package)
    // all have string keys: an integer here matches the key of the same text, as in OPA
    // (`data[2]` is data["2"]), and never names a rule, so the reference does not depend on every
    // rule below the node (which made `p := data[2]` recursive).
    const el0 = path[i];
    if (el0 && el0.type === "number" && Number.isInteger(el0.value)) {
      const keyed = [...path];
      keyed[i] = { type: "string", value: el0.raw, loc: el0.loc };
      return this.dataRef(node, keyed, i, ctx, k, loc);
    }
    if (i < path.length) {
      const el = path[i];
      if (el.type === "string") {
        const child = node.children.get(el.value);
        if (child) return this.dataRef(child, path, i + 1, ctx, k, loc);
        if (!node.virtual) return this.baseData(node.path, path, i, ctx, k);
        // a key that no rule defines: only base data can have it
        const l = ctx.fn.temp();
        return [...this.baseDataLocal(l, node.path), this.failIfZero(ctx, l), ...this.walk(l, path, i, ctx, k, true)];
      }
    }
    if (!node.virtual) return this.baseData(node.path, path, i, ctx, k);
    const rest = path.slice(i + 1);
    if (i < path.length && rest.length > 0 && rest.every((t) => t.type === "string")) {
      return this.selectChildren(node, path[i], rest.map((t) => (t as { value: string }).value), ctx, k, loc);
    }
    const l = ctx.fn.temp();
    return [this.set(l, this.m.call(this.docFn(node, ctx.mocks), [], i32)), this.failIfZero(ctx, l), ...this.walk(l, path, i, ctx, k)];
  }

  /**
   * `data.pkgs[x].a.b` over a node of packages: instead of computing every document below the
   * node, only `a.b` of each child is computed, into an object keyed by child name (plus base
   * data), which is then iterated.
   */
  private selectChildren(node: DocNode, key: Term, rest: string[], ctx: Ctx, k: KV, loc: Location): Stmts {
    const fn = ctx.fn;
    const obj = fn.temp();
    const restTerms = rest.map((s) => ({ type: "string", value: s, loc }) as Term);
    const stmts: Stmts = [this.set(obj, this.rt("rt_obj_new", []))];
    for (const [name, child] of this.program.documentChildren(node)) {
      const lbl = fn.label("child");
      const c: Ctx = { ...ctx, fail: lbl };
      stmts.push(this.block(lbl, this.dataRef(child, restTerms, 0, c, (_c, v) => [
        this.rt("rt_obj_put", [this.get(obj), this.strConst(name), this.get(v)]),
      ], loc)));
    }
    // base documents under the node, for keys no rule or package defines
    const base = fn.temp();
    stmts.push(...this.baseDataLocal(base, node.path));
    stmts.push(this.m.if(this.m.i32.ne(this.get(base), this.m.i32.const(0)), this.block(null,
      this.loopOver(fn, base, true, (iter, bkey, bval) => [
        ...[...node.children.keys()].map((name) => this.m.br(iter, this.rt("rt_equal", [this.get(bkey!), this.strConst(name)]))),
        ...rest.flatMap((r) => [this.set(bval, this.rt("rt_get", [this.get(bval), this.strConst(r)])), this.m.br(iter, this.m.i32.eqz(this.get(bval)))]),
        this.rt("rt_obj_put", [this.get(obj), this.get(bkey!), this.get(bval)]),
      ]),
    )));
    return [...stmts, ...this.walk(obj, [key], 0, ctx, k)];
  }

  private baseDataLocal(l: number, nodePath: string[]): Stmts {
    const stmts: Stmts = [this.set(l, this.rt("rt_data", []))];
    for (const p of nodePath) stmts.push(this.set(l, this.rt("rt_get", [this.get(l), this.strConst(p)])));
    return stmts;
  }

  private baseData(nodePath: string[], path: Term[], i: number, ctx: Ctx, k: KV): Stmts {
    const l = ctx.fn.temp();
    const stmts: Stmts = [this.set(l, this.rt("rt_data", []))];
    for (const p of nodePath) {
      stmts.push(this.set(l, this.rt("rt_get", [this.get(l), this.strConst(p)])));
      stmts.push(this.failIfZero(ctx, l));
    }
    return [...stmts, ...this.walk(l, path, i, ctx, k, true)];
  }

  // ------------------------------------------------------------------ functions for documents

  private envKey(mocks: MockEnv): string {
    if (mocks.size === 0) return "";
    return "$" + [...mocks.entries()].map(([k, v]) => `${k}=${v.global ?? v.targetBuiltin ?? v.targetPath?.join(".")}`).sort().join(",").replace(/[^A-Za-z0-9_.,=$]/g, "_");
  }

  /** The (memoised) function computing a document node's value. */
  private docFn(node: DocNode, mocks: MockEnv): string {
    const name = `doc:${node.id}${this.envKey(mocks)}`;
    this.noteEdge(name, node.leafDefs[0]?.rule.loc ?? node.genDefs[0]?.def.rule.loc);
    if (!this.generated.has(name)) {
      this.generated.add(name);
      this.pending.push(() => { this.current = name; this.genDocFn(name, node, mocks); });
    }
    return name;
  }

  private functionFn(path: string[], mocks: MockEnv): string {
    const node = this.program.find(path.slice(1))!;
    const name = `fn:${node.id}${this.envKey(mocks)}`;
    this.noteEdge(name, node.leafDefs[0]?.rule.loc);
    if (!this.generated.has(name)) {
      this.generated.add(name);
      this.pending.push(() => { this.current = name; this.genFunction(name, node, mocks); });
    }
    return name;
  }

  private newCtx(fn: FnBuilder, mod: Module, mocks: MockEnv, fail: string): Ctx {
    return { fn, fail, bound: new Set(), mod, mocks, declared: new Set(), scopeVars: new Set() };
  }

  private memoWrap(name: string, res: number, bodyStmts: Stmts): ExprRef {
    const g = `${name}$gen`, v = `${name}$val`;
    this.m.addGlobal(g, i32, true, this.m.i32.const(0));
    this.m.addGlobal(v, i32, true, this.m.i32.const(0));
    return this.block(null, [
      this.m.if(this.m.i32.eq(this.m.global.get(g, i32), this.m.global.get(this.rtGen, i32)), this.m.return(this.m.global.get(v, i32))),
      ...bodyStmts,
      this.m.global.set(g, this.m.global.get(this.rtGen, i32)),
      this.m.global.set(v, this.get(res)),
      this.m.return(this.get(res)),
    ]);
  }

  private genDocFn(name: string, node: DocNode, mocks: MockEnv): void {
    const fn = new FnBuilder(name, 0);
    const res = fn.temp();
    let stmts: Stmts;
    if (node.leafKind === "complete") stmts = this.genComplete(fn, res, node, mocks);
    else if (node.leafKind === "partial_set") stmts = this.genPartialSet(fn, res, node, mocks);
    else if (node.generated) stmts = this.genGenerated(fn, res, node, mocks);
    else stmts = this.genMaterialize(fn, res, node, mocks);
    this.m.addFunction(name, none, i32, fn.vars, this.memoWrap(name, res, stmts));
  }

  /** Evaluates one rule with its else chain into local `out` (0 when undefined). */
  private genChain(fn: FnBuilder, out: number, def: RuleDef, mocks: MockEnv, conflictMsg: string, pre?: (ctx: Ctx, k: K) => Stmts): Stmts {
    const stmts: Stmts = [this.set(out, this.m.i32.const(0))];
    let link: typeof def.rule | undefined = def.rule;
    const links: Array<typeof def.rule> = [];
    while (link) { links.push(link); link = link.else; }
    const gen = (idx: number): Stmts => {
      const r = links[idx];
      const lbl = fn.label("rule");
      const ctx = this.newCtx(fn, def.module, mocks, lbl);
      const valueTerm: Term = r.head.value ?? { type: "boolean", value: true, loc: r.head.loc };
      const constValue = constText(valueTerm) !== undefined;
      const onSolution: K = (c) => this.term(valueTerm, c, (_c2, v) => [
        this.m.if(this.m.i32.and(this.m.i32.ne(this.get(out), this.m.i32.const(0)), this.m.i32.eqz(this.rt("rt_equal", [this.get(out), this.get(v)]))),
          this.abort(r.loc, "eval_conflict_error", conflictMsg)),
        this.set(out, this.get(v)),
        ...(constValue ? [this.m.br(lbl)] : []),
      ]);
      const headVars = new Set<string>([...topVars(valueTerm)]);
      const bodyStmts = pre
        ? pre(ctx, (c) => this.body(r.body, c, onSolution, headVars))
        : this.body(r.body, ctx, onSolution, headVars);
      const mine: Stmts = [this.block(lbl, bodyStmts)];
      if (idx + 1 < links.length) mine.push(this.m.if(this.m.i32.eqz(this.get(out)), this.block(null, gen(idx + 1))));
      return mine;
    };
    return [...stmts, ...gen(0)];
  }

  private defaultValue(fn: FnBuilder, res: number, defs: RuleDef[], mocks: MockEnv): Stmts {
    const d = defs.find((x) => x.rule.default);
    if (!d) return [];
    const lbl = fn.label("default");
    const ctx = this.newCtx(fn, d.module, mocks, lbl);
    const vt: Term = d.rule.head.value ?? { type: "boolean", value: true, loc: d.rule.loc };
    return [this.m.if(this.m.i32.eqz(this.get(res)), this.block(lbl, this.term(vt, ctx, (_c, v) => [this.set(res, this.get(v))])))];
  }

  private genComplete(fn: FnBuilder, res: number, node: DocNode, mocks: MockEnv): Stmts {
    const stmts: Stmts = [this.set(res, this.m.i32.const(0))];
    const one = fn.temp();
    // OPA's earlier text, then OPA 1.x's, which names the rule
    const msg = `complete rules must not produce multiple outputs: rule ${node.id} produced conflicting values`;
    for (const def of node.leafDefs) {
      if (def.rule.default) continue;
      stmts.push(...this.genChain(fn, one, def, mocks, msg));
      stmts.push(this.m.if(this.m.i32.ne(this.get(one), this.m.i32.const(0)), this.block(null, [
        this.m.if(this.m.i32.and(this.m.i32.ne(this.get(res), this.m.i32.const(0)), this.m.i32.eqz(this.rt("rt_equal", [this.get(res), this.get(one)]))),
          this.abort(def.rule.loc, "eval_conflict_error", msg)),
        this.set(res, this.get(one)),
      ])));
    }
    stmts.push(...this.defaultValue(fn, res, node.leafDefs, mocks));
    return stmts;
  }

  private genPartialSet(fn: FnBuilder, res: number, node: DocNode, mocks: MockEnv): Stmts {
    const stmts: Stmts = [this.set(res, this.rt("rt_set_new", []))];
    for (const def of node.leafDefs) {
      const lbl = fn.label("rule");
      const ctx = this.newCtx(fn, def.module, mocks, lbl);
      const key = def.rule.head.key!;
      stmts.push(this.block(lbl, this.body(def.rule.body, ctx, (c) => this.term(key, c, (_c2, v) => [this.rt("rt_set_add", [this.get(res), this.get(v)])]), topVars(key))));
    }
    return stmts;
  }

  private genGenerated(fn: FnBuilder, res: number, node: DocNode, mocks: MockEnv): Stmts {
    const stmts: Stmts = [this.set(res, this.rt("rt_obj_new", []))];
    for (const { def, relPath } of node.genDefs) {
      if (def.rule.default) continue;
      const r = def.rule;
      const lbl = fn.label("rule");
      const ctx = this.newCtx(fn, def.module, mocks, lbl);
      const isSet = r.head.kind === "partial_set";
      const valueTerm: Term = isSet ? r.head.key! : (r.head.value ?? { type: "boolean", value: true, loc: r.head.loc });
      const headVars = new Set<string>([...topVars(valueTerm)]);
      for (const p of relPath) topVars(p, headVars);
      const onSolution: K = (c) => {
        const keys: number[] = [];
        const go = (i: number, c2: Ctx): Stmts => {
          if (i === relPath.length) {
            return this.term(valueTerm, c2, (c3, v) => {
              const pathArr = c3.fn.temp();
              return [
                this.set(pathArr, this.rt("rt_arr_new", [this.m.i32.const(keys.length)])),
                ...keys.map((kk) => this.rt("rt_arr_push", [this.get(pathArr), this.get(kk)])),
                this.m.if(this.m.i32.eqz(this.rt("rt_obj_insert_path", [this.get(res), this.get(pathArr), this.get(v), this.m.i32.const(isSet ? 1 : 0)])),
                  this.abort(r.loc, "eval_conflict_error", "object keys must be unique")),
              ];
            });
          }
          return this.term(relPath[i], c2, (c3, kv) => { keys[i] = kv; return go(i + 1, c3); });
        };
        return go(0, c);
      };
      stmts.push(this.block(lbl, this.body(r.body, ctx, onSolution, headVars)));
    }
    return stmts;
  }

  /** A node without rules of its own: an object of its children's values, merged with base data. */
  private genMaterialize(fn: FnBuilder, res: number, node: DocNode, mocks: MockEnv): Stmts {
    const stmts: Stmts = [this.set(res, this.rt("rt_obj_new", []))];
    const v = fn.temp();
    for (const [key, child] of this.program.documentChildren(node)) {
      const mock = mocks.get(["data", ...child.path].join("."));
      stmts.push(this.set(v, mock?.kind === "value" ? this.m.global.get(mock.global!, i32) : this.m.call(this.docFn(child, mocks), [], i32)));
      stmts.push(this.m.if(this.m.i32.ne(this.get(v), this.m.i32.const(0)), this.rt("rt_obj_put", [this.get(res), this.strConst(key), this.get(v)])));
    }
    const base = fn.temp();
    stmts.push(...this.baseDataLocal(base, node.path));
    stmts.push(this.m.if(this.m.i32.ne(this.get(base), this.m.i32.const(0)), this.block(null, [
      this.set(res, this.rt("rt_obj_merge", [this.get(base), this.get(res)])),
    ])));
    return stmts;
  }

  private genFunction(name: string, node: DocNode, mocks: MockEnv): void {
    const arity = node.leafDefs[0].rule.head.args?.length ?? 0;
    const fn = new FnBuilder(name, arity);
    const res = fn.temp(), one = fn.temp();
    const stmts: Stmts = [this.set(res, this.m.i32.const(0))];
    const msg = `functions must not produce multiple outputs for same inputs: function ${node.id} produced conflicting values for the same inputs`;
    for (const def of node.leafDefs) {
      if (def.rule.default) continue;
      const args = def.rule.head.args ?? [];
      if (args.length !== arity) {
        this.errors.push(new RegoError(def.rule.loc, `function ${node.id} has arity ${args.length}, expected ${arity}`, "rego_type_error"));
        continue;
      }
      const declaredArgs = new Set<string>();
      for (const a of args) topVars(a, declaredArgs);
      const pre = (ctx: Ctx, k: K): Stmts => {
        ctx.declared = new Set([...ctx.declared, ...declaredArgs]);
        ctx.scopeVars = new Set([...ctx.scopeVars, ...declaredArgs]);
        const go = (i: number, c: Ctx): Stmts => {
          if (i === args.length) return k(c);
          // bind parameter i: its local is the wasm param i
          const tmp = c.fn.temp();
          return [this.set(tmp, this.m.local.get(i, i32)), ...this.unifyValue(args[i], tmp, c, (c2) => go(i + 1, c2))];
        };
        return go(0, ctx);
      };
      stmts.push(...this.genChain(fn, one, def, mocks, msg, pre));
      stmts.push(this.m.if(this.m.i32.ne(this.get(one), this.m.i32.const(0)), this.block(null, [
        this.m.if(this.m.i32.and(this.m.i32.ne(this.get(res), this.m.i32.const(0)), this.m.i32.eqz(this.rt("rt_equal", [this.get(res), this.get(one)]))),
          this.abort(def.rule.loc, "eval_conflict_error", msg)),
        this.set(res, this.get(one)),
      ])));
    }
    stmts.push(...this.defaultValue(fn, res, node.leafDefs, mocks));
    stmts.push(this.m.return(this.get(res)));
    this.m.addFunction(name, binaryen.createType(Array(arity).fill(i32)), i32, fn.vars, this.block(null, stmts));
  }

  // ------------------------------------------------------------------ module assembly

  generate(): GenerateResult {
    const entrypoints: Record<string, number> = {};
    // dispatch(ep): evaluate the entrypoint's data path
    const fn = new FnBuilder("sanso$dispatch", 1);
    const cases: Stmts = [];
    this.opts.entrypoints.forEach((path, idx) => {
      entrypoints[path.join("/")] = idx;
      const lbl = fn.label("ep");
      const mod: Module = { file: "<entrypoint>", package: [], packageLoc: { file: "", line: 1, col: 1 }, imports: [], rules: [], annotations: [] };
      const ctx = this.newCtx(fn, mod, new Map(), lbl);
      const loc = { file: "<entrypoint>", line: 1, col: 1 };
      const terms = path.map((s) => ({ type: "string", value: s, loc }) as Term);
      cases.push(this.m.if(this.m.i32.eq(this.m.local.get(0, i32), this.m.i32.const(idx)),
        this.block(lbl, this.dataRef(this.program.root, terms, 0, ctx, (_c, v) => [this.m.return(this.get(v))], loc))));
    });
    cases.push(this.m.return(this.m.i32.const(0)));
    // generate every function reached, transitively
    while (this.pending.length) this.pending.shift()!();
    this.checkUnreached();
    this.checkRecursion();
    if (this.errors.length) throw this.errors;

    this.rtm.replaceImport("dispatch", binaryen.createType([i32]), this.block(null, cases), fn.vars);
    const builtinsJson = JSON.stringify(Object.fromEntries(this.importedBuiltins));
    this.rtm.replaceImport("builtins", none, this.m.return(this.constExpr(builtinsJson)));
    this.rtm.replaceImport("entrypoints", none, this.m.return(this.constExpr(JSON.stringify(entrypoints))));
    this.rtm.appendConstants(this.consts);
    if (this.opts.strict) this.rtm.setGlobalInit("rt_strict", 1);
    const wasm = this.rtm.finish(this.opts.optimize !== false ? [...this.generated] : []);
    return { wasm, entrypoints, builtins: Object.fromEntries(this.importedBuiltins) };
  }

  /**
   * The check stage over the rules no entrypoint reaches: each is generated once, so that its
   * safety, recursion and undefined-function errors are reported as OPA's compiler reports them
   * (it checks every rule before planning); then what only this stage generated is dropped.
   */
  private checkUnreached(): void {
    const reached = new Set(this.generated);
    const builtins = new Map(this.importedBuiltins);
    const consts = this.consts.length;
    const visit = (node: DocNode): void => {
      if (node.absorbed) return;
      if (node.leafKind === "function") this.functionFn(["data", ...node.path], new Map());
      else if (node.leafKind || node.generated) this.docFn(node, new Map());
      for (const c of node.children.values()) visit(c);
    };
    this.current = ""; // requested from the top, as the entrypoints are: no caller edge
    visit(this.program.root);
    while (this.pending.length) this.pending.shift()!();
    for (const name of [...this.generated]) {
      if (reached.has(name)) continue;
      this.m.removeFunction(name);
      for (const g of [`${name}$gen`, `${name}$val`]) if (this.m.getGlobal(g)) this.m.removeGlobal(g);
      this.generated.delete(name);
    }
    this.importedBuiltins = builtins;
    this.consts.length = consts;
    for (const [text, i] of this.constIndex) if (i >= consts) this.constIndex.delete(text);
  }

  private checkRecursion(): void {
    const state = new Map<string, number>(); // 1 visiting, 2 done
    const stack: string[] = [];
    const visit = (n: string): boolean => {
      if (state.get(n) === 2) return false;
      if (state.get(n) === 1) {
        const cycle = [...stack.slice(stack.indexOf(n)), n].map((x) => x.replace(/^(doc|fn):/, "").replace(/\$.*$/, ""));
        const loc = this.edgeLoc.get(n) ?? { file: "", line: 0, col: 0 };
        this.errors.push(new RegoError(loc, `rule ${cycle[0]} is recursive: ${cycle.join(" -> ")}`, "rego_recursion_error"));
        return true;
      }
      state.set(n, 1);
      stack.push(n);
      for (const to of this.edges.get(n) ?? []) if (visit(to)) return true;
      stack.pop();
      state.set(n, 2);
      return false;
    };
    for (const n of this.edges.keys()) if (visit(n)) return;
  }

}

export function generate(runtime: Uint8Array, program: Program, opts: GenerateOptions): GenerateResult {
  return new Codegen(runtime, program, opts).generate();
}
