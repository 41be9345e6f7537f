// Safety: every variable must be bound before it is needed. Like OPA, the compiler reorders the
// expressions of a body so that each runs once the variables it needs are bound, and reports
// `var x is unsafe` when no order works.

import type { Body, Expr, Term } from "../syntax/ast.js";
import { RegoError } from "../syntax/ast.js";

/** Decides whether a name refers to something global (input, data, a rule, an import alias). */
export type GlobalTest = (name: string) => boolean;

/** All variable names in a term, including those inside comprehensions. */
export function termVars(t: Term, out: Set<string> = new Set()): Set<string> {
  switch (t.type) {
    case "var": out.add(t.name); break;
    case "ref": termVars(t.head, out); for (const p of t.path) termVars(p, out); break;
    case "array": case "set": for (const x of t.items) termVars(x, out); break;
    case "object": for (const [k, v] of t.entries) { termVars(k, out); termVars(v, out); } break;
    case "call": for (const a of t.args) termVars(a, out); break;
    case "arraycompr": case "setcompr": termVars(t.term, out); bodyVars(t.body, out); break;
    case "objectcompr": termVars(t.key, out); termVars(t.value, out); bodyVars(t.body, out); break;
  }
  return out;
}

export function exprVars(e: Expr, out: Set<string> = new Set()): Set<string> {
  const b = e.body;
  switch (b.type) {
    case "term": termVars(b.term, out); break;
    case "some": for (const v of b.vars) out.add(v.name); break;
    case "somein": if (b.key) termVars(b.key, out); termVars(b.value, out); termVars(b.collection, out); break;
    case "every": if (b.key) termVars(b.key, out); termVars(b.value, out); termVars(b.domain, out); bodyVars(b.body, out); break;
  }
  for (const w of e.with) { termVars(w.value, out); }
  return out;
}

export function bodyVars(body: Body, out: Set<string> = new Set()): Set<string> {
  for (const e of body) exprVars(e, out);
  return out;
}

/** Variables of a term that are visible at this level (not local to a nested comprehension). */
export function topVars(t: Term, out: Set<string> = new Set()): Set<string> {
  switch (t.type) {
    case "var": out.add(t.name); break;
    case "ref": topVars(t.head, out); for (const p of t.path) topVars(p, out); break;
    case "array": case "set": for (const x of t.items) topVars(x, out); break;
    case "object": for (const [k, v] of t.entries) { topVars(k, out); topVars(v, out); } break;
    case "call": for (const a of t.args) topVars(a, out); break;
  }
  return out;
}

export function exprTopVars(e: Expr, out: Set<string> = new Set()): Set<string> {
  const b = e.body;
  switch (b.type) {
    case "term": topVars(b.term, out); break;
    case "some": for (const v of b.vars) out.add(v.name); break;
    case "somein": if (b.key) topVars(b.key, out); topVars(b.value, out); topVars(b.collection, out); break;
    case "every": topVars(b.domain, out); break;
  }
  for (const w of e.with) topVars(w.value, out);
  return out;
}

/**
 * Variables a `some ... in` pattern declares: those standing in it, not those of a reference in it
 * (`some input.cmd in allowed` tests membership, as in OPA; `input` stays the input).
 */
function patternVars(t: Term, out: Set<string>): void {
  switch (t.type) {
    case "var": out.add(t.name); break;
    case "array": case "set": for (const x of t.items) patternVars(x, out); break;
    case "object": for (const [k, v] of t.entries) { patternVars(k, out); patternVars(v, out); } break;
  }
}

/** Variables a body declares as local: `some`, `:=` targets, `some ... in` patterns. */
export function declaredVars(body: Body, into: Set<string> = new Set()): Set<string> {
  const out = new Set(into);
  for (const e of body) {
    const b = e.body;
    if (b.type === "some") for (const v of b.vars) out.add(v.name);
    if (b.type === "somein") {
      if (b.key) patternVars(b.key, out);
      patternVars(b.value, out);
    }
    if (b.type === "term" && b.term.type === "call" && b.term.op[0] === "assign" && b.term.args.length === 2) {
      topVars(b.term.args[0], out);
    }
  }
  return out;
}

/**
 * The variables a term may share with the scope it is written in: all of them, except, in each
 * comprehension at any depth, those the comprehension's body declares (`:=`, `some`, `some ... in`),
 * which are its own. `x = {a | a = [x | x := input.xs[_]]}`: the inner `x` is not the outer one.
 */
export function closureVars(t: Term, out: Set<string> = new Set()): Set<string> {
  const own = (inner: Set<string>, body: Body) => {
    const declared = declaredVars(body);
    for (const v of inner) if (!declared.has(v)) out.add(v);
  };
  switch (t.type) {
    case "var": out.add(t.name); break;
    case "ref": closureVars(t.head, out); for (const p of t.path) closureVars(p, out); break;
    case "array": case "set": for (const x of t.items) closureVars(x, out); break;
    case "object": for (const [k, v] of t.entries) { closureVars(k, out); closureVars(v, out); } break;
    case "call": for (const a of t.args) closureVars(a, out); break;
    case "arraycompr": case "setcompr": {
      const inner = closureVars(t.term);
      for (const e of t.body) exprClosureVars(e, inner);
      own(inner, t.body);
      break;
    }
    case "objectcompr": {
      const inner = closureVars(t.key);
      closureVars(t.value, inner);
      for (const e of t.body) exprClosureVars(e, inner);
      own(inner, t.body);
      break;
    }
  }
  return out;
}

function exprClosureVars(e: Expr, out: Set<string>): void {
  const b = e.body;
  switch (b.type) {
    case "term": closureVars(b.term, out); break;
    case "some": for (const v of b.vars) out.add(v.name); break;
    case "somein": if (b.key) closureVars(b.key, out); closureVars(b.value, out); closureVars(b.collection, out); break;
    case "every": {
      if (b.key) closureVars(b.key, out);
      closureVars(b.value, out);
      closureVars(b.domain, out);
      const inner = new Set<string>();
      for (const x of b.body) exprClosureVars(x, inner);
      const declared = declaredVars(b.body);
      for (const v of inner) if (!declared.has(v)) out.add(v);
      break;
    }
  }
  for (const w of e.with) closureVars(w.value, out);
}

export interface SafetyContext {
  isGlobal: GlobalTest;
  /** Variables visible in the enclosing scopes (closures of comprehensions, `not`, `every`). */
  outer: Set<string>;
  /** Arity of callable names, to know when a call has an output argument. */
  callArity: (op: string[]) => number | undefined;
}

/**
 * Needs and outputs of evaluating term `t` to a value given bound variables:
 * variables in ref paths and in patterns matched against keys become outputs.
 */
function evalNeeds(t: Term, bound: Set<string>, sc: SafetyContext, scopeVars: Set<string>, needs: Set<string>, outs: Set<string>): void {
  switch (t.type) {
    case "var":
      if (!bound.has(t.name) && !outs.has(t.name) && !sc.isGlobal(t.name)) needs.add(t.name);
      return;
    case "ref":
      evalNeeds(t.head, bound, sc, scopeVars, needs, outs);
      for (const p of t.path) {
        if (p.type === "var" || p.type === "array" || p.type === "object") {
          // A variable (or pattern) in a path iterates: its unbound vars become outputs.
          for (const v of topVars(p)) if (!bound.has(v) && !sc.isGlobal(v)) outs.add(v);
          if (p.type !== "var") {
            // composite keys may still contain refs needing vars
            const inner = new Set<string>();
            evalNeeds(p, new Set([...bound, ...outs]), sc, scopeVars, inner, outs);
            for (const v of inner) needs.add(v);
          }
        } else {
          evalNeeds(p, new Set([...bound, ...outs]), sc, scopeVars, needs, outs);
        }
      }
      return;
    case "array": case "set": for (const x of t.items) evalNeeds(x, bound, sc, scopeVars, needs, outs); return;
    case "object": for (const [k, v] of t.entries) { evalNeeds(k, bound, sc, scopeVars, needs, outs); evalNeeds(v, bound, sc, scopeVars, needs, outs); } return;
    case "call": {
      const arity = sc.callArity(t.op);
      const n = arity !== undefined && t.args.length === arity + 1 ? arity : t.args.length;
      // The arguments' refs iterate before the call, binding their key variables for the other
      // arguments (`foo == input.foos[foo]`, as OPA): outputs first, then what is still needed.
      const first = new Set<string>();
      for (let i = 0; i < n; i++) if (t.args[i]!.type === "ref") evalNeeds(t.args[i]!, bound, sc, scopeVars, first, outs);
      for (let i = 0; i < n; i++) evalNeeds(t.args[i]!, bound, sc, scopeVars, needs, outs);
      if (n < t.args.length) patternOuts(t.args[n], new Set([...bound, ...outs]), sc, scopeVars, needs, outs);
      return;
    }
    case "arraycompr": case "setcompr": case "objectcompr": {
      // A comprehension closes over variables that are also used outside it, except those it
      // declares itself (`:=`, `some`), which are its own.
      // (closureVars leaves out what each nested comprehension declares for itself, too)
      for (const v of closureVars(t)) {
        if (scopeVars.has(v) && !bound.has(v) && !outs.has(v) && !sc.isGlobal(v)) needs.add(v);
      }
      return;
    }
  }
}

/** `pattern` matched against a value: its unbound variables become outputs. */
function patternOuts(p: Term, bound: Set<string>, sc: SafetyContext, scopeVars: Set<string>, needs: Set<string>, outs: Set<string>): void {
  switch (p.type) {
    case "var":
      if (!bound.has(p.name) && !sc.isGlobal(p.name)) outs.add(p.name);
      return;
    case "array": for (const x of p.items) patternOuts(x, bound, sc, scopeVars, needs, outs); return;
    case "object": for (const [k, v] of p.entries) { evalNeeds(k, bound, sc, scopeVars, needs, outs); patternOuts(v, bound, sc, scopeVars, needs, outs); } return;
    default: evalNeeds(p, bound, sc, scopeVars, needs, outs);
  }
}

function isPatternTerm(t: Term): boolean {
  return t.type === "var" || t.type === "array" || t.type === "object";
}

/** Needs/outputs of unifying a with b. */
function unifyNeeds(a: Term, b: Term, bound: Set<string>, sc: SafetyContext, scopeVars: Set<string>, needs: Set<string>, outs: Set<string>): void {
  const tryEval = (t: Term) => {
    const n = new Set<string>(), o = new Set<string>();
    evalNeeds(t, bound, sc, scopeVars, n, o);
    return { n, o };
  };
  const ea = tryEval(a);
  if (ea.n.size === 0 && isPatternTerm(b)) {
    for (const v of ea.o) outs.add(v);
    patternOuts(b, new Set([...bound, ...ea.o]), sc, scopeVars, needs, outs);
    return;
  }
  const eb = tryEval(b);
  if (eb.n.size === 0 && isPatternTerm(a)) {
    for (const v of eb.o) outs.add(v);
    patternOuts(a, new Set([...bound, ...eb.o]), sc, scopeVars, needs, outs);
    return;
  }
  const pairs = unifyPairs(a, b);
  if (pairs) {
    // Unify element-wise, each pair once the others have bound what it needs.
    let cur = new Set(bound);
    let todo = pairs;
    while (todo.length) {
      const next: Array<[Term, Term]> = [];
      let progressed = false;
      for (const [x, y] of todo) {
        const n = new Set<string>(), o = new Set<string>();
        unifyNeeds(x, y, cur, sc, scopeVars, n, o);
        if (n.size === 0) {
          for (const v of o) outs.add(v);
          cur = new Set([...cur, ...o]);
          progressed = true;
        } else next.push([x, y]);
      }
      if (!progressed) {
        for (const [x, y] of next) unifyNeeds(x, y, cur, sc, scopeVars, needs, outs);
        return;
      }
      todo = next;
    }
    return;
  }
  for (const v of ea.n) needs.add(v);
  for (const v of eb.n) needs.add(v);
  for (const v of ea.o) outs.add(v);
  for (const v of eb.o) outs.add(v);
}

/** Element pairs of two arrays of equal length, or of two objects with the same constant keys. */
export function unifyPairs(a: Term, b: Term): Array<[Term, Term]> | undefined {
  if (a.type === "array" && b.type === "array" && a.items.length === b.items.length) {
    return a.items.map((x, i) => [x, b.items[i]] as [Term, Term]);
  }
  if (a.type === "object" && b.type === "object" && a.entries.length === b.entries.length) {
    const key = (t: Term) => (t.type === "string" || t.type === "number" || t.type === "boolean" ? `${t.type}:${String(t.type === "number" ? t.value : (t as { value: unknown }).value)}` : t.type === "null" ? "null" : undefined);
    const pairs: Array<[Term, Term]> = [];
    for (const [ka, va] of a.entries) {
      const k = key(ka);
      if (k === undefined) return undefined;
      const match = b.entries.find(([kb]) => key(kb) === k);
      if (!match) return undefined;
      pairs.push([va, match[1]]);
    }
    return pairs;
  }
  return undefined;
}

export interface ExprInfo { needs: Set<string>; outs: Set<string> }

export function analyzeExpr(e: Expr, bound: Set<string>, sc: SafetyContext, scopeVars: Set<string>): ExprInfo {
  const needs = new Set<string>(), outs = new Set<string>();
  const b = e.body;
  for (const w of e.with) {
    // `with f as g`: g names a function or builtin, not a variable
    const name = w.value.type === "var" ? [w.value.name] : w.value.type === "ref" && w.value.head.type === "var" && w.value.path.every((x) => x.type === "string") ? [w.value.head.name, ...w.value.path.map((x) => (x as { value: string }).value)] : undefined;
    // (a dotted name that is no variable is taken as a function name; the compiler reports it if unknown)
    if (name && !bound.has(name[0]) && !sc.isGlobal(name[0]) && (sc.callArity(name) !== undefined || name.length > 1)) continue;
    evalNeeds(w.value, bound, sc, scopeVars, needs, outs);
  }
  if (e.negated) {
    // `not` binds nothing outside; it needs the variables it shares with the rest of the scope.
    for (const v of exprVars(e)) if (scopeVars.has(v) && !bound.has(v) && !sc.isGlobal(v) && !v.startsWith("$_")) {
      // a variable used only inside the negation is local to it
      needs.add(v);
    }
    return { needs, outs: new Set() };
  }
  switch (b.type) {
    case "some":
      break;
    case "somein":
      evalNeeds(b.collection, bound, sc, scopeVars, needs, outs);
      if (b.key) patternOuts(b.key, bound, sc, scopeVars, needs, outs);
      patternOuts(b.value, bound, sc, scopeVars, needs, outs);
      break;
    case "every": {
      evalNeeds(b.domain, bound, sc, scopeVars, needs, outs);
      // the key and value variables are local to the every body
      const own = new Set<string>();
      if (b.key) topVars(b.key, own);
      topVars(b.value, own);
      for (const v of bodyVars(b.body)) if (!own.has(v) && scopeVars.has(v) && !bound.has(v) && !sc.isGlobal(v)) needs.add(v);
      // every binds nothing
      return { needs, outs: new Set() };
    }
    case "term": {
      const t = b.term;
      if (t.type === "call" && t.op.length === 1 && (t.op[0] === "eq" || t.op[0] === "assign") && t.args.length === 2) {
        unifyNeeds(t.args[0], t.args[1], bound, sc, scopeVars, needs, outs);
      } else {
        evalNeeds(t, bound, sc, scopeVars, needs, outs);
      }
    }
  }
  return { needs, outs };
}

/** `undefined function f` for every call in the expression whose name is neither a builtin nor a function. */
export function undefinedCalls(e: Expr, sc: SafetyContext): RegoError[] {
  const out: RegoError[] = [];
  const term = (t: Term): void => {
    switch (t.type) {
      case "call":
        if (sc.callArity(t.op) === undefined) out.push(new RegoError(t.loc, `undefined function ${t.op.join(".")}`, "rego_type_error"));
        t.args.forEach(term);
        break;
      case "ref": term(t.head); t.path.forEach(term); break;
      case "array": case "set": t.items.forEach(term); break;
      case "object": for (const [k, v] of t.entries) { term(k); term(v); } break;
      case "arraycompr": case "setcompr": term(t.term); t.body.forEach(expr); break;
      case "objectcompr": term(t.key); term(t.value); t.body.forEach(expr); break;
    }
  };
  const expr = (x: Expr): void => {
    const b = x.body;
    switch (b.type) {
      case "term": term(b.term); break;
      case "somein": if (b.key) term(b.key); term(b.value); term(b.collection); break;
      case "every": if (b.key) term(b.key); term(b.value); term(b.domain); b.body.forEach(expr); break;
    }
  };
  expr(e);
  return out;
}

/**
 * Orders a body's expressions so that each one's needs are bound by those before it.
 * `bound` are the variables bound on entry; `scopeVars` every variable visible at this level.
 * Returns the new order and the variables bound at the end; throws `var x is unsafe`.
 */
export function reorderBody(body: Body, bound: Set<string>, sc: SafetyContext, levelVars: Set<string>): { order: Expr[]; bound: Set<string> } {
  // A variable declared with `:=` is visible only from its declaration on: comprehensions (and
  // `not`, `every`) written before it have a variable of their own with that name.
  const declaredAt = new Map<string, number>();
  body.forEach((e, i) => {
    const b = e.body;
    if (b.type === "term" && b.term.type === "call" && b.term.op[0] === "assign" && b.term.args.length === 2) {
      for (const v of topVars(b.term.args[0])) if (!declaredAt.has(v)) declaredAt.set(v, i);
    }
  });
  const scopes = new Map<Expr, Set<string>>();
  body.forEach((e, i) => {
    const later = [...declaredAt].filter(([, at]) => at >= i).map(([v]) => v);
    scopes.set(e, later.length ? new Set([...levelVars].filter((v) => !later.includes(v))) : levelVars);
  });
  const scopeOf = (e: Expr) => scopes.get(e)!;
  const pending = [...body];
  const order: Expr[] = [];
  const cur = new Set(bound);
  while (pending.length) {
    let picked = -1;
    let info: ExprInfo | undefined;
    for (let i = 0; i < pending.length; i++) {
      const inf = analyzeExpr(pending[i], cur, sc, scopeOf(pending[i]));
      if (inf.needs.size === 0) { picked = i; info = inf; break; }
    }
    if (picked < 0) {
      // OPA reports undefined functions before unsafe variables: a call to an unknown function
      // in relation form (`f(a, x)`) would otherwise surface as `var x is unsafe`.
      const undefinedFns = pending.flatMap((p) => undefinedCalls(p, sc));
      if (undefinedFns.length) throw undefinedFns;
      const e = pending[0];
      const inf = analyzeExpr(e, cur, sc, scopeOf(e));
      const errs = [...inf.needs].filter((v) => !v.startsWith("$_")).map((v) => new RegoError(e.loc, `var ${v} is unsafe`, "rego_unsafe_var_error"));
      if (errs.length === 0) errs.push(new RegoError(e.loc, `expression is unsafe`, "rego_unsafe_var_error"));
      throw errs;
    }
    const [e] = pending.splice(picked, 1);
    order.push(e);
    for (const v of info!.outs) cur.add(v);
  }
  return { order, bound: cur };
}
