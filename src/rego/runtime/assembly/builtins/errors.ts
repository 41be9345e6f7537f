// Builtin error reporting. OPA reports a failing builtin either as undefined (default) or, with
// strict-builtin-errors, as an evaluation error. `rt_strict` selects the mode; in strict mode the
// helpers below abort through opa_abort with OPA's message, e.g.
//   "eval_type_error: count: operand 1 must be one of {array, object, set, string} but got number"
//   "eval_builtin_error: div: divide by zero"
// Every helper returns 0 (undefined) so that a builtin can `return typeErr(...)`.

import { alloc, abortC } from "../memory";
import { T_NULL, T_BOOL, T_NUM, T_STR, T_ARR, T_OBJ, T_SET } from "../value";

/** Non-zero: builtin errors abort evaluation (strict-builtin-errors) instead of being undefined. */
export let rt_strict: i32 = 0;
/**
 * Set by a native builtin that covers only common cases (sprintf) when it meets another one: it
 * returns 0 and the generated code calls the builtin's JavaScript implementation instead.
 */
export let rt_fallback: i32 = 0;
export function needFallback(): usize { rt_fallback = 1; return 0; }

/** In strict mode, generated code sets this to a string value "file:line" before builtin calls. */
export let rt_loc: usize = 0;

let buf: usize = 0;
let len: u32 = 0;
let cap: u32 = 0;

function ensure(n: u32): void {
  if (len + n <= cap) return;
  let ncap = cap * 2;
  while (ncap < len + n) ncap *= 2;
  let nb = alloc(ncap);
  memory.copy(nb, buf, len);
  buf = nb;
  cap = ncap;
}

export function msgStart(code: string, name: string): void {
  cap = 256;
  buf = alloc(cap);
  len = 0;
  if (rt_loc != 0) {
    msgBytes(load<usize>(rt_loc, 8), load<u32>(rt_loc, 4));
    msgLit(": ");
  }
  msgLit(code);
  msgLit(": ");
  msgLit(name);
  msgLit(": ");
}
export function msgLit(s: string): void {
  let n = <u32>s.length;
  ensure(n);
  let p = changetype<usize>(s);
  for (let i: u32 = 0; i < n; i++) store<u8>(buf + len + i, <u8>load<u16>(p + (<usize>i << 1)));
  len += n;
}
export function msgBytes(p: usize, n: u32): void {
  ensure(n);
  memory.copy(buf + len, p, n);
  len += n;
}
export function msgInt(v: i64): void {
  if (v < 0) { msgLit("-"); v = -v; }
  let tmp = alloc(24);
  let n = 0;
  do {
    store<u8>(tmp + n, <u8>(0x30 + v % 10));
    n++;
    v /= 10;
  } while (v > 0);
  ensure(<u32>n);
  for (let i = n - 1; i >= 0; i--) { store<u8>(buf + len, load<u8>(tmp + i)); len++; }
}
/** Appends a string value's bytes quoted as Go's %q would for printable text. */
export function msgQuoted(s: usize): void {
  let p = load<usize>(s, 8);
  let n = load<u32>(s, 4);
  msgLit("\"");
  for (let i: u32 = 0; i < n; i++) {
    let c = load<u8>(p + i);
    if (c == 0x22) msgLit("\\\"");
    else if (c == 0x5c) msgLit("\\\\");
    else if (c == 0x0a) msgLit("\\n");
    else if (c == 0x09) msgLit("\\t");
    else if (c == 0x0d) msgLit("\\r");
    else { ensure(1); store<u8>(buf + len, c); len++; }
  }
  msgLit("\"");
}
export function msgType(v: usize): void { msgLit(typeNameLit(v)); }

/** Finishes the message: aborts in strict mode; returns 0 otherwise. */
export function msgEnd(): usize {
  ensure(1);
  store<u8>(buf + len, 0);
  abortC(buf);
  return 0;
}

export function typeNameLit(v: usize): string {
  switch (load<u8>(v)) {
    case T_NULL: return "null";
    case T_BOOL: return "boolean";
    case T_NUM: return "number";
    case T_STR: return "string";
    case T_ARR: return "array";
    case T_OBJ: return "object";
    case T_SET: return "set";
  }
  return "unknown";
}

/** "eval_type_error: <name>: operand <pos> must be <expected> but got <type of got>". */
export function typeErr(name: string, pos: i32, expected: string, got: usize): usize {
  if (rt_strict == 0) return 0;
  msgStart("eval_type_error", name);
  msgLit("operand "); msgInt(pos); msgLit(" must be "); msgLit(expected);
  msgLit(" but got "); msgType(got);
  return msgEnd();
}

/** "operand <pos> must be <coll> of <expected> but got <coll> containing <type of got>". */
export function elemErr(name: string, pos: i32, coll: usize, expected: string, got: usize): usize {
  if (rt_strict == 0) return 0;
  msgStart("eval_type_error", name);
  msgLit("operand "); msgInt(pos); msgLit(" must be "); msgType(coll); msgLit(" of "); msgLit(expected);
  msgLit(" but got "); msgType(coll); msgLit(" containing "); msgType(got);
  return msgEnd();
}

/** "eval_type_error: <name>: operand <pos> <detail>". */
export function operandErr(name: string, pos: i32, detail: string): usize {
  if (rt_strict == 0) return 0;
  msgStart("eval_type_error", name);
  msgLit("operand "); msgInt(pos); msgLit(" "); msgLit(detail);
  return msgEnd();
}

/** "eval_builtin_error: <name>: <detail>". */
export function builtinErr(name: string, detail: string): usize {
  if (rt_strict == 0) return 0;
  msgStart("eval_builtin_error", name);
  msgLit(detail);
  return msgEnd();
}

/** "operand <pos> must be integer number but got floating-point number" (IntOperand). */
export function notIntErr(name: string, pos: i32): usize {
  return operandErr(name, pos, "must be integer number but got floating-point number");
}
