// String builtins. Strings are UTF-8; positions and lengths in the Rego API are in code points.

import { alloc } from "../memory";
import {
  T_STR, T_ARR, T_OBJ, T_SET,
  mkNum, mkBool, mkArr, arrPush, arrLen, arrGet, numOf, strLen, strPtr, mkStrRef, mkStrLit,
  tblLen, tblKeySorted, tblValSorted, T_NUM,
} from "../value";
import { typeErr, elemErr, operandErr, builtinErr, notIntErr } from "./errors";
import {
  decodeRune, runeWidth, runeCount, runeOffset, isAscii, indexBytes, isIntF,
  sbStart, sbByte, sbBytes, sbStr, sbRune, sbFinish,
} from "./util";

function isS(v: usize): bool { return load<u8>(v) == T_STR; }

/** Checks that both operands are strings (reporting the first that is not). */
function str2(name: string, a: usize, b: usize): bool {
  if (!isS(a)) { typeErr(name, 1, "string", a); return false; }
  if (!isS(b)) { typeErr(name, 2, "string", b); return false; }
  return true;
}

function sub(s: usize, from: u32, to: u32): usize {
  if (from == 0 && to == strLen(s)) return s;
  return mkStrRef(strPtr(s) + from, to - from);
}

// ---------------------------------------------------------------- predicates

export function bi_startswith(s: usize, p: usize): usize {
  if (!str2("startswith", s, p)) return 0;
  let n = strLen(s), m = strLen(p);
  return mkBool(m <= n && memory.compare(strPtr(s), strPtr(p), m) == 0);
}

export function bi_endswith(s: usize, p: usize): usize {
  if (!str2("endswith", s, p)) return 0;
  let n = strLen(s), m = strLen(p);
  return mkBool(m <= n && memory.compare(strPtr(s) + n - m, strPtr(p), m) == 0);
}

export function bi_contains(s: usize, p: usize): usize {
  if (!str2("contains", s, p)) return 0;
  return mkBool(indexBytes(strPtr(s), strLen(s), strPtr(p), strLen(p), 0) >= 0);
}

export function bi_strings_count(s: usize, p: usize): usize {
  if (!str2("strings.count", s, p)) return 0;
  let n = strLen(s), m = strLen(p);
  if (m == 0) return mkNum(<f64>(runeCount(strPtr(s), n) + 1));
  let c: u32 = 0;
  let i: i32 = 0;
  while (true) {
    i = indexBytes(strPtr(s), n, strPtr(p), m, <u32>i);
    if (i < 0) break;
    c++;
    i += <i32>m;
  }
  return mkNum(<f64>c);
}

// ---------------------------------------------------------------- indexof / substring

export function bi_indexof(s: usize, p: usize): usize {
  if (!str2("indexof", s, p)) return 0;
  if (strLen(p) == 0) return builtinErr("indexof", "empty search character");
  let i = indexBytes(strPtr(s), strLen(s), strPtr(p), strLen(p), 0);
  if (i < 0) return mkNum(-1);
  return mkNum(<f64>runeCount(strPtr(s), <u32>i));
}

export function bi_indexof_n(s: usize, p: usize): usize {
  if (!str2("indexof_n", s, p)) return 0;
  if (strLen(p) == 0) return builtinErr("indexof_n", "empty search character");
  let out = mkArr(0);
  let n = strLen(s), m = strLen(p);
  let i: i32 = 0;
  while (<u32>i <= n) {
    i = indexBytes(strPtr(s), n, strPtr(p), m, <u32>i);
    if (i < 0) break;
    arrPush(out, mkNum(<f64>runeCount(strPtr(s), <u32>i)));
    // Overlapping matches count: continue at the next rune.
    decodeRune(strPtr(s) + <u32>i, n - <u32>i);
    i += <i32>runeWidth;
  }
  return out;
}

function intOp(name: string, pos: i32, v: usize): bool {
  if (load<u8>(v) != T_NUM) { typeErr(name, pos, "number", v); return false; }
  if (!isIntF(numOf(v))) { notIntErr(name, pos); return false; }
  return true;
}

export function bi_substring(s: usize, st: usize, ln: usize): usize {
  if (!isS(s)) return typeErr("substring", 1, "string", s);
  if (!intOp("substring", 2, st)) return 0;
  if (!intOp("substring", 3, ln)) return 0;
  let start = numOf(st), length = numOf(ln);
  if (start < 0) return builtinErr("substring", "negative offset");
  let p = strPtr(s), n = strLen(s);
  if (n == 0) return s;
  let runes = <f64>runeCount(p, n);
  if (start >= runes) return mkStrLit("");
  let from = runeOffset(p, n, <u32>start);
  if (length < 0 || start + length >= runes) return sub(s, from, n);
  let to = from + runeOffset(p + from, n - from, <u32>length);
  return sub(s, from, to);
}

// ---------------------------------------------------------------- concat / split / replace

function isSeq(a: usize): bool { let t = load<u8>(a); return t == T_ARR || t == T_SET; }
function seqLen(a: usize): u32 { return load<u8>(a) == T_ARR ? arrLen(a) : tblLen(a); }
function seqGet(a: usize, i: u32): usize { return load<u8>(a) == T_ARR ? arrGet(a, i) : tblKeySorted(a, i); }

export function bi_concat(d: usize, coll: usize): usize {
  if (!isS(d)) return typeErr("concat", 1, "string", d);
  if (!isSeq(coll)) return typeErr("concat", 2, "one of {set, array}", coll);
  let n = seqLen(coll);
  let total: u32 = 0;
  for (let i: u32 = 0; i < n; i++) {
    let e = seqGet(coll, i);
    if (!isS(e)) return elemErr("concat", 2, coll, "strings", e);
    total += strLen(e);
  }
  if (n == 0) return mkStrLit("");
  if (n == 1) return seqGet(coll, 0);
  sbStart(total + strLen(d) * (n - 1));
  for (let i: u32 = 0; i < n; i++) {
    if (i > 0) sbStr(d);
    sbStr(seqGet(coll, i));
  }
  return sbFinish();
}

export function bi_split(s: usize, d: usize): usize {
  if (!str2("split", s, d)) return 0;
  let p = strPtr(s), n = strLen(s);
  let dp = strPtr(d), dn = strLen(d);
  let out = mkArr(0);
  if (dn == 0) {
    // Go's strings.Split(s, ""): one element per UTF-8 sequence.
    let i: u32 = 0;
    while (i < n) {
      decodeRune(p + i, n - i);
      arrPush(out, mkStrRef(p + i, runeWidth));
      i += runeWidth;
    }
    return out;
  }
  let start: u32 = 0;
  while (true) {
    let i = indexBytes(p, n, dp, dn, start);
    if (i < 0) break;
    arrPush(out, mkStrRef(p + start, <u32>i - start));
    start = <u32>i + dn;
  }
  arrPush(out, start == 0 ? s : mkStrRef(p + start, n - start));
  return out;
}

/**
 * Go's strings.NewReplacer semantics: scanning left to right, at each position the first pair (in
 * argument order) whose old string matches is applied; no overlaps. An empty old string matches
 * between runes (never twice in a row). `olds`/`news` are u32[count] arrays of string values.
 */
function replaceAll(s: usize, olds: usize, news: usize, count: u32): usize {
  let p = strPtr(s), n = strLen(s);
  sbStart(n + 16);
  let i: u32 = 0;
  let prevEmpty = false;
  let changed = false;
  while (i <= n) {
    let matched = -1;
    for (let k: u32 = 0; k < count; k++) {
      let o = load<usize>(olds + (<usize>k << 2));
      let on = strLen(o);
      if (on == 0) {
        if (prevEmpty) continue;
        matched = <i32>k;
        break;
      }
      if (i + on <= n && memory.compare(p + i, strPtr(o), on) == 0) { matched = <i32>k; break; }
    }
    if (matched >= 0) {
      let o = load<usize>(olds + (<usize>matched << 2));
      sbStr(load<usize>(news + (<usize>matched << 2)));
      changed = true;
      let on = strLen(o);
      // After an empty match, retry the same position without the empty pattern (as Go does).
      prevEmpty = on == 0;
      i += on;
      continue;
    }
    prevEmpty = false;
    if (i == n) break;
    // Copy one rune and move on.
    decodeRune(p + i, n - i);
    sbBytes(p + i, runeWidth);
    i += runeWidth;
  }
  if (!changed) return s;
  return sbFinish();
}

export function bi_replace(s: usize, old: usize, nw: usize): usize {
  if (!isS(s)) return typeErr("replace", 1, "string", s);
  if (!isS(old)) return typeErr("replace", 2, "string", old);
  if (!isS(nw)) return typeErr("replace", 3, "string", nw);
  let olds = alloc(4), news = alloc(4);
  store<usize>(olds, old);
  store<usize>(news, nw);
  return replaceAll(s, olds, news, 1);
}

export function bi_strings_replace_n(patterns: usize, s: usize): usize {
  if (load<u8>(patterns) != T_OBJ) return typeErr("strings.replace_n", 1, "object", patterns);
  if (!isS(s)) return typeErr("strings.replace_n", 2, "string", s);
  let n = tblLen(patterns);
  let olds = alloc(<usize>(n + 1) << 2), news = alloc(<usize>(n + 1) << 2);
  for (let i: u32 = 0; i < n; i++) {
    let k = tblKeySorted(patterns, i), v = tblValSorted(patterns, i);
    if (!isS(k)) return operandErr("strings.replace_n", 1, "non-string key found in pattern object");
    if (!isS(v)) return operandErr("strings.replace_n", 1, "non-string value found in pattern object");
    store<usize>(olds + (<usize>i << 2), k);
    store<usize>(news + (<usize>i << 2), v);
  }
  if (n == 0) return s;
  return replaceAll(s, olds, news, n);
}

// ---------------------------------------------------------------- trimming

/** Whether rune c occurs in the string value cut. */
function inCutset(cut: usize, c: i32): bool {
  let p = strPtr(cut), n = strLen(cut);
  let i: u32 = 0;
  while (i < n) {
    let r = decodeRune(p + i, n - i);
    if (r == c) return true;
    i += runeWidth;
  }
  return false;
}

/** Start offset of the first rune not in cut. */
function leftTrimPos(s: usize, cut: usize): u32 {
  let p = strPtr(s), n = strLen(s);
  let i: u32 = 0;
  while (i < n) {
    let r = decodeRune(p + i, n - i);
    if (!inCutset(cut, r)) break;
    i += runeWidth;
  }
  return i;
}

/** Start of the last rune ending at `end`. */
function lastRuneStart(p: usize, start: u32, end: u32): u32 {
  let j = end - 1;
  let lim = end >= 4 ? end - 4 : 0;
  if (lim < start) lim = start;
  while (j > lim && (load<u8>(p + j) & 0xc0) == 0x80) j--;
  decodeRune(p + j, end - j);
  if (j + runeWidth != end) return end - 1; // invalid sequence: a single byte
  return j;
}

/** End offset after the last rune (at or after `from`) not in cut. */
function rightTrimPos(s: usize, cut: usize, from: u32): u32 {
  let p = strPtr(s);
  let end = strLen(s);
  while (end > from) {
    let j = lastRuneStart(p, from, end);
    let r = decodeRune(p + j, end - j);
    if (!inCutset(cut, r)) break;
    end = j;
  }
  return end;
}

export function bi_trim(s: usize, c: usize): usize {
  if (!str2("trim", s, c)) return 0;
  if (strLen(s) == 0 || strLen(c) == 0) return s;
  let a = leftTrimPos(s, c);
  let b = rightTrimPos(s, c, a);
  return sub(s, a, b);
}
export function bi_trim_left(s: usize, c: usize): usize {
  if (!str2("trim_left", s, c)) return 0;
  if (strLen(s) == 0 || strLen(c) == 0) return s;
  return sub(s, leftTrimPos(s, c), strLen(s));
}
export function bi_trim_right(s: usize, c: usize): usize {
  if (!str2("trim_right", s, c)) return 0;
  if (strLen(s) == 0 || strLen(c) == 0) return s;
  return sub(s, 0, rightTrimPos(s, c, 0));
}
export function bi_trim_prefix(s: usize, pre: usize): usize {
  if (!str2("trim_prefix", s, pre)) return 0;
  let n = strLen(s), m = strLen(pre);
  if (m <= n && memory.compare(strPtr(s), strPtr(pre), m) == 0) return sub(s, m, n);
  return s;
}
export function bi_trim_suffix(s: usize, suf: usize): usize {
  if (!str2("trim_suffix", s, suf)) return 0;
  let n = strLen(s), m = strLen(suf);
  if (m <= n && memory.compare(strPtr(s) + n - m, strPtr(suf), m) == 0) return sub(s, 0, n - m);
  return s;
}

/** unicode.IsSpace. */
function isSpace(c: i32): bool {
  if (c < 0x80) return c == 0x20 || (c >= 0x09 && c <= 0x0d);
  return c == 0x85 || c == 0xa0 || c == 0x1680 || (c >= 0x2000 && c <= 0x200a) ||
    c == 0x2028 || c == 0x2029 || c == 0x202f || c == 0x205f || c == 0x3000;
}

export function bi_trim_space(s: usize): usize {
  if (!isS(s)) return typeErr("trim_space", 1, "string", s);
  let p = strPtr(s), n = strLen(s);
  let a: u32 = 0;
  while (a < n) {
    let r = decodeRune(p + a, n - a);
    if (!isSpace(r)) break;
    a += runeWidth;
  }
  let b = n;
  while (b > a) {
    let j = lastRuneStart(p, a, b);
    let r = decodeRune(p + j, b - j);
    if (!isSpace(r)) break;
    b = j;
  }
  return sub(s, a, b);
}

// ---------------------------------------------------------------- case mapping
// Covers ASCII, Latin-1, Latin Extended-A, Greek, Cyrillic and fullwidth Latin letters (Go's
// unicode.ToLower/ToUpper agree on these); other scripts are left unchanged.

function toLowerCp(c: i32): i32 {
  if (c < 0x80) return c >= 0x41 && c <= 0x5a ? c + 32 : c;
  if (c < 0x100) return c >= 0xc0 && c <= 0xde && c != 0xd7 ? c + 32 : c;
  if (c < 0x180) {
    if (c == 0x130) return 0x69;
    if (c == 0x178) return 0xff;
    if ((c >= 0x100 && c <= 0x12f) || (c >= 0x132 && c <= 0x137) || (c >= 0x14a && c <= 0x177)) return c | 1;
    if ((c >= 0x139 && c <= 0x148) || (c >= 0x179 && c <= 0x17e)) return (c & 1) != 0 ? c + 1 : c;
    return c;
  }
  if (c >= 0x370 && c < 0x400) {
    if (c >= 0x391 && c <= 0x3ab && c != 0x3a2) return c + 32;
    if (c == 0x386) return 0x3ac;
    if (c >= 0x388 && c <= 0x38a) return c + 37;
    if (c == 0x38c) return 0x3cc;
    if (c == 0x38e || c == 0x38f) return c + 63;
    return c;
  }
  if (c >= 0x400 && c < 0x530) {
    if (c >= 0x410 && c <= 0x42f) return c + 32;
    if (c >= 0x400 && c <= 0x40f) return c + 80;
    if ((c >= 0x460 && c <= 0x481) || (c >= 0x48a && c <= 0x4bf) || (c >= 0x4d0 && c <= 0x52f)) return c | 1;
    if (c == 0x4c0) return 0x4cf;
    if (c >= 0x4c1 && c <= 0x4ce) return (c & 1) != 0 ? c + 1 : c;
    return c;
  }
  if (c >= 0xff21 && c <= 0xff3a) return c + 32;
  return c;
}

function toUpperCp(c: i32): i32 {
  if (c < 0x80) return c >= 0x61 && c <= 0x7a ? c - 32 : c;
  if (c < 0x100) {
    if (c >= 0xe0 && c <= 0xfe && c != 0xf7) return c - 32;
    if (c == 0xff) return 0x178;
    if (c == 0xb5) return 0x39c;
    return c;
  }
  if (c < 0x180) {
    if (c == 0x131) return 0x49;
    if (c == 0x17f) return 0x53;
    if ((c >= 0x100 && c <= 0x12f) || (c >= 0x132 && c <= 0x137) || (c >= 0x14a && c <= 0x177)) return c & ~1;
    if ((c >= 0x139 && c <= 0x148) || (c >= 0x179 && c <= 0x17e)) return (c & 1) == 0 ? c - 1 : c;
    return c;
  }
  if (c >= 0x370 && c < 0x400) {
    if (c == 0x3c2) return 0x3a3;
    if (c >= 0x3b1 && c <= 0x3cb) return c - 32;
    if (c == 0x3ac) return 0x386;
    if (c >= 0x3ad && c <= 0x3af) return c - 37;
    if (c == 0x3cc) return 0x38c;
    if (c == 0x3cd || c == 0x3ce) return c - 63;
    return c;
  }
  if (c >= 0x400 && c < 0x530) {
    if (c >= 0x430 && c <= 0x44f) return c - 32;
    if (c >= 0x450 && c <= 0x45f) return c - 80;
    if ((c >= 0x460 && c <= 0x481) || (c >= 0x48a && c <= 0x4bf) || (c >= 0x4d0 && c <= 0x52f)) return c & ~1;
    if (c == 0x4cf) return 0x4c0;
    if (c >= 0x4c1 && c <= 0x4ce) return (c & 1) == 0 ? c - 1 : c;
    return c;
  }
  if (c >= 0xff41 && c <= 0xff5a) return c - 32;
  return c;
}

function mapCase(name: string, s: usize, upper: bool): usize {
  if (!isS(s)) return typeErr(name, 1, "string", s);
  let p = strPtr(s), n = strLen(s);
  sbStart(n + 4);
  let changed = false;
  let i: u32 = 0;
  while (i < n) {
    let c = <i32>load<u8>(p + i);
    if (c < 0x80) {
      let m = upper ? (c >= 0x61 && c <= 0x7a ? c - 32 : c) : (c >= 0x41 && c <= 0x5a ? c + 32 : c);
      if (m != c) changed = true;
      sbByte(<u8>m);
      i++;
      continue;
    }
    let r = decodeRune(p + i, n - i);
    let w = runeWidth;
    let m = upper ? toUpperCp(r) : toLowerCp(r);
    if (m != r) { changed = true; sbRune(m); }
    else sbBytes(p + i, w);
    i += w;
  }
  return changed ? sbFinish() : s;
}

export function bi_lower(s: usize): usize { return mapCase("lower", s, false); }
export function bi_upper(s: usize): usize { return mapCase("upper", s, true); }

// ---------------------------------------------------------------- strings.reverse / prefix match

export function bi_strings_reverse(s: usize): usize {
  if (!isS(s)) return typeErr("strings.reverse", 1, "string", s);
  let p = strPtr(s), n = strLen(s);
  let out = alloc(n);
  let i: u32 = 0;
  while (i < n) {
    decodeRune(p + i, n - i);
    let w = runeWidth;
    memory.copy(out + n - i - w, p + i, w);
    i += w;
  }
  return mkStrRef(out, n);
}

/** The strings of a string/array/set operand as an array value; 0 (after reporting) on errors. */
function stringsOperand(name: string, pos: i32, v: usize): usize {
  let t = load<u8>(v);
  if (t == T_STR) {
    let a = mkArr(1);
    arrPush(a, v);
    return a;
  }
  if (t != T_ARR && t != T_SET) return typeErr(name, pos, "one of {string, set, array}", v);
  let n = seqLen(v);
  let a = mkArr(n);
  for (let i: u32 = 0; i < n; i++) {
    let e = seqGet(v, i);
    if (!isS(e)) return elemErr(name, pos, v, "strings", e);
    arrPush(a, e);
  }
  return a;
}

function anyAffix(name: string, a: usize, b: usize, suffix: bool): usize {
  let strs = stringsOperand(name, 1, a);
  if (strs == 0) return 0;
  let affs = stringsOperand(name, 2, b);
  if (affs == 0) return 0;
  let ns = arrLen(strs), na = arrLen(affs);
  for (let i: u32 = 0; i < ns; i++) {
    let s = arrGet(strs, i);
    let n = strLen(s);
    for (let j: u32 = 0; j < na; j++) {
      let x = arrGet(affs, j);
      let m = strLen(x);
      if (m > n) continue;
      let off = suffix ? n - m : 0;
      if (memory.compare(strPtr(s) + off, strPtr(x), m) == 0) return mkBool(true);
    }
  }
  return mkBool(false);
}

export function bi_strings_any_prefix_match(a: usize, b: usize): usize {
  return anyAffix("strings.any_prefix_match", a, b, false);
}
export function bi_strings_any_suffix_match(a: usize, b: usize): usize {
  return anyAffix("strings.any_suffix_match", a, b, true);
}
