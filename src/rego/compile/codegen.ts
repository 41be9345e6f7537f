// Code generation: Rego rules → a WebAssembly module (the precompiled runtime plus the rules'
// functions), in two stages, as OPA's planner → IR → Wasm backend:
//  - plan/ decides what to compute: every rule, reached or not, is planned into IR functions
//    (ir.ts), which is also where the check stage's errors arise (plan/index.ts);
//  - wasm/ emits the IR functions the entrypoints reach onto the runtime with binaryen.
// A new construct touches the planner only, unless it needs a new kind of IR statement.

import type { Program } from "./program.js";
import type { IrProgram } from "./ir.js";
import { planProgram } from "./plan/index.js";
import { emitWasm } from "./wasm/emit.js";

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

/** Plans the program (throwing every error found in any rule) and emits what the entrypoints reach. */
export function generate(runtime: Uint8Array, program: Program, opts: GenerateOptions): GenerateResult {
  const ir = plan(program, opts);
  const { wasm, builtins } = emitWasm(runtime, ir, { strict: opts.strict, optimize: opts.optimize });
  return { wasm, entrypoints: ir.entrypoints, builtins };
}

/** The IR of a program, for tests and debugging (formatProgram of ir.ts prints it). */
export function plan(program: Program, opts: Pick<GenerateOptions, "entrypoints" | "strict">): IrProgram {
  return planProgram(program, { entrypoints: opts.entrypoints, strict: opts.strict });
}
