/**
 * Builtins whose result is a set in OPA. Those served in JavaScript (by the SDK or sanso) hand
 * their result back as JSON, which has no sets: an array comes back, and the generated code turns
 * it into the set it is (`cast_set`), so that `net.cidr_merge(x) == {"10.0.0.0/8"}` holds.
 */
import { EXTRA_DECLS, parseDecl } from "../bundle/builtins/decls.js";
import { sdkCapabilities } from "../bundle/capabilities.js";

let names: Set<string> | undefined;

export function resultIsSet(builtin: string): boolean {
  if (!names) {
    names = new Set();
    for (const [name, decl] of Object.entries(EXTRA_DECLS)) if (parseDecl(decl).result?.type === "set") names.add(name);
    try {
      for (const b of sdkCapabilities().builtins) if (b.decl?.result?.type === "set") names.add(b.name);
    } catch {
      /* without the SDK's capabilities, sanso's own declarations */
    }
  }
  return names.has(builtin);
}
