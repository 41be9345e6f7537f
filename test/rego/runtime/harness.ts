// Loads the bare runtime (src/rego/runtime/runtime.wasm) and exposes helpers to call its exports
// with values written as Rego/JSON text.
import { existsSync, readFileSync } from "node:fs";
import { execFileSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { dirname, join } from "node:path";

const root = join(dirname(fileURLToPath(import.meta.url)), "../../..");
export const wasmPath = join(root, "src/rego/runtime/runtime.wasm");

export function ensureRuntimeBuilt(): void {
  if (!existsSync(wasmPath)) {
    execFileSync(process.execPath, [join(root, "scripts/build-runtime.mjs")], { cwd: root, stdio: "inherit" });
  }
}

export class AbortError extends Error {}

export interface Runtime {
  exports: Record<string, any>;
  memory: WebAssembly.Memory;
  /** Parses Rego value text (sets allowed) into a value pointer. */
  value(text: string): number;
  /** Parses strict JSON text; 0 when malformed. */
  json(text: string): number;
  /** Rego text of a value (opa_value_dump). */
  dump(ptr: number): string;
  /** JSON text of a value (opa_json_dump). */
  dumpJson(ptr: number): string;
  /** Calls `bi_<name>` with arguments in Rego text; returns the Rego text of the result or undefined. */
  call(name: string, ...args: string[]): string | undefined;
  /** As call, but returns the result as a JS value via JSON (sets become sorted arrays). */
  callJ(name: string, ...args: string[]): any;
  /** Calls in strict mode and returns the abort message (throws if the call did not abort). */
  err(name: string, ...args: string[]): string;
  setStrict(on: boolean): void;
}

export async function loadRuntime(): Promise<Runtime> {
  ensureRuntimeBuilt();
  const memory = new WebAssembly.Memory({ initial: 5 });
  const readC = (p: number): string => {
    const buf = new Uint8Array(memory.buffer);
    let e = p;
    while (buf[e] !== 0) e++;
    return new TextDecoder().decode(buf.subarray(p, e));
  };
  const unused = () => {
    throw new Error("unexpected opa_builtin call");
  };
  const { instance } = await WebAssembly.instantiate(readFileSync(wasmPath), {
    env: {
      memory,
      opa_abort: (p: number) => {
        throw new AbortError(readC(p));
      },
      opa_println: (p: number) => console.log(readC(p)),
      opa_builtin0: unused,
      opa_builtin1: unused,
      opa_builtin2: unused,
      opa_builtin3: unused,
      opa_builtin4: unused,
    },
    sanso: { dispatch: () => 0, builtins: () => 0, entrypoints: () => 0 },
  });
  const ex = instance.exports as Record<string, any>;
  const write = (text: string): [number, number] => {
    const bytes = new TextEncoder().encode(text);
    const p = ex.opa_malloc(bytes.length);
    new Uint8Array(memory.buffer).set(bytes, p);
    return [p, bytes.length];
  };
  const rt: Runtime = {
    exports: ex,
    memory,
    value(text) {
      const v = ex.opa_value_parse(...write(text));
      if (v === 0) throw new Error(`bad value text: ${text}`);
      return v;
    },
    json(text) {
      return ex.opa_json_parse(...write(text));
    },
    dump: (p) => readC(ex.opa_value_dump(p)),
    dumpJson: (p) => readC(ex.opa_json_dump(p)),
    call(name, ...args) {
      const f = ex[`bi_${name.replace(/\./g, "_")}`];
      if (typeof f !== "function") throw new Error(`no native builtin ${name}`);
      const r = f(...args.map((a) => rt.value(a)));
      return r === 0 ? undefined : rt.dump(r);
    },
    callJ(name, ...args) {
      const f = ex[`bi_${name.replace(/\./g, "_")}`];
      if (typeof f !== "function") throw new Error(`no native builtin ${name}`);
      const r = f(...args.map((a) => rt.value(a)));
      return r === 0 ? undefined : JSON.parse(rt.dumpJson(r));
    },
    err(name, ...args) {
      rt.setStrict(true);
      try {
        const r = rt.call(name, ...args);
        throw new Error(`expected ${name} to abort, got ${r}`);
      } catch (e) {
        if (e instanceof AbortError) return e.message;
        throw e;
      } finally {
        rt.setStrict(false);
      }
    },
    setStrict(on) {
      ex.rt_strict.value = on ? 1 : 0;
    },
  };
  return rt;
}
