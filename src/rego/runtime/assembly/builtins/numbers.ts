// Arithmetic, comparison, rounding, bits, numbers.range, format_int, to_number.
// Numbers are IEEE doubles here (OPA uses arbitrary precision): results agree with OPA for
// integers up to 2^53 and for ordinary decimals; plus, minus, times, remainder and abs on
// integers beyond 2^53 are exact (their digits are kept: value.ts, bignum.ts).

import { alloc } from "../memory";
import {
  T_NULL, T_BOOL, T_NUM, T_STR, T_SET,
  mkNum, mkBool, mkArr, arrPush, numOf, boolOf, strLen, strPtr, mkSet, setAdd, setHas, tblLen, tblKey,
  compareValues, valueEqual, mkStrRef, bigOf, intDigits, intNeg, intPtr, intLen, mkIntDigits,
} from "../value";
import { addMag, subMag, mulMag, remMag, cmpMag, u64Mag, resPtr, resLen } from "../bignum";
import { parseJson } from "../json";
import { typeErr, operandErr, builtinErr, notIntErr, msgStart, msgLit, msgQuoted, msgEnd, rt_strict } from "./errors";
import { isIntF } from "./util";

// ---------------------------------------------------------------- arithmetic

// @ts-ignore: decorator
@inline function bothNums(name: string, a: usize, b: usize): bool {
  return load<u8>(a) == T_NUM && load<u8>(b) == T_NUM;
}
function numErr2(name: string, a: usize, b: usize): usize {
  if (load<u8>(a) != T_NUM) return typeErr(name, 1, "number", a);
  return typeErr(name, 2, "number", b);
}

const OP_ADD: u8 = 0, OP_SUB: u8 = 1, OP_MUL: u8 = 2;

/**
 * a + b, a - b or a * b exactly, when both are integers and the double result may have lost
 * digits (beyond 2^53, or an operand that keeps its digits); 0 when the double is right.
 */
export function exactArith(op: u8, a: usize, b: usize): usize {
  let x = numOf(a), y = numOf(b);
  let r = op == OP_ADD ? x + y : (op == OP_SUB ? x - y : x * y);
  if (bigOf(a) == 0 && bigOf(b) == 0 && Math.abs(r) < 9007199254740992) return 0;
  if (!intDigits(a)) return 0;
  let an = intNeg, ap = intPtr, al = intLen;
  if (!intDigits(b)) return 0;
  let bn = intNeg, bp = intPtr, bl = intLen;
  if (op == OP_MUL) {
    mulMag(ap, al, bp, bl);
    return mkIntDigits(an != bn, resPtr, resLen);
  }
  if (op == OP_SUB) bn = !bn;
  if (an == bn) {
    addMag(ap, al, bp, bl);
    return mkIntDigits(an, resPtr, resLen);
  }
  if (cmpMag(ap, al, bp, bl) >= 0) {
    subMag(ap, al, bp, bl);
    return mkIntDigits(an, resPtr, resLen);
  }
  subMag(bp, bl, ap, al);
  return mkIntDigits(bn, resPtr, resLen);
}

export function bi_plus(a: usize, b: usize): usize {
  if (!bothNums("plus", a, b)) return numErr2("plus", a, b);
  let exact = exactArith(OP_ADD, a, b);
  return exact != 0 ? exact : mkNum(numOf(a) + numOf(b));
}

function setDiff(a: usize, b: usize): usize {
  let n = tblLen(a);
  let out = mkSet(n);
  for (let i: u32 = 0; i < n; i++) {
    let k = tblKey(a, i);
    if (!setHas(b, k)) setAdd(out, k);
  }
  return out;
}

export function bi_minus(a: usize, b: usize): usize {
  let ta = load<u8>(a), tb = load<u8>(b);
  if (ta == T_NUM && tb == T_NUM) {
    let exact = exactArith(OP_SUB, a, b);
    return exact != 0 ? exact : mkNum(numOf(a) - numOf(b));
  }
  if (ta == T_SET && tb == T_SET) return setDiff(a, b);
  if (ta != T_NUM && ta != T_SET) return typeErr("minus", 1, "one of {number, set}", a);
  if (tb == T_NUM) return typeErr("minus", 2, "set", b);
  return typeErr("minus", 2, "number", b);
}

export function bi_set_diff(a: usize, b: usize): usize {
  if (load<u8>(a) != T_SET) return typeErr("set_diff", 1, "set", a);
  if (load<u8>(b) != T_SET) return typeErr("set_diff", 2, "set", b);
  return setDiff(a, b);
}

export function bi_mul(a: usize, b: usize): usize {
  if (!bothNums("mul", a, b)) return numErr2("mul", a, b);
  let exact = exactArith(OP_MUL, a, b);
  return exact != 0 ? exact : mkNum(numOf(a) * numOf(b));
}

export function bi_div(a: usize, b: usize): usize {
  if (!bothNums("div", a, b)) return numErr2("div", a, b);
  let y = numOf(b);
  if (y == 0) return builtinErr("div", "divide by zero");
  return mkNum(numOf(a) / y);
}

export function bi_rem(a: usize, b: usize): usize {
  if (!bothNums("rem", a, b)) return numErr2("rem", a, b);
  let x = numOf(a), y = numOf(b);
  if (!isIntF(x) || !isIntF(y)) return builtinErr("rem", "modulo on floating-point number");
  if (y == 0) return builtinErr("rem", "modulo by zero");
  if ((bigOf(a) != 0 || bigOf(b) != 0 || Math.abs(x) >= 9.2e18 || Math.abs(y) >= 9.2e18) && intDigits(a)) {
    let an = intNeg, ap = intPtr, al = intLen;
    if (intDigits(b)) {
      remMag(ap, al, intPtr, intLen); // truncated: the sign of the dividend, as Go's big.Int.Rem
      return mkIntDigits(an, resPtr, resLen);
    }
  }
  if (Math.abs(x) < 9.2e18 && Math.abs(y) < 9.2e18) {
    let xi = <i64>x, yi = <i64>y;
    return mkNum(<f64>(xi % yi));
  }
  return mkNum(x % y); // truncated remainder, sign of the dividend (as Go's big.Int.Rem)
}

export function bi_abs(a: usize): usize {
  if (load<u8>(a) != T_NUM) return typeErr("abs", 1, "number", a);
  if (bigOf(a) != 0 && intDigits(a)) return mkIntDigits(false, intPtr, intLen);
  return mkNum(Math.abs(numOf(a)));
}

/** Rounds half away from zero, exactly (no x + 0.5 rounding error). */
function roundHalfAway(x: f64): f64 {
  if (!isFinite(x)) return x;
  let t = Math.trunc(x);
  let frac = x - t;
  if (frac >= 0.5) return t + 1;
  if (frac <= -0.5) return t - 1;
  return t;
}

export function bi_round(a: usize): usize {
  if (load<u8>(a) != T_NUM) return typeErr("round", 1, "number", a);
  if (bigOf(a) != 0) return a; // an integer already
  return mkNum(roundHalfAway(numOf(a)));
}
export function bi_ceil(a: usize): usize {
  if (load<u8>(a) != T_NUM) return typeErr("ceil", 1, "number", a);
  if (bigOf(a) != 0) return a; // an integer already
  return mkNum(Math.ceil(numOf(a)));
}
export function bi_floor(a: usize): usize {
  if (load<u8>(a) != T_NUM) return typeErr("floor", 1, "number", a);
  if (bigOf(a) != 0) return a; // an integer already
  return mkNum(Math.floor(numOf(a)));
}

// ---------------------------------------------------------------- comparison

export function bi_equal(a: usize, b: usize): usize { return mkBool(valueEqual(a, b)); }
export function bi_neq(a: usize, b: usize): usize { return mkBool(!valueEqual(a, b)); }
export function bi_lt(a: usize, b: usize): usize { return mkBool(compareValues(a, b) < 0); }
export function bi_lte(a: usize, b: usize): usize { return mkBool(compareValues(a, b) <= 0); }
export function bi_gt(a: usize, b: usize): usize { return mkBool(compareValues(a, b) > 0); }
export function bi_gte(a: usize, b: usize): usize { return mkBool(compareValues(a, b) >= 0); }

// ---------------------------------------------------------------- numbers.range

/** BigIntOperand: "operand N must be integer but got T" / "... integer number but got floating-point number". */
function bigIntOperand(name: string, pos: i32, v: usize): bool {
  if (load<u8>(v) != T_NUM) { typeErr(name, pos, "integer", v); return false; }
  if (!isIntF(numOf(v))) { notIntErr(name, pos); return false; }
  return true;
}

function range(name: string, a: usize, b: usize, step: f64): usize {
  let x = numOf(a), y = numOf(b);
  let out = mkArr(0);
  if (x <= y) {
    let n = Math.floor((y - x) / step) + 1;
    if (n > 268435456) { builtinErr(name, "range too large"); return 0; }
    for (let i: f64 = x; i <= y; i += step) arrPush(out, mkNum(i));
  } else {
    let n = Math.floor((x - y) / step) + 1;
    if (n > 268435456) { builtinErr(name, "range too large"); return 0; }
    for (let i: f64 = x; i >= y; i -= step) arrPush(out, mkNum(i));
  }
  return out;
}

export function bi_numbers_range(a: usize, b: usize): usize {
  if (!bigIntOperand("numbers.range", 1, a)) return 0;
  if (!bigIntOperand("numbers.range", 2, b)) return 0;
  return range("numbers.range", a, b, 1);
}

export function bi_numbers_range_step(a: usize, b: usize, s: usize): usize {
  if (!bigIntOperand("numbers.range_step", 1, a)) return 0;
  if (!bigIntOperand("numbers.range_step", 2, b)) return 0;
  if (!bigIntOperand("numbers.range_step", 3, s)) return 0;
  let step = numOf(s);
  // OPA wraps its error text in the builtin's name once more: the name is doubled, as in OPA
  if (step <= 0) return builtinErr("numbers.range_step", "step must be a positive integer"); // OPA 1.x
  return range("numbers.range_step", a, b, step);
}

// ---------------------------------------------------------------- bits

function bitsOperand(name: string, pos: i32, v: usize): bool { return bigIntOperand(name, pos, v); }

// Integers beyond 2^63 are not representable here; operands are converted with saturation.
function toI64(f: f64): i64 {
  if (f >= 9.223372036854775807e18) return i64.MAX_VALUE;
  if (f <= -9.223372036854775808e18) return i64.MIN_VALUE;
  return <i64>f;
}

/** The 64-bit integer of a number: exact for one that keeps its digits (up to 19 of them). */
function numI64(v: usize): i64 {
  if (bigOf(v) == 0 || !intDigits(v) || intLen > 19) return toI64(numOf(v));
  let u: u64 = 0;
  for (let i: u32 = 0; i < intLen; i++) u = u * 10 + <u64>(load<u8>(intPtr + i) - 0x30);
  if (intLen == 19 && u > <u64>i64.MAX_VALUE) return intNeg ? i64.MIN_VALUE : i64.MAX_VALUE;
  return intNeg ? -<i64>u : <i64>u;
}

/** A 64-bit integer result, with its digits kept beyond 2^53. */
function mkI64(i: i64): usize {
  if (i > -9007199254740992 && i < 9007199254740992) return mkNum(<f64>i);
  u64Mag(i < 0 ? <u64>(-(i + 1)) + 1 : <u64>i);
  return mkIntDigits(i < 0, resPtr, resLen);
}

export function bi_bits_or(a: usize, b: usize): usize {
  if (!bitsOperand("bits.or", 1, a) || !bitsOperand("bits.or", 2, b)) return 0;
  return mkI64(numI64(a) | numI64(b));
}
export function bi_bits_and(a: usize, b: usize): usize {
  if (!bitsOperand("bits.and", 1, a) || !bitsOperand("bits.and", 2, b)) return 0;
  return mkI64(numI64(a) & numI64(b));
}
export function bi_bits_xor(a: usize, b: usize): usize {
  if (!bitsOperand("bits.xor", 1, a) || !bitsOperand("bits.xor", 2, b)) return 0;
  return mkI64(numI64(a) ^ numI64(b));
}
export function bi_bits_negate(a: usize): usize {
  if (!bitsOperand("bits.negate", 1, a)) return 0;
  return mkI64(~numI64(a));
}
export function bi_bits_lsh(a: usize, b: usize): usize {
  if (!bitsOperand("bits.lsh", 1, a) || !bitsOperand("bits.lsh", 2, b)) return 0;
  let s = numOf(b);
  if (s < 0) return operandErr("bits.lsh", 2, "must be an unsigned integer number but got a negative integer");
  // Exact (big.Int.Lsh): multiplied by 2^52 at a time, for results of up to about 1000 digits
  if (s <= 3000) {
    let r = a;
    let left = s;
    while (left > 0) {
      let step = left > 52 ? 52 : left;
      let p = mkNum(Math.pow(2, step));
      let exact = exactArith(OP_MUL, r, p);
      r = exact != 0 ? exact : mkNum(numOf(r) * numOf(p));
      left -= step;
    }
    return r;
  }
  return mkNum(numOf(a) * Math.pow(2, s));
}
export function bi_bits_rsh(a: usize, b: usize): usize {
  if (!bitsOperand("bits.rsh", 1, a) || !bitsOperand("bits.rsh", 2, b)) return 0;
  let s = numOf(b);
  if (s < 0) return operandErr("bits.rsh", 2, "must be an unsigned integer number but got a negative integer");
  let x = numOf(a);
  if (Math.abs(x) < 9.2e18 && s < 64) return mkI64(numI64(a) >> <i64>s);
  // Arithmetic shift = floor division by 2^s.
  return mkNum(Math.floor(x / Math.pow(2, s)));
}

// ---------------------------------------------------------------- format_int

export function bi_format_int(a: usize, b: usize): usize {
  if (load<u8>(a) != T_NUM) return typeErr("format_int", 1, "number", a);
  if (load<u8>(b) != T_NUM) return typeErr("format_int", 2, "number", b);
  let base = numOf(b);
  if (base != 2 && base != 8 && base != 10 && base != 16) return operandErr("format_int", 2, "must be one of {2, 8, 10, 16}");
  if (bigOf(a) != 0 && base == 10) return bigOf(a); // an integer beyond 2^53: its exact digits
  let x = Math.trunc(numOf(a)); // big.Float.Int truncates towards zero
  let neg = x < 0;
  if (neg) x = -x;
  let buf = alloc(1100);
  let n: u32 = 0;
  let bi = <u32>base;
  if (x < 1.8e19) {
    let u = <u64>x;
    do {
      let d = <u32>(u % <u64>bi);
      store<u8>(buf + 1099 - n, <u8>(d < 10 ? 0x30 + d : 0x61 + d - 10));
      n++;
      u /= <u64>bi;
    } while (u > 0);
  } else {
    do {
      let q = Math.floor(x / base);
      let d = <u32>(x - q * base);
      store<u8>(buf + 1099 - n, <u8>(d < 10 ? 0x30 + d : 0x61 + d - 10));
      n++;
      x = q;
    } while (x >= 1 && n < 1090);
  }
  if (neg) { store<u8>(buf + 1099 - n, 0x2d); n++; }
  return mkStrRef(buf + 1100 - n, n);
}

// ---------------------------------------------------------------- to_number

function lowerEq(p: usize, n: u32, lit: string): bool {
  if (n != <u32>lit.length) return false;
  for (let i: u32 = 0; i < n; i++) {
    let c = load<u8>(p + i);
    if (c >= 0x41 && c <= 0x5a) c += 32;
    if (c != <u8>lit.charCodeAt(i)) return false;
  }
  return true;
}

function parseErr(s: usize, what: string): usize {
  if (rt_strict == 0) return 0;
  msgStart("eval_builtin_error", "to_number");
  msgLit("strconv.ParseFloat: parsing ");
  msgQuoted(s);
  msgLit(": ");
  msgLit(what);
  return msgEnd();
}

function isDigit(c: u8): bool { return c >= 0x30 && c <= 0x39; }

/** Parses a decimal number string with Go's strconv.ParseFloat syntax (no hex floats). */
function parseDecimal(s: usize): usize {
  let p = strPtr(s), n = strLen(s);
  // Validate: [+-]? (d+ (. d*)? | . d+) ([eE] [+-]? d+)?
  let i: u32 = 0;
  if (i < n && (load<u8>(p) == 0x2b || load<u8>(p) == 0x2d)) i++;
  let intDigits: u32 = 0, fracDigits: u32 = 0;
  while (i < n && isDigit(load<u8>(p + i))) { i++; intDigits++; }
  let dot = false;
  if (i < n && load<u8>(p + i) == 0x2e) {
    dot = true; i++;
    while (i < n && isDigit(load<u8>(p + i))) { i++; fracDigits++; }
  }
  if (intDigits + fracDigits == 0) return parseErr(s, "invalid syntax");
  if (i < n && (load<u8>(p + i) == 0x65 || load<u8>(p + i) == 0x45)) {
    i++;
    if (i < n && (load<u8>(p + i) == 0x2b || load<u8>(p + i) == 0x2d)) i++;
    let e: u32 = 0;
    while (i < n && isDigit(load<u8>(p + i))) { i++; e++; }
    if (e == 0) return parseErr(s, "invalid syntax");
  }
  if (i != n) return parseErr(s, "invalid syntax");
  // Normalise to JSON syntax and reuse the JSON number reader.
  let buf = alloc(n + 2);
  let o: u32 = 0;
  let j: u32 = 0;
  if (load<u8>(p) == 0x2b) j++;
  else if (load<u8>(p) == 0x2d) { store<u8>(buf, 0x2d); o++; j++; }
  if (intDigits == 0) { store<u8>(buf + o, 0x30); o++; }
  while (j < n) {
    let c = load<u8>(p + j);
    if (c == 0x2e && (j + 1 >= n || !isDigit(load<u8>(p + j + 1)))) { j++; continue; }
    store<u8>(buf + o, c); o++; j++;
  }
  let v = parseJson(buf, o, false);
  if (v == 0) return parseErr(s, "invalid syntax");
  if (!isFinite(numOf(v))) return parseErr(s, "value out of range");
  return v;
}

export function bi_to_number(a: usize): usize {
  switch (load<u8>(a)) {
    case T_NULL: return mkNum(0);
    case T_BOOL: return mkNum(boolOf(a) ? 1 : 0);
    case T_NUM: return a;
    case T_STR: {
      let p = strPtr(a), n = strLen(a);
      let q = p, m = n;
      while (m > 0 && (load<u8>(q) == 0x2b || load<u8>(q) == 0x2d)) { q++; m--; }
      if (lowerEq(q, m, "inf") || lowerEq(q, m, "infinity") || lowerEq(q, m, "nan")) {
        return typeErr("to_number", 1, "valid number string", a);
      }
      return parseDecimal(a);
    }
  }
  return typeErr("to_number", 1, "one of {null, boolean, number, string}", a);
}
