// The intermediate representation between the planner (plan/) and the Wasm emitter (wasm/).
//
// The planner decides what to compute: the order of a body's expressions, what binds what, which
// rule functions a reference calls, how `with` replaces documents and functions. It writes that
// down as IR functions of plain data (no binaryen, JSON-printable). The emitter turns each
// statement into a few binaryen calls, knowing nothing of Rego.
//
// Execution model (as OPA's planner's): every value is an i32 local holding a pointer into the
// runtime's heap, 0 meaning undefined. Control flow is structured: a `block` has a label, `br`
// leaves the block of that label (a failure jumps to the end of the block that tries the current
// alternative), `scan` runs its body once per element of a collection, where `br` to its `next`
// label moves on to the next element. A function's locals are numbered after its parameters.

/** A value: what a statement reads. Evaluates to an i32. */
export type Val =
  /** a local (parameters first) */
  | { k: "local"; l: number }
  /** an integer (a length, an index, a flag: not a Rego value) */
  | { k: "i32"; n: number }
  /** a Rego constant, by its value text (constants.ts): the emitter puts it in the constant table */
  | { k: "const"; text: string }
  /** a call of one of the runtime's exported rt_* functions */
  | { k: "rt"; fn: string; args: Val[] }
  /** a call of a planned function (IrFunction.name) */
  | { k: "call"; fn: string; args: Val[] }
  /** a global: one the planner declares (a `with` replacement value), or a runtime's (`rt`) by export name */
  | { k: "global"; g: string; rt?: boolean }
  /** i32 tests, 1 or 0 */
  | { k: "eqz"; a: Val }
  | { k: "cmp"; op: CmpOp; a: Val; b: Val }
  | { k: "and"; a: Val; b: Val };

export type CmpOp = "eq" | "ne" | "lt" | "le" | "gt" | "ge";

/** A statement. */
export type Stmt =
  /** a block of statements; `br` to its label leaves it */
  | { s: "block"; label?: string; body: Stmt[] }
  /** leaves the block of `label` (or moves a scan to its next element), when `cond` is not 0 if given */
  | { s: "br"; label: string; cond?: Val }
  /** the statements when `cond` is not 0 */
  | { s: "if"; cond: Val; then: Stmt[] }
  /** dst := v */
  | { s: "set"; dst: number; v: Val }
  /** a runtime call for its effect (rt_set_add, rt_obj_put, …) */
  | { s: "do"; v: Val }
  /** global := v */
  | { s: "gset"; g: string; rt?: boolean; v: Val }
  /**
   * Runs `body` once per element of the collection in local `coll`, in Rego's order, with the
   * element's key (when `key` is given) and value in those locals. `br next` ends the element's
   * turn. A scalar has no elements. The loop's counters are the emitter's.
   */
  | { s: "scan"; coll: number; key?: number; val: number; next: string; body: Stmt[] }
  /**
   * dst := builtin(args). `native`: the runtime's implementation (a bi_ export), used when the
   * runtime has it; else the ABI's opa_builtinN import. `fallback`: the native one flags the cases
   * it leaves to the import. `castSet`: the import's JSON array result is a set. `site`: the
   * location strict mode's errors name.
   */
  | { s: "builtin"; dst: number; name: string; args: number[]; native?: string; fallback?: boolean; castSet?: boolean; site?: string }
  /** aborts evaluation: rt_fail(message), naming the location: `file:line: code: message` */
  | { s: "abort"; msg: string }
  /** returns v from the function */
  | { s: "return"; v: Val }
  /** the function's memoised value, when computed in this evaluation (generation) already: returned */
  | { s: "memo_get" }
  /** stores the function's value (local l) for the rest of the evaluation (generation) */
  | { s: "memo_set"; l: number }
  /** saves the runtime's input, data and generation into locals */
  | { s: "with_save"; input: number; data: number; gen: number }
  /** makes the locals the runtime's input, data and generation */
  | { s: "with_swap"; input: number; data: number; gen: number }
  /** never reached (what the planner puts where it reported an error) */
  | { s: "unreachable" };

export interface IrFunction {
  /** unique; `doc:<data path>[$env]` for a document, `fn:<data path>[$env]` for a function */
  name: string;
  /** i32 parameters (locals 0..params-1) */
  params: number;
  /** i32 locals after the parameters */
  locals: number;
  body: Stmt[];
}

export interface IrProgram {
  /** the function serving the ABI's eval: parameter 0 is the entrypoint id */
  dispatch: IrFunction;
  /** entrypoint name ("pkg/rule") → id */
  entrypoints: Record<string, number>;
  /** every planned function, reached by the entrypoints or not (the check stage plans them all) */
  functions: Map<string, IrFunction>;
}

// ------------------------------------------------------------------ constructors

export const local = (l: number): Val => ({ k: "local", l });
export const int = (n: number): Val => ({ k: "i32", n });
export const rt = (fn: string, args: Val[] = []): Val => ({ k: "rt", fn, args });
export const eqz = (a: Val): Val => ({ k: "eqz", a });
export const cmp = (op: CmpOp, a: Val, b: Val): Val => ({ k: "cmp", op, a, b });
export const and = (a: Val, b: Val): Val => ({ k: "and", a, b });
export const set = (dst: number, v: Val): Stmt => ({ s: "set", dst, v });
export const br = (label: string, cond?: Val): Stmt => (cond ? { s: "br", label, cond } : { s: "br", label });
/** leaves the block of `label` when local l is undefined */
export const brIfUndefined = (label: string, l: number): Stmt => br(label, eqz(local(l)));
export const block = (label: string | undefined, body: Stmt[]): Stmt => (label ? { s: "block", label, body } : { s: "block", body });
export const doRt = (fn: string, args: Val[]): Stmt => ({ s: "do", v: rt(fn, args) });

// ------------------------------------------------------------------ reachability

/** The functions the dispatch function calls, directly or not: what is emitted, in first-call order. */
export function reachable(program: IrProgram): string[] {
  const seen = new Set<string>();
  const order: string[] = [];
  const visitVal = (v: Val): void => {
    switch (v.k) {
      case "rt": for (const a of v.args) visitVal(a); break;
      case "call": for (const a of v.args) visitVal(a); visitFn(v.fn); break;
      case "eqz": visitVal(v.a); break;
      case "cmp": case "and": visitVal(v.a); visitVal(v.b); break;
    }
  };
  const visitStmts = (ss: Stmt[]): void => {
    for (const s of ss) {
      switch (s.s) {
        case "block": visitStmts(s.body); break;
        case "scan": visitStmts(s.body); break;
        case "if": visitVal(s.cond); visitStmts(s.then); break;
        case "br": if (s.cond) visitVal(s.cond); break;
        case "set": case "do": case "gset": case "return": visitVal(s.v); break;
      }
    }
  };
  const visitFn = (name: string): void => {
    if (seen.has(name)) return;
    seen.add(name);
    const f = program.functions.get(name);
    if (!f) throw new Error(`sanso: IR calls a function that was not planned: ${name}`);
    order.push(name);
    visitStmts(f.body);
  };
  visitStmts(program.dispatch.body);
  return order;
}

// ------------------------------------------------------------------ printing

/** A value as text: `l3`, `7`, `const("a")`, `rt_get(l1, l2)`, `call doc:data.p.q()`, … */
export function formatVal(v: Val): string {
  switch (v.k) {
    case "local": return `l${v.l}`;
    case "i32": return String(v.n);
    case "const": return `const(${v.text})`;
    case "rt": return `${v.fn}(${v.args.map(formatVal).join(", ")})`;
    case "call": return `call ${v.fn}(${v.args.map(formatVal).join(", ")})`;
    case "global": return v.rt ? `$${v.g}` : `global ${v.g}`;
    case "eqz": return v.a.k === "cmp" ? `!(${formatVal(v.a)})` : `!${formatVal(v.a)}`;
    case "cmp": return `${formatVal(v.a)} ${{ eq: "==", ne: "!=", lt: "<", le: "<=", gt: ">", ge: ">=" }[v.op]} ${formatVal(v.b)}`;
    case "and": return `(${formatVal(v.a)} && ${formatVal(v.b)})`;
  }
}

/** Statements as indented lines, one per statement. */
export function formatStmts(ss: Stmt[], indent = ""): string[] {
  const out: string[] = [];
  const nested = (head: string, body: Stmt[]) => {
    out.push(`${indent}${head} {`);
    out.push(...formatStmts(body, indent + "  "));
    out.push(`${indent}}`);
  };
  for (const s of ss) {
    switch (s.s) {
      case "block": nested(`block${s.label ? " " + s.label : ""}`, s.body); break;
      case "scan": nested(`scan l${s.coll} as ${s.key !== undefined ? `l${s.key}: ` : ""}l${s.val} next ${s.next}`, s.body); break;
      case "if": nested(`if ${formatVal(s.cond)}`, s.then); break;
      case "br": out.push(`${indent}br ${s.label}${s.cond ? ` if ${formatVal(s.cond)}` : ""}`); break;
      case "set": out.push(`${indent}l${s.dst} = ${formatVal(s.v)}`); break;
      case "do": out.push(`${indent}${formatVal(s.v)}`); break;
      case "gset": out.push(`${indent}${s.rt ? "$" : "global "}${s.g} = ${formatVal(s.v)}`); break;
      case "builtin": out.push(`${indent}l${s.dst} = builtin ${s.name}(${s.args.map((a) => `l${a}`).join(", ")})${s.native ? ` native ${s.native}${s.fallback ? "+fallback" : ""}` : ""}${s.castSet ? " as set" : ""}`); break;
      case "abort": out.push(`${indent}abort ${JSON.stringify(s.msg)}`); break;
      case "return": out.push(`${indent}return ${formatVal(s.v)}`); break;
      case "memo_get": out.push(`${indent}memo_get`); break;
      case "memo_set": out.push(`${indent}memo_set l${s.l}`); break;
      case "with_save": out.push(`${indent}with_save input→l${s.input} data→l${s.data} gen→l${s.gen}`); break;
      case "with_swap": out.push(`${indent}with_swap input=l${s.input} data=l${s.data} gen=l${s.gen}`); break;
      case "unreachable": out.push(`${indent}unreachable`); break;
    }
  }
  return out;
}

/** A function as text: its signature, then its statements. */
export function formatFunction(f: IrFunction): string {
  return [`func ${f.name}(${f.params} params, ${f.locals} locals) {`, ...formatStmts(f.body, "  "), "}"].join("\n");
}

/** A whole program as text: the dispatch function, then every planned function, unreached ones marked. */
export function formatProgram(program: IrProgram): string {
  const reached = new Set(reachable(program));
  const fns = [...program.functions.values()].map((f) => (reached.has(f.name) ? "" : "; not reached: planned by the check stage, not emitted\n") + formatFunction(f));
  return [`; entrypoints ${JSON.stringify(program.entrypoints)}`, formatFunction(program.dispatch), ...fns].join("\n");
}
