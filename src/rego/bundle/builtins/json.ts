// json.marshal, json.unmarshal, json.is_valid (Go's encoding/json output) and json.patch (RFC 6902).

import { builtinFail, Fail, type Impl, isObject, str, typeFail, typeName, valueEqual } from "./common.js";

/** Go's encoding/json string quoting (HTML-safe, escapes U+2028/U+2029). */
export function goQuoteJSON(s: string): string {
  let out = '"';
  for (const ch of s) {
    const c = ch.codePointAt(0)!;
    switch (ch) {
      case '"':
        out += '\\"';
        continue;
      case "\\":
        out += "\\\\";
        continue;
      case "\n":
        out += "\\n";
        continue;
      case "\r":
        out += "\\r";
        continue;
      case "\t":
        out += "\\t";
        continue;
      case "\b":
        out += "\\b";
        continue;
      case "\f":
        out += "\\f";
        continue;
    }
    if (c < 0x20 || ch === "<" || ch === ">" || ch === "&" || c === 0x2028 || c === 0x2029) {
      out += "\\u" + c.toString(16).padStart(4, "0");
    } else if (c >= 0xd800 && c <= 0xdfff) {
      out += "\ufffd"; // lone surrogate: invalid UTF-8 in Go, written as U+FFFD
    } else out += ch;
  }
  return out + '"';
}

/** Byte-wise (UTF-8) string order, as Go sorts map keys. */
export function utf8Compare(a: string, b: string): number {
  return Buffer.compare(Buffer.from(a, "utf8"), Buffer.from(b, "utf8"));
}

export function goMarshal(v: unknown): string {
  if (v === null || v === undefined) return "null";
  switch (typeof v) {
    case "boolean":
      return v ? "true" : "false";
    case "number":
      if (!Number.isFinite(v)) throw builtinFail(`json: unsupported value: ${v}`);
      return formatJSONNumber(v);
    case "string":
      return goQuoteJSON(v);
  }
  if (Array.isArray(v)) return "[" + v.map(goMarshal).join(",") + "]";
  const o = v as Record<string, unknown>;
  const keys = Object.keys(o).sort(utf8Compare);
  return "{" + keys.map((k) => goQuoteJSON(k) + ":" + goMarshal(o[k])).join(",") + "}";
}

/** Number text as OPA would print it: integers in full, others in shortest form. */
export function formatJSONNumber(v: number): string {
  if (Number.isInteger(v) && Math.abs(v) < 1e21) return BigInt(v).toString();
  return JSON.stringify(v);
}

function jsonUnmarshal(s: unknown): unknown {
  const t = str(s, 1);
  try {
    return JSON.parse(t);
  } catch (e) {
    throw builtinFail((e as Error).message);
  }
}

function jsonIsValid(s: unknown): boolean {
  if (typeof s !== "string") return false;
  try {
    JSON.parse(s);
    return true;
  } catch {
    return false;
  }
}

// ---------------------------------------------------------------- json.patch

type Json = unknown;

/** A malformed operation: OPA 1.x makes the whole call undefined (not an error). */
class BadPatch {}

/** A patch path: a JSON pointer ("/a/b~1c", leading slashes trimmed) or an array of segments. */
function patchPath(p: unknown): unknown[] {
  if (typeof p === "string") {
    if (p === "") return [];
    return p.replace(/^\/+/, "").split("/").map((s) => s.replace(/~1/g, "/").replace(/~0/g, "~"));
  }
  if (Array.isArray(p)) return p;
  throw new BadPatch();
}

/** An array index from a path segment ("2" or 2); undefined if it is not one. */
function arrayIndex(key: unknown): number | undefined {
  if (typeof key === "number" && Number.isInteger(key)) return key;
  if (typeof key === "string" && /^[+-]?\d+$/.test(key)) return parseInt(key, 10);
  return undefined;
}

function patchGet(target: Json, key: unknown): { found: boolean; value?: Json } {
  if (isObject(target)) {
    if (typeof key === "string" && Object.prototype.hasOwnProperty.call(target, key)) return { found: true, value: target[key] };
    return { found: false };
  }
  if (Array.isArray(target)) {
    const i = arrayIndex(key);
    if (i !== undefined && i >= 0 && i < target.length) return { found: true, value: target[i] };
  }
  return { found: false };
}

/** The container holding the path's last segment (a fresh copy along the path), or undefined. */
function patchParent(root: { doc: Json }, path: unknown[]): { parent: Json; key: unknown } | undefined {
  if (path.length === 0) return undefined;
  let holder: Record<string, unknown> | unknown[] = root as unknown as Record<string, unknown>;
  let holderKey: unknown = "doc";
  for (let i = 0; i < path.length; i++) {
    const cur: unknown = (holder as Record<string, unknown>)[holderKey as string];
    const copy: unknown[] | Record<string, unknown> | undefined = Array.isArray(cur) ? [...cur] : isObject(cur) ? { ...cur } : undefined;
    if (copy === undefined) return undefined;
    (holder as Record<string, unknown>)[holderKey as string] = copy;
    if (i === path.length - 1) return { parent: copy, key: path[i] };
    const g = patchGet(copy, path[i]);
    if (!g.found) return undefined;
    holder = copy;
    holderKey = Array.isArray(copy) ? arrayIndex(path[i]) : path[i];
  }
  return undefined;
}

function patchAdd(doc: Json, path: unknown[], value: Json): { ok: boolean; doc?: Json } {
  if (path.length === 0) return { ok: true, doc: value };
  const root = { doc };
  const pk = patchParent(root, path);
  if (!pk) return { ok: false };
  const { parent, key } = pk;
  if (isObject(parent)) {
    if (typeof key !== "string") return { ok: false };
    parent[key] = value;
    return { ok: true, doc: root.doc };
  }
  if (Array.isArray(parent)) {
    const i = key === "-" ? parent.length : arrayIndex(key);
    if (i === undefined || i < 0 || i > parent.length) return { ok: false };
    parent.splice(i, 0, value);
    return { ok: true, doc: root.doc };
  }
  return { ok: false };
}

function patchRemove(doc: Json, path: unknown[]): { ok: boolean; doc?: Json; removed?: Json } {
  const root = { doc };
  const pk = patchParent(root, path);
  if (!pk) return { ok: false };
  const { parent, key } = pk;
  const g = patchGet(parent, key);
  if (!g.found) return { ok: false };
  if (isObject(parent)) delete parent[key as string];
  else (parent as unknown[]).splice(arrayIndex(key)!, 1);
  return { ok: true, doc: root.doc, removed: g.value };
}

function patchLookup(doc: Json, path: unknown[]): { found: boolean; value?: Json } {
  let cur: Json = doc;
  for (const k of path) {
    const g = patchGet(cur, k);
    if (!g.found) return { found: false };
    cur = g.value;
  }
  return { found: true, value: cur };
}

/**
 * json.patch: applies the operations in order. Undefined when one cannot apply or is malformed
 * (OPA 1.x reports no error for either); only a non-array operand 2 is a type error.
 */
function jsonPatch(target: Json, ops: unknown): Json {
  if (!Array.isArray(ops)) throw typeFail(2, "array", ops);
  try {
    return applyPatches(target, ops);
  } catch (e) {
    if (e instanceof BadPatch || e instanceof Fail) return undefined;
    throw e;
  }
}

function applyPatches(target: Json, ops: unknown[]): Json {
  let doc = target;
  for (const op of ops) {
    if (!isObject(op)) throw new BadPatch();
    const attr = (name: string): Json => {
      if (!Object.prototype.hasOwnProperty.call(op, name)) throw new BadPatch();
      return op[name];
    };
    const kind = attr("op");
    if (typeof kind !== "string" || !["add", "remove", "replace", "move", "copy", "test"].includes(kind)) throw new BadPatch();
    const path = patchPath(attr("path"));
    let r: { ok: boolean; doc?: Json };
    switch (kind) {
      case "add":
        r = patchAdd(doc, path, attr("value"));
        break;
      case "remove":
        r = patchRemove(doc, path);
        break;
      case "replace": {
        const value = attr("value");
        if (path.length === 0) {
          r = { ok: true, doc: value }; // the whole document
          break;
        }
        const rm = patchRemove(doc, path);
        r = rm.ok ? patchAdd(rm.doc, path, value) : rm;
        break;
      }
      case "move": {
        const from = patchPath(attr("from"));
        const rm = patchRemove(doc, from);
        r = rm.ok ? patchAdd(rm.doc, path, rm.removed) : rm;
        break;
      }
      case "copy": {
        const from = patchPath(attr("from"));
        const g = patchLookup(doc, from);
        r = g.found ? patchAdd(doc, path, g.value) : { ok: false };
        break;
      }
      default: {
        const value = attr("value");
        const g = patchLookup(doc, path);
        r = g.found && valueEqual(g.value, value) ? { ok: true, doc } : { ok: false };
      }
    }
    if (!r.ok) throw new BadPatch();
    doc = r.doc;
  }
  return doc;
}

// ---------------------------------------------------------------- json.marshal_with_options

/** Go's json.MarshalIndent (HTML-safe strings, keys in byte order). */
function marshalIndent(v: unknown, prefix: string, indent: string, depth: number): string {
  const nl = (d: number) => "\n" + prefix + indent.repeat(d);
  if (Array.isArray(v)) {
    if (v.length === 0) return "[]";
    return "[" + v.map((x) => nl(depth + 1) + marshalIndent(x, prefix, indent, depth + 1)).join(",") + nl(depth) + "]";
  }
  if (isObject(v)) {
    const keys = Object.keys(v).sort(utf8Compare);
    if (keys.length === 0) return "{}";
    return "{" + keys.map((k) => nl(depth + 1) + goQuoteJSON(k) + ": " + marshalIndent(v[k], prefix, indent, depth + 1)).join(",") + nl(depth) + "}";
  }
  return goMarshal(v);
}

/** json.marshal_with_options: {"pretty": bool, "prefix": string, "indent": string}; prefix or indent imply pretty. */
function marshalWithOptions(v: unknown, opts: unknown): string {
  if (!isObject(opts)) throw typeFail(2, "object", opts);
  let indent = "\t";
  let prefix = "";
  let implicit = false;
  let explicit: boolean | undefined;
  for (const key of Object.keys(opts).sort(utf8Compare)) {
    const val = opts[key];
    switch (key) {
      case "prefix":
      case "indent":
        if (typeof val !== "string") throw new Fail("eval_type_error", `operand 2 key ${key} failed cast to string: operand 1 must be string but got ${typeName(val)}`);
        if (key === "prefix") prefix = val;
        else indent = val;
        implicit = true;
        break;
      case "pretty":
        if (typeof val !== "boolean") throw new Fail("eval_type_error", `operand 2 key ${key} failed cast to bool`);
        explicit = val;
        break;
      default:
        throw new Fail("eval_type_error", `operand 2 object contained unknown key ${key}`);
    }
  }
  if (!(explicit ?? implicit)) return goMarshal(v);
  return prefix + marshalIndent(v, prefix, indent, 0);
}

export const jsonBuiltins: Record<string, Impl> = {
  "json.marshal_with_options": marshalWithOptions,
  "json.patch": jsonPatch,
  "json.marshal": (v) => goMarshal(v),
  "json.unmarshal": jsonUnmarshal,
  "json.is_valid": jsonIsValid,
};
