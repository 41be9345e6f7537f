// The precompiled runtime (runtime.wasm) as a binaryen module that generated code is appended to:
// calls to its `rt_*` exports, the `sanso.*` imports it leaves for the generator to fill, its
// globals, the constant table, and the final validation, optimisation and emission.

import binaryen from "binaryen";

type ExprRef = number;
const i32 = binaryen.i32;
const none = binaryen.none;

// binaryen.js has these methods; its type declarations lag behind
type ModuleWithSegments = binaryen.Module & {
  getNumDataSegments(): number;
  getDataSegmentInfo(ref: number): { offset: number; data: ArrayBuffer; passive: boolean };
};

export class RuntimeModule {
  readonly m: binaryen.Module;
  /** export name → internal name */
  private exports = new Map<string, string>();

  constructor(runtime: Uint8Array) {
    this.m = binaryen.readBinary(runtime);
    const F = binaryen.Features;
    this.m.setFeatures(F.MVP | F.BulkMemory | F.BulkMemoryOpt | F.NontrappingFPToInt | F.MutableGlobals | F.SignExt);
    for (let i = 0; i < this.m.getNumExports(); i++) {
      const info = binaryen.getExportInfo(this.m.getExportByIndex(i));
      this.exports.set(info.name, info.value);
    }
  }

  has(exportName: string): boolean {
    return this.exports.has(exportName);
  }

  internal(exportName: string): string {
    const n = this.exports.get(exportName);
    if (!n) throw new Error(`sanso runtime has no export ${exportName}`);
    return n;
  }

  /** A call to one of the runtime's exported functions. */
  call(exportName: string, args: ExprRef[]): ExprRef {
    const internal = this.internal(exportName);
    const info = binaryen.getFunctionInfo(this.m.getFunction(internal));
    return this.m.call(internal, args, info.results);
  }

  /** Rewrites the initial value of one of the runtime's exported globals. */
  setGlobalInit(exportName: string, value: number): void {
    const g = this.internal(exportName);
    this.m.removeGlobal(g);
    this.m.addGlobal(g, i32, true, this.m.i32.const(value));
  }

  /** Replaces the runtime's import `sanso.<base>` with a generated function of the same name. */
  replaceImport(base: string, params: binaryen.Type, body: ExprRef, vars: number[] = []): void {
    for (let i = 0; i < this.m.getNumFunctions(); i++) {
      const info = binaryen.getFunctionInfo(this.m.getFunctionByIndex(i));
      if (info.module === "sanso" && info.base === base) {
        this.m.removeFunction(info.name);
        this.m.addFunction(info.name, params, i32, vars, body);
        return;
      }
    }
    throw new Error(`sanso runtime has no import sanso.${base}`);
  }

  /**
   * Appends the constant table (Rego value texts) as a data segment after the runtime's static
   * data, moves the heap start past it, and parses it in the start function.
   */
  appendConstants(consts: string[]): void {
    const m = this.m as ModuleWithSegments;
    const text = new TextEncoder().encode(`[${consts.join(",")}]`);
    const segs: binaryen.MemorySegment[] = [];
    let end = 0;
    for (let i = 0; i < m.getNumDataSegments(); i++) {
      const s = m.getDataSegmentInfo(m.getDataSegmentByIndex(i));
      segs.push({ offset: m.i32.const(s.offset), data: new Uint8Array(s.data), passive: s.passive });
      end = Math.max(end, s.offset + s.data.byteLength);
    }
    const base = (end + 15) & ~15;
    segs.push({ offset: m.i32.const(base), data: text, passive: false });
    const staticEnd = base + text.byteLength;
    const mem = this.memoryImport();
    const pages = Math.max(mem.initial, Math.ceil((staticEnd + 65536) / 65536));
    // setMemory turns the memory into a defined one; importing it again keeps the ABI's env.memory
    m.setMemory(pages, -1, null, segs, false, false, mem.name);
    m.addMemoryImport(mem.name, "env", "memory");
    this.setGlobalInit("rt_static_end", staticEnd);
    const oldStart = binaryen.getFunctionInfo(m.getStart()).name;
    const start = m.addFunction("sanso$start", none, none, [], m.block(null, [
      m.call(oldStart, [], none),
      this.call("rt_consts_init", [m.i32.const(base), m.i32.const(text.byteLength)]),
    ], none));
    m.setStart(start);
  }

  private memoryImport(): { name: string; initial: number } {
    for (const name of ["mimport$0", "0", "memory"]) {
      try {
        return { name, initial: this.m.getMemoryInfo(name).initial };
      } catch { /* try the next name */ }
    }
    throw new Error("sanso runtime: memory not found");
  }

  /** Validates, optimises the named (generated) functions — the runtime is optimised at build — and emits. */
  finish(optimize: string[]): Uint8Array {
    if (!this.m.validate()) throw new Error("sanso: generated module failed validation");
    for (const name of optimize) this.m.optimizeFunction(name);
    const wasm = this.m.emitBinary();
    this.m.dispose();
    return wasm;
  }
}
