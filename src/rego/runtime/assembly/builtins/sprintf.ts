// sprintf for the common cases, natively: %s of strings, %v of strings, integers, booleans and
// composites, %d of integers, and %%. Anything else — flags, widths, precision, other verbs,
// non-integer numbers (Go's %g differs from the runtime's float printing), an argument of the
// wrong type, too few or too many arguments — asks for the JavaScript implementation (Go's fmt
// rules, as OPA applies them) through needFallback(), so the result is always OPA's.

import { T_NULL, T_BOOL, T_NUM, T_STR, T_ARR, arrLen, arrGet, boolOf, numOf, strLen, strPtr, bigOf, numText } from "../value";
import { dumpToString, dumpSpaced } from "../json";
import { needFallback } from "./errors";
import { sbStart, sbByte, sbBytes, sbStr, sbLit, sbFinish } from "./util";

export function bi_sprintf(fmt: usize, args: usize): usize {
  if (load<u8>(fmt) != T_STR || load<u8>(args) != T_ARR) return needFallback();
  let p = strPtr(fmt);
  let n = strLen(fmt);
  let nargs = arrLen(args);
  let next: u32 = 0;
  sbStart(n + 16);
  let i: u32 = 0;
  while (i < n) {
    let c = load<u8>(p + i);
    if (c != 0x25) { // '%'
      let j = i;
      while (j < n && load<u8>(p + j) != 0x25) j++;
      sbBytes(p + i, j - i);
      i = j;
      continue;
    }
    if (i + 1 >= n) return needFallback();
    let verb = load<u8>(p + i + 1);
    i += 2;
    if (verb == 0x25) { sbByte(0x25); continue; }
    if (next >= nargs) return needFallback();
    let a = arrGet(args, next++);
    let t = load<u8>(a);
    // a number written with a fraction or an exponent is a float for Go's fmt, as in OPA (101.00)
    if (t == T_NUM && numText(a) != 0) return needFallback();
    if (t == T_NUM && bigOf(a) != 0 && (verb == 0x73 || verb == 0x76 || verb == 0x64)) {
      sbStr(bigOf(a)); // an integer beyond 2^53: its exact digits (JavaScript would round them)
    } else if (verb == 0x73) { // s
      if (t != T_STR) return needFallback();
      sbStr(a);
    } else if (verb == 0x76) { // v
      if (t == T_STR) sbStr(a);
      else if (t == T_NULL) return needFallback();
      else if (t == T_NUM) {
        if (!smallInt(numOf(a))) return needFallback();
        sbStr(dumpToString(a, true));
      } else if (t == T_BOOL) sbLit(boolOf(a) ? "true" : "false");
      else sbStr(dumpSpaced(a));
    } else if (verb == 0x64) { // d
      if (t != T_NUM) return needFallback();
      if (!smallInt(numOf(a))) return needFallback();
      sbStr(dumpToString(a, true));
    } else {
      return needFallback();
    }
  }
  if (next != nargs) return needFallback();
  return sbFinish();
}

function smallInt(f: f64): bool {
  return f == Math.floor(f) && Math.abs(f) < 1e15;
}
