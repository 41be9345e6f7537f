// The planning stage: the program's rules → IR functions (../ir.ts), and the check stage.
//
// The entrypoints are planned first, into the dispatch function, and the rules they reach, under
// the `with` environments they are reached in. Then every other rule is planned too (with no
// environment), since planning is where a rule's errors arise — unsafe variables, undefined
// functions, arity, references to uncalled functions — and OPA's compiler checks every rule
// before it plans. Last, the call graph of all planned functions is checked for recursion.
// Errors are collected over the whole program and thrown together. The emitter emits only what
// the dispatch function reaches.

import type { Module, Term } from "../../syntax/ast.js";
import type { DocNode, Program } from "../program.js";
import type { IrProgram, Stmt } from "../ir.js";
import { block, cmp, int, local } from "../ir.js";
import { FnBuilder, newCtx } from "./context.js";
import { Planner } from "./planner.js";
import { dataRef } from "./refs.js";

export interface PlanProgramOptions {
  /** entrypoints as data paths (without "data") */
  entrypoints: string[][];
  strict?: boolean;
}

/** Plans the program. Throws the RegoErrors found in any rule, reached or not. */
export function planProgram(program: Program, opts: PlanProgramOptions): IrProgram {
  const p = new Planner(program, { strict: opts.strict });
  const entrypoints: Record<string, number> = {};
  // dispatch(ep): evaluate the entrypoint's data path; undefined is 0
  const fn = new FnBuilder("sanso$dispatch", 1);
  const body: Stmt[] = [];
  const mod: Module = { file: "<entrypoint>", package: [], packageLoc: { file: "", line: 1, col: 1 }, imports: [], rules: [], annotations: [] };
  const loc = { file: "<entrypoint>", line: 1, col: 1 };
  opts.entrypoints.forEach((path, idx) => {
    entrypoints[path.join("/")] = idx;
    const lbl = fn.label("ep");
    const ctx = newCtx(fn, mod, new Map(), lbl);
    const terms = path.map((s) => ({ type: "string", value: s, loc }) as Term);
    body.push({ s: "if", cond: cmp("eq", local(0), int(idx)), then: [block(lbl, dataRef(p, program.root, terms, 0, ctx, (_c, v) => [{ s: "return", v: local(v) }], loc))] });
  });
  body.push({ s: "return", v: int(0) });
  p.drain();
  checkStage(p, program);
  const recursion = p.calls.recursion();
  if (recursion) p.errors.push(recursion);
  if (p.errors.length) throw p.errors;
  return { dispatch: { name: fn.name, params: 1, locals: fn.locals, body }, entrypoints, functions: p.functions };
}

/** Plans every rule and function no entrypoint reached, so that their errors are reported. */
function checkStage(p: Planner, program: Program): void {
  const visit = (node: DocNode): void => {
    if (node.absorbed) return;
    if (node.leafKind === "function") p.functionFn(["data", ...node.path], new Map());
    else if (node.leafKind || node.generated) p.docFn(node, new Map());
    for (const c of node.children.values()) visit(c);
  };
  p.current = ""; // requested from the top, as the entrypoints are: no caller edge
  visit(program.root);
  p.drain();
}
