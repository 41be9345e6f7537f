/**
 * Unknown values of a plan: which stay open questions (the configuration sets them with an
 * expression known only after apply) and which are the provider's computed defaults.
 */
import { ALWAYS_BLOCK_NAMES, TYPE_MIXED_BLOCK_NAMES } from "./aws-blocks.generated.js";
import { isObject } from "./cdktf.js";
import type { Json, JsonObject } from "./types.js";

const mixedBlockCache = new Map<string, Set<string>>();
/**
 * Could `name` be a nested block of resources of this type (`data.<type>` for data sources)?
 * Names the AWS provider never uses for a block are arguments; names of other providers'
 * resources are judged by the same tables (a name that is a block in AWS stays a block).
 */
export function mayBeBlock(typeKey: string): (name: string) => boolean {
  let mixed = mixedBlockCache.get(typeKey);
  if (!mixed) {
    // own keys only: a resource type named "constructor" is not Object.prototype's (found by fuzzing)
    mixed = new Set((Object.hasOwn(TYPE_MIXED_BLOCK_NAMES, typeKey) ? TYPE_MIXED_BLOCK_NAMES[typeKey]! : "").split(" ").filter(Boolean));
    mixedBlockCache.set(typeKey, mixed);
  }
  const m = mixed;
  return (name) => ALWAYS_BLOCK_NAMES.has(name) || m.has(name);
}

/** Is this configuration node an expression (rather than a nested block's body)? */
function isExpression(node: Json | undefined): boolean {
  return isObject(node) && ((Array.isArray(node.references) && node.references.every((x) => typeof x === "string")) || "constant_value" in node);
}

/**
 * Splits a resource's unknown tree by the configuration's `expressions`: a leaf whose argument
 * (or an enclosing argument) has an expression stays unknown (decided by the configuration, known
 * after apply); a leaf whose argument has none is computed by the provider (its default). A
 * nested block missing from the configuration stays unknown: Terraform leaves `dynamic` blocks
 * out of the configuration representation, so its absence proves nothing.
 */
export function splitUnknown(unknown: JsonObject, expressions: JsonObject, isBlock: (name: string) => boolean): { unknown: JsonObject; computed: JsonObject } {
  const keep: JsonObject = {};
  const computed: JsonObject = {};
  for (const [k, u] of Object.entries(unknown)) {
    const e = expressions[k];
    if (e === undefined || e === null) {
      if (isBlock(k)) keep[k] = u;
      else computed[k] = u;
      continue;
    }
    if (isExpression(e) || u === true) {
      keep[k] = u;
      continue;
    }
    // a nested block written in the configuration: its instances, one by one
    const eb = Array.isArray(e) ? e : [e];
    if (Array.isArray(u)) {
      const ku: Json[] = [];
      const cu: Json[] = [];
      let anyKeep = false;
      let anyComputed = false;
      u.forEach((item, i) => {
        const body = eb[i];
        if (isObject(item) && isObject(body) && !isExpression(body)) {
          const s = splitUnknown(item, body, isBlock);
          const hk = Object.keys(s.unknown).length > 0;
          const hc = Object.keys(s.computed).length > 0;
          ku.push(hk ? s.unknown : null);
          cu.push(hc ? s.computed : null);
          anyKeep ||= hk;
          anyComputed ||= hc;
        } else {
          ku.push(item);
          cu.push(null);
          anyKeep ||= item !== null;
        }
      });
      if (anyKeep) keep[k] = ku;
      if (anyComputed) computed[k] = cu;
    } else if (isObject(u) && isObject(eb[0]) && !isExpression(eb[0])) {
      const s = splitUnknown(u, eb[0], isBlock);
      if (Object.keys(s.unknown).length) keep[k] = s.unknown;
      if (Object.keys(s.computed).length) computed[k] = s.computed;
    } else {
      keep[k] = u;
    }
  }
  return { unknown: keep, computed };
}
