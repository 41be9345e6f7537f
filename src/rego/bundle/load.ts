// Loads a compiled policy with the official OPA Wasm SDK, adding JavaScript implementations of
// the builtins that neither sanso's runtime nor the SDK implements (src/rego/bundle/js-builtins.ts).

import { createRequire } from "node:module";
import { policyJsBuiltins, withJsBuiltinsStrict } from "./js-builtins.js";
import { importedMemoryPages } from "./memory-pages.js";

// The SDK's ESM entry only exports loadPolicy; its CommonJS entry has both loaders.
export const opa = createRequire(import.meta.url)("@open-policy-agent/opa-wasm") as typeof import("@open-policy-agent/opa-wasm");

export type LoadedPolicy = import("@open-policy-agent/opa-wasm").LoadedPolicy;

/**
 * Loads policy.wasm bytes; `memoryPages` is the initial memory (it grows as needed). JavaScript
 * builtins report errors the way the module was compiled (strict or not).
 */
export async function loadPolicy(wasm: Uint8Array, memoryPages = 5): Promise<LoadedPolicy> {
  const js = policyJsBuiltins();
  const initial = Math.max(memoryPages, importedMemoryPages(wasm));
  const policy = opa.loadPolicySync(wasm, { initial }, js.builtins);
  const instance = (policy as unknown as { wasmInstance: WebAssembly.Instance }).wasmInstance;
  js.attach(instance);
  // The builtins the SDK serves from its own table (sprintf, yaml.unmarshal…, replaced by sanso's)
  // cannot see this module: during its evaluations they follow its strict mode.
  const strict = instance.exports.rt_strict;
  if (strict instanceof WebAssembly.Global) {
    const evaluate = policy.evaluate.bind(policy);
    policy.evaluate = ((input: unknown, entrypoint?: string | number) =>
      withJsBuiltinsStrict(Number(strict.value) !== 0, () => evaluate(input, entrypoint))) as typeof policy.evaluate;
  }
  return policy;
}
