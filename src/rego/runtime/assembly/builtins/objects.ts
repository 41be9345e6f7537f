// array.*, object.*, json.filter, json.remove, walk, graph.reachable.

import { alloc } from "../memory";
import {
  T_NULL, T_NUM, T_STR, T_ARR, T_OBJ, T_SET,
  mkNum, mkArr, arrPush, arrLen, arrGet, numOf, strLen, strPtr, mkStrRef, mkNull,
  mkObj, objGet, objPut, mkSet, setAdd, setHas, tblLen, tblKey, tblVal, tblKeySorted, tblValSorted,
  getValue, valueEqual,
} from "../value";
import { typeErr, elemErr, operandErr, notIntErr } from "./errors";
import { isIntF } from "./util";

// ---------------------------------------------------------------- arrays

export function bi_array_concat(a: usize, b: usize): usize {
  if (load<u8>(a) != T_ARR) return typeErr("array.concat", 1, "array", a);
  if (load<u8>(b) != T_ARR) return typeErr("array.concat", 2, "array", b);
  let na = arrLen(a), nb = arrLen(b);
  let out = mkArr(na + nb);
  for (let i: u32 = 0; i < na; i++) arrPush(out, arrGet(a, i));
  for (let i: u32 = 0; i < nb; i++) arrPush(out, arrGet(b, i));
  return out;
}

/** IntOperand check; returns false after reporting. */
function intOperand(name: string, pos: i32, v: usize): bool {
  if (load<u8>(v) != T_NUM) { typeErr(name, pos, "number", v); return false; }
  if (!isIntF(numOf(v))) { notIntErr(name, pos); return false; }
  return true;
}

export function bi_array_slice(a: usize, s: usize, e: usize): usize {
  if (load<u8>(a) != T_ARR) return typeErr("array.slice", 1, "array", a);
  if (!intOperand("array.slice", 2, s)) return 0;
  if (!intOperand("array.slice", 3, e)) return 0;
  let n = <f64>arrLen(a);
  let stop = numOf(e), start = numOf(s);
  if (stop < 0) stop = 0; else if (stop > n) stop = n;
  if (start < 0) start = 0; else if (start > stop) start = stop;
  let i0 = <u32>start, i1 = <u32>stop;
  let out = mkArr(i1 - i0);
  for (let i = i0; i < i1; i++) arrPush(out, arrGet(a, i));
  return out;
}

export function bi_array_reverse(a: usize): usize {
  if (load<u8>(a) != T_ARR) return typeErr("array.reverse", 1, "array", a);
  let n = arrLen(a);
  let out = mkArr(n);
  for (let i: u32 = n; i > 0; i--) arrPush(out, arrGet(a, i - 1));
  return out;
}

// ---------------------------------------------------------------- objects

/** Value.Find(path[i:]) of OPA: 0 when not found. */
function findPath(v: usize, path: usize, i: u32): usize {
  let n = arrLen(path);
  while (i < n) {
    let k = arrGet(path, i);
    switch (load<u8>(v)) {
      case T_OBJ: v = objGet(v, k); break;
      case T_ARR: v = getValue(v, k); break;
      case T_SET: v = setHas(v, k) ? k : 0; break;
      default: return 0;
    }
    if (v == 0) return 0;
    i++;
  }
  return v;
}

export function bi_object_get(o: usize, key: usize, dflt: usize): usize {
  if (load<u8>(o) != T_OBJ) return typeErr("object.get", 1, "object", o);
  if (load<u8>(key) != T_ARR) {
    let v = objGet(o, key);
    return v != 0 ? v : dflt;
  }
  if (arrLen(key) == 0) return o;
  let v = findPath(o, key, 0);
  return v != 0 ? v : dflt;
}

/** The keys of an array/set/object operand as a set; 0 (after reporting) for other types. */
function keysParam(name: string, k: usize): usize {
  switch (load<u8>(k)) {
    case T_ARR: {
      let n = arrLen(k);
      let s = mkSet(n);
      for (let i: u32 = 0; i < n; i++) setAdd(s, arrGet(k, i));
      return s;
    }
    case T_SET: return k;
    case T_OBJ: {
      let n = tblLen(k);
      let s = mkSet(n);
      for (let i: u32 = 0; i < n; i++) setAdd(s, tblKey(k, i));
      return s;
    }
  }
  return typeErr(name, 2, "one of {object, set, array}", k);
}

export function bi_object_remove(o: usize, keys: usize): usize {
  if (load<u8>(o) != T_OBJ) return typeErr("object.remove", 1, "object", o);
  let ks = keysParam("object.remove", keys);
  if (ks == 0) return 0;
  let n = tblLen(o);
  let out = mkObj(n);
  for (let i: u32 = 0; i < n; i++) {
    let k = tblKey(o, i);
    if (!setHas(ks, k)) objPut(out, k, tblVal(o, i));
  }
  return out;
}

export function bi_object_filter(o: usize, keys: usize): usize {
  if (load<u8>(o) != T_OBJ) return typeErr("object.filter", 1, "object", o);
  let ks = keysParam("object.filter", keys);
  if (ks == 0) return 0;
  let n = tblLen(o);
  let out = mkObj(0);
  for (let i: u32 = 0; i < n; i++) {
    let k = tblKey(o, i);
    if (setHas(ks, k)) objPut(out, k, tblVal(o, i));
  }
  return out;
}

function mergeWithOverwrite(a: usize, b: usize): usize {
  let na = tblLen(a), nb = tblLen(b);
  let out = mkObj(na + nb);
  for (let i: u32 = 0; i < na; i++) objPut(out, tblKey(a, i), tblVal(a, i));
  for (let i: u32 = 0; i < nb; i++) {
    let k = tblKey(b, i);
    let bv = tblVal(b, i);
    let av = objGet(out, k);
    if (av != 0 && load<u8>(av) == T_OBJ && load<u8>(bv) == T_OBJ) objPut(out, k, mergeWithOverwrite(av, bv));
    else objPut(out, k, bv);
  }
  return out;
}

export function bi_object_union(a: usize, b: usize): usize {
  if (load<u8>(a) != T_OBJ) return typeErr("object.union", 1, "object", a);
  if (load<u8>(b) != T_OBJ) return typeErr("object.union", 2, "object", b);
  if (valueEqual(a, b)) return a;
  return mergeWithOverwrite(a, b);
}

export function bi_object_union_n(a: usize): usize {
  if (load<u8>(a) != T_ARR) return typeErr("object.union_n", 1, "array", a);
  let n = arrLen(a);
  let out = mkObj(0);
  for (let i: u32 = 0; i < n; i++) {
    let o = arrGet(a, i);
    if (load<u8>(o) != T_OBJ) return elemErr("object.union_n", 1, a, "objects", o);
    out = mergeWithOverwrite(out, o);
  }
  return out;
}

export function bi_object_keys(o: usize): usize {
  if (load<u8>(o) != T_OBJ) return typeErr("object.keys", 1, "object", o);
  let n = tblLen(o);
  let s = mkSet(n);
  for (let i: u32 = 0; i < n; i++) setAdd(s, tblKey(o, i));
  return s;
}

// ---------------------------------------------------------------- json.filter / json.remove

/** A string value holding the decimal text of i (array indices are string keys in path trees). */
function indexKey(i: u32): usize {
  let buf = alloc(12);
  let n: u32 = 0;
  let tmp = alloc(12);
  do { store<u8>(tmp + n, <u8>(0x30 + i % 10)); n++; i /= 10; } while (i > 0);
  for (let j: u32 = 0; j < n; j++) store<u8>(buf + j, load<u8>(tmp + n - 1 - j));
  return mkStrRef(buf, n);
}

/** One JSON-pointer-like segment with ~1 -> "/" and ~0 -> "~" (in that order, as OPA). */
function unescapeSegment(p: usize, n: u32): usize {
  let buf = alloc(n);
  let o: u32 = 0;
  // First pass: ~1 -> /
  for (let i: u32 = 0; i < n; i++) {
    let c = load<u8>(p + i);
    if (c == 0x7e && i + 1 < n && load<u8>(p + i + 1) == 0x31) { store<u8>(buf + o, 0x2f); o++; i++; continue; }
    store<u8>(buf + o, c); o++;
  }
  // Second pass: ~0 -> ~
  let out = alloc(o);
  let m: u32 = 0;
  for (let i: u32 = 0; i < o; i++) {
    let c = load<u8>(buf + i);
    if (c == 0x7e && i + 1 < o && load<u8>(buf + i + 1) == 0x30) { store<u8>(out + m, 0x7e); m++; i++; continue; }
    store<u8>(out + m, c); m++;
  }
  return mkStrRef(out, m);
}

/** parsePath: a "/a/b" string or an array of segments, as an array value; 0 on a type error. */
function parsePath(name: string, p: usize): usize {
  if (load<u8>(p) == T_ARR) return p;
  if (load<u8>(p) != T_STR) {
    return operandErr(name, 2, "must be one of {set, array} containing string paths or array of path segments");
  }
  let out = mkArr(0);
  let s = strPtr(p), n = strLen(p);
  if (n == 0) return out;
  let i: u32 = 0;
  while (i < n && load<u8>(s + i) == 0x2f) i++;
  let start = i;
  while (true) {
    if (i == n || load<u8>(s + i) == 0x2f) {
      arrPush(out, unescapeSegment(s + start, i - start));
      if (i == n) break;
      start = i + 1;
    }
    i++;
  }
  return out;
}

/** pathsToObject: a tree of objects whose null leaves mark the selected paths. 0 on error. */
function pathsTree(name: string, paths: usize): usize {
  let t = load<u8>(paths);
  if (t != T_ARR && t != T_SET) return typeErr(name, 2, "one of {set, array}", paths);
  let root = mkObj(0);
  let n = t == T_ARR ? arrLen(paths) : tblLen(paths);
  for (let i: u32 = 0; i < n; i++) {
    let path = parsePath(name, t == T_ARR ? arrGet(paths, i) : tblKeySorted(paths, i));
    if (path == 0) return 0;
    let m = arrLen(path);
    if (m == 0) continue;
    let node = root;
    let done = false;
    for (let j: u32 = 0; j + 1 < m; j++) {
      let k = arrGet(path, j);
      let child = objGet(node, k);
      if (child == 0) {
        let o = mkObj(0);
        objPut(node, k, o);
        node = o;
        continue;
      }
      if (load<u8>(child) == T_NULL) { done = true; break; }
      node = child;
    }
    if (!done) objPut(node, arrGet(path, m - 1), mkNull());
  }
  return root;
}

function filterValue(v: usize, f: usize): usize {
  if (load<u8>(f) == T_NULL) return v;
  if (load<u8>(f) != T_OBJ) return v;
  switch (load<u8>(v)) {
    case T_ARR: {
      let out = mkArr(0);
      let n = arrLen(v);
      for (let i: u32 = 0; i < n; i++) {
        let sub = objGet(f, indexKey(i));
        if (sub != 0) arrPush(out, filterValue(arrGet(v, i), sub));
      }
      return out;
    }
    case T_SET: {
      let out = mkSet(0);
      let n = tblLen(v);
      for (let i: u32 = 0; i < n; i++) {
        let e = tblKey(v, i);
        let sub = objGet(f, e);
        if (sub != 0) setAdd(out, filterValue(e, sub));
      }
      return out;
    }
    case T_OBJ: {
      let out = mkObj(0);
      let n = tblLen(v);
      for (let i: u32 = 0; i < n; i++) {
        let k = tblKey(v, i);
        let sub = objGet(f, k);
        if (sub != 0) objPut(out, k, filterValue(tblVal(v, i), sub));
      }
      return out;
    }
  }
  return v;
}

export function bi_json_filter(o: usize, paths: usize): usize {
  if (load<u8>(o) != T_OBJ) return typeErr("json.filter", 1, "object", o);
  let tree = pathsTree("json.filter", paths);
  if (tree == 0) return 0;
  return filterValue(o, tree);
}

function removeValue(a: usize, b: usize): usize {
  if (b == 0) return a;
  let tb = load<u8>(b);
  if (tb == T_NULL) return 0;
  if (tb != T_OBJ) return a;
  switch (load<u8>(a)) {
    case T_OBJ: {
      let out = mkObj(0);
      let n = tblLen(a);
      for (let i: u32 = 0; i < n; i++) {
        let k = tblKey(a, i);
        let d = removeValue(tblVal(a, i), objGet(b, k));
        if (d != 0) objPut(out, k, d);
      }
      return out;
    }
    case T_SET: {
      let out = mkSet(0);
      let n = tblLen(a);
      for (let i: u32 = 0; i < n; i++) {
        let e = tblKey(a, i);
        let d = removeValue(e, objGet(b, e));
        if (d != 0) setAdd(out, d);
      }
      return out;
    }
    case T_ARR: {
      let out = mkArr(0);
      let n = arrLen(a);
      for (let i: u32 = 0; i < n; i++) {
        let d = removeValue(arrGet(a, i), objGet(b, indexKey(i)));
        if (d != 0) arrPush(out, d);
      }
      return out;
    }
  }
  return a;
}

export function bi_json_remove(o: usize, paths: usize): usize {
  if (load<u8>(o) != T_OBJ) return typeErr("json.remove", 1, "object", o);
  let tree = pathsTree("json.remove", paths);
  if (tree == 0) return 0;
  return removeValue(o, tree);
}

// ---------------------------------------------------------------- walk

function pathAppend(path: usize, k: usize): usize {
  let n = arrLen(path);
  let out = mkArr(n + 1);
  for (let i: u32 = 0; i < n; i++) arrPush(out, arrGet(path, i));
  arrPush(out, k);
  return out;
}

function walkInto(out: usize, path: usize, v: usize): void {
  let pair = mkArr(2);
  arrPush(pair, path);
  arrPush(pair, v);
  arrPush(out, pair);
  switch (load<u8>(v)) {
    case T_ARR: {
      let n = arrLen(v);
      for (let i: u32 = 0; i < n; i++) walkInto(out, pathAppend(path, mkNum(<f64>i)), arrGet(v, i));
      break;
    }
    case T_OBJ: {
      let n = tblLen(v);
      for (let i: u32 = 0; i < n; i++) walkInto(out, pathAppend(path, tblKeySorted(v, i)), tblValSorted(v, i));
      break;
    }
    case T_SET: {
      let n = tblLen(v);
      for (let i: u32 = 0; i < n; i++) {
        let e = tblKeySorted(v, i);
        walkInto(out, pathAppend(path, e), e);
      }
      break;
    }
  }
}

/**
 * walk(x) is a relation in OPA (`walk(x, [path, value])` enumerates every node). Natively it
 * returns the array of all [path, value] pairs, in pre-order (a node before its children;
 * arrays by index, objects and sets in sorted key order); the compiler iterates that array.
 */
export function bi_walk(v: usize): usize {
  let out = mkArr(16);
  walkInto(out, mkArr(0), v);
  return out;
}

// ---------------------------------------------------------------- graph.reachable

function pushVertices(queue: usize, coll: usize): void {
  switch (load<u8>(coll)) {
    case T_ARR: {
      let n = arrLen(coll);
      for (let i: u32 = 0; i < n; i++) arrPush(queue, arrGet(coll, i));
      break;
    }
    case T_SET: {
      let n = tblLen(coll);
      for (let i: u32 = 0; i < n; i++) arrPush(queue, tblKeySorted(coll, i));
      break;
    }
  }
}

export function bi_graph_reachable(g: usize, initial: usize): usize {
  if (load<u8>(g) != T_OBJ) return typeErr("graph.reachable", 1, "object", g);
  let ti = load<u8>(initial);
  if (ti != T_ARR && ti != T_SET) return typeErr("graph.reachable", 2, "{array, set}", initial);
  let queue = mkArr(8);
  pushVertices(queue, initial);
  let reached = mkSet(0);
  let head: u32 = 0;
  while (head < arrLen(queue)) {
    let node = arrGet(queue, head);
    head++;
    let edges = objGet(g, node);
    if (edges == 0) continue;
    if (setHas(reached, node)) continue;
    let t = load<u8>(edges);
    if (t == T_ARR) {
      let n = arrLen(edges);
      for (let i: u32 = 0; i < n; i++) { let x = arrGet(edges, i); if (!setHas(reached, x)) arrPush(queue, x); }
    } else if (t == T_SET) {
      let n = tblLen(edges);
      for (let i: u32 = 0; i < n; i++) { let x = tblKey(edges, i); if (!setHas(reached, x)) arrPush(queue, x); }
    }
    setAdd(reached, node);
  }
  return reached;
}
