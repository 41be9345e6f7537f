// object.subset.
//
// The SDK hands JavaScript builtins sets as (sorted) arrays, so a set cannot be told from an
// array here: two arrays are compared as OPA compares arrays (the sub-array appears contiguously
// in the super-array); for two sets OPA checks membership only, so a set whose members are not
// contiguous in the other set's order is reported as not a subset.

import { Fail, type Impl, isObject, valueEqual } from "./common.js";

function arraySubset(sup: unknown[], sub: unknown[]): boolean {
  if (sub.length > sup.length) return false;
  for (let start = 0; start + sub.length <= sup.length; start++) {
    let ok = true;
    for (let i = 0; i < sub.length && ok; i++) ok = valueEqual(sup[start + i], sub[i]);
    if (ok) return true;
  }
  return false;
}

function objectSubset(sup: Record<string, unknown>, sub: Record<string, unknown>): boolean {
  for (const [k, sv] of Object.entries(sub)) {
    if (!Object.prototype.hasOwnProperty.call(sup, k)) return false;
    const pv = sup[k];
    if (valueEqual(pv, sv)) continue;
    if (isObject(pv) && isObject(sv)) {
      if (!objectSubset(pv, sv)) return false;
      continue;
    }
    if (Array.isArray(pv) && Array.isArray(sv)) {
      if (!arraySubset(pv, sv)) return false;
      continue;
    }
    return false;
  }
  return true;
}

function subset(sup: unknown, sub: unknown): boolean {
  if (isObject(sup) && isObject(sub)) return objectSubset(sup, sub);
  if (Array.isArray(sup) && Array.isArray(sub)) return arraySubset(sup, sub);
  throw new Fail("eval_type_error", "both arguments object.subset must be of the same type or array and set");
}

export const objectBuiltins: Record<string, Impl> = {
  "object.subset": subset,
};
