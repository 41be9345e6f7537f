// Loads a compiled policy with the official OPA Wasm SDK, adding JavaScript implementations of
// the builtins that neither sanso's runtime nor the SDK implements.

import opa from "@open-policy-agent/opa-wasm";

type Builtins = Record<string, (...args: any[]) => any>;
let cached: Builtins | undefined;

async function jsBuiltins(): Promise<Builtins> {
  if (cached) return cached;
  try {
    const mod = (await import("./js-builtins.js")) as { jsBuiltins?: Builtins };
    cached = mod.jsBuiltins ?? {};
  } catch {
    cached = {};
  }
  return cached;
}

export type LoadedPolicy = Awaited<ReturnType<typeof opa.loadPolicy>>;

/** Loads policy.wasm bytes; `memoryPages` is the initial memory (grows as needed). */
export async function loadPolicy(wasm: Uint8Array, memoryPages = 5): Promise<LoadedPolicy> {
  return opa.loadPolicySync(wasm, { initial: memoryPages }, await jsBuiltins());
}
