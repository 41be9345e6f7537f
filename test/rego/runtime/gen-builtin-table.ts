// Regenerates src/rego/compile/builtin-table.ts:  npx tsx test/rego/runtime/gen-builtin-table.ts
// (after building the runtime). Sources: capabilities.json, the runtime's bi_* exports, bundle/builtins/.
import { readFileSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { jsBuiltinNames } from "../../../src/rego/bundle/builtins/index.js";
import { EXTRA_DECLS, parseDecl } from "../../../src/rego/bundle/builtins/decls.js";

const at = (p: string) => fileURLToPath(new URL(`../../../${p}`, import.meta.url));
const caps = JSON.parse(readFileSync(at("node_modules/@open-policy-agent/opa-wasm/capabilities.json"), "utf8")).builtins as {
  name: string;
  decl: { args: unknown[] };
  relation?: boolean;
}[];
const mod = new WebAssembly.Module(readFileSync(at("src/rego/runtime/runtime.wasm")));
const natives = new Set(WebAssembly.Module.exports(mod).map((e) => e.name).filter((n) => n.startsWith("bi_")));
const nativeName = (n: string) => "bi_" + n.replace(/\./g, "_");
const extraArity: Record<string, number> = {
  "numbers.range_step": 3, cast_array: 1, cast_set: 1, cast_string: 1, cast_boolean: 1, cast_null: 1, cast_object: 1,
  "array.reverse": 1, "object.union_n": 1, "object.keys": 1, indexof_n: 2, "strings.count": 2, "strings.reverse": 1,
  "strings.any_prefix_match": 2, "strings.any_suffix_match": 2,
  "base64url.encode_no_pad": 1, "hex.encode": 1, "hex.decode": 1, "glob.quote_meta": 1, "regex.find_n": 3,
  "regex.split": 2, "regex.replace": 3, "net.cidr_is_valid": 1, "time.now_ns": 0, "time.parse_rfc3339_ns": 1, "time.parse_duration_ns": 1, "time.date": 1, "time.clock": 1,
  "time.weekday": 1, "time.add_date": 4, "units.parse_bytes": 1, "semver.is_valid": 1, "semver.compare": 2,
  "crypto.md5": 1, "crypto.sha1": 1, "crypto.sha256": 1, "crypto.hmac.md5": 2, "crypto.hmac.sha1": 2,
  "crypto.hmac.sha256": 2, "crypto.hmac.sha512": 2, "uuid.rfc4122": 1, "urlquery.encode": 1, "urlquery.decode": 1,
};
// sanso's own builtins beyond the SDK's capabilities take their arity from their declarations
for (const [n, d] of Object.entries(EXTRA_DECLS)) {
  if (!(n in extraArity) && !caps.some((c) => c.name === n)) extraArity[n] = parseDecl(d).args?.length ?? 0;
}
const rows: string[] = [];
const seen = new Set<string>();
const line = (name: string, arity: number, extra: boolean, relation: boolean) => {
  seen.add(name);
  const parts = [`arity: ${arity}`];
  let impl: string;
  if (name === "eq" || name === "assign") impl = "compiler";
  else if (natives.has(nativeName(name))) {
    parts.push(`native: "${nativeName(name)}"`);
    impl = "native";
    // natives that cover common cases only, and hand the rest to JavaScript
    if (jsBuiltinNames.includes(name)) { parts.push("fallback: true"); impl = "native, js fallback"; }
  }
  else if (jsBuiltinNames.includes(name)) impl = "js";
  else throw new Error(`no implementation for ${name}`);
  if (relation) parts.push("relation: true");
  if (extra) parts.push("extra: true");
  rows.push(`  [${JSON.stringify(name)}, { ${parts.join(", ")} }], // ${impl}`);
};
for (const b of caps) line(b.name, b.decl.args.length, false, !!b.relation);
for (const [n, a] of Object.entries(extraArity)) {
  if (seen.has(n)) throw new Error(`dup ${n}`);
  if (!natives.has(nativeName(n)) && !jsBuiltinNames.includes(n)) throw new Error(`extra ${n} unimplemented`);
  line(n, a, true, false);
}
for (const n of natives) { const name = [...seen].find((s) => nativeName(s) === n); if (!name) throw new Error(`native ${n} not in table`); }
for (const n of jsBuiltinNames) if (!seen.has(n)) throw new Error(`js ${n} not in table`);
const out = `// The Rego builtins sanso-built modules support, for the compiler: arity, and how each is served.
// GENERATED from node_modules/@open-policy-agent/opa-wasm/capabilities.json (every entry), the
// runtime's \`bi_*\` exports and src/rego/bundle/builtins/ by
// test/rego/runtime/gen-builtin-table.ts; do not edit by hand (builtin-table.test.ts checks it).
//
//  - native: the runtime export implementing it (\`bi_<name with . as _>\`): call it directly with
//    one value pointer per argument; it returns a value pointer, or 0 for undefined.
//  - otherwise: import it through the OPA ABI's \`opa_builtinN\` under its own name; sanso's
//    loader (src/rego/bundle/load.ts) serves it from src/rego/bundle/builtins/ (any other OPA
//    SDK needs those as custom builtins).
//  - fallback: the native function covers the common cases; for the others it sets the runtime's
//    \`rt_fallback\` and returns 0, and the call goes through \`opa_builtinN\` to JavaScript (sprintf).
//  - relation: the builtin enumerates values (\`walk(x, [path, value])\`); the native function
//    returns an array of all of them, to be iterated.
//  - extra: not in the capabilities list (newer or deprecated OPA builtins sanso also supports).
//  - eq and assign have no implementation: the compiler handles them (unification).

export interface BuiltinInfo {
  arity: number;
  native?: string;
  fallback?: boolean;
  relation?: boolean;
  extra?: boolean;
}

export const BUILTINS: ReadonlyMap<string, BuiltinInfo> = new Map<string, BuiltinInfo>([
${rows.join("\n")}
]);

export function isKnownBuiltin(name: string): boolean {
  return BUILTINS.has(name);
}
`;
writeFileSync(at("src/rego/compile/builtin-table.ts"), out);
console.log(rows.length, "rows");
