// Loads a compiled policy for evaluation with the official OPA Wasm SDK's LoadedPolicy, serving the
// builtins that sanso's runtime does not implement natively from sanso's own JavaScript table
// (src/rego/bundle/builtins/, assembled in its index.ts).
//
// The SDK's loadPolicy/loadPolicySync take those as `customBuiltins`, but the SDK's own table
// (sprintf, json.is_valid, regex.split, yaml.*) takes precedence over them, and those differ from
// OPA (sprintf-js does not format like Go; yaml.unmarshal swallows errors). So this loader
// instantiates the module itself, with `opa_builtinN` imports that dispatch to sanso's table only,
// and hands the instance to the SDK's exported LoadedPolicy (evaluate, setData, entrypoints).
// Nothing of the SDK is modified: another user of the SDK in the same process gets its own
// behaviour (test/rego/builtins/sdk-untouched.test.ts).

import { createRequire } from "node:module";
import { BigIntValue, RegoSet } from "./builtins/common.js";
import { policyJsBuiltins } from "./builtins/index.js";
import { RegoTextArg } from "./builtins/sprintf.js";
import { importedMemoryPages } from "./memory-pages.js";

// The SDK's ESM entry only exports loadPolicy; its CommonJS entry has the loaders and LoadedPolicy.
export const opa = createRequire(import.meta.url)("@open-policy-agent/opa-wasm") as typeof import("@open-policy-agent/opa-wasm") & {
  LoadedPolicy: new (instance: WebAssembly.Instance, memory: WebAssembly.Memory, minorVersion: number) => import("@open-policy-agent/opa-wasm").LoadedPolicy;
};

export type LoadedPolicy = import("@open-policy-agent/opa-wasm").LoadedPolicy;

type Exports = {
  memory?: WebAssembly.Memory;
  opa_malloc(n: number): number;
  opa_json_parse(addr: number, len: number): number;
  opa_json_dump(addr: number): number;
  builtins(): number;
  opa_wasm_abi_version?: WebAssembly.Global;
  opa_wasm_abi_minor_version?: WebAssembly.Global;
};

/** sanso's runtime exports for values beyond their JSON (runtime/assembly/index.ts), and its type tags. */
type RegoTextExports = {
  rt_type(v: number): number;
  rt_arr_len(v: number): number;
  rt_arr_get(v: number, i: number): number;
  rt_rego_text?(v: number): number;
  rt_num_has_text(v: number): number;
  rt_json_dump_sets?(v: number): number;
};

/** Builtins whose JavaScript implementation is given sets as RegoSet (others get sorted arrays). */
const SETS_AS_SETS = new Set(["object.subset", "net.cidr_contains_matches"]);
const T_NUM = 3;
const T_STR = 4;
const T_ARR = 5;

/**
 * Loads policy.wasm bytes; `memoryPages` is the initial memory (it grows as needed). JavaScript
 * builtins report errors the way the module was compiled (strict or not: its `rt_strict`).
 */
export async function loadPolicy(wasm: Uint8Array | WebAssembly.Module, memoryPages = 5): Promise<LoadedPolicy> {
  return loadPolicySync(wasm, memoryPages);
}

/** loadPolicy, synchronously. */
export function loadPolicySync(wasm: Uint8Array | WebAssembly.Module, memoryPages = 5): LoadedPolicy {
  const module = wasm instanceof WebAssembly.Module ? wasm : new WebAssembly.Module(wasm as Uint8Array<ArrayBuffer>);
  const initial = Math.max(memoryPages, wasm instanceof WebAssembly.Module ? 0 : importedMemoryPages(wasm));
  const memory = new WebAssembly.Memory({ initial });
  const js = policyJsBuiltins();
  let x: Exports | undefined;
  const names = new Map<number, string>();
  const decoder = new TextDecoder();
  const encoder = new TextEncoder();

  const cString = (addr: number): string => {
    const bytes = new Uint8Array(memory.buffer);
    let end = addr;
    while (bytes[end] !== 0) end++;
    return decoder.decode(bytes.subarray(addr, end));
  };
  const dump = (addr: number): unknown => JSON.parse(cString(x!.opa_json_dump(addr)));
  const load = (value: unknown, big: boolean): number => {
    if (value === undefined) return 0;
    const buf = encoder.encode(big ? jsonWithBigInts(value) : JSON.stringify(value));
    const raw = x!.opa_malloc(buf.byteLength);
    new Uint8Array(memory.buffer).set(buf, raw);
    const addr = x!.opa_json_parse(raw, buf.byteLength);
    if (addr === 0) throw new Error("opa_json_parse failed on a builtin's result");
    return addr;
  };
  // sprintf's arguments as OPA formats them: strings as they are, integers as numbers, anything
  // else with its Rego text from the runtime (sets as sets, a number as written: `101.00` is a float)
  const sprintfArgs = (addr: number): unknown => {
    const rt = x as unknown as RegoTextExports;
    if (!rt.rt_rego_text || rt.rt_type(addr) !== T_ARR) return dump(addr);
    const n = rt.rt_arr_len(addr);
    const out: unknown[] = [];
    for (let i = 0; i < n; i++) {
      const item = rt.rt_arr_get(addr, i);
      const type = rt.rt_type(item);
      if (type === T_STR || (type === T_NUM && !rt.rt_num_has_text(item))) out.push(dump(item));
      else out.push(new RegoTextArg(cString(rt.rt_rego_text(item)), type === T_NUM));
    }
    return out;
  };
  // the arguments of builtins that tell sets from arrays, sets as RegoSet
  const SET_MARK = "\u0000set";
  const dumpWithSets = (addr: number): unknown => {
    const rt = x as unknown as RegoTextExports;
    if (!rt.rt_json_dump_sets) return dump(addr);
    return JSON.parse(cString(rt.rt_json_dump_sets(addr)), (_k, v) =>
      v !== null && typeof v === "object" && !Array.isArray(v) && SET_MARK in v ? RegoSet.from((v as Record<string, unknown[]>)[SET_MARK]) : v,
    );
  };
  const call = (id: number, args: number[]): number => {
    const name = names.get(id);
    const impl = name === undefined ? undefined : js.builtins[name];
    if (!impl) throw new Error(`not implemented: built-in function ${id}: ${name ?? "?"}`);
    const before = BigIntValue.created;
    const result =
      name === "sprintf" && args.length === 2
        ? impl(dump(args[0]), sprintfArgs(args[1]))
        : impl(...args.map(SETS_AS_SETS.has(name!) ? dumpWithSets : dump));
    return load(result, BigIntValue.created !== before);
  };

  const instance = new WebAssembly.Instance(module, {
    env: {
      memory,
      opa_abort: (addr: number) => {
        throw new Error(cString(addr));
      },
      opa_println: (addr: number) => {
        console.log(cString(addr));
      },
      opa_builtin0: (id: number) => call(id, []),
      opa_builtin1: (id: number, _ctx: number, a: number) => call(id, [a]),
      opa_builtin2: (id: number, _ctx: number, a: number, b: number) => call(id, [a, b]),
      opa_builtin3: (id: number, _ctx: number, a: number, b: number, c: number) => call(id, [a, b, c]),
      opa_builtin4: (id: number, _ctx: number, a: number, b: number, c: number, d: number) => call(id, [a, b, c, d]),
    },
  });
  x = instance.exports as unknown as Exports;
  const major = x.opa_wasm_abi_version ? Number(x.opa_wasm_abi_version.value) : undefined;
  if (major !== 1) throw new Error(`unsupported OPA Wasm ABI version ${major ?? "(none)"}`);
  const minor = x.opa_wasm_abi_minor_version ? Number(x.opa_wasm_abi_minor_version.value) : 0;
  for (const [name, id] of Object.entries(dump(x.builtins()) as Record<string, number>)) names.set(id, name);
  js.attach(instance);
  return new opa.LoadedPolicy(instance, memory, minor);
}

const BIG_MARK = `\u0000bigint${Math.random().toString(36).slice(2)}:`;
const BIG_MARKED = new RegExp(`"\\\\u0000${BIG_MARK.slice(1)}(-?\\d+)"`, "g");

/** JSON text with each BigIntValue written as its digits (JSON.stringify would round it). */
function jsonWithBigInts(value: unknown): string {
  const mark = BIG_MARK;
  const text = JSON.stringify(value, function (this: Record<string, unknown>, key: string, v: unknown) {
    const original = this[key];
    return original instanceof BigIntValue ? mark + original.digits : v;
  });
  return text.replace(BIG_MARKED, "$1");
}
