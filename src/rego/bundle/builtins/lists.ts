// array.flatten and strings.split_n (OPA 1.19+).
//   array.flatten([1, [2, [3]], []]) → [1, 2, [3]]: one level of nesting removed
//   strings.split_n("a.b.c.d", ".", 2)  → ["a", "b"]   the first n parts of split(x, delimiter)
//   strings.split_n("a.b.c.d", ".", -2) → ["c", "d"]   the last |n| parts; 0 → []; |n| beyond → all

import { type Impl, int, str, typeFail } from "./common.js";

function flatten(a: unknown): unknown[] {
  if (!Array.isArray(a)) throw typeFail(1, "array", a);
  return a.flatMap((x) => (Array.isArray(x) ? x : [x]));
}

/** Go's strings.Split (an empty separator splits into UTF-8 sequences). */
function goSplit(s: string, sep: string): string[] {
  return sep === "" ? Array.from(s) : s.split(sep);
}

function splitN(x: unknown, delimiter: unknown, n: unknown): string[] {
  const s = str(x, 1);
  const sep = str(delimiter, 2);
  const count = int(n, 3);
  if (count === 0) return [];
  const parts = goSplit(s, sep);
  return count > 0 ? parts.slice(0, count) : parts.slice(Math.max(0, parts.length + count));
}

export const listBuiltins: Record<string, Impl> = {
  "array.flatten": flatten,
  "strings.split_n": splitN,
};
