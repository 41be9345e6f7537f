// The Rego value model in raw memory. A value is a pointer (0 means "undefined").
//
//   offset 0: u8 type tag (below)
//   boolean: u8 value at 4
//   number:  f64 at 8; u32 at 4: 0, or for an integer beyond 2^53 kept exact (as OPA keeps it) a
//            string value of its decimal digits, with '-' when negative (f64 is then the nearest);
//            u8 at 1: NUM_TEXT when the number was written with a fraction or an exponent
//            (`101.00`, `1e-400`, `0.1234567890123456789`): then the value is 24 bytes and u32 at
//            16 is a string value of that text, kept as OPA's json.Number keeps it (its output,
//            sprintf's float formatting of `101.00`, exact order beyond a double's precision)
//   string:  u32 byte length at 4, ptr to UTF-8 bytes at 8, u32 cached hash at 12 (0 = not yet)
//   array:   u32 len at 4, u32 cap at 8, ptr to u32[cap] elements at 12
//   object:  u32 len at 4, u32 cap at 8, keys u32[cap] at 12, vals u32[cap] at 16,
//            hash index at 20 (tcap slots of [entry index + 1 (0 = empty), key hash]), tcap at 24,
//            sorted permutation at 28 (u32[len], 0 when stale), its epoch at 32 (see permEpoch),
//            cached hash of the whole object/set at 36 (0 = not computed; reset on insert)
//   set:     as object, with vals = 0
//
// Objects and sets keep insertion order in their entry arrays and a hash index for O(1) lookup.
// Iteration and output use Rego's sorted order, computed once and cached until the next insert.

import { alloc, allocZeroed, abortStatic } from "./memory";
import { cmpMag, magToF64, u64Mag, resPtr, resLen } from "./bignum";

export const T_NULL: u8 = 1;
export const T_BOOL: u8 = 2;
export const T_NUM: u8 = 3;
export const T_STR: u8 = 4;
export const T_ARR: u8 = 5;
export const T_OBJ: u8 = 6;
export const T_SET: u8 = 7;

// @ts-ignore: decorator
@inline export function typeOf(v: usize): u8 { return load<u8>(v); }

let nullValue: usize = 0;
let trueValue: usize = 0;
let falseValue: usize = 0;

export function initValues(): void {
  nullValue = alloc(8); store<u8>(nullValue, T_NULL);
  trueValue = alloc(8); store<u8>(trueValue, T_BOOL); store<u8>(trueValue, 1, 4);
  falseValue = alloc(8); store<u8>(falseValue, T_BOOL); store<u8>(falseValue, 0, 4);
}

export function mkNull(): usize { return nullValue; }
export function mkBool(b: bool): usize { return b ? trueValue : falseValue; }
export function boolOf(v: usize): bool { return load<u8>(v, 4) != 0; }

export function mkNum(f: f64): usize {
  let v = alloc(16);
  store<u32>(v, T_NUM); // tag, and no flags (NUM_TEXT)
  store<u32>(v, 0, 4);
  store<f64>(v, f == 0 ? 0.0 : f, 8); // normalise -0
  return v;
}
// @ts-ignore: decorator
@inline export function numOf(v: usize): f64 { return load<f64>(v, 8); }
/** The digits of a number kept exact beyond 2^53 (a string value), or 0. */
// @ts-ignore: decorator
@inline export function bigOf(v: usize): usize { return load<u32>(v, 4); }

/** Number flag (u8 at 1): the literal text of the number is kept at 16. */
export const NUM_TEXT: u8 = 1;

/** The literal text of a number written with a fraction or an exponent (a string value), or 0. */
// @ts-ignore: decorator
@inline export function numText(v: usize): usize { return (load<u8>(v, 1) & NUM_TEXT) != 0 ? load<u32>(v, 16) : 0; }

/** The number `v` (16 bytes, no text yet), with its literal text: the `n` bytes at `p` (copied). */
export function withNumText(v: usize, p: usize, n: u32): usize {
  let w = alloc(24);
  memory.copy(w, v, 16);
  let text = alloc(n);
  memory.copy(text, p, n);
  store<u8>(w, NUM_TEXT, 1);
  store<u32>(w, <u32>mkStrRef(text, n), 16);
  return w;
}

/** Whether 16 digits at p are at most 2^53 (integers up to it are exact doubles). */
function atMost2p53(p: usize): bool {
  const M = "9007199254740992";
  for (let i = 0; i < 16; i++) {
    let d = <i32>load<u8>(p + i), m = M.charCodeAt(i);
    if (d != m) return d < m;
  }
  return true;
}

/**
 * The integer of sign `neg` and magnitude `n` digits at `p` (leading zeros allowed): a double when
 * it is exact as one, otherwise a number that keeps its digits.
 */
export function mkIntDigits(neg: bool, p: usize, n: u32): usize {
  let i: u32 = 0;
  while (i < n && load<u8>(p + i) == 0x30) i++;
  p += i;
  n -= i;
  let f = magToF64(p, n);
  if (n < 16 || (n == 16 && atMost2p53(p))) {
    return mkNum(neg ? -f : f);
  }
  let text = alloc(n + 1);
  let off: u32 = 0;
  if (neg) { store<u8>(text, 0x2d); off = 1; }
  memory.copy(text + off, p, n);
  let v = alloc(16);
  store<u32>(v, T_NUM); // tag, and no flags (NUM_TEXT)
  store<u32>(v, <u32>mkStrRef(text, n + off), 4);
  store<f64>(v, neg ? -f : f, 8);
  return v;
}

// The exact integer of a number, set by intDigits: sign and magnitude digits.
export let intNeg: bool = false;
export let intPtr: usize = 0;
export let intLen: u32 = 0;

/** Whether `v` (a number) is an integer whose digits are known exactly; sets intNeg/intPtr/intLen. */
export function intDigits(v: usize): bool {
  let big = bigOf(v);
  if (big != 0) {
    let p = strPtr(big), n = strLen(big);
    intNeg = load<u8>(p) == 0x2d;
    intPtr = intNeg ? p + 1 : p;
    intLen = intNeg ? n - 1 : n;
    return true;
  }
  let f = numOf(v);
  if (f != Math.floor(f) || Math.abs(f) >= 9.2e18) return false;
  intNeg = f < 0;
  u64Mag(<u64>Math.abs(f));
  intPtr = resPtr;
  intLen = resLen;
  return true;
}

/** Orders two numbers, exactly when either keeps its digits or its text. */
export function compareNums(a: usize, b: usize): i32 {
  let x = numOf(a), y = numOf(b);
  if (x != y) return x < y ? -1 : 1;
  if ((load<u8>(a, 1) | load<u8>(b, 1)) != 0) return compareDecimals(a, b);
  if (bigOf(a) == 0 && bigOf(b) == 0) return 0;
  if (!intDigits(a)) return 0;
  let an = intNeg, ap = intPtr, al = intLen;
  if (!intDigits(b)) return 0;
  if (an != intNeg) return an ? -1 : 1;
  let c = cmpMag(ap, al, intPtr, intLen);
  return an ? -c : c;
}

// A number as an exact decimal, set by decimalOf: sign, significant digits (no leading or
// trailing zeros; none for zero) and the exponent E of the value 0.d1d2... x 10^E.
let decNeg = false;
let decPtr: usize = 0;
let decLen: u32 = 0;
let decExp: i32 = 0;

/** Reads the decimal of the number text at p (n bytes: -?digits[.digits][e[+-]digits]). */
function decimalOfText(p: usize, n: u32): void {
  let i: u32 = 0;
  decNeg = n > 0 && load<u8>(p) == 0x2d;
  if (decNeg) i++;
  let digits = alloc(n);
  let len: u32 = 0;
  let exp: i32 = 0; // value = digits x 10^exp
  let inFrac = false;
  for (; i < n; i++) {
    let c = load<u8>(p + i);
    if (c == 0x2e) { inFrac = true; continue; }
    if (c == 0x65 || c == 0x45) {
      i++;
      let eneg = false;
      if (i < n && (load<u8>(p + i) == 0x2b || load<u8>(p + i) == 0x2d)) { eneg = load<u8>(p + i) == 0x2d; i++; }
      let e: i32 = 0;
      for (; i < n; i++) if (e < 100000000) e = e * 10 + <i32>(load<u8>(p + i) - 0x30);
      exp += eneg ? -e : e;
      break;
    }
    if (len == 0 && c == 0x30) { if (inFrac) exp--; continue; } // leading zeros
    store<u8>(digits + len, c);
    len++;
    if (inFrac) exp--;
  }
  while (len > 0 && load<u8>(digits + len - 1) == 0x30) { len--; exp++; }
  decPtr = digits;
  decLen = len;
  decExp = <i32>len + exp;
}

/** Sets decNeg/decPtr/decLen/decExp to the exact value of the number `v`. */
function decimalOf(v: usize): void {
  let text = numText(v);
  if (text != 0) { decimalOfText(strPtr(text), strLen(text)); return; }
  if (intDigits(v)) {
    let neg = intNeg;
    decimalOfText(intPtr, intLen);
    decNeg = neg;
    return;
  }
  // a double without text: its shortest decimal is the number it was written as
  let s = numOf(v).toString();
  let n = s.length;
  let buf = alloc(<usize>n);
  for (let i = 0; i < n; i++) store<u8>(buf + i, <u8>s.charCodeAt(i));
  decimalOfText(buf, <u32>n);
}

/** Orders two numbers by their exact decimal values. */
function compareDecimals(a: usize, b: usize): i32 {
  decimalOf(a);
  let an = decNeg, ap = decPtr, al = decLen, ae = decExp;
  decimalOf(b);
  let sa: i32 = al == 0 ? 0 : (an ? -1 : 1);
  let sb: i32 = decLen == 0 ? 0 : (decNeg ? -1 : 1);
  if (sa != sb) return sa < sb ? -1 : 1;
  if (sa == 0) return 0;
  let c: i32 = 0;
  if (ae != decExp) c = ae < decExp ? -1 : 1;
  else {
    let m = al < decLen ? al : decLen;
    for (let i: u32 = 0; i < m && c == 0; i++) {
      let x = load<u8>(ap + i), y = load<u8>(decPtr + i);
      if (x != y) c = x < y ? -1 : 1;
    }
    if (c == 0 && al != decLen) c = al < decLen ? -1 : 1;
  }
  return sa < 0 ? -c : c;
}

/** A string value over existing bytes (not copied). */
export function mkStrRef(bytes: usize, len: u32): usize {
  let v = alloc(16);
  store<u8>(v, T_STR);
  store<u32>(v, len, 4);
  store<usize>(v, bytes, 8);
  store<u32>(v, 0, 12);
  return v;
}
export function mkStrCopy(bytes: usize, len: u32): usize {
  let b = alloc(len);
  memory.copy(b, bytes, len);
  return mkStrRef(b, len);
}
/** A string value from an AssemblyScript static literal (ASCII). */
export function mkStrLit(s: string): usize {
  let n = <u32>s.length;
  let b = alloc(n);
  let src = changetype<usize>(s);
  for (let i: u32 = 0; i < n; i++) store<u8>(b + i, <u8>load<u16>(src + (<usize>i << 1)));
  return mkStrRef(b, n);
}
// @ts-ignore: decorator
@inline export function strLen(v: usize): u32 { return load<u32>(v, 4); }
// @ts-ignore: decorator
@inline export function strPtr(v: usize): usize { return load<usize>(v, 8); }

// ---------------------------------------------------------------- arrays

export function mkArr(cap: u32): usize {
  let v = alloc(16);
  store<u8>(v, T_ARR);
  store<u32>(v, 0, 4);
  store<u32>(v, cap, 8);
  store<usize>(v, cap > 0 ? alloc(<usize>cap << 2) : 0, 12);
  return v;
}
// @ts-ignore: decorator
@inline export function arrLen(a: usize): u32 { return load<u32>(a, 4); }
// @ts-ignore: decorator
@inline export function arrGet(a: usize, i: u32): usize { return load<usize>(load<usize>(a, 12) + (<usize>i << 2)); }
export function arrPush(a: usize, v: usize): void {
  let len = load<u32>(a, 4);
  let cap = load<u32>(a, 8);
  if (len == cap) {
    let ncap = cap < 4 ? 4 : cap * 2;
    let ne = alloc(<usize>ncap << 2);
    if (len > 0) memory.copy(ne, load<usize>(a, 12), <usize>len << 2);
    store<usize>(a, ne, 12);
    store<u32>(a, ncap, 8);
  }
  store<usize>(load<usize>(a, 12) + (<usize>len << 2), v);
  store<u32>(a, len + 1, 4);
}
export function arrSet(a: usize, i: u32, v: usize): void {
  store<usize>(load<usize>(a, 12) + (<usize>i << 2), v);
}

// ---------------------------------------------------------------- hashing

const FNV_OFFSET: u32 = 2166136261;
const FNV_PRIME: u32 = 16777619;

export function hashBytes(p: usize, n: u32): u32 {
  let h = FNV_OFFSET;
  for (let i: u32 = 0; i < n; i++) {
    h ^= load<u8>(p + i);
    h *= FNV_PRIME;
  }
  return h;
}

function mix(h: u32): u32 {
  h ^= h >> 16; h *= 0x85ebca6b; h ^= h >> 13; h *= 0xc2b2ae35; h ^= h >> 16;
  return h;
}

export function hashValue(v: usize): u32 {
  switch (load<u8>(v)) {
    case T_NULL: return 0x1234567;
    case T_BOOL: return boolOf(v) ? 0x2345 : 0x3456;
    case T_NUM: {
      let f = numOf(v);
      let i = <i64>f;
      if (<f64>i == f) return mix(<u32>i ^ <u32>(i >> 32));
      let bits = reinterpret<u64>(f);
      return mix(<u32>bits ^ <u32>(bits >> 32));
    }
    case T_STR: {
      let h = load<u32>(v, 12);
      if (h == 0) {
        h = mix(hashBytes(strPtr(v), strLen(v)));
        if (h == 0) h = 1; // 0 marks "not yet computed"
        store<u32>(v, h, 12);
      }
      return h;
    }
    case T_ARR: {
      let h: u32 = 0x9e3779b9;
      let n = arrLen(v);
      for (let i: u32 = 0; i < n; i++) h = h * 31 + hashValue(arrGet(v, i));
      return mix(h);
    }
    case T_OBJ: {
      let cached = load<u32>(v, 36);
      if (cached != 0) return cached;
      let h: u32 = 0x7f4a7c15;
      let n = load<u32>(v, 4);
      let keys = load<usize>(v, 12), vals = load<usize>(v, 16);
      for (let i: u32 = 0; i < n; i++) {
        h += mix(hashValue(load<usize>(keys + (<usize>i << 2))) * 31 + hashValue(load<usize>(vals + (<usize>i << 2))));
      }
      if (h == 0) h = 1;
      store<u32>(v, h, 36);
      return h;
    }
    case T_SET: {
      let cached = load<u32>(v, 36);
      if (cached != 0) return cached;
      let h: u32 = 0x5bd1e995;
      let n = load<u32>(v, 4);
      let keys = load<usize>(v, 12);
      for (let i: u32 = 0; i < n; i++) h += mix(hashValue(load<usize>(keys + (<usize>i << 2))));
      if (h == 0) h = 1;
      store<u32>(v, h, 36);
      return h;
    }
  }
  return 0;
}

// ---------------------------------------------------------------- objects and sets

function mkTable(type: u8, cap: u32): usize {
  let v = alloc(40);
  store<u8>(v, type);
  store<u32>(v, 0, 4);
  store<u32>(v, cap, 8);
  store<usize>(v, alloc(<usize>cap << 2), 12);
  store<usize>(v, type == T_OBJ ? alloc(<usize>cap << 2) : 0, 16);
  // Small tables have no hash index (tcap 0): a linear scan is faster and saves the memory.
  let tcap: u32 = 0;
  if (cap > SMALL_TABLE) {
    tcap = 32;
    while (tcap < cap * 2) tcap <<= 1;
  }
  store<usize>(v, tcap ? allocZeroed(<usize>tcap << 3) : 0, 20);
  store<u32>(v, tcap, 24);
  store<usize>(v, 0, 28);
  store<u32>(v, 0, 36);
  return v;
}

/** Tables up to this many entries are searched linearly. */
const SMALL_TABLE: u32 = 8;
export function mkObj(cap: u32): usize { return mkTable(T_OBJ, cap < 4 ? 4 : cap); }
export function mkSet(cap: u32): usize { return mkTable(T_SET, cap < 4 ? 4 : cap); }

// @ts-ignore: decorator
@inline export function tblLen(t: usize): u32 { return load<u32>(t, 4); }
// @ts-ignore: decorator
@inline export function tblKey(t: usize, i: u32): usize { return load<usize>(load<usize>(t, 12) + (<usize>i << 2)); }
// @ts-ignore: decorator
@inline export function tblVal(t: usize, i: u32): usize { return load<usize>(load<usize>(t, 16) + (<usize>i << 2)); }

/** Entry index of key k, or -1. Slots keep the key's hash, so most mismatches cost no comparison. */
export function tblFind(t: usize, k: usize): i32 {
  let tcap = load<u32>(t, 24);
  if (tcap == 0) {
    let n = load<u32>(t, 4);
    let ks = load<usize>(t, 12);
    for (let i: u32 = 0; i < n; i++) if (valueEqual(load<usize>(ks + (<usize>i << 2)), k)) return <i32>i;
    return -1;
  }
  let table = load<usize>(t, 20);
  let mask = tcap - 1;
  let h = hashValue(k);
  let slot = h & mask;
  let keys = load<usize>(t, 12);
  while (true) {
    let at = table + (<usize>slot << 3);
    let e = load<u32>(at);
    if (e == 0) return -1;
    if (load<u32>(at, 4) == h && valueEqual(load<usize>(keys + (<usize>(e - 1) << 2)), k)) return <i32>(e - 1);
    slot = (slot + 1) & mask;
  }
  return -1;
}

function tblSlotInsert(table: usize, mask: u32, h: u32, entry: u32): void {
  let slot = h & mask;
  while (load<u32>(table + (<usize>slot << 3)) != 0) slot = (slot + 1) & mask;
  let at = table + (<usize>slot << 3);
  store<u32>(at, entry);
  store<u32>(at, h, 4);
}

function rehash(t: usize, tcap: u32): void {
  let table = allocZeroed(<usize>tcap << 3);
  let mask = tcap - 1;
  let n = load<u32>(t, 4);
  let keys = load<usize>(t, 12);
  for (let i: u32 = 0; i < n; i++) tblSlotInsert(table, mask, hashValue(load<usize>(keys + (<usize>i << 2))), i + 1);
  store<usize>(t, table, 20);
  store<u32>(t, tcap, 24);
}

/** Appends a new entry (caller knows the key is absent). */
function tblAppend(t: usize, k: usize, v: usize): void {
  let n = load<u32>(t, 4);
  let cap = load<u32>(t, 8);
  let isObj = load<u8>(t) == T_OBJ;
  if (n == cap) {
    let ncap = cap * 2;
    let nk = alloc(<usize>ncap << 2);
    memory.copy(nk, load<usize>(t, 12), <usize>n << 2);
    store<usize>(t, nk, 12);
    if (isObj) {
      let nv = alloc(<usize>ncap << 2);
      memory.copy(nv, load<usize>(t, 16), <usize>n << 2);
      store<usize>(t, nv, 16);
    }
    store<u32>(t, ncap, 8);
  }
  store<usize>(load<usize>(t, 12) + (<usize>n << 2), k);
  if (isObj) store<usize>(load<usize>(t, 16) + (<usize>n << 2), v);
  store<u32>(t, n + 1, 4);
  store<usize>(t, 0, 28);
  store<u32>(t, 0, 36);
  let tcap = load<u32>(t, 24);
  if (tcap == 0) {
    if (n + 1 > SMALL_TABLE) rehash(t, 32);
  } else if ((n + 1) * 2 > tcap) {
    rehash(t, tcap * 2);
  } else {
    tblSlotInsert(load<usize>(t, 20), tcap - 1, hashValue(k), n + 1);
  }
}

export function objGet(o: usize, k: usize): usize {
  let i = tblFind(o, k);
  return i < 0 ? 0 : tblVal(o, <u32>i);
}

/** Inserts or replaces. */
export function objPut(o: usize, k: usize, v: usize): void {
  let i = tblFind(o, k);
  if (i >= 0) { store<usize>(load<usize>(o, 16) + (<usize>i << 2), v); store<u32>(o, 0, 36); return; }
  tblAppend(o, k, v);
}

/** Inserts; returns false when k is present with a different value (a conflict). */
export function objPutUnique(o: usize, k: usize, v: usize): bool {
  let i = tblFind(o, k);
  if (i >= 0) return valueEqual(tblVal(o, <u32>i), v);
  tblAppend(o, k, v);
  return true;
}

export function setAdd(s: usize, v: usize): void {
  if (tblFind(s, v) < 0) tblAppend(s, v, 0);
}
export function setHas(s: usize, v: usize): bool { return tblFind(s, v) >= 0; }

/** The sorted permutation of a table's entries (cached). */
/**
 * Sorted permutations computed during an evaluation live in heap memory the host reclaims after
 * it; they are only trusted in the evaluation (epoch) that computed them. Those computed outside
 * any evaluation (epoch 0: data loaded with opa_json_parse) are permanent.
 */
let permEpoch: i32 = 0;
export function setPermEpoch(e: i32): void { permEpoch = e; }

export function tblSorted(t: usize): usize {
  let perm = load<usize>(t, 28);
  let n = load<u32>(t, 4);
  if (n == 0) return 0;
  if (perm != 0) {
    let e = load<i32>(t, 32);
    if (e == 0 || e == permEpoch) return perm;
  }
  perm = alloc(<usize>n << 2);
  let keys = load<usize>(t, 12);
  // Already sorted (common for parsed JSON written by sorted dumpers)? Then identity.
  let sorted = true;
  for (let i: u32 = 0; i < n; i++) {
    store<u32>(perm + (<usize>i << 2), i);
    if (i > 0 && sorted && compareValues(load<usize>(keys + (<usize>(i - 1) << 2)), load<usize>(keys + (<usize>i << 2))) > 0) sorted = false;
  }
  if (!sorted) mergeSortPerm(perm, n, keys);
  store<usize>(t, perm, 28);
  store<i32>(t, permEpoch, 32);
  return perm;
}

/** i-th key / value in sorted order. */
export function tblKeySorted(t: usize, i: u32): usize {
  let perm = tblSorted(t);
  return tblKey(t, load<u32>(perm + (<usize>i << 2)));
}
export function tblValSorted(t: usize, i: u32): usize {
  let perm = tblSorted(t);
  return tblVal(t, load<u32>(perm + (<usize>i << 2)));
}

function mergeSortPerm(perm: usize, n: u32, keys: usize): void {
  let tmp = alloc(<usize>n << 2);
  let src = perm, dst = tmp;
  for (let width: u32 = 1; width < n; width <<= 1) {
    for (let lo: u32 = 0; lo < n; lo += width << 1) {
      let mid = lo + width < n ? lo + width : n;
      let hi = lo + (width << 1) < n ? lo + (width << 1) : n;
      let i = lo, j = mid, k = lo;
      while (i < mid && j < hi) {
        let a = load<u32>(src + (<usize>i << 2));
        let b = load<u32>(src + (<usize>j << 2));
        if (compareValues(load<usize>(keys + (<usize>a << 2)), load<usize>(keys + (<usize>b << 2))) <= 0) {
          store<u32>(dst + (<usize>k << 2), a); i++;
        } else {
          store<u32>(dst + (<usize>k << 2), b); j++;
        }
        k++;
      }
      while (i < mid) { store<u32>(dst + (<usize>k << 2), load<u32>(src + (<usize>i << 2))); i++; k++; }
      while (j < hi) { store<u32>(dst + (<usize>k << 2), load<u32>(src + (<usize>j << 2))); j++; k++; }
    }
    let t = src; src = dst; dst = t;
  }
  if (src != perm) memory.copy(perm, src, <usize>n << 2);
}

/** Sorts an array of value pointers in place (for sort(), set dumps). */
export function sortValuePtrs(ptrs: usize, n: u32): void {
  // Sort a permutation over the pointers themselves, then apply it.
  let perm = alloc(<usize>n << 2);
  for (let i: u32 = 0; i < n; i++) store<u32>(perm + (<usize>i << 2), i);
  mergeSortPerm(perm, n, ptrs);
  let out = alloc(<usize>n << 2);
  for (let i: u32 = 0; i < n; i++) store<usize>(out + (<usize>i << 2), load<usize>(ptrs + (<usize>load<u32>(perm + (<usize>i << 2)) << 2)));
  memory.copy(ptrs, out, <usize>n << 2);
}

/** Removes a key: rebuilds the table (rare: object.remove, json.remove, opa_value_remove_path). */
export function tblWithout(t: usize, k: usize): usize {
  let isObj = load<u8>(t) == T_OBJ;
  let n = tblLen(t);
  let out = isObj ? mkObj(n) : mkSet(n);
  for (let i: u32 = 0; i < n; i++) {
    let key = tblKey(t, i);
    if (valueEqual(key, k)) continue;
    tblAppend(out, key, isObj ? tblVal(t, i) : 0);
  }
  return out;
}

// ---------------------------------------------------------------- order and equality

function typeRank(t: u8): i32 { return <i32>t; } // tags are already in Rego's type order

function compareBytes(a: usize, an: u32, b: usize, bn: u32): i32 {
  let n = an < bn ? an : bn;
  for (let i: u32 = 0; i < n; i++) {
    let x = load<u8>(a + i), y = load<u8>(b + i);
    if (x != y) return x < y ? -1 : 1;
  }
  return an == bn ? 0 : (an < bn ? -1 : 1);
}

export function compareValues(a: usize, b: usize): i32 {
  if (a == b) return 0;
  let ta = load<u8>(a), tb = load<u8>(b);
  if (ta != tb) return typeRank(ta) < typeRank(tb) ? -1 : 1;
  switch (ta) {
    case T_NULL: return 0;
    case T_BOOL: {
      let x = boolOf(a), y = boolOf(b);
      return x == y ? 0 : (x ? 1 : -1);
    }
    case T_NUM: return compareNums(a, b);
    case T_STR: return compareBytes(strPtr(a), strLen(a), strPtr(b), strLen(b));
    case T_ARR: {
      let na = arrLen(a), nb = arrLen(b);
      let n = na < nb ? na : nb;
      for (let i: u32 = 0; i < n; i++) {
        let c = compareValues(arrGet(a, i), arrGet(b, i));
        if (c != 0) return c;
      }
      return na == nb ? 0 : (na < nb ? -1 : 1);
    }
    case T_OBJ: {
      let na = tblLen(a), nb = tblLen(b);
      let n = na < nb ? na : nb;
      for (let i: u32 = 0; i < n; i++) {
        let c = compareValues(tblKeySorted(a, i), tblKeySorted(b, i));
        if (c != 0) return c;
        c = compareValues(tblValSorted(a, i), tblValSorted(b, i));
        if (c != 0) return c;
      }
      return na == nb ? 0 : (na < nb ? -1 : 1);
    }
    case T_SET: {
      let na = tblLen(a), nb = tblLen(b);
      let n = na < nb ? na : nb;
      for (let i: u32 = 0; i < n; i++) {
        let c = compareValues(tblKeySorted(a, i), tblKeySorted(b, i));
        if (c != 0) return c;
      }
      return na == nb ? 0 : (na < nb ? -1 : 1);
    }
  }
  abortStatic("compare: bad value");
  return 0;
}

export function valueEqual(a: usize, b: usize): bool {
  if (a == b) return true;
  let ta = load<u8>(a);
  if (ta != load<u8>(b)) return false;
  switch (ta) {
    case T_NULL: return true;
    case T_BOOL: return boolOf(a) == boolOf(b);
    case T_NUM: return (bigOf(a) == 0 && bigOf(b) == 0 && (load<u8>(a, 1) | load<u8>(b, 1)) == 0) ? numOf(a) == numOf(b) : compareNums(a, b) == 0;
    case T_STR: {
      let n = strLen(a);
      if (n != strLen(b)) return false;
      return memory.compare(strPtr(a), strPtr(b), n) == 0;
    }
    case T_ARR: {
      let n = arrLen(a);
      if (n != arrLen(b)) return false;
      for (let i: u32 = 0; i < n; i++) if (!valueEqual(arrGet(a, i), arrGet(b, i))) return false;
      return true;
    }
    case T_OBJ: {
      let n = tblLen(a);
      if (n != tblLen(b)) return false;
      for (let i: u32 = 0; i < n; i++) {
        let j = tblFind(b, tblKey(a, i));
        if (j < 0 || !valueEqual(tblVal(a, i), tblVal(b, <u32>j))) return false;
      }
      return true;
    }
    case T_SET: {
      let n = tblLen(a);
      if (n != tblLen(b)) return false;
      for (let i: u32 = 0; i < n; i++) if (tblFind(b, tblKey(a, i)) < 0) return false;
      return true;
    }
  }
  return false;
}

/** Generic lookup `coll[key]`: array index, object key, set membership. 0 when undefined. */
export function getValue(coll: usize, key: usize): usize {
  switch (load<u8>(coll)) {
    case T_ARR: {
      if (load<u8>(key) != T_NUM) return 0;
      let f = numOf(key);
      let i = <i64>f;
      if (<f64>i != f || i < 0 || i >= <i64>arrLen(coll)) return 0;
      return arrGet(coll, <u32>i);
    }
    case T_OBJ: return objGet(coll, key);
    case T_SET: {
      let i = tblFind(coll, key);
      return i < 0 ? 0 : tblKey(coll, <u32>i);
    }
  }
  return 0;
}

/** Number of elements of a collection, or -1 for scalars. */
export function collLen(v: usize): i32 {
  switch (load<u8>(v)) {
    case T_ARR: return <i32>arrLen(v);
    case T_OBJ: case T_SET: return <i32>tblLen(v);
  }
  return -1;
}
export function collKeyAt(v: usize, i: u32): usize {
  switch (load<u8>(v)) {
    case T_ARR: return mkNum(<f64>i);
    case T_OBJ: case T_SET: return tblKeySorted(v, i);
  }
  return 0;
}
export function collValAt(v: usize, i: u32): usize {
  switch (load<u8>(v)) {
    case T_ARR: return arrGet(v, i);
    case T_OBJ: return tblValSorted(v, i);
    case T_SET: return tblKeySorted(v, i);
  }
  return 0;
}

/** Shallow copy of an object (for upserts that must not touch shared values). */
export function objCopy(o: usize): usize {
  let n = tblLen(o);
  let out = mkObj(n);
  for (let i: u32 = 0; i < n; i++) tblAppend(out, tblKey(o, i), tblVal(o, i));
  return out;
}
export function setCopy(s: usize): usize {
  let n = tblLen(s);
  let out = mkSet(n);
  for (let i: u32 = 0; i < n; i++) tblAppend(out, tblKey(s, i), 0);
  return out;
}
export function arrCopy(a: usize): usize {
  let n = arrLen(a);
  let out = mkArr(n);
  for (let i: u32 = 0; i < n; i++) arrPush(out, arrGet(a, i));
  return out;
}
