// Shared helpers for the native builtins: UTF-8, a string builder, numeric checks.

import { alloc } from "../memory";
import { T_NUM, T_STR, mkStrRef, numOf, strLen, strPtr } from "../value";

// ---------------------------------------------------------------- UTF-8

/** Width in bytes of the last rune decoded by decodeRune. */
export let runeWidth: u32 = 1;

/** Decodes the rune at p (n bytes available). Invalid sequences give U+FFFD of width 1 (as Go). */
export function decodeRune(p: usize, n: u32): i32 {
  let c0 = <i32>load<u8>(p);
  if (c0 < 0x80) { runeWidth = 1; return c0; }
  if (c0 >= 0xc2 && c0 < 0xe0 && n >= 2) {
    let c1 = <i32>load<u8>(p + 1);
    if ((c1 & 0xc0) == 0x80) { runeWidth = 2; return ((c0 & 0x1f) << 6) | (c1 & 0x3f); }
  } else if (c0 >= 0xe0 && c0 < 0xf0 && n >= 3) {
    let c1 = <i32>load<u8>(p + 1), c2 = <i32>load<u8>(p + 2);
    if ((c1 & 0xc0) == 0x80 && (c2 & 0xc0) == 0x80) {
      let cp = ((c0 & 0x0f) << 12) | ((c1 & 0x3f) << 6) | (c2 & 0x3f);
      if (cp >= 0x800 && (cp < 0xd800 || cp > 0xdfff)) { runeWidth = 3; return cp; }
    }
  } else if (c0 >= 0xf0 && c0 < 0xf5 && n >= 4) {
    let c1 = <i32>load<u8>(p + 1), c2 = <i32>load<u8>(p + 2), c3 = <i32>load<u8>(p + 3);
    if ((c1 & 0xc0) == 0x80 && (c2 & 0xc0) == 0x80 && (c3 & 0xc0) == 0x80) {
      let cp = ((c0 & 0x07) << 18) | ((c1 & 0x3f) << 12) | ((c2 & 0x3f) << 6) | (c3 & 0x3f);
      if (cp >= 0x10000 && cp <= 0x10ffff) { runeWidth = 4; return cp; }
    }
  }
  runeWidth = 1;
  return 0xfffd;
}

/** Number of runes (Go's utf8.RuneCount: each invalid byte counts as one). */
export function runeCount(p: usize, n: u32): u32 {
  let count: u32 = 0;
  let i: u32 = 0;
  while (i < n) {
    if (load<u8>(p + i) < 0x80) { i++; }
    else { decodeRune(p + i, n - i); i += runeWidth; }
    count++;
  }
  return count;
}

/** Byte offset of rune index r (clamped to n). */
export function runeOffset(p: usize, n: u32, r: u32): u32 {
  let i: u32 = 0;
  let k: u32 = 0;
  while (i < n && k < r) {
    if (load<u8>(p + i) < 0x80) i++;
    else { decodeRune(p + i, n - i); i += runeWidth; }
    k++;
  }
  return i;
}

export function isAscii(p: usize, n: u32): bool {
  for (let i: u32 = 0; i < n; i++) if (load<u8>(p + i) >= 0x80) return false;
  return true;
}

import { encodeRune } from "../utf8";
export { encodeRune };

// ---------------------------------------------------------------- string builder (not reentrant)

let sb: usize = 0;
let sbLen: u32 = 0;
let sbCap: u32 = 0;

export function sbStart(hint: u32): void {
  sbCap = hint < 16 ? 16 : hint;
  sb = alloc(sbCap);
  sbLen = 0;
}
function sbEnsure(n: u32): void {
  if (sbLen + n <= sbCap) return;
  let ncap = sbCap * 2;
  while (ncap < sbLen + n) ncap *= 2;
  let nb = alloc(ncap);
  memory.copy(nb, sb, sbLen);
  sb = nb;
  sbCap = ncap;
}
export function sbByte(b: u8): void { sbEnsure(1); store<u8>(sb + sbLen, b); sbLen++; }
export function sbBytes(p: usize, n: u32): void { if (n == 0) return; sbEnsure(n); memory.copy(sb + sbLen, p, n); sbLen += n; }
export function sbStr(s: usize): void { sbBytes(strPtr(s), strLen(s)); }
export function sbRune(cp: i32): void { sbEnsure(4); sbLen += encodeRune(sb + sbLen, cp); }
export function sbLit(s: string): void {
  let n = <u32>s.length;
  sbEnsure(n);
  let p = changetype<usize>(s);
  for (let i: u32 = 0; i < n; i++) store<u8>(sb + sbLen + i, <u8>load<u16>(p + (<usize>i << 1)));
  sbLen += n;
}
export function sbFinish(): usize { return mkStrRef(sb, sbLen); }

// ---------------------------------------------------------------- numbers

export const MAX_SAFE: f64 = 9007199254740992.0; // 2^53

/** Whether f is an integer (any magnitude: large doubles are integers, as OPA's big numbers). */
export function isIntF(f: f64): bool { return isFinite(f) && f == Math.floor(f); }
/** Whether f is an integer that fits i64 exactly enough for index-like use. */
export function isSmallInt(f: f64): bool { return isIntF(f) && Math.abs(f) < 9.2e18; }

export function isNum(v: usize): bool { return load<u8>(v) == T_NUM; }
export function isStr(v: usize): bool { return load<u8>(v) == T_STR; }
export function num(v: usize): f64 { return numOf(v); }

/** Bytes equality helper. */
export function bytesEq(a: usize, b: usize, n: u32): bool { return memory.compare(a, b, n) == 0; }

/** Index of needle in haystack (bytes), from `from`; -1 if absent. */
export function indexBytes(h: usize, hn: u32, n: usize, nn: u32, from: u32): i32 {
  if (nn == 0) return <i32>from;
  if (nn > hn) return -1;
  let first = load<u8>(n);
  let last = hn - nn;
  for (let i = from; i <= last; i++) {
    if (load<u8>(h + i) == first && memory.compare(h + i, n, nn) == 0) return <i32>i;
  }
  return -1;
}
