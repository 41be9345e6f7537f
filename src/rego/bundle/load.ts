// Loads a compiled policy with the official OPA Wasm SDK, adding JavaScript implementations of
// the builtins that neither sanso's runtime nor the SDK implements.

import { createRequire } from "node:module";

// The SDK's ESM entry only exports loadPolicy; its CommonJS entry has both loaders.
export const opa = createRequire(import.meta.url)("@open-policy-agent/opa-wasm") as typeof import("@open-policy-agent/opa-wasm");

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

export type LoadedPolicy = import("@open-policy-agent/opa-wasm").LoadedPolicy;

/** Loads policy.wasm bytes; `memoryPages` is the initial memory (grows as needed). */
export async function loadPolicy(wasm: Uint8Array, memoryPages = 5): Promise<LoadedPolicy> {
  return opa.loadPolicySync(wasm, { initial: memoryPages }, await jsBuiltins());
}
