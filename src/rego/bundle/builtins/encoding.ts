// base64, base64url, hex and urlquery (Go's encoding/base64, encoding/hex, net/url).

import { createRequire } from "node:module";
import { builtinFail, Fail, goQuote, isObject, str, typeFail, type Impl } from "./common.js";

export const B64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
export const B64URL = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

/** Go's base64.Encoding.DecodeString (padded, non-strict): bytes or the CorruptInputError offset. */
export function b64decode(s: string, alphabet: string): Uint8Array | number {
  const src = Buffer.from(s, "utf8");
  const map = new Int16Array(256).fill(-1);
  for (let i = 0; i < 64; i++) map[alphabet.charCodeAt(i)] = i;
  const out: number[] = [];
  let si = 0;
  const n = src.length;
  const skipNl = () => {
    while (si < n && (src[si] === 0x0a || src[si] === 0x0d)) si++;
  };
  while (true) {
    skipNl();
    if (si >= n) return Uint8Array.from(out);
    const quantum: number[] = [];
    let j = 0;
    let padded = false;
    for (; j < 4; j++) {
      skipNl();
      if (si >= n) {
        if (j === 0) return Uint8Array.from(out);
        return si - j; // missing padding
      }
      const c = src[si];
      const start = si;
      si++;
      if (c === 0x3d) {
        // '=' padding
        switch (j) {
          case 0:
          case 1:
            return start;
          case 2:
            skipNl();
            if (si >= n) return n;
            if (src[si] !== 0x3d) return start;
            si++;
        }
        skipNl();
        if (si < n) return si; // trailing garbage after padding
        padded = true;
        break;
      }
      const d = map[c];
      if (d < 0) return start;
      quantum.push(d);
    }
    const q = quantum;
    if (q.length >= 2) out.push(((q[0] << 2) | (q[1] >> 4)) & 0xff);
    if (q.length >= 3) out.push(((q[1] << 4) | (q[2] >> 2)) & 0xff);
    if (q.length >= 4) out.push(((q[2] << 6) | q[3]) & 0xff);
    if (padded) return Uint8Array.from(out);
  }
}

export const utf8 = (b: Uint8Array) => Buffer.from(b).toString("utf8");

function base64Decode(s: unknown): string {
  const r = b64decode(str(s, 1), B64);
  if (typeof r === "number") throw builtinFail(`illegal base64 data at input byte ${r}`);
  return utf8(r);
}

/** base64url with or without padding (RFC 7515 appendix C), as OPA decodes it: the bytes. */
export function base64UrlBytes(s: string): Uint8Array {
  let t = s;
  if (!t.endsWith("=")) {
    switch (Buffer.byteLength(t) % 4) {
      case 0:
        break;
      case 2:
        t += "==";
        break;
      case 3:
        t += "=";
        break;
      default:
        throw builtinFail(`illegal base64url string: ${t}`);
    }
  }
  const r = b64decode(t, B64URL);
  if (typeof r === "number") throw builtinFail(`illegal base64 data at input byte ${r}`);
  return r;
}

function base64UrlDecode(s: unknown): string {
  return utf8(base64UrlBytes(str(s, 1)));
}

/** Go's url.QueryEscape. */
const queryEscape = (s: string) => encodeURIComponent(s).replace(/%20/g, "+").replace(/[!'()*]/g, (c) => "%" + c.charCodeAt(0).toString(16).toUpperCase());

/** Go's url.QueryUnescape. */
function queryUnescape(s: string): string {
  const bytes: number[] = [];
  const src = Buffer.from(s, "utf8");
  for (let i = 0; i < src.length; i++) {
    const c = src[i];
    if (c === 0x25) {
      const h = src.subarray(i + 1, i + 3).toString("latin1");
      if (!/^[0-9a-fA-F]{2}$/.test(h)) {
        const bad = src.subarray(i, Math.min(i + 3, src.length)).toString("utf8");
        throw builtinFail(`invalid URL escape ${goQuote(bad)}`);
      }
      bytes.push(parseInt(h, 16));
      i += 2;
    } else bytes.push(c === 0x2b ? 0x20 : c);
  }
  return Buffer.from(bytes).toString("utf8");
}

/** urlquery.encode_object: Go's url.Values.Encode (keys sorted; arrays and sets give one pair per value). */
function encodeObject(o: unknown): string {
  if (!isObject(o)) throw typeFail(1, "object", o);
  const bad = () => new Fail("eval_type_error", "operand 1 values must be string, array[string], or set[string]");
  const pairs: string[] = [];
  for (const k of Object.keys(o).sort((a, b) => Buffer.compare(Buffer.from(a), Buffer.from(b)))) {
    const v = o[k];
    const vals = typeof v === "string" ? [v] : Array.isArray(v) ? v : undefined;
    if (!vals) throw bad();
    for (const x of vals) {
      if (typeof x !== "string") throw bad();
      pairs.push(`${queryEscape(k)}=${queryEscape(x)}`);
    }
  }
  return pairs.join("&");
}

/** urlquery.decode_object: Go's url.ParseQuery, every key to the array of its values. */
function decodeObject(q: unknown): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  let firstErr: Fail | undefined;
  for (const part of str(q, 1).split("&")) {
    if (part.includes(";")) {
      firstErr ??= builtinFail("invalid semicolon separator in query");
      continue;
    }
    if (part === "") continue;
    const eq = part.indexOf("=");
    try {
      const key = queryUnescape(eq < 0 ? part : part.slice(0, eq));
      const value = queryUnescape(eq < 0 ? "" : part.slice(eq + 1));
      (out[key] ??= []).push(value);
    } catch (e) {
      if (!(e instanceof Fail)) throw e;
      firstErr ??= e;
    }
  }
  if (firstErr) throw firstErr;
  return out;
}

/**
 * yaml.unmarshal: malformed YAML is an eval_builtin_error in strict mode (the SDK's own version
 * swallows the parser's error and the expression is always undefined). The yaml library is loaded
 * when first used: most checks never unmarshal YAML.
 */
let yamlLib: typeof import("yaml") | undefined;

/**
 * The documents of a YAML text, or the first error among them. A text of several documents
 * (`---` between them) is valid when every one is, and reads as its first, as Go's YAML decoder
 * that OPA uses; an empty text is null.
 */
function yamlDocuments(text: string): { first: unknown } | { error: string } {
  yamlLib ??= createRequire(import.meta.url)("yaml") as typeof import("yaml");
  const docs = yamlLib.parseAllDocuments(text, { prettyErrors: false });
  if (!Array.isArray(docs)) return { first: null }; // only comments or directives: no document
  for (const d of docs) if (d.errors.length) return { error: d.errors[0]!.message.split("\n")[0]! };
  return { first: docs.length ? docs[0]!.toJS() : null };
}

function yamlUnmarshal(s: unknown): unknown {
  const r = yamlDocuments(str(s, 1));
  if ("error" in r) throw builtinFail(`yaml: ${r.error}`);
  return r.first;
}

/** yaml.is_valid: false for malformed YAML, and for a non-string operand (as OPA). */
function yamlIsValid(s: unknown): boolean {
  return typeof s === "string" && !("error" in yamlDocuments(s));
}

/** yaml.marshal: block style, sequences in mappings not indented (as Go's yaml.v2 writes them). */
function yamlMarshal(v: unknown): string {
  yamlLib ??= createRequire(import.meta.url)("yaml") as typeof import("yaml");
  return yamlLib.stringify(v, { indentSeq: false });
}

export const encodingBuiltins: Record<string, Impl> = {
  "yaml.unmarshal": yamlUnmarshal,
  "yaml.is_valid": yamlIsValid,
  "yaml.marshal": yamlMarshal,
  "base64.encode": (s) => Buffer.from(str(s, 1), "utf8").toString("base64"),
  "base64.decode": base64Decode,
  "base64.is_valid": (s) => typeof s === "string" && typeof b64decode(s, B64) !== "number",
  "base64url.encode": (s) => Buffer.from(str(s, 1), "utf8").toString("base64").replace(/\+/g, "-").replace(/\//g, "_"),
  "base64url.encode_no_pad": (s) => Buffer.from(str(s, 1), "utf8").toString("base64url"),
  "base64url.decode": base64UrlDecode,
  "hex.encode": (s) => Buffer.from(str(s, 1), "utf8").toString("hex"),
  "hex.decode": (s) => {
    const t = str(s, 1);
    const bad = t.search(/[^0-9a-fA-F]/);
    if (bad >= 0) throw builtinFail(`encoding/hex: invalid byte: U+${t.codePointAt(bad)!.toString(16).toUpperCase().padStart(4, "0")} ${goQuote(Array.from(t.slice(bad))[0]).replace(/^"|"$/g, "'")}`);
    if (t.length % 2) throw builtinFail("encoding/hex: odd length hex string");
    return utf8(Buffer.from(t, "hex"));
  },
  "urlquery.encode": (s) => queryEscape(str(s, 1)),
  "urlquery.encode_object": encodeObject,
  "urlquery.decode_object": decodeObject,
  "urlquery.decode": (s) => {
    try {
      return decodeURIComponent(str(s, 1).replace(/\+/g, " "));
    } catch {
      throw builtinFail(`invalid URL escape in ${goQuote(s as string)}`);
    }
  },
};
