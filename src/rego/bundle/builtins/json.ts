// json.marshal, json.unmarshal, json.is_valid (Go's encoding/json output).

import { builtinFail, type Impl, str } from "./common.js";

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

export const jsonBuiltins: Record<string, Impl> = {
  "json.marshal": (v) => goMarshal(v),
  "json.unmarshal": jsonUnmarshal,
  "json.is_valid": jsonIsValid,
};
