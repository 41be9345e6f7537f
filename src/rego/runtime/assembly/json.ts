// JSON text <-> values, and the Rego text form used for non-string object keys and opa_value_dump.

import { dtoa_buffered } from "util/number";
import { alloc } from "./memory";
import { encodeRune } from "./utf8";
import {
  T_NULL, T_BOOL, T_NUM, T_STR, T_ARR, T_OBJ, T_SET,
  mkNull, mkBool, mkNum, mkStrRef, mkArr, arrPush, arrLen, arrGet, mkObj, objPut, mkSet, setAdd,
  boolOf, numOf, strLen, strPtr, tblLen, tblKeySorted, tblValSorted, bigOf, mkIntDigits, numText, withNumText,
} from "./value";

// ---------------------------------------------------------------- parsing

let src: usize = 0;
let end: usize = 0;
let pos: usize = 0;
let failed = false;
/** When true, `{a, b}` sets and `set()` are accepted (opa_value_parse). */
let regoSyntax = false;

function skipWs(): void {
  while (pos < end) {
    let c = load<u8>(pos);
    if (c == 0x20 || c == 0x0a || c == 0x0d || c == 0x09) pos++;
    else break;
  }
}

function expectLit(lit: string): bool {
  let n = <usize>lit.length;
  if (pos + n > end) return false;
  let p = changetype<usize>(lit);
  for (let i: usize = 0; i < n; i++) {
    if (load<u8>(pos + i) != <u8>load<u16>(p + (i << 1))) return false;
  }
  pos += n;
  return true;
}

function hexVal(c: u8): i32 {
  if (c >= 0x30 && c <= 0x39) return c - 0x30;
  if (c >= 0x61 && c <= 0x66) return c - 0x61 + 10;
  if (c >= 0x41 && c <= 0x46) return c - 0x41 + 10;
  return -1;
}

function read4hex(): i32 {
  if (pos + 4 > end) return -1;
  let v = 0;
  for (let i = 0; i < 4; i++) {
    let h = hexVal(load<u8>(pos + i));
    if (h < 0) return -1;
    v = (v << 4) | h;
  }
  pos += 4;
  return v;
}

function parseString(): usize {
  // pos is after the opening quote. Fast path: no escapes -> reference the input bytes? No: the
  // input buffer may be reused by the host, so always copy.
  let start = pos;
  let hasEscape = false;
  while (pos < end) {
    let c = load<u8>(pos);
    if (c == 0x22) break;
    if (c == 0x5c) { hasEscape = true; pos += 2; continue; }
    pos++;
  }
  if (pos >= end) { failed = true; return 0; }
  let rawLen = <u32>(pos - start);
  pos++; // closing quote
  let buf = alloc(rawLen);
  if (!hasEscape) {
    memory.copy(buf, start, rawLen);
    return mkStrRef(buf, rawLen);
  }
  let out = buf;
  let p = start;
  let stop = start + rawLen;
  let savePos = pos;
  while (p < stop) {
    let c = load<u8>(p);
    if (c != 0x5c) { store<u8>(out, c); out++; p++; continue; }
    p++;
    let e = load<u8>(p);
    p++;
    switch (e) {
      case 0x22: store<u8>(out++, 0x22); break;
      case 0x5c: store<u8>(out++, 0x5c); break;
      case 0x2f: store<u8>(out++, 0x2f); break;
      case 0x62: store<u8>(out++, 0x08); break;
      case 0x66: store<u8>(out++, 0x0c); break;
      case 0x6e: store<u8>(out++, 0x0a); break;
      case 0x72: store<u8>(out++, 0x0d); break;
      case 0x74: store<u8>(out++, 0x09); break;
      case 0x75: {
        pos = p;
        let cp = read4hex();
        if (cp < 0) { failed = true; return 0; }
        p = pos;
        if (cp >= 0xd800 && cp < 0xdc00 && p + 6 <= stop && load<u8>(p) == 0x5c && load<u8>(p + 1) == 0x75) {
          pos = p + 2;
          let lo = read4hex();
          if (lo >= 0xdc00 && lo < 0xe000) {
            cp = 0x10000 + ((cp - 0xd800) << 10) + (lo - 0xdc00);
            p = pos;
          }
        }
        out += encodeRune(out, cp);
        break;
      }
      default: failed = true; return 0;
    }
  }
  pos = savePos;
  return mkStrRef(buf, <u32>(out - buf));
}

const POW10: f64[] = [1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22];

function pow10(e: i32): f64 {
  if (e >= 0 && e <= 22) return unchecked(POW10[e]);
  return Math.pow(10, <f64>e);
}

/** Parses a JSON number; exact for integers up to 2^53 and for decimals with few digits. */
function parseNumber(): usize {
  let neg = false;
  if (load<u8>(pos) == 0x2d) { neg = true; pos++; }
  let mant: f64 = 0;
  let digits = 0;
  let exp10 = 0;
  let any = false;
  let intStart = pos;
  while (pos < end) {
    let c = load<u8>(pos);
    if (c < 0x30 || c > 0x39) break;
    any = true;
    if (digits < 19) { mant = mant * 10 + <f64>(c - 0x30); if (mant != 0) digits++; }
    else exp10++;
    pos++;
  }
  if (!any) { failed = true; return 0; }
  // an integer of more digits than a double holds exactly keeps them (as OPA's numbers)
  if (pos - intStart > 15 && !(pos < end && (load<u8>(pos) == 0x2e || load<u8>(pos) == 0x65 || load<u8>(pos) == 0x45))) {
    return mkIntDigits(neg, intStart, <u32>(pos - intStart));
  }
  let plain = !(pos < end && (load<u8>(pos) == 0x2e || load<u8>(pos) == 0x65 || load<u8>(pos) == 0x45));
  if (pos < end && load<u8>(pos) == 0x2e) {
    pos++;
    let frac = false;
    while (pos < end) {
      let c = load<u8>(pos);
      if (c < 0x30 || c > 0x39) break;
      frac = true;
      if (digits < 19) { mant = mant * 10 + <f64>(c - 0x30); if (mant != 0) digits++; exp10--; }
      pos++;
    }
    if (!frac) { failed = true; return 0; }
  }
  if (pos < end && (load<u8>(pos) == 0x65 || load<u8>(pos) == 0x45)) {
    pos++;
    let eneg = false;
    if (pos < end && (load<u8>(pos) == 0x2b || load<u8>(pos) == 0x2d)) { eneg = load<u8>(pos) == 0x2d; pos++; }
    let e = 0;
    let anyE = false;
    while (pos < end) {
      let c = load<u8>(pos);
      if (c < 0x30 || c > 0x39) break;
      anyE = true;
      if (e < 100000) e = e * 10 + (c - 0x30);
      pos++;
    }
    if (!anyE) { failed = true; return 0; }
    exp10 += eneg ? -e : e;
  }
  let f: f64;
  if (exp10 == 0) f = mant;
  else if (exp10 > 0) f = mant * pow10(exp10);
  else if (exp10 >= -22) f = mant / pow10(-exp10);
  else f = mant / pow10(22) / pow10(-exp10 - 22);
  if (plain) return mkNum(neg ? -f : f);
  let start = neg ? intStart - 1 : intStart;
  if (Math.abs(f) > 9007199254740992 && f == Math.floor(f)) {
    let exact = exactIntegerText(neg, intStart, pos);
    if (exact != 0) return withNumText(exact, start, <u32>(pos - start));
  }
  // written with a fraction or an exponent: the number keeps its text, as OPA's json.Number
  return withNumText(mkNum(neg ? -f : f), start, <u32>(pos - start));
}

/**
 * A number written with a fraction or an exponent whose value is an integer beyond 2^53
 * (1e30, 12345678901234567890.0): its exact digits, or 0 when it is not an integer or would
 * take more than 1000 digits.
 */
function exactIntegerText(neg: bool, start: usize, stop: usize): usize {
  let digits = alloc(<usize>(stop - start));
  let n: u32 = 0;
  let frac: i32 = 0;
  let inFrac = false;
  let e: i32 = 0;
  let p = start;
  while (p < stop) {
    let c = load<u8>(p);
    if (c == 0x2e) { inFrac = true; p++; continue; }
    if (c == 0x65 || c == 0x45) {
      p++;
      let eneg = false;
      if (load<u8>(p) == 0x2b || load<u8>(p) == 0x2d) { eneg = load<u8>(p) == 0x2d; p++; }
      while (p < stop) { if (e < 100000) e = e * 10 + <i32>(load<u8>(p) - 0x30); p++; }
      if (eneg) e = -e;
      break;
    }
    store<u8>(digits + n, c);
    n++;
    if (inFrac) frac++;
    p++;
  }
  let shift = e - frac; // the value is digits * 10^shift
  while (shift < 0) {
    if (n == 0 || load<u8>(digits + n - 1) != 0x30) return 0;
    n--;
    shift++;
  }
  if (<i32>n + shift > 1000) return 0;
  let out = alloc(<usize>(<i32>n + shift));
  memory.copy(out, digits, n);
  for (let i: i32 = 0; i < shift; i++) store<u8>(out + n + i, 0x30);
  return mkIntDigits(neg, out, <u32>(<i32>n + shift));
}

function parseValue(depth: i32): usize {
  if (depth > 10000) { failed = true; return 0; }
  skipWs();
  if (pos >= end) { failed = true; return 0; }
  let c = load<u8>(pos);
  switch (c) {
    case 0x7b: { // {
      pos++;
      skipWs();
      if (pos < end && load<u8>(pos) == 0x7d) { pos++; return mkObj(0); }
      let first = parseValue(depth + 1);
      if (failed) return 0;
      skipWs();
      if (regoSyntax && pos < end && (load<u8>(pos) == 0x2c || load<u8>(pos) == 0x7d)) {
        let s = mkSet(0);
        setAdd(s, first);
        while (pos < end && load<u8>(pos) == 0x2c) {
          pos++;
          let e = parseValue(depth + 1);
          if (failed) return 0;
          setAdd(s, e);
          skipWs();
        }
        if (pos >= end || load<u8>(pos) != 0x7d) { failed = true; return 0; }
        pos++;
        return s;
      }
      // Members go to the scratch stack first, so that the object is made once at its final
      // size: no growth copies and no rehashing (the heap never frees, so those are waste).
      let base = scratchLen;
      let key = first;
      while (true) {
        if (!regoSyntax && load<u8>(key) != T_STR) { failed = true; return 0; }
        skipWs();
        if (pos >= end || load<u8>(pos) != 0x3a) { failed = true; return 0; }
        pos++;
        scratchPush(key);
        let v = parseValue(depth + 1);
        if (failed) return 0;
        scratchPush(v);
        skipWs();
        if (pos < end && load<u8>(pos) == 0x2c) {
          pos++;
          key = parseValue(depth + 1);
          if (failed) return 0;
          continue;
        }
        if (pos < end && load<u8>(pos) == 0x7d) {
          pos++;
          let n = (scratchLen - base) >> 1;
          let o = mkObj(n);
          for (let i: u32 = 0; i < n; i++) objPut(o, scratchAt(base + 2 * i), scratchAt(base + 2 * i + 1));
          scratchLen = base;
          return o;
        }
        failed = true;
        return 0;
      }
      return 0;
    }
    case 0x5b: { // [
      pos++;
      skipWs();
      if (pos < end && load<u8>(pos) == 0x5d) { pos++; return mkArr(0); }
      let base = scratchLen;
      while (true) {
        let v = parseValue(depth + 1);
        if (failed) return 0;
        scratchPush(v);
        skipWs();
        if (pos < end && load<u8>(pos) == 0x2c) { pos++; continue; }
        if (pos < end && load<u8>(pos) == 0x5d) {
          pos++;
          let n = scratchLen - base;
          let a = mkArr(n);
          for (let i: u32 = 0; i < n; i++) arrPush(a, scratchAt(base + i));
          scratchLen = base;
          return a;
        }
        failed = true;
        return 0;
      }
      return 0;
    }
    case 0x22: pos++; return parseString();
    case 0x74: if (expectLit("true")) return mkBool(true); failed = true; return 0;
    case 0x66: if (expectLit("false")) return mkBool(false); failed = true; return 0;
    case 0x6e: if (expectLit("null")) return mkNull(); failed = true; return 0;
    case 0x73: if (regoSyntax && expectLit("set()")) return mkSet(0); failed = true; return 0;
  }
  if (c == 0x2d || (c >= 0x30 && c <= 0x39)) return parseNumber();
  failed = true;
  return 0;
}

/** Parses JSON text (or, with rego=true, Rego value text); 0 on malformed input. */
// The parser's scratch stack of value pointers (members of the objects and arrays being parsed).
// It lives on the heap, which the host resets between evaluations: a parse starts a new one.
let scratch: usize = 0;
let scratchLen: u32 = 0;
let scratchCap: u32 = 0;

function scratchPush(v: usize): void {
  if (scratchLen == scratchCap) {
    let ncap: u32 = scratchCap < 256 ? 256 : scratchCap * 2;
    let ns = alloc(<usize>ncap << 2);
    if (scratchLen > 0) memory.copy(ns, scratch, <usize>scratchLen << 2);
    scratch = ns;
    scratchCap = ncap;
  }
  store<usize>(scratch + (<usize>scratchLen << 2), v);
  scratchLen++;
}

// @ts-ignore: decorator
@inline function scratchAt(i: u32): usize { return load<usize>(scratch + (<usize>i << 2)); }

export function parseJson(p: usize, len: usize, rego: bool): usize {
  src = p; end = p + len; pos = p; failed = false; regoSyntax = rego;
  scratch = 0; scratchLen = 0; scratchCap = 0;
  let v = parseValue(0);
  if (failed) return 0;
  skipWs();
  if (pos != end) return 0;
  return v;
}

// ---------------------------------------------------------------- dumping

let out: usize = 0;
let outLen: usize = 0;
let outCap: usize = 0;

function ensure(n: usize): void {
  if (outLen + n <= outCap) return;
  let ncap = outCap * 2;
  while (ncap < outLen + n) ncap *= 2;
  let nb = alloc(ncap);
  memory.copy(nb, out, outLen);
  out = nb;
  outCap = ncap;
}
function putByte(b: u8): void { ensure(1); store<u8>(out + outLen, b); outLen++; }
function putLit(s: string): void {
  let n = <usize>s.length;
  ensure(n);
  let p = changetype<usize>(s);
  for (let i: usize = 0; i < n; i++) store<u8>(out + outLen + i, <u8>load<u16>(p + (i << 1)));
  outLen += n;
}

const HEX = "0123456789abcdef";

function putString(p: usize, n: u32): void {
  ensure(<usize>n + 2);
  putByte(0x22);
  for (let i: u32 = 0; i < n; i++) {
    let c = load<u8>(p + i);
    if (c == 0x22) putLit("\\\"");
    else if (c == 0x5c) putLit("\\\\");
    else if (c == 0x0a) putLit("\\n");
    else if (c == 0x0d) putLit("\\r");
    else if (c == 0x09) putLit("\\t");
    else if (c < 0x20) {
      putLit("\\u00");
      putByte(<u8>HEX.charCodeAt(c >> 4));
      putByte(<u8>HEX.charCodeAt(c & 15));
    } else putByte(c);
  }
  putByte(0x22);
}

function putNumber(f: f64): void {
  if (f == Math.floor(f) && Math.abs(f) < 1e21) {
    if (f < 0) { putByte(0x2d); f = -f; }
    // integer digits
    let tmp = alloc(24);
    let n = 0;
    if (f == 0) { putByte(0x30); return; }
    if (f < 18446744073709551616.0) {
      // Exact digits for integers beyond 2^53 (e.g. nanosecond timestamps).
      let u = <u64>f;
      while (u > 0) {
        store<u8>(tmp + n, <u8>(0x30 + u % 10));
        n++;
        u /= 10;
      }
      f = 0;
    }
    while (f >= 1) {
      let d = <u8>(f % 10);
      store<u8>(tmp + n, 0x30 + d);
      n++;
      f = Math.floor(f / 10);
    }
    ensure(n);
    for (let i = n - 1; i >= 0; i--) putByte(load<u8>(tmp + i));
    return;
  }
  if (isNaN(f) || !isFinite(f)) { putLit("null"); return; }
  let buf = alloc(64);
  let n = dtoa_buffered(buf, f);
  for (let i: u32 = 0; i < n; i++) putByte(<u8>load<u16>(buf + (<usize>i << 1)));
}

function dumpValue(v: usize, rego: bool): void {
  switch (load<u8>(v)) {
    case T_NULL: putLit("null"); return;
    case T_BOOL: putLit(boolOf(v) ? "true" : "false"); return;
    case T_NUM: {
      let big = bigOf(v);
      let text = numText(v);
      if (text != 0) { ensure(strLen(text)); for (let i: u32 = 0; i < strLen(text); i++) putByte(load<u8>(strPtr(text) + i)); }
      else if (big == 0) putNumber(numOf(v));
      else { ensure(strLen(big)); for (let i: u32 = 0; i < strLen(big); i++) putByte(load<u8>(strPtr(big) + i)); }
      return;
    }
    case T_STR: putString(strPtr(v), strLen(v)); return;
    case T_ARR: {
      putByte(0x5b);
      let n = arrLen(v);
      for (let i: u32 = 0; i < n; i++) {
        if (i > 0) putSep();
        dumpValue(arrGet(v, i), rego);
      }
      putByte(0x5d);
      return;
    }
    case T_OBJ: {
      putByte(0x7b);
      let n = tblLen(v);
      for (let i: u32 = 0; i < n; i++) {
        if (i > 0) putSep();
        let k = tblKeySorted(v, i);
        if (rego || load<u8>(k) == T_STR) dumpValue(k, rego);
        else {
          // JSON keys must be strings: use the key's Rego text, as OPA does.
          let text = dumpToString(k, false);
          putString(strPtr(text), strLen(text));
        }
        putByte(0x3a);
        if (spaced) putByte(0x20);
        dumpValue(tblValSorted(v, i), rego);
      }
      putByte(0x7d);
      return;
    }
    case T_SET: {
      let n = tblLen(v);
      if (rego && n == 0) { putLit("set()"); return; }
      if (markSets) {
        // {"\u0000set":[...]}: JSON that says which arrays are sets (bundle/load.ts)
        putLit("{\"\\u0000set\":[");
        for (let i: u32 = 0; i < n; i++) {
          if (i > 0) putSep();
          dumpValue(tblKeySorted(v, i), rego);
        }
        putLit("]}");
        return;
      }
      putByte(rego ? 0x7b : 0x5b);
      for (let i: u32 = 0; i < n; i++) {
        if (i > 0) putSep();
        dumpValue(tblKeySorted(v, i), rego);
      }
      putByte(rego ? 0x7d : 0x5d);
      return;
    }
  }
}

/** dumpJsonMarkedSets: sets are written as {"\u0000set": [members]}. */
let markSets = false;

/** JSON of a value with its sets marked as {"\u0000set": [...]}; NUL-terminated. */
export function dumpJsonMarkedSets(v: usize): usize {
  markSets = true;
  let r = dumpC(v, false);
  markSets = false;
  return r;
}

/** Serialises a value; returns a NUL-terminated buffer. */
export function dumpC(v: usize, rego: bool): usize {
  let saveOut = out, saveLen = outLen, saveCap = outCap;
  outCap = 256; out = alloc(outCap); outLen = 0;
  dumpValue(v, rego);
  putByte(0);
  let res = out;
  out = saveOut; outLen = saveLen; outCap = saveCap;
  return res;
}

/** Separators ", " and ": " (Go's rendering of Rego values, used by sprintf's %v). */
let spaced = false;
function putSep(): void {
  putByte(0x2c);
  if (spaced) putByte(0x20);
}

/** Rego text of a value as OPA's sprintf prints composites: `["a", 1]`, `{"k": 1}`, `{1, 2}`. */
export function dumpSpaced(v: usize): usize {
  spaced = true;
  let s = dumpToString(v, true);
  spaced = false;
  return s;
}

/** Serialises a value into a string value. */
export function dumpToString(v: usize, rego: bool): usize {
  let saveOut = out, saveLen = outLen, saveCap = outCap;
  outCap = 64; out = alloc(outCap); outLen = 0;
  dumpValue(v, rego);
  let res = mkStrRef(out, <u32>outLen);
  out = saveOut; outLen = saveLen; outCap = saveCap;
  return res;
}
