// The sanso Rego runtime: the OPA Wasm ABI (1.2) plus the `rt_*` helpers that generated code
// calls. The code generator (src/rego/compile/codegen.ts) appends the planned functions and
// replaces the `sanso.*` imports below with generated ones.

import { heap_ptr, initHeap, alloc, abortC, abortStatic, cstr } from "./memory";
import {
  T_NULL, T_BOOL, T_NUM, T_STR, T_ARR, T_OBJ, T_SET,
  initValues, setPermEpoch, mkStrLit, mkNull, mkBool, mkNum, mkStrCopy, mkArr, arrPush, arrLen, arrGet, mkObj, mkSet,
  objGet, objPut, objPutUnique, setAdd, setHas, getValue, collLen, collKeyAt, collValAt,
  compareValues, valueEqual, tblLen, tblKey, tblVal, tblFind, objCopy, tblWithout, boolOf, numOf,
  strLen, strPtr, numText,
} from "./value";
import { parseJson, dumpC, dumpSpaced, dumpJsonMarkedSets } from "./json";

export { rt_static_end, runtimeAbort } from "./memory";
export * from "./builtins";

// ---------------------------------------------------------------- imports filled in by codegen

/** Evaluates entrypoint `ep`; returns its value or 0 (undefined). */
@external("sanso", "dispatch")
declare function sanso_dispatch(ep: i32): usize;
/** Object {name: id} of the builtins served through opa_builtinN. */
@external("sanso", "builtins")
declare function sanso_builtins(): usize;
/** Object {name: id} of the entrypoints. */
@external("sanso", "entrypoints")
declare function sanso_entrypoints(): usize;

// ---------------------------------------------------------------- ABI

export const opa_wasm_abi_version: i32 = 1;
export const opa_wasm_abi_minor_version: i32 = 2;

/** Memo generation: bumped at every evaluation and around `with`; generated memo slots compare it. */
export let rt_gen: i32 = 1;
/** Non-zero: builtin errors abort evaluation (strict-builtin-errors) instead of being undefined. */
export { rt_strict, rt_loc, rt_fallback } from "./builtins/errors";

let genCounter: i32 = 1;
/** A generation number never used before (for evaluations and `with` scopes). */
export function rt_next_gen(): i32 { genCounter++; return genCounter; }

let input: usize = 0;
let data: usize = 0;

initHeap();
initValues();

export function opa_malloc(size: usize): usize { return alloc(size); }
export function opa_free(ptr: usize): void {}
export function opa_heap_ptr_get(): usize { return heap_ptr; }
export function opa_heap_ptr_set(p: usize): void { heap_ptr = p; }

export function opa_json_parse(p: usize, len: usize): usize { return parseJson(p, len, false); }
export function opa_value_parse(p: usize, len: usize): usize { return parseJson(p, len, true); }
export function opa_json_dump(v: usize): usize { return dumpC(v, false); }
export function opa_value_dump(v: usize): usize { return dumpC(v, true); }

/**
 * For the JavaScript builtins that need more than a value's JSON (bundle/load.ts: sprintf, whose
 * arguments print as OPA's Rego text, sets and a number's written text included): the value's
 * Rego text of a value (NUL-terminated), whether a number was written with a fraction or an
 * exponent (with rt_type, rt_arr_len and rt_arr_get below).
 */
export function rt_rego_text(v: usize): usize {
  let s = dumpSpaced(v);
  let n = strLen(s);
  let c = alloc(n + 1);
  memory.copy(c, strPtr(s), n);
  store<u8>(c + n, 0);
  return c;
}
export function rt_num_has_text(v: usize): u32 { return load<u8>(v) == T_NUM && numText(v) != 0 ? 1 : 0; }
/** JSON of a value whose sets are written {"\u0000set": [members]}, for builtins that tell sets from arrays. */
export function rt_json_dump_sets(v: usize): usize { return dumpJsonMarkedSets(v); }

export function builtins(): usize { return sanso_builtins(); }
export function entrypoints(): usize { return sanso_entrypoints(); }

// Evaluation context (ABI 1.0/1.1 style): { input, data, entrypoint, result }
export function opa_eval_ctx_new(): usize {
  let c = alloc(16);
  store<usize>(c, 0, 0);
  store<usize>(c, 0, 4);
  store<i32>(c, 0, 8);
  store<usize>(c, 0, 12);
  return c;
}
export function opa_eval_ctx_set_input(ctx: usize, v: usize): void { store<usize>(ctx, v, 0); }
export function opa_eval_ctx_set_data(ctx: usize, v: usize): void { store<usize>(ctx, v, 4); }
export function opa_eval_ctx_set_entrypoint(ctx: usize, ep: i32): void { store<i32>(ctx, ep, 8); }
export function opa_eval_ctx_get_result(ctx: usize): usize { return load<usize>(ctx, 12); }

function resultSet(v: usize): usize {
  let rs = mkSet(1);
  if (v != 0) {
    let row = mkObj(1);
    objPut(row, mkStrLit("result"), v);
    setAdd(rs, row);
  }
  return rs;
}


function evaluate(ep: i32, inp: usize, dat: usize): usize {
  input = inp;
  data = dat != 0 ? dat : mkObj(0);
  rt_gen = rt_next_gen();
  setPermEpoch(rt_gen);
  let v = sanso_dispatch(ep);
  return v;
}

export function eval(ctx: usize): i32 {
  let v = evaluate(load<i32>(ctx, 8), load<usize>(ctx, 0), load<usize>(ctx, 4));
  store<usize>(ctx, resultSet(v), 12);
  setPermEpoch(0);
  return 0;
}

/** ABI 1.2 one-shot evaluation: input is JSON text at [inputPtr, inputPtr+inputLen). */
export function opa_eval(reserved: i32, ep: i32, dat: usize, inputPtr: usize, inputLen: usize, heapPtr: usize, format: i32): usize {
  heap_ptr = heapPtr;
  let inp: usize = 0;
  if (inputLen > 0) {
    // JSON, or Rego value text (a superset: sets such as {1, 2})
    inp = parseJson(inputPtr, inputLen, true);
    if (inp == 0) abortStatic("input: malformed JSON");
  }
  let v = evaluate(ep, inp, dat);
  let out = dumpC(resultSet(v), format == 1);
  setPermEpoch(0);
  return out;
}

/** Upserts `v` at `path` (array of keys) inside object `base`. 0 on success. */
export function opa_value_add_path(base: usize, path: usize, v: usize): i32 {
  if (load<u8>(base) != T_OBJ || load<u8>(path) != T_ARR) return 1;
  let n = arrLen(path);
  if (n == 0) return 1;
  let cur = base;
  for (let i: u32 = 0; i + 1 < n; i++) {
    let k = arrGet(path, i);
    let next = objGet(cur, k);
    if (next == 0 || load<u8>(next) != T_OBJ) {
      next = mkObj(0);
      objPut(cur, k, next);
    }
    cur = next;
  }
  objPut(cur, arrGet(path, n - 1), v);
  return 0;
}

export function opa_value_remove_path(base: usize, path: usize): i32 {
  if (load<u8>(base) != T_OBJ || load<u8>(path) != T_ARR) return 1;
  let n = arrLen(path);
  if (n == 0) return 1;
  let parent: usize = 0;
  let parentKey: usize = 0;
  let cur = base;
  for (let i: u32 = 0; i + 1 < n; i++) {
    let next = objGet(cur, arrGet(path, i));
    if (next == 0 || load<u8>(next) != T_OBJ) return 0;
    parent = cur; parentKey = arrGet(path, i);
    cur = next;
  }
  let without = tblWithout(cur, arrGet(path, n - 1));
  if (parent == 0) {
    // Rewrite the base object in place: copy the rebuilt table's header over it.
    memory.copy(base, without, 40);
  } else {
    objPut(parent, parentKey, without);
  }
  return 0;
}

// ---------------------------------------------------------------- helpers for generated code

let consts: usize = 0;

/** Parses the module's constant table (a JSON array in a data segment); called at start-up. */
export function rt_consts_init(p: usize, len: usize): void {
  consts = parseJson(p, len, true);
  if (consts == 0) abortStatic("sanso: corrupt constant table");
}
export function rt_const(i: u32): usize { return arrGet(consts, i); }

export function rt_input(): usize { return input; }
export function rt_data(): usize { return data; }
export function rt_set_input(v: usize): void { input = v; }
export function rt_set_data(v: usize): void { data = v; }

export function rt_type(v: usize): i32 { return v == 0 ? 0 : <i32>load<u8>(v); }
export function rt_null(): usize { return mkNull(); }
export function rt_bool(b: i32): usize { return mkBool(b != 0); }
export function rt_num(f: f64): usize { return mkNum(f); }
export function rt_is_true(v: usize): i32 { return v != 0 && load<u8>(v) == T_BOOL && boolOf(v) ? 1 : 0; }
export function rt_is_false(v: usize): i32 { return v != 0 && load<u8>(v) == T_BOOL && !boolOf(v) ? 1 : 0; }

export function rt_arr_new(cap: u32): usize { return mkArr(cap); }
export function rt_arr_push(a: usize, v: usize): void { arrPush(a, v); }
export function rt_arr_len(a: usize): i32 { return load<u8>(a) == T_ARR ? <i32>arrLen(a) : -1; }
export function rt_arr_get(a: usize, i: u32): usize { return arrGet(a, i); }

export function rt_obj_new(): usize { return mkObj(0); }
export function rt_obj_put(o: usize, k: usize, v: usize): void { objPut(o, k, v); }
/** 1 on success, 0 on conflict (key present with another value). */
export function rt_obj_put_unique(o: usize, k: usize, v: usize): i32 { return objPutUnique(o, k, v) ? 1 : 0; }
export function rt_obj_len(o: usize): i32 { return load<u8>(o) == T_OBJ ? <i32>tblLen(o) : -1; }

export function rt_set_new(): usize { return mkSet(0); }
export function rt_set_add(s: usize, v: usize): void { setAdd(s, v); }

export function rt_get(coll: usize, key: usize): usize { return coll == 0 ? 0 : getValue(coll, key); }
/**
 * `coll[key]` on a document read from the base data: an integer key also matches the object key
 * of the same text, as OPA reads refs into stored data by path (`data.nested[2]` is
 * data.nested["2"]).
 */
export function rt_get_doc(coll: usize, key: usize): usize {
  if (coll == 0) return 0;
  let v = getValue(coll, key);
  if (v != 0 || load<u8>(coll) != T_OBJ || load<u8>(key) != T_NUM) return v;
  let f = numOf(key);
  if (f != Math.floor(f) || Math.abs(f) > 9007199254740991) return 0;
  return objGet(coll, mkStrLit((<i64>f).toString()));
}
export function rt_len(coll: usize): i32 { return coll == 0 ? -1 : collLen(coll); }
export function rt_key_at(coll: usize, i: u32): usize { return collKeyAt(coll, i); }
export function rt_val_at(coll: usize, i: u32): usize { return collValAt(coll, i); }

export function rt_equal(a: usize, b: usize): i32 { return valueEqual(a, b) ? 1 : 0; }
export function rt_compare(a: usize, b: usize): i32 { return compareValues(a, b); }

/**
 * Inserts `v` at `path` (array of keys) under object `o`, creating objects on the way, for rules
 * whose heads are refs (`p[q].r := v`). mode 0: single value (conflict if a different value is
 * there); mode 1: set member (the leaf is a set `v` is added to). Returns 1, or 0 on conflict.
 */
export function rt_obj_insert_path(o: usize, path: usize, v: usize, mode: i32): i32 {
  // Objects created here as intermediate nodes are flagged (header byte 1), so that one rule
  // cannot inject keys into another rule's object value, and a value cannot replace a node.
  let n = arrLen(path);
  let cur = o;
  let last = mode == 1 ? n : n - 1;
  for (let i: u32 = 0; i < last; i++) {
    let k = arrGet(path, i);
    let next = objGet(cur, k);
    if (next == 0) {
      next = i + 1 == n ? mkSet(0) : mkObj(0);
      store<u8>(next, 1, 1);
      objPut(cur, k, next);
    } else if (i + 1 == n) {
      if (load<u8>(next) != T_SET) return 0;
    } else if (load<u8>(next) != T_OBJ || load<u8>(next, 1) != 1) {
      return 0;
    }
    cur = next;
  }
  if (mode == 1) { setAdd(cur, v); return 1; }
  let key = arrGet(path, n - 1);
  let existing = objGet(cur, key);
  if (existing != 0) {
    if (load<u8>(existing, 1) == 1) return 0;
    if (valueEqual(existing, v)) return 1;
    return 0;
  }
  objPut(cur, key, v);
  return 1;
}

/**
 * Merges object `b` into a copy of object `a` (deeply for nested objects): used to combine base
 * documents in `data` with the virtual documents of rules in the same package. Returns 0 when the
 * two disagree on a non-object value.
 */
export function rt_obj_merge(a: usize, b: usize): usize {
  if (a == 0) return b;
  if (b == 0) return a;
  if (load<u8>(a) != T_OBJ || load<u8>(b) != T_OBJ) return a;
  let out = objCopy(a);
  let n = tblLen(b);
  for (let i: u32 = 0; i < n; i++) {
    let k = tblKey(b, i);
    let bv = tblVal(b, i);
    let av = objGet(out, k);
    if (av == 0) { objPut(out, k, bv); continue; }
    // Base documents win over virtual ones where both define a non-object value (as OPA does).
    if (load<u8>(av) == T_OBJ && load<u8>(bv) == T_OBJ) objPut(out, k, rt_obj_merge(av, bv));
  }
  return out;
}

/**
 * `with data.a.b as v` / `with input.a as v`: returns a copy of `doc` with `v` placed at `path`
 * (array of keys), copying only the objects along the path. `doc` may be 0 (undefined).
 */
export function rt_upsert_path(doc: usize, path: usize, start: u32, v: usize): usize {
  let n = arrLen(path);
  if (start >= n) return v;
  let o = doc != 0 && load<u8>(doc) == T_OBJ ? objCopy(doc) : mkObj(1);
  let k = arrGet(path, start);
  objPut(o, k, rt_upsert_path(objGet(o, k), path, start + 1, v));
  return o;
}

/** Aborts evaluation with `code: message` (both string values). */
export function rt_fail(msg: usize): void {
  let n = strLen(msg);
  let c = alloc(n + 1);
  memory.copy(c, strPtr(msg), n);
  store<u8>(c + n, 0);
  abortC(c);
}
