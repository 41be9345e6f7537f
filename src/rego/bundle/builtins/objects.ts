// object.subset.
//
// Sets arrive as RegoSet (bundle/load.ts): as OPA, objects are subsets key by key (recursively),
// sets by membership, an array of another when it appears in it contiguously, and a set of an
// array when its members are in the array; other values must be equal.

import { Fail, type Impl, isObject, RegoSet, valueEqual } from "./common.js";

const members = (sup: unknown[], sub: unknown[]) => sub.every((x) => sup.some((y) => valueEqual(y, x)));

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
    if (pv instanceof RegoSet && sv instanceof RegoSet) {
      if (!members(pv, sv)) return false;
      continue;
    }
    if (Array.isArray(pv) && Array.isArray(sv) && !(pv instanceof RegoSet) && !(sv instanceof RegoSet)) {
      if (!arraySubset(pv, sv)) return false;
      continue;
    }
    return false;
  }
  return true;
}

function subset(sup: unknown, sub: unknown): boolean {
  if (isObject(sup) && isObject(sub)) return objectSubset(sup, sub);
  if (sub instanceof RegoSet && Array.isArray(sup)) return members(sup, sub);
  if (sup instanceof RegoSet) {
    if (Array.isArray(sub)) throw new Fail("eval_type_error", "both arguments object.subset must be of the same type or array and set");
  }
  if (Array.isArray(sup) && Array.isArray(sub)) return arraySubset(sup, sub);
  throw new Fail("eval_type_error", "both arguments object.subset must be of the same type or array and set");
}

export const objectBuiltins: Record<string, Impl> = {
  "object.subset": subset,
};
