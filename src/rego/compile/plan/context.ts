// The planner's working state: the IR function being planned (its locals and labels), the
// context an expression is planned in (where failure jumps, what is bound, which `with`
// replacements apply), and the continuations the planner is written in.

import type { Module } from "../../syntax/ast.js";
import { RegoError } from "../../syntax/ast.js";
import type { Stmt } from "../ir.js";

/**
 * A `with` replacement in force ("mock environment"). Rules and functions planned under one are
 * specialised for it: their IR functions' names carry the environment (`envKey`).
 */
export interface Mock {
  kind: "value" | "func";
  /** value mocks: the global holding the replacement value */
  global?: string;
  /** function mocks: the replacement, a data path (user function or rule) or a builtin name */
  targetPath?: string[];
  targetBuiltin?: string;
}
/** The replacements in force, by the replaced path ("data.p.f", "input", "count"). */
export type MockEnv = Map<string, Mock>;

/** What a `with` replaces: (part of) input, (part of) data, or a function or builtin. */
export interface WithTarget { kind: "input" | "data" | "func"; path: string[] }

/** The IR function being planned: its locals (after its parameters) and its labels. */
export class FnBuilder {
  locals = 0;
  private named = new Map<string, number>();
  private labels = 0;
  constructor(readonly name: string, readonly nparams: number) {}
  /** a fresh local */
  temp(): number {
    return this.nparams + this.locals++;
  }
  /** the local of a Rego variable */
  local(v: string): number {
    let i = this.named.get(v);
    if (i === undefined) {
      i = this.temp();
      this.named.set(v, i);
    }
    return i;
  }
  label(prefix = "L"): string {
    return `${prefix}${this.labels++}`;
  }
}

export interface Ctx {
  fn: FnBuilder;
  /** the label failure jumps to: the end of what tries the current alternative */
  fail: string;
  bound: Set<string>;
  mod: Module;
  mocks: MockEnv;
  /** Variables declared local at this point (shadow rule names). */
  declared: Set<string>;
  /** Variables visible in this scope (for closure analysis of nested bodies). */
  scopeVars: Set<string>;
}

/** A continuation: the statements for the rest of the body, planned in the context reached. */
export type K = (ctx: Ctx) => Stmt[];
/** A continuation receiving the local that holds a term's value. */
export type KV = (ctx: Ctx, v: number) => Stmt[];

export function newCtx(fn: FnBuilder, mod: Module, mocks: MockEnv, fail: string): Ctx {
  return { fn, fail, bound: new Set(), mod, mocks, declared: new Set(), scopeVars: new Set() };
}

/** The RegoErrors a check threw (anything else is rethrown). */
export function errs(e: unknown): RegoError[] {
  if (Array.isArray(e)) return e as RegoError[];
  if (e instanceof RegoError) return [e];
  throw e;
}

/** The part of an IR function's name that identifies its mock environment ("" for none). */
export function envKey(mocks: MockEnv): string {
  if (mocks.size === 0) return "";
  return "$" + [...mocks.entries()].map(([k, v]) => `${k}=${v.global ?? v.targetBuiltin ?? v.targetPath?.join(".")}`).sort().join(",").replace(/[^A-Za-z0-9_.,=$]/g, "_");
}
