// The Wasm emitter: IR functions (../ir.ts) → binaryen functions appended to the precompiled
// runtime (runtime-module.ts), then the module's constant table, the `sanso.*` imports it fills
// (dispatch, builtins, entrypoints), validation, optimisation and the binary.
//
// It knows the runtime and the OPA ABI, nothing of Rego: every decision is the planner's. Each IR
// statement becomes a few binaryen expressions; what the emitter adds is bookkeeping — the
// constant table (a Rego value text → its index), the ids of the builtins served through
// `opa_builtinN` (numbered as first emitted), the globals of memoised functions and `with`
// replacements, and the counters of `scan` loops.

import binaryen from "binaryen";
import type { IrFunction, IrProgram, Stmt, Val } from "../ir.js";
import { reachable } from "../ir.js";
import { RuntimeModule } from "./runtime-module.js";

type ExprRef = number;
const i32 = binaryen.i32;
const none = binaryen.none;

export interface EmitOptions {
  /** rt_strict starts at 1: builtin errors abort evaluation */
  strict?: boolean;
  /** optimise the emitted functions (default true) */
  optimize?: boolean;
}

export interface EmitResult {
  wasm: Uint8Array;
  /** builtins served through opa_builtinN: name → id */
  builtins: Record<string, number>;
}

/** Emits the dispatch function and every function it reaches (not the others the check stage planned). */
export function emitWasm(runtime: Uint8Array, program: IrProgram, opts: EmitOptions): EmitResult {
  return new Emitter(runtime, opts).emit(program);
}

/** Per-function state: the locals the emitter adds after the planner's, and its own labels. */
interface FnState {
  f: IrFunction;
  extra: number;
  labels: number;
}

class Emitter {
  private rtm: RuntimeModule;
  private m: binaryen.Module;
  private consts: string[] = [];
  private constIndex = new Map<string, number>();
  private builtins = new Map<string, number>();
  private imports = new Set<string>();
  private globals = new Set<string>();
  private rtInternal = new Map<string, string>();

  constructor(runtime: Uint8Array, private opts: EmitOptions) {
    this.rtm = new RuntimeModule(runtime);
    this.m = this.rtm.m;
  }

  emit(program: IrProgram): EmitResult {
    const names = reachable(program);
    for (const name of names) {
      const f = program.functions.get(name)!;
      const { body, vars } = this.fnBody(f);
      this.m.addFunction(name, binaryen.createType(Array(f.params).fill(i32)), i32, vars, body);
    }
    const d = this.fnBody(program.dispatch);
    this.rtm.replaceImport("dispatch", binaryen.createType([i32]), d.body, d.vars);
    const builtins = Object.fromEntries(this.builtins);
    this.rtm.replaceImport("builtins", none, this.m.return(this.constant(JSON.stringify(builtins))));
    this.rtm.replaceImport("entrypoints", none, this.m.return(this.constant(JSON.stringify(program.entrypoints))));
    this.rtm.appendConstants(this.consts);
    if (this.opts.strict) this.rtm.setGlobalInit("rt_strict", 1);
    const wasm = this.rtm.finish(this.opts.optimize !== false ? names : []);
    return { wasm, builtins };
  }

  private fnBody(f: IrFunction): { body: ExprRef; vars: number[] } {
    const st: FnState = { f, extra: 0, labels: 0 };
    const body = this.m.block(null, this.stmts(st, f.body), none);
    return { body, vars: Array(f.locals + st.extra).fill(i32) };
  }

  // ------------------------------------------------------------------ values

  private rtName(exportName: string): string {
    let n = this.rtInternal.get(exportName);
    if (n === undefined) this.rtInternal.set(exportName, (n = this.rtm.internal(exportName)));
    return n;
  }

  private global(g: string, isRt: boolean | undefined): string {
    if (isRt) return this.rtName(g);
    if (!this.globals.has(g)) {
      this.globals.add(g);
      this.m.addGlobal(g, i32, true, this.m.i32.const(0));
    }
    return g;
  }

  private constIdx(text: string): number {
    let i = this.constIndex.get(text);
    if (i === undefined) {
      i = this.consts.length;
      this.consts.push(text);
      this.constIndex.set(text, i);
    }
    return i;
  }

  private constant(text: string): ExprRef {
    return this.rtm.call("rt_const", [this.m.i32.const(this.constIdx(text))]);
  }

  private val(v: Val): ExprRef {
    const m = this.m;
    switch (v.k) {
      case "local": return m.local.get(v.l, i32);
      case "i32": return m.i32.const(v.n);
      case "const": return this.constant(v.text);
      case "rt": return this.rtm.call(v.fn, v.args.map((a) => this.val(a)));
      case "call": return m.call(v.fn, v.args.map((a) => this.val(a)), i32);
      case "global": return m.global.get(this.global(v.g, v.rt), i32);
      case "eqz": return m.i32.eqz(this.val(v.a));
      case "and": return m.i32.and(this.val(v.a), this.val(v.b));
      case "cmp": {
        const a = this.val(v.a), b = this.val(v.b);
        switch (v.op) {
          case "eq": return m.i32.eq(a, b);
          case "ne": return m.i32.ne(a, b);
          case "lt": return m.i32.lt_s(a, b);
          case "le": return m.i32.le_s(a, b);
          case "gt": return m.i32.gt_s(a, b);
          case "ge": return m.i32.ge_s(a, b);
        }
      }
    }
  }

  // ------------------------------------------------------------------ statements

  private stmts(st: FnState, ss: Stmt[]): ExprRef[] {
    const out: ExprRef[] = [];
    for (const s of ss) out.push(this.stmt(st, s));
    return out;
  }

  private temp(st: FnState): number {
    return st.f.params + st.f.locals + st.extra++;
  }

  private stmt(st: FnState, s: Stmt): ExprRef {
    const m = this.m;
    switch (s.s) {
      case "block": return m.block(s.label ?? null, this.stmts(st, s.body), none);
      case "br": return s.cond ? m.br(s.label, this.val(s.cond)) : m.br(s.label);
      case "if": return m.if(this.val(s.cond), s.then.length === 1 ? this.stmt(st, s.then[0]!) : m.block(null, this.stmts(st, s.then), none));
      case "set": return m.local.set(s.dst, this.val(s.v));
      case "do": {
        const e = this.val(s.v);
        return binaryen.getExpressionType(e) === none ? e : m.drop(e);
      }
      case "gset": return m.global.set(this.global(s.g, s.rt), this.val(s.v));
      case "return": return m.return(this.val(s.v));
      case "unreachable": return m.unreachable();
      case "abort": return m.block(null, [this.rtm.call("rt_fail", [this.constant(JSON.stringify(s.msg))]), m.unreachable()], none);
      case "memo_get": {
        const { gen, val } = this.memoGlobals(st.f.name);
        return m.if(m.i32.eq(m.global.get(gen, i32), m.global.get(this.rtName("rt_gen"), i32)), m.return(m.global.get(val, i32)));
      }
      case "memo_set": {
        const { gen, val } = this.memoGlobals(st.f.name);
        return m.block(null, [
          m.global.set(gen, m.global.get(this.rtName("rt_gen"), i32)),
          m.global.set(val, m.local.get(s.l, i32)),
        ], none);
      }
      case "with_save": return m.block(null, [
        m.local.set(s.input, this.rtm.call("rt_input", [])),
        m.local.set(s.data, this.rtm.call("rt_data", [])),
        m.local.set(s.gen, m.global.get(this.rtName("rt_gen"), i32)),
      ], none);
      case "with_swap": return m.block(null, [
        this.rtm.call("rt_set_input", [m.local.get(s.input, i32)]),
        this.rtm.call("rt_set_data", [m.local.get(s.data, i32)]),
        m.global.set(this.rtName("rt_gen"), m.local.get(s.gen, i32)),
      ], none);
      case "scan": return this.scan(st, s);
      case "builtin": return this.builtin(s);
    }
  }

  private memoGlobals(name: string): { gen: string; val: string } {
    return { gen: this.global(`${name}$gen`, false), val: this.global(`${name}$val`, false) };
  }

  /** for (i = 0, n = rt_len(coll); i < n; i++) { [key = rt_key_at(coll, i)]; val = rt_val_at(coll, i); body } */
  private scan(st: FnState, s: Extract<Stmt, { s: "scan" }>): ExprRef {
    const m = this.m;
    const n = this.temp(st), i = this.temp(st);
    const id = st.labels++;
    const done = `$done${id}`, loop = `$loop${id}`;
    const coll = () => m.local.get(s.coll, i32);
    return m.block(null, [
      m.local.set(n, this.rtm.call("rt_len", [coll()])),
      m.local.set(i, m.i32.const(0)),
      m.block(done, [m.loop(loop, m.block(null, [
        m.br(done, m.i32.ge_s(m.local.get(i, i32), m.local.get(n, i32))),
        m.block(s.next, [
          ...(s.key !== undefined ? [m.local.set(s.key, this.rtm.call("rt_key_at", [coll(), m.local.get(i, i32)]))] : []),
          m.local.set(s.val, this.rtm.call("rt_val_at", [coll(), m.local.get(i, i32)])),
          ...this.stmts(st, s.body),
        ], none),
        m.local.set(i, m.i32.add(m.local.get(i, i32), m.i32.const(1))),
        m.br(loop),
      ], none))], none),
    ], none);
  }

  private builtin(s: Extract<Stmt, { s: "builtin" }>): ExprRef {
    const m = this.m;
    const args = () => s.args.map((a) => m.local.get(a, i32));
    const stmts: ExprRef[] = [];
    if (!s.native || !this.rtm.has(s.native)) {
      stmts.push(m.local.set(s.dst, this.imported(s.name, args(), s.castSet)));
    } else {
      // strict errors of a native builtin name the call site, as OPA's do
      if (s.site !== undefined) stmts.push(m.global.set(this.rtName("rt_loc"), this.constant(JSON.stringify(s.site))));
      stmts.push(m.local.set(s.dst, this.rtm.call(s.native, args())));
      if (s.fallback) {
        // the native version covers common cases; it flags the others for the imported one
        const flag = this.rtName("rt_fallback");
        stmts.push(m.if(m.i32.and(m.i32.eqz(m.local.get(s.dst, i32)), m.global.get(flag, i32)), m.block(null, [
          m.global.set(flag, m.i32.const(0)),
          m.local.set(s.dst, this.imported(s.name, args(), s.castSet)),
        ], none)));
      }
    }
    return stmts.length === 1 ? stmts[0]! : m.block(null, stmts, none);
  }

  /** A call through the ABI's opa_builtinN import; a set result comes back a JSON array, made a set again. */
  private imported(name: string, args: ExprRef[], castSet: boolean | undefined): ExprRef {
    let id = this.builtins.get(name);
    if (id === undefined) {
      id = this.builtins.size;
      this.builtins.set(name, id);
    }
    const imp = `opa_builtin${args.length}`;
    if (!this.imports.has(imp)) {
      this.imports.add(imp);
      this.m.addFunctionImport(imp, "env", imp, binaryen.createType(Array(args.length + 2).fill(i32)), i32);
    }
    const call = this.m.call(imp, [this.m.i32.const(id), this.m.i32.const(0), ...args], i32);
    return castSet && this.rtm.has("bi_cast_set") ? this.rtm.call("bi_cast_set", [call]) : call;
  }
}
