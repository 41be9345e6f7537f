// count, sum, product, max, min, sort, all, any, membership (`in`), type checks, set operators.

import {
  T_NULL, T_BOOL, T_NUM, T_STR, T_ARR, T_OBJ, T_SET,
  mkNum, mkBool, mkArr, arrPush, arrLen, arrGet, numOf, boolOf, strLen, strPtr,
  mkSet, setAdd, setHas, tblLen, tblKey, tblVal, tblKeySorted, tblFind,
  compareValues, valueEqual, sortValuePtrs, getValue, mkStrLit,
} from "../value";
import { typeErr, elemErr } from "./errors";
import { exactArith } from "./numbers";
import { runeCount } from "./util";

export function bi_count(a: usize): usize {
  switch (load<u8>(a)) {
    case T_ARR: return mkNum(<f64>arrLen(a));
    case T_OBJ: case T_SET: return mkNum(<f64>tblLen(a));
    case T_STR: return mkNum(<f64>runeCount(strPtr(a), strLen(a)));
  }
  return typeErr("count", 1, "one of {array, object, set, string}", a);
}

/** Length and i-th element of an array or a set (sets in sorted order). */
function seqLen(a: usize): u32 { return load<u8>(a) == T_ARR ? arrLen(a) : tblLen(a); }
function seqGet(a: usize, i: u32): usize { return load<u8>(a) == T_ARR ? arrGet(a, i) : tblKeySorted(a, i); }
function isSeq(a: usize): bool { let t = load<u8>(a); return t == T_ARR || t == T_SET; }

export function bi_sum(a: usize): usize {
  if (!isSeq(a)) return typeErr("sum", 1, "one of {set, array}", a);
  let n = seqLen(a);
  let s = mkNum(0);
  for (let i: u32 = 0; i < n; i++) {
    let x = seqGet(a, i);
    if (load<u8>(x) != T_NUM) return elemErr("sum", 1, a, "numbers", x);
    let exact = exactArith(0, s, x); // exact beyond 2^53, as plus
    s = exact != 0 ? exact : mkNum(numOf(s) + numOf(x));
  }
  return s;
}

export function bi_product(a: usize): usize {
  if (!isSeq(a)) return typeErr("product", 1, "one of {set, array}", a);
  let n = seqLen(a);
  let s = mkNum(1);
  for (let i: u32 = 0; i < n; i++) {
    let x = seqGet(a, i);
    if (load<u8>(x) != T_NUM) return elemErr("product", 1, a, "numbers", x);
    let exact = exactArith(2, s, x); // exact beyond 2^53, as mul
    s = exact != 0 ? exact : mkNum(numOf(s) * numOf(x));
  }
  return s;
}

export function bi_max(a: usize): usize {
  if (!isSeq(a)) return typeErr("max", 1, "one of {set, array}", a);
  let n = seqLen(a);
  if (n == 0) return 0;
  let m = seqGet(a, 0);
  for (let i: u32 = 1; i < n; i++) {
    let x = seqGet(a, i);
    if (compareValues(m, x) <= 0) m = x;
  }
  return m;
}

export function bi_min(a: usize): usize {
  if (!isSeq(a)) return typeErr("min", 1, "one of {set, array}", a);
  let n = seqLen(a);
  if (n == 0) return 0;
  let m = seqGet(a, 0);
  for (let i: u32 = 1; i < n; i++) {
    let x = seqGet(a, i);
    if (compareValues(m, x) > 0) m = x;
  }
  return m;
}

export function bi_sort(a: usize): usize {
  if (!isSeq(a)) return typeErr("sort", 1, "one of {set, array}", a);
  let n = seqLen(a);
  let out = mkArr(n);
  if (load<u8>(a) == T_SET) {
    for (let i: u32 = 0; i < n; i++) arrPush(out, tblKeySorted(a, i));
    return out;
  }
  for (let i: u32 = 0; i < n; i++) arrPush(out, arrGet(a, i));
  if (n > 1) sortValuePtrs(load<usize>(out, 12), n);
  return out;
}

function isTrue(v: usize): bool { return load<u8>(v) == T_BOOL && boolOf(v); }

export function bi_all(a: usize): usize {
  if (!isSeq(a)) return typeErr("all", 1, "one of {array, set}", a);
  let n = seqLen(a);
  for (let i: u32 = 0; i < n; i++) if (!isTrue(load<u8>(a) == T_ARR ? arrGet(a, i) : tblKey(a, i))) return mkBool(false);
  return mkBool(true);
}

export function bi_any(a: usize): usize {
  if (!isSeq(a)) return typeErr("any", 1, "one of {array, set}", a);
  let n = seqLen(a);
  for (let i: u32 = 0; i < n; i++) if (isTrue(load<u8>(a) == T_ARR ? arrGet(a, i) : tblKey(a, i))) return mkBool(true);
  return mkBool(false);
}

// ---------------------------------------------------------------- membership

/** `x in coll`: members of sets, values of arrays and objects. False for other collections. */
export function bi_internal_member_2(x: usize, coll: usize): usize {
  switch (load<u8>(coll)) {
    case T_SET: return mkBool(setHas(coll, x));
    case T_ARR: {
      let n = arrLen(coll);
      for (let i: u32 = 0; i < n; i++) if (valueEqual(arrGet(coll, i), x)) return mkBool(true);
      return mkBool(false);
    }
    case T_OBJ: {
      let n = tblLen(coll);
      for (let i: u32 = 0; i < n; i++) if (valueEqual(tblVal(coll, i), x)) return mkBool(true);
      return mkBool(false);
    }
  }
  return mkBool(false);
}

/** `k, v in coll`: coll[k] == v (for sets: k in coll and k == v). */
export function bi_internal_member_3(k: usize, v: usize, coll: usize): usize {
  switch (load<u8>(coll)) {
    case T_SET: return mkBool(setHas(coll, k) && valueEqual(k, v));
    case T_ARR: case T_OBJ: {
      let x = getValue(coll, k);
      return mkBool(x != 0 && valueEqual(x, v));
    }
  }
  return mkBool(false);
}

// ---------------------------------------------------------------- types

export function bi_is_number(a: usize): usize { return mkBool(load<u8>(a) == T_NUM); }
export function bi_is_string(a: usize): usize { return mkBool(load<u8>(a) == T_STR); }
export function bi_is_boolean(a: usize): usize { return mkBool(load<u8>(a) == T_BOOL); }
export function bi_is_array(a: usize): usize { return mkBool(load<u8>(a) == T_ARR); }
export function bi_is_set(a: usize): usize { return mkBool(load<u8>(a) == T_SET); }
export function bi_is_object(a: usize): usize { return mkBool(load<u8>(a) == T_OBJ); }
export function bi_is_null(a: usize): usize { return mkBool(load<u8>(a) == T_NULL); }

export function bi_type_name(a: usize): usize {
  switch (load<u8>(a)) {
    case T_NULL: return mkStrLit("null");
    case T_BOOL: return mkStrLit("boolean");
    case T_NUM: return mkStrLit("number");
    case T_STR: return mkStrLit("string");
    case T_ARR: return mkStrLit("array");
    case T_OBJ: return mkStrLit("object");
    case T_SET: return mkStrLit("set");
  }
  return 0;
}

// ---------------------------------------------------------------- sets

function intersect(a: usize, b: usize): usize {
  // Iterate the smaller set.
  if (tblLen(b) < tblLen(a)) { let t = a; a = b; b = t; }
  let n = tblLen(a);
  let out = mkSet(n);
  for (let i: u32 = 0; i < n; i++) {
    let k = tblKey(a, i);
    if (setHas(b, k)) setAdd(out, k);
  }
  return out;
}

function unionInto(out: usize, s: usize): void {
  let n = tblLen(s);
  for (let i: u32 = 0; i < n; i++) setAdd(out, tblKey(s, i));
}

export function bi_and(a: usize, b: usize): usize {
  if (load<u8>(a) != T_SET) return typeErr("and", 1, "set", a);
  if (load<u8>(b) != T_SET) return typeErr("and", 2, "set", b);
  return intersect(a, b);
}

export function bi_or(a: usize, b: usize): usize {
  if (load<u8>(a) != T_SET) return typeErr("or", 1, "set", a);
  if (load<u8>(b) != T_SET) return typeErr("or", 2, "set", b);
  let out = mkSet(tblLen(a) + tblLen(b));
  unionInto(out, a);
  unionInto(out, b);
  return out;
}

export function bi_intersection(a: usize): usize {
  if (load<u8>(a) != T_SET) return typeErr("intersection", 1, "set", a);
  let n = tblLen(a);
  if (n == 0) return mkSet(0);
  let result: usize = 0;
  for (let i: u32 = 0; i < n; i++) {
    let s = tblKeySorted(a, i);
    if (load<u8>(s) != T_SET) return typeErr("intersection", 1, "set", s);
    result = result == 0 ? s : intersect(result, s);
  }
  return result;
}

export function bi_union(a: usize): usize {
  if (load<u8>(a) != T_SET) return typeErr("union", 1, "set", a);
  let n = tblLen(a);
  let out = mkSet(0);
  for (let i: u32 = 0; i < n; i++) {
    let s = tblKeySorted(a, i);
    if (load<u8>(s) != T_SET) return typeErr("union", 1, "set", s);
    unionInto(out, s);
  }
  return out;
}

// ---------------------------------------------------------------- deprecated casts (not in the
// Wasm capabilities, kept for old policies)

export function bi_cast_array(a: usize): usize {
  let t = load<u8>(a);
  if (t == T_ARR) return a;
  if (t == T_SET) {
    let n = tblLen(a);
    let out = mkArr(n);
    for (let i: u32 = 0; i < n; i++) arrPush(out, tblKeySorted(a, i));
    return out;
  }
  return typeErr("cast_array", 1, "one of {array, set}", a);
}
export function bi_cast_set(a: usize): usize {
  if (a == 0) return 0; // an undefined result of a JavaScript builtin (codegen's set results) stays undefined
  let t = load<u8>(a);
  if (t == T_SET) return a;
  if (t == T_ARR) {
    let n = arrLen(a);
    let out = mkSet(n);
    for (let i: u32 = 0; i < n; i++) setAdd(out, arrGet(a, i));
    return out;
  }
  return typeErr("cast_set", 1, "one of {array, set}", a);
}
export function bi_cast_string(a: usize): usize { return load<u8>(a) == T_STR ? a : typeErr("cast_string", 1, "string", a); }
export function bi_cast_boolean(a: usize): usize { return load<u8>(a) == T_BOOL ? a : typeErr("cast_boolean", 1, "boolean", a); }
export function bi_cast_null(a: usize): usize { return load<u8>(a) == T_NULL ? a : typeErr("cast_null", 1, "null", a); }
export function bi_cast_object(a: usize): usize { return load<u8>(a) == T_OBJ ? a : typeErr("cast_object", 1, "object", a); }
