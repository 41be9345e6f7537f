/**
 * Builtins whose result is a set in OPA. Those served in JavaScript (by the SDK or sanso) hand
 * their result back as JSON, which has no sets: an array comes back, and the generated code turns
 * it into the set it is (`cast_set`), so that `net.cidr_merge(x) == {"10.0.0.0/8"}` holds.
 */
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { EXTRA_DECLS, parseDecl } from "../bundle/builtins/decls.js";

let names: Set<string> | undefined;

export function resultIsSet(builtin: string): boolean {
  if (!names) {
    names = new Set();
    for (const [name, decl] of Object.entries(EXTRA_DECLS)) if (parseDecl(decl).result?.type === "set") names.add(name);
    try {
      const req = createRequire(import.meta.url);
      const caps = JSON.parse(readFileSync(join(dirname(req.resolve("@open-policy-agent/opa-wasm")), "..", "capabilities.json"), "utf8")) as {
        builtins: Array<{ name: string; decl?: { result?: { type?: string } } }>;
      };
      for (const b of caps.builtins) if (b.decl?.result?.type === "set") names.add(b.name);
    } catch {
      /* without the SDK's capabilities, sanso's own declarations */
    }
  }
  return names.has(builtin);
}
