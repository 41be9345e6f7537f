// The builtins sanso's compiler supports, in OPA's capabilities format (what `opa capabilities`
// prints and `opa build --capabilities` reads): the OPA Wasm SDK's capabilities.json (every
// entry, all supported) and the declarations of the builtins sanso adds (builtins/decls.ts).

import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { BUILTINS } from "../compile/builtin-table.js";
import { EXTRA_DECLS, type FunctionDecl, parseDecl } from "./builtins/decls.js";
import { METADATA_BUILTIN_DECLS } from "../compile/rewrite-metadata.js";

export interface CapabilityBuiltin {
  name: string;
  decl: FunctionDecl;
  infix?: string;
  relation?: boolean;
}

export interface Capabilities {
  builtins: CapabilityBuiltin[];
  future_keywords: string[];
  wasm_abi_versions: Array<{ version: number; minor_version: number }>;
  features: string[];
}

/** The OPA Wasm SDK's own capabilities.json (its builtins and ABI versions). */
export function sdkCapabilities(): { builtins: CapabilityBuiltin[]; wasm_abi_versions: Capabilities["wasm_abi_versions"] } {
  const req = createRequire(import.meta.url);
  const entry = req.resolve("@open-policy-agent/opa-wasm"); // .../src/index.cjs
  return JSON.parse(readFileSync(join(dirname(entry), "..", "capabilities.json"), "utf8"));
}

/** sanso's capabilities; every builtin of the compiler's table, sorted by name. */
export function capabilities(): Capabilities {
  const sdk = sdkCapabilities();
  const byName = new Map(sdk.builtins.map((b) => [b.name, b]));
  const builtins: CapabilityBuiltin[] = [];
  for (const [name, info] of BUILTINS) {
    const known = byName.get(name);
    if (known) builtins.push(known);
    else {
      const decl = EXTRA_DECLS[name];
      if (!decl) throw new Error(`no declaration for builtin ${name}`);
      builtins.push({ name, decl: parseDecl(decl), ...(info.relation ? { relation: true } : {}) });
    }
  }
  // served by the compiler itself: calls are replaced by the rule's METADATA (compile/rewrite-metadata.ts)
  for (const [name, decl] of Object.entries(METADATA_BUILTIN_DECLS)) builtins.push({ name, decl: parseDecl(decl) });
  // print(...) is rewritten to internal.print (compile/rewrite-print.ts); OPA declares it variadic
  builtins.push({ name: "print", decl: { type: "function", variadic: { type: "any" } } });
  builtins.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  return {
    builtins,
    future_keywords: ["contains", "every", "if", "in"],
    wasm_abi_versions: sdk.wasm_abi_versions,
    features: ["rule_head_ref_string_prefixes", "rule_head_refs", "rego_v1", "rego_v1_import"],
  };
}
