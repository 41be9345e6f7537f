// Exact integer arithmetic on decimal digits, for integers beyond 2^53 that OPA keeps exact
// (its numbers are arbitrary precision; the runtime's are doubles). A magnitude is a run of ASCII
// digits, most significant first, without leading zeros (zero is the empty run). Results are
// written to fresh memory and returned through resPtr / resLen.

import { alloc } from "./memory";

export let resPtr: usize = 0;
export let resLen: u32 = 0;

/** Skips leading zeros: the result is a canonical magnitude. */
function trim(p: usize, n: u32): void {
  let i: u32 = 0;
  while (i < n && load<u8>(p + i) == 0x30) i++;
  resPtr = p + i;
  resLen = n - i;
}

/** -1, 0, 1 comparing two canonical magnitudes. */
export function cmpMag(a: usize, an: u32, b: usize, bn: u32): i32 {
  if (an != bn) return an < bn ? -1 : 1;
  for (let i: u32 = 0; i < an; i++) {
    let x = load<u8>(a + i), y = load<u8>(b + i);
    if (x != y) return x < y ? -1 : 1;
  }
  return 0;
}

export function addMag(a: usize, an: u32, b: usize, bn: u32): void {
  let n = (an > bn ? an : bn) + 1;
  let out = alloc(n);
  let carry: u32 = 0;
  for (let k: u32 = 0; k < n; k++) {
    let x: u32 = k < an ? <u32>load<u8>(a + an - 1 - k) - 0x30 : 0;
    let y: u32 = k < bn ? <u32>load<u8>(b + bn - 1 - k) - 0x30 : 0;
    let s = x + y + carry;
    carry = s / 10;
    store<u8>(out + n - 1 - k, <u8>(0x30 + s % 10));
  }
  trim(out, n);
}

/** a - b for a >= b. */
export function subMag(a: usize, an: u32, b: usize, bn: u32): void {
  let out = alloc(<usize>(an > 0 ? an : 1));
  let borrow: i32 = 0;
  for (let k: u32 = 0; k < an; k++) {
    let x = <i32>load<u8>(a + an - 1 - k) - 0x30;
    let y = k < bn ? <i32>load<u8>(b + bn - 1 - k) - 0x30 : 0;
    let d = x - y - borrow;
    borrow = d < 0 ? 1 : 0;
    if (d < 0) d += 10;
    store<u8>(out + an - 1 - k, <u8>(0x30 + d));
  }
  trim(out, an);
}

export function mulMag(a: usize, an: u32, b: usize, bn: u32): void {
  let n = an + bn;
  if (an == 0 || bn == 0) { resPtr = a; resLen = 0; return; }
  let acc = alloc(<usize>n << 2);
  for (let k: u32 = 0; k < n; k++) store<u32>(acc + (<usize>k << 2), 0);
  for (let i: u32 = 0; i < an; i++) {
    let x = <u32>load<u8>(a + an - 1 - i) - 0x30;
    if (x == 0) continue;
    for (let j: u32 = 0; j < bn; j++) {
      let y = <u32>load<u8>(b + bn - 1 - j) - 0x30;
      let slot = acc + (<usize>(i + j) << 2);
      store<u32>(slot, load<u32>(slot) + x * y);
    }
  }
  let out = alloc(n);
  let carry: u32 = 0;
  for (let k: u32 = 0; k < n; k++) {
    let s = load<u32>(acc + (<usize>k << 2)) + carry;
    carry = s / 10;
    store<u8>(out + n - 1 - k, <u8>(0x30 + s % 10));
  }
  trim(out, n);
}

/** The remainder of a divided by b (b > 0), by long division one digit at a time. */
export function remMag(a: usize, an: u32, b: usize, bn: u32): void {
  let cap = bn + 2;
  let r = alloc(cap); // the running remainder, always < 10 * b
  let rn: u32 = 0;
  let tmp = alloc(cap);
  for (let i: u32 = 0; i < an; i++) {
    // r = r * 10 + digit
    if (rn > 0 || load<u8>(a + i) != 0x30) {
      store<u8>(r + rn, load<u8>(a + i));
      rn++;
    }
    while (cmpMag(r, rn, b, bn) >= 0) {
      subMag(r, rn, b, bn);
      memory.copy(tmp, resPtr, resLen);
      memory.copy(r, tmp, resLen);
      rn = resLen;
    }
  }
  resPtr = r;
  resLen = rn;
}

/** The digits of an unsigned 64-bit integer. */
export function u64Mag(u: u64): void {
  let out = alloc(20);
  let n: u32 = 0;
  let tmp = alloc(20);
  while (u > 0) {
    store<u8>(tmp + n, <u8>(0x30 + <u32>(u % 10)));
    n++;
    u /= 10;
  }
  for (let i: u32 = 0; i < n; i++) store<u8>(out + i, load<u8>(tmp + n - 1 - i));
  resPtr = out;
  resLen = n;
}

/** The double nearest a magnitude (for the approximate value kept beside the digits). */
export function magToF64(p: usize, n: u32): f64 {
  let f: f64 = 0;
  for (let i: u32 = 0; i < n; i++) f = f * 10 + <f64>(load<u8>(p + i) - 0x30);
  return f;
}
