/**
 * Arguments that are not set are absent from a resource's `values`, in both formats: a plan lists
 * every argument of the resource's schema (null when not set, the bulk of a real plan), a
 * synthesized cdk.tf.json only the ones that are set. Dropping the nulls gives policies one shape
 * and makes the document the policies parse a fraction of the plan's size. Nulls inside arrays
 * keep their positions (an index is meaningful); only object keys whose value is null go.
 */
import type { Json, JsonObject } from "./types.js";

/** Does the tree hold an object key whose value is null? */
function hasNullKey(v: Json): boolean {
  if (Array.isArray(v)) {
    for (let i = 0; i < v.length; i++) {
      const e = v[i]!;
      if (e !== null && typeof e === "object" && hasNullKey(e)) return true;
    }
    return false;
  }
  const o = v as JsonObject;
  for (const k in o) {
    const e = o[k]!;
    if (e === null) return true;
    if (typeof e === "object" && hasNullKey(e)) return true;
  }
  return false;
}

function copyWithoutNulls(v: Json): Json {
  if (v === null || typeof v !== "object") return v;
  if (Array.isArray(v)) return v.map(copyWithoutNulls);
  const out: JsonObject = {};
  for (const k in v) {
    const e = v[k]!;
    if (e !== null) out[k] = typeof e === "object" ? copyWithoutNulls(e) : e;
  }
  return out;
}

/** `values` without null-valued keys at any depth; the same object when it has none. */
export function withoutNulls(values: JsonObject): JsonObject {
  return hasNullKey(values) ? (copyWithoutNulls(values) as JsonObject) : values;
}
