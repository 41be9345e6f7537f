// JavaScript implementations of the Rego builtins that sanso's Wasm runtime does not implement
// natively. They are served through the OPA Wasm ABI's `opa_builtinN` imports (bundle/load.ts, or
// any OPA SDK given them as custom builtins): the loader converts the arguments to plain JSON
// (sets arrive as sorted arrays, objects with non-string keys have their keys in Rego text) and
// turns the returned JSON-able value back into a Rego value (`undefined` means the call is
// undefined).
//
// Errors. OPA reports a failing builtin as undefined by default and as an evaluation error with
// strict-builtin-errors. `makeJsBuiltins(strict)` builds the table for either mode: strict
// implementations throw a `RegoBuiltinError` whose message has OPA's form
//   "eval_builtin_error: net.cidr_contains: invalid CIDR address: not-a-cidr"
//   "eval_type_error: base64.encode: operand 1 must be string but got number"
// and non-strict ones return undefined instead. `jsBuiltins` is the non-strict (default) table.
//
// Semantics follow OPA's Go implementation (Go's regexp, net, encoding/base64, fmt, gobwas/glob).
//
// One module per family in this folder; this one assembles the table. A new builtin: its
// implementation in the family's module (helpers for operands and errors in common.ts), its
// types in decls.ts (for `sanso capabilities`), its row in src/rego/compile/builtin-table.ts.
// Every builtin served through `opa_builtinN` is served from this table, including the ones the
// SDK has its own (and different) versions of: sprintf, json.is_valid, regex.split, yaml.*.
// bundle/load.ts dispatches to it without patching the SDK.

import { Fail, type Impl, RegoBuiltinError } from "./common.js";
import { cryptoBuiltins } from "./crypto.js";
import { encodingBuiltins } from "./encoding.js";
import { globBuiltins } from "./glob.js";
import { graphBuiltins } from "./graph.js";
import { graphqlBuiltins } from "./graphql.js";
import { httpBuiltins } from "./http.js";
import { jsonBuiltins } from "./json.js";
import { jsonSchemaBuiltins } from "./jsonschema.js";
import { jwtBuiltins } from "./jwt.js";
import { listBuiltins } from "./lists.js";
import { netBuiltins } from "./net.js";
import { objectBuiltins } from "./objects.js";
import { printBuiltins } from "./print.js";
import { providerBuiltins } from "./providers.js";
import { randomBuiltins, resetRandomState } from "./random.js";
import { regexBuiltins } from "./regex.js";
import { regoParseBuiltins } from "./rego-parse.js";
import { semverBuiltins } from "./semver.js";
import { sprintfBuiltins } from "./sprintf.js";
import { templateBuiltins } from "./template.js";
import { templateStringBuiltins } from "./template-string.js";
import { timeBuiltins } from "./time.js";
import { unitsBuiltins } from "./units.js";
import { uriBuiltins } from "./uri.js";
import { uuidBuiltins } from "./uuid.js";
import { x509Builtins } from "./x509.js";

export { RegoBuiltinError } from "./common.js";
export { goSprintf, regoText } from "./sprintf.js";
export { setPrintHook } from "./print.js";

/** Clears per-evaluation state (rand.intn and uuid.rfc4122 results). Call before each evaluation. */
export function resetJsBuiltinState(): void {
  resetRandomState();
}

const impls: Record<string, Impl> = {
  ...encodingBuiltins,
  ...globBuiltins,
  ...regexBuiltins,
  ...netBuiltins,
  ...timeBuiltins,
  ...unitsBuiltins,
  ...semverBuiltins,
  ...cryptoBuiltins,
  ...randomBuiltins,
  ...jsonBuiltins,
  ...sprintfBuiltins,
  ...objectBuiltins,
  ...uuidBuiltins,
  ...printBuiltins,
  ...templateBuiltins,
  ...templateStringBuiltins,
  ...regoParseBuiltins,
  ...jwtBuiltins,
  ...graphBuiltins,
  ...jsonSchemaBuiltins,
  ...graphqlBuiltins,
  ...providerBuiltins,
  ...uriBuiltins,
  ...listBuiltins,
  ...x509Builtins,
  ...httpBuiltins,
};

/** Names of the builtins implemented here. */
export const jsBuiltinNames: readonly string[] = Object.keys(impls);

/** The builtins table (for load.ts, or an SDK's customBuiltins); `strict` selects strict-builtin-errors. */
export function makeJsBuiltins(strict: boolean | (() => boolean) = false): Record<string, (...args: any[]) => any> {
  const isStrict = typeof strict === "function" ? strict : () => strict;
  const out: Record<string, (...args: any[]) => any> = {};
  for (const [name, impl] of Object.entries(impls)) {
    out[name] = (...args: unknown[]) => {
      try {
        return impl(...args);
      } catch (e) {
        if (e instanceof Fail) {
          if (isStrict()) throw new RegoBuiltinError(e.code, name, e.detail);
          return undefined;
        }
        throw e;
      }
    };
  }
  return out;
}

let defaultStrict = false;
/** Sets the error mode of `jsBuiltins` (strict-builtin-errors on or off; off by default). */
export function setJsBuiltinsStrict(on: boolean): void {
  defaultStrict = on;
}

/** The default table: non-strict (errors make the call undefined, OPA's default) unless
 * setJsBuiltinsStrict(true) was called. */
export const jsBuiltins = makeJsBuiltins(() => defaultStrict);
/** Strict table: builtin errors throw RegoBuiltinError. */
export const strictJsBuiltins = makeJsBuiltins(true);

/**
 * A table that follows a loaded module's own `rt_strict` global (set when the module was compiled
 * with strict builtin errors, or by the host):
 *   const js = policyJsBuiltins();
 *   const policy = opa.loadPolicySync(wasm, memory, js.builtins);
 *   js.attach(policy.wasmInstance);
 * Until attached (or for modules without rt_strict) it follows setJsBuiltinsStrict.
 */
export function policyJsBuiltins(): { builtins: Record<string, (...args: any[]) => any>; attach(instance: WebAssembly.Instance): void } {
  let strictGlobal: WebAssembly.Global | undefined;
  const builtins = makeJsBuiltins(() => (strictGlobal ? Number(strictGlobal.value) !== 0 : defaultStrict));
  return {
    builtins,
    attach(instance) {
      const g = instance.exports.rt_strict;
      strictGlobal = g instanceof WebAssembly.Global ? g : undefined;
    },
  };
}
