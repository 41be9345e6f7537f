// JavaScript implementations of the Rego builtins that sanso's Wasm runtime does not implement
// natively. They are served through the OPA Wasm ABI's `opa_builtinN` imports: the SDK
// (@open-policy-agent/opa-wasm) hands them to us as `customBuiltins`, with arguments converted
// to plain JSON (sets arrive as sorted arrays, objects with non-string keys have their keys in
// Rego text) and turns the returned JSON-able value back into a Rego value (`undefined` means
// the call is undefined).
//
// Errors. OPA reports a failing builtin as undefined by default and as an evaluation error with
// strict-builtin-errors. `makeJsBuiltins(strict)` builds the table for either mode: strict
// implementations throw a `RegoBuiltinError` whose message has OPA's form
//   "eval_builtin_error: net.cidr_contains: invalid CIDR address: not-a-cidr"
//   "eval_type_error: base64.encode: operand 1 must be string but got number"
// and non-strict ones return undefined instead. `jsBuiltins` is the non-strict (default) table.
//
// Semantics follow OPA's Go implementation (Go's regexp, net, encoding/base64, fmt, gobwas/glob).
//
// Importing this module also replaces the SDK's own sprintf, json.is_valid and regex.split (which
// shadow customBuiltins) with the versions here; see installSdkOverrides.

import { createHash, createHmac, randomUUID } from "node:crypto";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";

// ---------------------------------------------------------------- errors

export class RegoBuiltinError extends Error {
  constructor(
    readonly code: "eval_type_error" | "eval_builtin_error",
    readonly builtin: string,
    readonly detail: string,
  ) {
    super(`${code}: ${builtin}: ${detail}`);
    this.name = "RegoBuiltinError";
  }
}

/** Thrown by implementations; the wrapper adds the builtin name. */
class Fail {
  constructor(
    readonly code: "eval_type_error" | "eval_builtin_error",
    readonly detail: string,
  ) {}
}

const builtinFail = (detail: string) => new Fail("eval_builtin_error", detail);

function typeName(v: unknown): string {
  if (v === null || v === undefined) return "null";
  if (Array.isArray(v)) return "array";
  switch (typeof v) {
    case "boolean":
      return "boolean";
    case "number":
      return "number";
    case "string":
      return "string";
  }
  return "object";
}

function typeFail(pos: number, expected: string, got: unknown): Fail {
  return new Fail("eval_type_error", `operand ${pos} must be ${expected} but got ${typeName(got)}`);
}

function str(v: unknown, pos: number): string {
  if (typeof v !== "string") throw typeFail(pos, "string", v);
  return v;
}

function int(v: unknown, pos: number): number {
  if (typeof v !== "number") throw typeFail(pos, "number", v);
  if (!Number.isInteger(v)) throw new Fail("eval_type_error", `operand ${pos} must be integer number but got floating-point number`);
  return v;
}

// ---------------------------------------------------------------- base64

const B64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
const B64URL = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

/** Go's base64.Encoding.DecodeString (padded, non-strict): bytes or the CorruptInputError offset. */
function b64decode(s: string, alphabet: string): Uint8Array | number {
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

const utf8 = (b: Uint8Array) => Buffer.from(b).toString("utf8");

function base64Decode(s: unknown): string {
  const r = b64decode(str(s, 1), B64);
  if (typeof r === "number") throw builtinFail(`illegal base64 data at input byte ${r}`);
  return utf8(r);
}

function base64UrlDecode(s: unknown): string {
  let t = str(s, 1);
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
  return utf8(r);
}

// ---------------------------------------------------------------- glob (gobwas/glob v0.2.3)

const reEscape = (s: string) => s.replace(/[\\^$.*+?()[\]{}|/]/g, (c) => "\\" + c);
const classEscape = (s: string) => s.replace(/[\\\]^[-]/g, (c) => "\\" + c);

/** Translates a gobwas glob into an anchored JS RegExp source; throws a message on syntax errors. */
function globToRegExp(pattern: string, delimiters: string[]): string {
  const notSep = delimiters.length ? `[^${delimiters.map(classEscape).join("")}]` : "[\\s\\S]";
  const chars = Array.from(pattern);
  let i = 0;
  let termsLevel = 0;
  let out = "";
  const readText = (breakers: string): string => {
    let data = "";
    let escaped = false;
    while (i < chars.length) {
      const r = chars[i];
      if (!escaped) {
        if (r === "\\") {
          escaped = true;
          i++;
          continue;
        }
        if (breakers.includes(r)) break;
      }
      escaped = false;
      data += r;
      i++;
    }
    return data;
  };
  while (i < chars.length) {
    const r = chars[i];
    if (r === "{") {
      termsLevel++;
      out += "(?:";
      i++;
    } else if (r === "," && termsLevel > 0) {
      out += "|";
      i++;
    } else if (r === "}" && termsLevel > 0) {
      termsLevel--;
      out += ")";
      i++;
    } else if (r === "[") {
      i++;
      let not = false;
      let lo: string | undefined;
      let hi: string | undefined;
      let text = "";
      let wantHi = false;
      let closed = false;
      while (true) {
        if (i >= chars.length) throw "unexpected end of input";
        const c = chars[i];
        if (wantHi) {
          hi = c;
          i++;
          if (chars[i] !== "]") throw i >= chars.length ? "unexpected end of input" : "expected close range character";
          i++;
          closed = true;
          break;
        }
        if (!not && c === "!" && text === "" && lo === undefined) {
          not = true;
          i++;
          continue;
        }
        if (chars[i + 1] === "-") {
          lo = c;
          i += 2;
          wantHi = true;
          continue;
        }
        text = readText("]");
        if (i >= chars.length) throw "unexpected end of input";
        i++; // ']'
        closed = true;
        break;
      }
      if (!closed) throw "unexpected end";
      if (lo !== undefined && hi !== undefined) {
        if (hi < lo) throw `hi character '${hi}' should be greater than lo '${lo}'`;
        out += `[${not ? "^" : ""}${classEscape(lo)}-${classEscape(hi)}]`;
      } else {
        if (text === "") throw "could not parse range";
        out += `[${not ? "^" : ""}${classEscape(text)}]`;
      }
    } else if (r === "?") {
      out += notSep;
      i++;
    } else if (r === "*") {
      if (chars[i + 1] === "*") {
        out += "[\\s\\S]*";
        i += 2;
      } else {
        out += `${notSep}*`;
        i++;
      }
    } else {
      out += reEscape(readText(termsLevel > 0 ? "?*[{},": "?*[{"));
    }
  }
  out += ")".repeat(termsLevel); // gobwas accepts an unclosed `{`
  return `^(?:${out})$`;
}

const globCache = new Map<string, RegExp>();

function globMatch(pattern: unknown, delims: unknown, match: unknown): boolean {
  const p = str(pattern, 1);
  let delimiters: string[];
  if (delims === null) delimiters = [];
  else if (Array.isArray(delims)) {
    delimiters = delims.map((d) => {
      if (typeof d !== "string") throw new Fail("eval_type_error", `operand 2 must be array of strings but got array containing ${typeName(d)}`);
      if (Array.from(d).length !== 1) throw new Fail("eval_type_error", "operand 2 must be array of runes but got array containing string");
      return d;
    });
    if (delimiters.length === 0) delimiters = ["."];
  } else throw typeFail(2, "one of {array, null}", delims);
  const m = str(match, 3);
  const key = `${p}\u0000${delimiters.join("")}`;
  let re = globCache.get(key);
  if (!re) {
    try {
      re = new RegExp(globToRegExp(p, delimiters), "u");
    } catch (e) {
      throw builtinFail(typeof e === "string" ? e : String((e as Error).message));
    }
    if (globCache.size > 1000) globCache.clear();
    globCache.set(key, re);
  }
  return re.test(m);
}

function globQuoteMeta(pattern: unknown): string {
  return str(pattern, 1).replace(/[*?\\[\]{}]/g, (c) => "\\" + c);
}

// ---------------------------------------------------------------- regex (Go RE2 syntax)

class RegexSyntaxError {
  constructor(readonly msg: string) {}
}

const POSIX: Record<string, string> = {
  alnum: "0-9A-Za-z",
  alpha: "A-Za-z",
  ascii: "\\x00-\\x7F",
  blank: "\\t ",
  cntrl: "\\x00-\\x1F\\x7F",
  digit: "0-9",
  graph: "!-~",
  lower: "a-z",
  print: " -~",
  punct: "!-\\/:-@\\[-`{-~",
  space: "\\t\\n\\v\\f\\r ",
  upper: "A-Z",
  word: "0-9A-Za-z_",
  xdigit: "0-9A-Fa-f",
};

const hexEsc = (cp: number) => `\\u{${cp.toString(16)}}`;

/**
 * Translates a Go (RE2) regular expression into an equivalent JS RegExp (source, flags with "u").
 * Rejects what Go rejects (backreferences, lookaround, bad escapes...) with Go's messages.
 */
function translateRegex(src: string): { source: string; flags: string } {
  const cs = Array.from(src);
  let i = 0;
  let flags = "u";
  let out = "";
  const err = (code: string, arg: string): never => {
    throw new RegexSyntaxError(`error parsing regexp: ${code}: \`${arg}\``);
  };
  const rest = (from: number) => cs.slice(from).join("");
  let depth = 0;
  const groupStarts: number[] = [];
  // Whether the previous item can take a repetition operator (and whether it already has one).
  let canRepeat = false;
  let lastWasRepeat = false;
  let lastRepeatStart = 0;

  /** An escape outside or inside a class: returns the JS text. */
  const escape = (inClass: boolean): string => {
    const start = i;
    i++; // backslash
    if (i >= cs.length) err("trailing backslash at end of expression", "");
    const c = cs[i++];
    if ("1234567890".includes(c) && c !== "0") err("invalid escape sequence", `\\${c}`);
    switch (c) {
      case "a":
        return "\\x07";
      case "f":
        return "\\f";
      case "t":
        return "\\t";
      case "n":
        return "\\n";
      case "r":
        return "\\r";
      case "v":
        return "\\v";
      case "0": {
        // octal \0, \012
        let oct = "";
        while (oct.length < 2 && i < cs.length && /[0-7]/.test(cs[i])) oct += cs[i++];
        return hexEsc(parseInt(oct || "0", 8));
      }
      case "x": {
        if (cs[i] === "{") {
          const end = cs.indexOf("}", i);
          if (end < 0) err("invalid escape sequence", rest(start));
          const h = cs.slice(i + 1, end).join("");
          if (!/^[0-9a-fA-F]+$/.test(h) || parseInt(h, 16) > 0x10ffff) err("invalid escape sequence", cs.slice(start, end + 1).join(""));
          i = end + 1;
          return hexEsc(parseInt(h, 16));
        }
        const h = cs.slice(i, i + 2).join("");
        if (!/^[0-9a-fA-F]{2}$/.test(h)) err("invalid escape sequence", cs.slice(start, i + 2).join(""));
        i += 2;
        return hexEsc(parseInt(h, 16));
      }
      case "d":
      case "D":
      case "s":
      case "S":
      case "w":
      case "W":
        if (c === "s") return inClass ? "\\t\\n\\f\\r " : "[\\t\\n\\f\\r ]";
        if (c === "S") return inClass ? "\\S" : "[^\\t\\n\\f\\r ]";
        return "\\" + c;
      case "b":
      case "B":
        if (inClass) err("invalid escape sequence", `\\${c}`);
        return "\\" + c;
      case "A":
        if (inClass) err("invalid escape sequence", "\\A");
        return "(?<![\\s\\S])";
      case "z":
        if (inClass) err("invalid escape sequence", "\\z");
        return "(?![\\s\\S])";
      case "p":
      case "P": {
        let name: string;
        if (cs[i] === "{") {
          const end = cs.indexOf("}", i);
          if (end < 0) err("invalid character class range", rest(start));
          name = cs.slice(i + 1, end).join("");
          i = end + 1;
        } else {
          if (i >= cs.length) err("invalid character class range", rest(start));
          name = cs[i++];
        }
        let neg = c === "P";
        if (name.startsWith("^")) {
          neg = !neg;
          name = name.slice(1);
        }
        const prop = name === "Any" ? null : /^[A-Z][a-z]?$/.test(name) ? `General_Category=${name}` : `Script=${name}`;
        try {
          if (prop) new RegExp(`\\p{${prop}}`, "u");
        } catch {
          err("invalid character class range", cs.slice(start, i).join(""));
        }
        if (prop === null) return neg ? "[^\\s\\S]" : "[\\s\\S]";
        return `\\${neg ? "P" : "p"}{${prop}}`;
      }
      case "Q": {
        const end = src.indexOf("\\E", cs.slice(0, i).join("").length);
        const lit = end < 0 ? rest(i) : src.slice(cs.slice(0, i).join("").length, end);
        i = end < 0 ? cs.length : i + Array.from(lit).length + 2;
        return Array.from(lit)
          .map((ch) => (inClass ? classEscape(ch) : reEscape(ch)))
          .join("");
      }
    }
    if (/[0-9A-Za-z]/.test(c)) err("invalid escape sequence", `\\${c}`);
    return hexEsc(c.codePointAt(0)!);
  };

  const parseClass = (): string => {
    const start = i;
    i++; // [
    let body = "";
    let neg = false;
    if (cs[i] === "^") {
      neg = true;
      i++;
    }
    let first = true;
    let items = 0;
    while (true) {
      if (i >= cs.length) err("missing closing ]", rest(start));
      const c = cs[i];
      if (c === "]" && !first) {
        i++;
        break;
      }
      first = false;
      // POSIX class [:name:]
      if (c === "[" && cs[i + 1] === ":") {
        const end = src.indexOf(":]", cs.slice(0, i + 2).join("").length);
        if (end >= 0) {
          let name = src.slice(cs.slice(0, i + 2).join("").length, end);
          const cend = i + 2 + Array.from(name).length + 2;
          let pneg = false;
          if (name.startsWith("^")) {
            pneg = true;
            name = name.slice(1);
          }
          const set = POSIX[name];
          if (!set) err("invalid character class range", cs.slice(i, cend).join(""));
          if (pneg) err("invalid character class range", cs.slice(i, cend).join("")); // unsupported: negated POSIX class inside a class
          body += set;
          i = cend;
          items++;
          continue;
        }
      }
      let lo: string;
      let loCp: number;
      const itemStart = i;
      if (c === "\\") {
        const e = escape(true);
        lo = e;
        const m = /^\\u\{([0-9a-f]+)\}$/.exec(e);
        loCp = m ? parseInt(m[1], 16) : -1;
        if (e === "\\t") loCp = 9;
        else if (e === "\\n") loCp = 10;
        else if (e === "\\r") loCp = 13;
        else if (e === "\\f") loCp = 12;
        else if (e === "\\v") loCp = 11;
        else if (e === "\\x07") loCp = 7;
      } else {
        lo = classEscape(c);
        loCp = c.codePointAt(0)!;
        i++;
      }
      if (cs[i] === "-" && cs[i + 1] !== undefined && cs[i + 1] !== "]") {
        i++;
        let hiCp: number;
        let hi: string;
        if (cs[i] === "\\") {
          hi = escape(true);
          const m = /^\\u\{([0-9a-f]+)\}$/.exec(hi);
          hiCp = m ? parseInt(m[1], 16) : -1;
        } else {
          hi = classEscape(cs[i]);
          hiCp = cs[i].codePointAt(0)!;
          i++;
        }
        if (loCp < 0 || hiCp < 0 || hiCp < loCp) err("invalid character class range", cs.slice(itemStart, i).join(""));
        body += `${lo}-${hi}`;
      } else {
        body += lo;
      }
      items++;
    }
    if (items === 0 && !neg) return "[^\\s\\S]";
    return `[${neg ? "^" : ""}${body}]`;
  };

  // Leading and inline flag groups.
  while (i < cs.length) {
    const c = cs[i];
    if (c === "\\") {
      out += escape(false);
      canRepeat = true;
      lastWasRepeat = false;
      continue;
    }
    if (c === "[") {
      out += parseClass();
      canRepeat = true;
      lastWasRepeat = false;
      continue;
    }
    if (c === "(") {
      const start = i;
      if (cs[i + 1] === "?") {
        // (?P<name>...), (?<name>...), (?:...), (?flags), (?flags:...)
        let j = i + 2;
        if (cs[j] === "P" && cs[j + 1] === "<") j++;
        if (cs[j] === "<" && cs[j + 1] !== "=" && cs[j + 1] !== "!") {
          const end = cs.indexOf(">", j);
          if (end < 0) err("invalid named capture", rest(start));
          const name = cs.slice(j + 1, end).join("");
          if (!/^[A-Za-z0-9_]+$/.test(name)) err("invalid named capture", cs.slice(start, end + 1).join(""));
          out += `(?<${name}>`;
          i = end + 1;
        } else {
          let k = i + 2;
          let fl = "";
          while (k < cs.length && /[imsU-]/.test(cs[k])) fl += cs[k++];
          if (k >= cs.length || (cs[k] !== ")" && cs[k] !== ":")) {
            err("invalid or unsupported Perl syntax", cs.slice(start, Math.min(k + 1, cs.length)).join(""));
          }
          if (fl.includes("U")) err("invalid or unsupported Perl syntax", cs.slice(start, k + 1).join(""));
          const [on, off = ""] = fl.split("-");
          if (cs[k] === ")") {
            // Flags for the rest of the group. Supported at the start of the expression only,
            // where they become JS flags.
            if (out !== "" || depth > 0 || off) {
              err("invalid or unsupported Perl syntax", cs.slice(start, k + 1).join(""));
            }
            for (const f of on) if (!flags.includes(f)) flags += f;
            i = k + 1;
            continue;
          }
          if (fl === "") out += "(?:";
          else {
            // Scoped modifiers: JS supports (?ims-ims:...) only on newer engines; try it.
            try {
              new RegExp(`(?${fl}:a)`, "u");
            } catch {
              err("invalid or unsupported Perl syntax", cs.slice(start, k + 1).join(""));
            }
            out += `(?${fl}:`;
          }
          i = k + 1;
        }
      } else {
        out += "(";
        i++;
      }
      depth++;
      groupStarts.push(start);
      canRepeat = false;
      lastWasRepeat = false;
      continue;
    }
    if (c === ")") {
      if (depth === 0) err("unexpected )", src);
      depth--;
      groupStarts.pop();
      out += ")";
      i++;
      canRepeat = true;
      lastWasRepeat = false;
      continue;
    }
    if (c === "*" || c === "+" || c === "?" || (c === "{" && /^\{\d+(,\d*)?\}/.test(rest(i)))) {
      const start = i;
      let op = c;
      if (c === "{") {
        const m = /^\{(\d+)(,(\d*))?\}/.exec(rest(i))!;
        op = m[0];
        const min = parseInt(m[1], 10);
        const max = m[3] ? parseInt(m[3], 10) : min;
        if (min > 1000 || max > 1000 || (m[3] && max < min)) err("invalid repeat count", op);
      }
      i += Array.from(op).length;
      if (cs[i] === "?") {
        op += "?";
        i++;
      }
      if (lastWasRepeat) err("invalid nested repetition operator", cs.slice(lastRepeatStart, i).join(""));
      if (!canRepeat) err("missing argument to repetition operator", cs.slice(start, i).join(""));
      out += op;
      lastWasRepeat = true;
      lastRepeatStart = start;
      continue;
    }
    if (c === "|") {
      out += "|";
      i++;
      canRepeat = false;
      lastWasRepeat = false;
      continue;
    }
    if (c === "^" || c === "$") {
      out += c;
      i++;
      canRepeat = true; // Go allows `^*` (repeat of an empty-width assertion)
      lastWasRepeat = false;
      continue;
    }
    if (c === ".") {
      out += flags.includes("s") ? "[\\s\\S]" : "[^\\n]";
      i++;
      canRepeat = true;
      lastWasRepeat = false;
      continue;
    }
    out += reEscape(c);
    i++;
    canRepeat = true;
    lastWasRepeat = false;
  }
  if (depth > 0) err("missing closing )", src);
  // Go's `$` without (?m) matches only at the very end, as JS's does.
  return { source: out, flags };
}

const regexCache = new Map<string, RegExp>();

function compileRegex(pattern: string): RegExp {
  let re = regexCache.get(pattern);
  if (re) return re;
  let t: { source: string; flags: string };
  try {
    t = translateRegex(pattern);
    re = new RegExp(t.source, t.flags + "g");
  } catch (e) {
    if (e instanceof RegexSyntaxError) throw builtinFail(e.msg);
    throw builtinFail(`error parsing regexp: ${(e as Error).message}`);
  }
  if (regexCache.size > 1000) regexCache.clear();
  regexCache.set(pattern, re);
  return re;
}

function regexTest(re: RegExp, s: string): boolean {
  re.lastIndex = 0;
  return re.test(s);
}

interface Match {
  start: number;
  end: number;
  groups: string[];
}

/** Go's FindAll*: non-overlapping matches; an empty match right after a match is skipped. */
function findAll(re: RegExp, s: string, n: number): Match[] {
  const out: Match[] = [];
  if (n === 0) return out;
  let pos = 0;
  let prevEnd = -1;
  while ((n < 0 || out.length < n) && pos <= s.length) {
    re.lastIndex = pos;
    const m = re.exec(s);
    if (!m) break;
    const start = m.index;
    const end = start + m[0].length;
    let accept = true;
    if (end === start) {
      if (start === prevEnd) accept = false;
      if (start >= s.length) pos = s.length + 1;
      else pos = start + (s.codePointAt(start)! > 0xffff ? 2 : 1);
    } else {
      pos = end;
    }
    prevEnd = end;
    if (accept) out.push({ start, end, groups: Array.from(m, (g) => g ?? "") });
  }
  return out;
}

/** Go's Regexp.Split(s, -1). */
function regexSplit(re: RegExp, s: string): string[] {
  if (s === "") return [""];
  const out: string[] = [];
  let beg = 0;
  let end = 0;
  for (const m of findAll(re, s, -1)) {
    end = m.start;
    if (m.end !== 0) out.push(s.slice(beg, end));
    beg = m.end;
  }
  if (end !== s.length) out.push(s.slice(beg));
  return out;
}

// ---------------------------------------------------------------- net (Go's net package)

/** netip.ParseAddr: 16 bytes and whether the text was an IPv4 address; undefined if invalid. */
function parseAddr(s: string): { bytes: number[]; is4: boolean; zone: boolean } | undefined {
  if (s.includes(":")) {
    let zone = false;
    const pct = s.indexOf("%");
    if (pct >= 0) {
      if (pct === s.length - 1) return undefined;
      zone = true;
      s = s.slice(0, pct);
    }
    const bytes = parseIPv6(s);
    return bytes && { bytes, is4: false, zone };
  }
  const v4 = parseIPv4(s);
  if (!v4) return undefined;
  return { bytes: [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff, ...v4], is4: true, zone: false };
}

function parseIPv4(s: string): number[] | undefined {
  const parts = s.split(".");
  if (parts.length !== 4) return undefined;
  const out: number[] = [];
  for (const p of parts) {
    if (!/^[0-9]{1,3}$/.test(p)) return undefined;
    if (p.length > 1 && p[0] === "0") return undefined; // leading zeros are rejected
    const v = parseInt(p, 10);
    if (v > 255) return undefined;
    out.push(v);
  }
  return out;
}

function parseIPv6(s: string): number[] | undefined {
  const words: number[] = [];
  let ellipsis = -1;
  let rest = s;
  if (rest.startsWith("::")) {
    ellipsis = 0;
    rest = rest.slice(2);
    if (rest === "") return new Array(16).fill(0);
  }
  const groups = rest.split(":");
  for (let gi = 0; gi < groups.length; gi++) {
    const g = groups[gi];
    if (g === "") {
      // "::" in the middle or at the end
      if (ellipsis >= 0) return undefined;
      ellipsis = words.length;
      if (gi === groups.length - 1) {
        // trailing "::" produced an empty last group: "a::" splits as ["a", "", ""]
        break;
      }
      if (groups[gi + 1] === "" && gi + 1 === groups.length - 1) break;
      continue;
    }
    if (gi === groups.length - 1 && g.includes(".")) {
      const v4 = parseIPv4(g);
      if (!v4) return undefined;
      words.push((v4[0] << 8) | v4[1], (v4[2] << 8) | v4[3]);
      continue;
    }
    if (!/^[0-9a-fA-F]{1,4}$/.test(g)) return undefined;
    words.push(parseInt(g, 16));
  }
  if (ellipsis < 0) {
    if (words.length !== 8) return undefined;
  } else {
    if (words.length > 7) return undefined;
    words.splice(ellipsis, 0, ...new Array(8 - words.length).fill(0));
  }
  const bytes: number[] = [];
  for (const w of words) bytes.push(w >> 8, w & 0xff);
  return bytes;
}

interface IPNet {
  ip: number[];
  mask: number[];
}

const isV4InV6 = (b: number[]) => b.length === 16 && b.slice(0, 10).every((x) => x === 0) && b[10] === 0xff && b[11] === 0xff;
const to4 = (b: number[]) => (b.length === 4 ? b : isV4InV6(b) ? b.slice(12) : undefined);

/** net.ParseCIDR: the network (masked IP and mask, Go's lengths). */
function parseCIDR(s: string): IPNet | undefined {
  const slash = s.indexOf("/");
  if (slash < 0) return undefined;
  const addr = parseAddr(s.slice(0, slash));
  if (!addr || addr.zone) return undefined;
  const m = s.slice(slash + 1);
  if (!/^[0-9]+$/.test(m)) return undefined;
  const bits = addr.is4 ? 32 : 128;
  const n = parseInt(m, 10);
  if (n > bits) return undefined;
  const mask: number[] = [];
  for (let i = 0; i < bits / 8; i++) {
    const k = Math.max(0, Math.min(8, n - i * 8));
    mask.push((0xff << (8 - k)) & 0xff);
  }
  // IP(addr16).Mask(mask)
  let ip = addr.bytes;
  if (mask.length === 4 && isV4InV6(ip)) ip = ip.slice(12);
  return { ip: ip.map((b, i) => b & mask[i]), mask };
}

function netContains(n: IPNet, ipIn: number[]): boolean {
  let nn = to4(n.ip) ?? n.ip;
  let m = n.mask;
  if (m.length === 4 && nn.length !== 4) return false;
  if (m.length === 16 && nn.length === 4) m = m.slice(12);
  const ip = to4(ipIn) ?? ipIn;
  if (ip.length !== nn.length) return false;
  for (let i = 0; i < ip.length; i++) if ((nn[i] & m[i]) !== (ip[i] & m[i])) return false;
  return true;
}

function lastIP(n: IPNet): number[] {
  return n.ip.map((b, i) => b | (~n.mask[i] & 0xff));
}

function netOperand(v: unknown): IPNet {
  const s = str(v, 1);
  const n = parseCIDR(s);
  if (!n) throw builtinFail(`invalid CIDR address: ${s}`);
  return n;
}

function cidrContains(a: unknown, b: unknown): boolean {
  const na = netOperand(a);
  const bs = str(b, 1);
  const ip = parseAddr(bs);
  if (ip && !ip.zone) return netContains(na, ip.bytes);
  const nb = parseCIDR(bs);
  if (!nb) throw builtinFail(`not a valid textual representation of an IP address or CIDR: ${bs}`);
  return netContains(na, nb.ip) && netContains(na, lastIP(nb));
}

function cidrIntersects(a: unknown, b: unknown): boolean {
  const na = netOperand(a);
  const nb = netOperand(b);
  return netContains(na, nb.ip) || netContains(nb, na.ip);
}

// ---------------------------------------------------------------- time

interface ZonedTime {
  ns: bigint;
  zone: string | undefined; // IANA name; undefined = UTC
}

function tzTime(v: unknown, pos: number): ZonedTime {
  let nv: unknown;
  let zone: string | undefined;
  if (Array.isArray(v)) {
    if (v.length === 0) throw typeFail(1, "either number (ns) or [number (ns), string (tz)]", v);
    nv = v[0];
    if (typeof nv !== "number") throw typeFail(1, "number", nv);
    if (v.length > 1) {
      const tz = v[1];
      if (typeof tz !== "string") throw typeFail(1, "string", tz);
      if (tz === "Local") zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
      else if (tz !== "" && tz !== "UTC") {
        try {
          new Intl.DateTimeFormat("en-US", { timeZone: tz });
        } catch {
          throw builtinFail(`unknown time zone ${tz}`);
        }
        zone = tz;
      }
    }
  } else if (typeof v === "number") {
    nv = v;
  } else {
    throw typeFail(1, "either number (ns) or [number (ns), string (tz)]", v);
  }
  void pos;
  const n = nv as number;
  if (!Number.isInteger(n) || Math.abs(n) > 9.223372036854775e18) throw builtinFail("timestamp too big");
  return { ns: BigInt(n), zone };
}

interface Civil {
  y: number;
  mo: number;
  d: number;
  h: number;
  mi: number;
  s: number;
}

function civil(t: ZonedTime): Civil {
  const ms = Number(t.ns / 1000000n) - (t.ns % 1000000n < 0n ? 1 : 0);
  const date = new Date(ms);
  if (!t.zone) {
    return { y: date.getUTCFullYear(), mo: date.getUTCMonth() + 1, d: date.getUTCDate(), h: date.getUTCHours(), mi: date.getUTCMinutes(), s: date.getUTCSeconds() };
  }
  const parts = new Intl.DateTimeFormat("en-US", {
    timeZone: t.zone,
    hourCycle: "h23",
    year: "numeric",
    month: "numeric",
    day: "numeric",
    hour: "numeric",
    minute: "numeric",
    second: "numeric",
    era: "short",
  }).formatToParts(date);
  const get = (k: string) => parseInt(parts.find((p) => p.type === k)!.value, 10);
  let y = get("year");
  if (parts.find((p) => p.type === "era")?.value === "BC") y = 1 - y;
  return { y, mo: get("month"), d: get("day"), h: get("hour"), mi: get("minute"), s: get("second") };
}

function daysIn(y: number, m: number): number {
  return new Date(Date.UTC(y, m, 0)).getUTCDate() || 31;
}

function timeDiff(a: unknown, b: unknown): number[] {
  const t1z = tzTime(a, 1);
  let t2z = tzTime(b, 2);
  t2z = { ns: t2z.ns, zone: t1z.zone };
  const [t1, t2] = t1z.ns > t2z.ns ? [t2z, t1z] : [t1z, t2z];
  const c1 = civil(t1);
  const c2 = civil(t2);
  let year = c2.y - c1.y;
  let month = c2.mo - c1.mo;
  let day = c2.d - c1.d;
  let hour = c2.h - c1.h;
  let min = c2.mi - c1.mi;
  let sec = c2.s - c1.s;
  if (sec < 0) {
    sec += 60;
    min--;
  }
  if (min < 0) {
    min += 60;
    hour--;
  }
  if (hour < 0) {
    hour += 24;
    day--;
  }
  if (day < 0) {
    day += daysIn(c1.y, c1.mo);
    month--;
  }
  if (month < 0) {
    month += 12;
    year--;
  }
  return [year, month, day, hour, min, sec];
}

// ---------------------------------------------------------------- rand.intn

const randCache = new Map<string, number>();

/** Clears per-evaluation state (rand.intn results). Call before each evaluation. */
export function resetJsBuiltinState(): void {
  randCache.clear();
  uuidCache.clear();
}

function randIntn(s: unknown, n: unknown): number {
  const key = str(s, 1);
  let m = int(n, 2);
  if (m === 0) return 0;
  if (m < 0) m = -m;
  const k = `${key}-${m}`;
  const cached = randCache.get(k);
  if (cached !== undefined) return cached;
  const r = Math.floor(Math.random() * m);
  randCache.set(k, r);
  return r;
}

// ---------------------------------------------------------------- JSON

/** Go's encoding/json string quoting (HTML-safe, escapes U+2028/U+2029). */
function goQuoteJSON(s: string): string {
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
function utf8Compare(a: string, b: string): number {
  return Buffer.compare(Buffer.from(a, "utf8"), Buffer.from(b, "utf8"));
}

function goMarshal(v: unknown): string {
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
function formatJSONNumber(v: number): string {
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

// ---------------------------------------------------------------- sprintf (Go's fmt)

/** Rego text of a value (ast.Term.String()), for non-string, non-number sprintf arguments. */
export function regoText(v: unknown): string {
  if (v === null || v === undefined) return "null";
  switch (typeof v) {
    case "boolean":
      return v ? "true" : "false";
    case "number":
      return formatJSONNumber(v);
    case "string":
      return JSON.stringify(v);
  }
  if (Array.isArray(v)) return "[" + v.map(regoText).join(", ") + "]";
  const o = v as Record<string, unknown>;
  const keys = Object.keys(o).sort(utf8Compare);
  return "{" + keys.map((k) => `${JSON.stringify(k)}: ${regoText(o[k])}`).join(", ") + "}";
}

// Integers that fit Go's int are passed to fmt as int, larger ones as *big.Int (which also
// formats with %s and %v), others as float64; strings as string, anything else as its Rego text.
type FmtArg = { kind: "int" | "bigint"; v: bigint } | { kind: "float"; v: number } | { kind: "string"; v: string };

function fmtArg(v: unknown): FmtArg {
  if (typeof v === "number") {
    if (Number.isInteger(v)) return { kind: Math.abs(v) < 9223372036854775808 ? "int" : "bigint", v: BigInt(v) };
    return { kind: "float", v };
  }
  if (typeof v === "string") return { kind: "string", v };
  return { kind: "string", v: regoText(v) };
}

const goTypeName = (a: FmtArg) => (a.kind === "int" ? "int" : a.kind === "bigint" ? "*big.Int" : a.kind === "float" ? "float64" : "string");

/** Go's strconv.Quote (printable runes kept, others escaped). */
function goQuote(s: string): string {
  let out = '"';
  for (const ch of s) {
    const c = ch.codePointAt(0)!;
    if (ch === '"') out += '\\"';
    else if (ch === "\\") out += "\\\\";
    else if (c === 7) out += "\\a";
    else if (c === 8) out += "\\b";
    else if (c === 12) out += "\\f";
    else if (c === 10) out += "\\n";
    else if (c === 13) out += "\\r";
    else if (c === 9) out += "\\t";
    else if (c === 11) out += "\\v";
    else if (c < 0x20 || c === 0x7f) out += "\\x" + c.toString(16).padStart(2, "0");
    else if (c >= 0xd800 && c <= 0xdfff) out += "\\ufffd";
    else if (/[\p{L}\p{M}\p{N}\p{P}\p{S}\x20]/u.test(ch)) out += ch;
    else if (c < 0x10000) out += "\\u" + c.toString(16).padStart(4, "0");
    else out += "\\U" + c.toString(16).padStart(8, "0");
  }
  return out + '"';
}

/** Go's %e formatting with the given precision (-1 = shortest). */
function fmtE(v: number, prec: number, upper = false): string {
  let s = prec < 0 ? v.toExponential() : v.toExponential(Math.min(prec, 100));
  s = s.replace(/e([+-])(\d)$/, "e$10$2");
  return upper ? s.toUpperCase() : s;
}

/** Go's %g with the given precision (-1 = shortest). */
function fmtG(v: number, prec: number, upper = false): string {
  if (v === 0) return Object.is(v, -0) ? "-0" : "0";
  let digits: string;
  let exp: number;
  if (prec < 0) {
    const e = v.toExponential();
    const m = /^-?(\d)(?:\.(\d+))?e([+-]\d+)$/.exec(e)!;
    digits = m[1] + (m[2] ?? "");
    exp = parseInt(m[3], 10);
  } else {
    const p = prec === 0 ? 1 : prec;
    const e = v.toExponential(p - 1);
    const m = /^-?(\d)(?:\.(\d+))?e([+-]\d+)$/.exec(e)!;
    digits = (m[1] + (m[2] ?? "")).replace(/0+$/, "") || "0";
    exp = parseInt(m[3], 10);
  }
  let eprec = prec < 0 ? 6 : prec === 0 ? 1 : prec;
  if (prec >= 0 && eprec > digits.length && digits.length >= exp + 1) eprec = digits.length;
  if (prec < 0) eprec = 6;
  const sign = v < 0 ? "-" : "";
  if (exp < -4 || exp >= eprec) {
    const mant = digits.length > 1 ? `${digits[0]}.${digits.slice(1)}` : digits;
    const es = `${exp < 0 ? "-" : "+"}${String(Math.abs(exp)).padStart(2, "0")}`;
    return sign + mant + (upper ? "E" : "e") + es;
  }
  // fixed notation with exactly the significant digits
  if (exp >= 0) {
    const intPart = digits.slice(0, exp + 1).padEnd(exp + 1, "0");
    const frac = digits.slice(exp + 1);
    return sign + intPart + (frac ? "." + frac : "");
  }
  return sign + "0." + "0".repeat(-exp - 1) + digits;
}

function pad(s: string, width: number | undefined, minus: boolean, zero: boolean): string {
  if (width === undefined || s.length >= width) return s;
  if (minus) return s + " ".repeat(width - Array.from(s).length);
  if (zero) {
    const sign = /^[+-]/.test(s) ? s[0] : "";
    const body = sign ? s.slice(1) : s;
    return sign + "0".repeat(width - s.length) + body;
  }
  return " ".repeat(width - Array.from(s).length) + s;
}

export function goSprintf(format: string, args: unknown[]): string {
  const fa = args.map(fmtArg);
  let argi = 0;
  let out = "";
  const chars = Array.from(format);
  let i = 0;
  const badVerb = (verb: string, a: FmtArg) => `%!${verb}(${goTypeName(a)}=${a.kind === "float" ? fmtG(a.v, -1) : String(a.v)})`;
  while (i < chars.length) {
    const c = chars[i];
    if (c !== "%") {
      out += c;
      i++;
      continue;
    }
    i++;
    let minus = false;
    let plus = false;
    let space = false;
    let zero = false;
    let sharp = false;
    for (; i < chars.length; i++) {
      const f = chars[i];
      if (f === "-") minus = true;
      else if (f === "+") plus = true;
      else if (f === " ") space = true;
      else if (f === "0") zero = !minus;
      else if (f === "#") sharp = true;
      else break;
    }
    let width: number | undefined;
    let prec: number | undefined;
    let num = "";
    while (i < chars.length && /[0-9]/.test(chars[i])) num += chars[i++];
    if (num) width = parseInt(num, 10);
    if (chars[i] === ".") {
      i++;
      num = "";
      while (i < chars.length && /[0-9]/.test(chars[i])) num += chars[i++];
      prec = num ? parseInt(num, 10) : 0;
    }
    if (i >= chars.length) {
      out += "%!(NOVERB)";
      break;
    }
    const verb = chars[i++];
    if (verb === "%") {
      out += "%";
      continue;
    }
    if (argi >= fa.length) {
      out += `%!${verb}(MISSING)`;
      continue;
    }
    let a = fa[argi++];
    if (a.kind === "bigint") {
      if ("bodxXsv".includes(verb)) a = { kind: "int", v: a.v };
      else {
        out += `%!${verb}(big.Int=${a.v})`;
        continue;
      }
      if (verb === "s") {
        out += pad(a.v.toString(), width, minus, false);
        continue;
      }
    }
    const sgn = (neg: boolean, body: string) => (neg ? "-" : plus ? "+" : space ? " " : "") + body;
    let s: string;
    switch (verb) {
      case "v":
        if (a.kind === "int") s = sgn(a.v < 0n, (a.v < 0n ? -a.v : a.v).toString());
        else if (a.kind === "float") s = plus && a.v >= 0 ? "+" + fmtG(a.v, prec ?? -1) : fmtG(a.v, prec ?? -1);
        else if (a.kind === "string") s = prec !== undefined ? Array.from(a.v).slice(0, prec).join("") : a.v;
        else s = a.v.toString();
        break;
      case "d":
        if (a.kind !== "int") {
          s = badVerb(verb, a);
          break;
        }
        {
          let body = (a.v < 0n ? -a.v : a.v).toString();
          if (prec !== undefined) body = body.padStart(prec, "0");
          s = sgn(a.v < 0n, body);
        }
        break;
      case "b":
      case "o":
      case "x":
      case "X":
        if (a.kind === "int") {
          const base = verb === "b" ? 2 : verb === "o" ? 8 : 16;
          let body = (a.v < 0n ? -a.v : a.v).toString(base);
          if (verb === "X") body = body.toUpperCase();
          if (prec !== undefined) body = body.padStart(prec, "0");
          if (sharp) body = (verb === "b" ? "0b" : verb === "o" ? "0" : verb === "x" ? "0x" : "0X") + body;
          s = sgn(a.v < 0n, body);
        } else if (a.kind === "string" && (verb === "x" || verb === "X")) {
          let h = Buffer.from(a.v, "utf8").toString("hex");
          if (verb === "X") h = h.toUpperCase();
          s = h;
        } else if (a.kind === "float" && (verb === "x" || verb === "X" || verb === "b")) {
          s = badVerb(verb, a); // hexadecimal float formatting is not supported
        } else s = badVerb(verb, a);
        break;
      case "c":
        s = a.kind === "int" ? String.fromCodePoint(Number(a.v)) : badVerb(verb, a);
        break;
      case "U":
        s = a.kind === "int" ? "U+" + a.v.toString(16).toUpperCase().padStart(4, "0") : badVerb(verb, a);
        break;
      case "e":
      case "E":
        s = a.kind === "float" ? sgn(a.v < 0, fmtE(Math.abs(a.v), prec ?? 6, verb === "E")) : badVerb(verb, a);
        break;
      case "f":
      case "F":
        s = a.kind === "float" ? sgn(a.v < 0, Math.abs(a.v).toFixed(Math.min(prec ?? 6, 100))) : badVerb(verb, a);
        break;
      case "g":
      case "G":
        s = a.kind === "float" ? sgn(a.v < 0, fmtG(Math.abs(a.v), prec ?? -1, verb === "G")) : badVerb(verb, a);
        break;
      case "s":
        s = a.kind === "string" ? (prec !== undefined ? Array.from(a.v).slice(0, prec).join("") : a.v) : badVerb(verb, a);
        break;
      case "q":
        s = a.kind === "string" ? goQuote(a.v) : a.kind === "int" ? "'" + String.fromCodePoint(Number(a.v)) + "'" : badVerb(verb, a);
        break;
      case "t":
        s = badVerb(verb, a); // booleans reach sprintf as their text (a string), as in OPA
        break;
      case "T":
        s = goTypeName(a);
        break;
      default:
        s = badVerb(verb, a);
    }
    const numeric = a.kind !== "string" && "vdboxXeEfFgG".includes(verb);
    out += pad(s, width, minus, zero && numeric);
  }
  if (argi < fa.length) {
    out += "%!(EXTRA " + fa.slice(argi).map((a) => `${goTypeName(a)}=${a.kind === "float" ? fmtG(a.v, -1) : String(a.v)}`).join(", ") + ")";
  }
  return out;
}

function sprintf(format: unknown, args: unknown): string {
  const f = str(format, 1);
  if (!Array.isArray(args)) throw typeFail(2, "array", args);
  return goSprintf(f, args);
}

// ---------------------------------------------------------------- more time builtins (not in the
// Wasm capabilities; OPA semantics)

const WEEKDAYS = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"];

function weekday(t: ZonedTime): string {
  const c = civil(t);
  return WEEKDAYS[new Date(Date.UTC(c.y, c.mo - 1, c.d)).getUTCDay()];
}

/** time.parse_rfc3339_ns: Go's time.Parse(time.RFC3339, s) (fractional seconds accepted). */
function parseRFC3339(v: unknown): number {
  const s = str(v, 1);
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,9}))?(Z|([+-])(\d{2}):(\d{2}))$/.exec(s);
  const bad = () => builtinFail(`parsing time ${JSON.stringify(s)} as "2006-01-02T15:04:05Z07:00": cannot parse ${JSON.stringify(s)} as "2006-01-02T15:04:05Z07:00"`);
  if (!m) throw bad();
  const [y, mo, d, h, mi, se] = m.slice(1, 7).map((x) => parseInt(x, 10));
  if (mo < 1 || mo > 12 || d < 1 || d > daysIn(y, mo) || h > 23 || mi > 59 || se > 59) {
    throw builtinFail(`parsing time ${JSON.stringify(s)}: ${mo < 1 || mo > 12 ? "month" : d < 1 || d > daysIn(y, mo) ? "day" : h > 23 ? "hour" : mi > 59 ? "minute" : "second"} out of range`);
  }
  let ns = BigInt(Date.UTC(y, mo - 1, d, h, mi, se)) * 1000000n;
  if (y < 100) ns = BigInt(new Date(Date.UTC(2000, mo - 1, d, h, mi, se)).setUTCFullYear(y)) * 1000000n;
  if (m[7]) ns += BigInt(m[7].padEnd(9, "0"));
  if (m[8] !== "Z") {
    const off = (parseInt(m[10], 10) * 60 + parseInt(m[11], 10)) * 60;
    ns -= BigInt(m[9] === "-" ? -off : off) * 1000000000n;
  }
  if (ns < -9223372036854775808n || ns > 9223372036854775807n) throw builtinFail("time outside of valid range");
  return Number(ns);
}

const DURATION_UNITS: Record<string, number> = { ns: 1, us: 1e3, "µs": 1e3, "μs": 1e3, ms: 1e6, s: 1e9, m: 60e9, h: 3600e9 };

/** time.parse_duration_ns: Go's time.ParseDuration. */
function parseDuration(v: unknown): number {
  const orig = str(v, 1);
  const invalid = () => builtinFail(`time: invalid duration ${goQuote(orig)}`);
  let s = orig;
  let neg = false;
  if (s[0] === "-" || s[0] === "+") {
    neg = s[0] === "-";
    s = s.slice(1);
  }
  if (s === "0") return 0;
  if (s === "") throw invalid();
  let total = 0;
  while (s !== "") {
    const m = /^(\d*)(?:\.(\d*))?/.exec(s)!;
    if (m[0] === "" || m[0] === ".") throw invalid();
    s = s.slice(m[0].length);
    const u = /^[^0-9.]+/.exec(s);
    if (!u) throw builtinFail(`time: missing unit in duration ${goQuote(orig)}`);
    const unit = DURATION_UNITS[u[0]];
    if (unit === undefined) throw builtinFail(`time: unknown unit ${goQuote(u[0])} in duration ${goQuote(orig)}`);
    s = s.slice(u[0].length);
    total += parseFloat(`${m[1] || "0"}.${m[2] || "0"}`) * unit;
  }
  if (total > 9223372036854775807) throw invalid();
  return Math.round(neg ? -total : total);
}

function addDate(t: unknown, y: unknown, m: unknown, d: unknown): number {
  const zt = tzTime(t, 1);
  const dy = int(y, 2);
  const dm = int(m, 3);
  const dd = int(d, 4);
  const c = civil(zt);
  const before = Date.UTC(c.y, c.mo - 1, c.d, c.h, c.mi, c.s);
  const after = new Date(before);
  after.setUTCFullYear(c.y + dy, c.mo - 1 + dm, c.d + dd);
  const ns = zt.ns + BigInt(after.getTime() - before) * 1000000n;
  if (ns < -9223372036854775808n || ns > 9223372036854775807n) throw builtinFail("time outside of valid range");
  return Number(ns);
}

// ---------------------------------------------------------------- units, semver, crypto, uuid

const BYTE_UNITS: Record<string, bigint> = {
  "": 1n, kb: 1000n, k: 1000n, kib: 1024n, ki: 1024n, mb: 1000n ** 2n, m: 1000n ** 2n, mib: 1024n ** 2n, mi: 1024n ** 2n,
  gb: 1000n ** 3n, g: 1000n ** 3n, gib: 1024n ** 3n, gi: 1024n ** 3n, tb: 1000n ** 4n, t: 1000n ** 4n, tib: 1024n ** 4n,
  ti: 1024n ** 4n, pb: 1000n ** 5n, p: 1000n ** 5n, pib: 1024n ** 5n, pi: 1024n ** 5n, eb: 1000n ** 6n, e: 1000n ** 6n,
  eib: 1024n ** 6n, ei: 1024n ** 6n,
};

/** units.parse_bytes: "10KB", "1.5GiB" ... to a number of bytes (truncated). */
function parseBytes(v: unknown): number {
  const s = str(v, 1).toLowerCase().replace(/"/g, "");
  if (s.includes(" ")) throw builtinFail("spaces not allowed in resource strings");
  const i = s.search(/[^0-9.]/);
  const num = i < 0 ? s : s.slice(0, i);
  const unit = i < 0 ? "" : s.slice(i);
  if (num === "") throw builtinFail("no byte amount provided");
  const mult = BYTE_UNITS[unit];
  if (mult === undefined) throw builtinFail(`byte unit ${unit} not recognized`);
  if (!/^(\d+\.?\d*|\.\d+)$/.test(num)) throw builtinFail("could not parse byte amount to a number");
  const [ip, fp = ""] = num.split(".");
  const scale = 10n ** BigInt(fp.length);
  return Number((BigInt((ip || "0") + fp) * mult) / scale);
}

const SEMVER = /^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(?:-((?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*)(?:\.(?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*))*))?(?:\+([0-9a-zA-Z-]+(?:\.[0-9a-zA-Z-]+)*))?$/;

function semverCompare(a: unknown, b: unknown): number {
  const sa = str(a, 1);
  const sb = str(b, 2);
  const ma = SEMVER.exec(sa);
  if (!ma) throw builtinFail(`operand 1: string ${sa} is not a valid SemVer`);
  const mb = SEMVER.exec(sb);
  if (!mb) throw builtinFail(`operand 2: string ${sb} is not a valid SemVer`);
  for (let i = 1; i <= 3; i++) {
    const x = BigInt(ma[i]);
    const y = BigInt(mb[i]);
    if (x !== y) return x < y ? -1 : 1;
  }
  const pa = ma[4];
  const pb = mb[4];
  if (pa === undefined || pb === undefined) return pa === pb ? 0 : pa === undefined ? 1 : -1;
  const xa = pa.split(".");
  const xb = pb.split(".");
  for (let i = 0; i < Math.max(xa.length, xb.length); i++) {
    if (i >= xa.length) return -1;
    if (i >= xb.length) return 1;
    const na = /^\d+$/.test(xa[i]);
    const nb = /^\d+$/.test(xb[i]);
    if (na && nb) {
      const d = BigInt(xa[i]) - BigInt(xb[i]);
      if (d !== 0n) return d < 0n ? -1 : 1;
    } else if (na !== nb) return na ? -1 : 1;
    else if (xa[i] !== xb[i]) return xa[i] < xb[i] ? -1 : 1;
  }
  return 0;
}

const digest = (alg: string) => (v: unknown) => createHash(alg).update(str(v, 1), "utf8").digest("hex");
const hmac = (alg: string) => (v: unknown, k: unknown) => createHmac(alg, Buffer.from(str(k, 2), "utf8")).update(str(v, 1), "utf8").digest("hex");

const uuidCache = new Map<string, string>();

// ---------------------------------------------------------------- table

type Impl = (...args: any[]) => unknown;

const impls: Record<string, Impl> = {
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
  "glob.match": globMatch,
  "glob.quote_meta": globQuoteMeta,
  "regex.match": (p, s) => regexTest(compileRegex(str(p, 1)), str(s, 2)),
  re_match: (p, s) => regexTest(compileRegex(str(p, 1)), str(s, 2)),
  "regex.is_valid": (p) => {
    if (typeof p !== "string") return false;
    try {
      compileRegex(p);
      return true;
    } catch {
      return false;
    }
  },
  "regex.find_all_string_submatch_n": (p, s, n) => findAll(compileRegex(str(p, 1)), str(s, 2), int(n, 3)).map((m) => m.groups),
  "regex.find_n": (p, s, n) => findAll(compileRegex(str(p, 1)), str(s, 2), int(n, 3)).map((m) => m.groups[0]),
  "regex.split": (p, s) => regexSplit(compileRegex(str(p, 1)), str(s, 2)),
  "regex.replace": (s, p, r) => {
    const re = compileRegex(str(p, 2));
    const repl = str(r, 3).replace(/\$\$/g, "\u0000").replace(/\$\{(\w+)\}/g, "$<$1>").replace(/\$(\d+)/g, "$$$1").replace(/\u0000/g, "$$$$");
    re.lastIndex = 0;
    return str(s, 1).replace(re, repl);
  },
  "net.cidr_contains": cidrContains,
  "net.cidr_intersects": cidrIntersects,
  "net.cidr_is_valid": (s) => typeof s === "string" && parseCIDR(s) !== undefined,
  "time.diff": timeDiff,
  "time.now_ns": () => Date.now() * 1e6,
  "time.parse_rfc3339_ns": parseRFC3339,
  "time.parse_duration_ns": parseDuration,
  "time.date": (t) => {
    const c = civil(tzTime(t, 1));
    return [c.y, c.mo, c.d];
  },
  "time.clock": (t) => {
    const c = civil(tzTime(t, 1));
    return [c.h, c.mi, c.s];
  },
  "time.weekday": (t) => weekday(tzTime(t, 1)),
  "time.add_date": addDate,
  "units.parse_bytes": parseBytes,
  "semver.is_valid": (v) => typeof v === "string" && SEMVER.test(v),
  "semver.compare": semverCompare,
  "crypto.md5": digest("md5"),
  "crypto.sha1": digest("sha1"),
  "crypto.sha256": digest("sha256"),
  "crypto.hmac.md5": hmac("md5"),
  "crypto.hmac.sha1": hmac("sha1"),
  "crypto.hmac.sha256": hmac("sha256"),
  "crypto.hmac.sha512": hmac("sha512"),
  "uuid.rfc4122": (k) => {
    const key = str(k, 1);
    let u = uuidCache.get(key);
    if (!u) uuidCache.set(key, (u = randomUUID()));
    return u;
  },
  "rand.intn": randIntn,
  "json.marshal": (v) => goMarshal(v),
  "json.unmarshal": jsonUnmarshal,
  "json.is_valid": jsonIsValid,
  sprintf,
  "urlquery.encode": (s) => encodeURIComponent(str(s, 1)).replace(/%20/g, "+").replace(/[!'()*]/g, (c) => "%" + c.charCodeAt(0).toString(16).toUpperCase()),
  "urlquery.decode": (s) => {
    try {
      return decodeURIComponent(str(s, 1).replace(/\+/g, " "));
    } catch {
      throw builtinFail(`invalid URL escape in ${goQuote(s as string)}`);
    }
  },
};

/** Names of the builtins implemented here. */
export const jsBuiltinNames: readonly string[] = Object.keys(impls);

/** The builtins table for the SDK's customBuiltins; `strict` selects strict-builtin-errors. */
export function makeJsBuiltins(strict: boolean | (() => boolean) = false): Record<string, (...args: any[]) => any> {
  const isStrict = typeof strict === "function" ? strict : () => strict;
  const out: Record<string, (...args: any[]) => any> = {};
  for (const [name, impl] of Object.entries(impls)) {
    out[name] = (...args: unknown[]) => {
      try {
        return impl(...args);
      } catch (e) {
        if (e instanceof Fail) {
          if (isStrict()) throw new RegoBuiltinError(e.code, name, e.detail);
          return undefined;
        }
        throw e;
      }
    };
  }
  return out;
}

let defaultStrict = false;
/** Sets the error mode of `jsBuiltins` (strict-builtin-errors on or off; off by default). */
export function setJsBuiltinsStrict(on: boolean): void {
  defaultStrict = on;
}

/** The default table: non-strict (errors make the call undefined, OPA's default) unless
 * setJsBuiltinsStrict(true) was called. */
export const jsBuiltins = makeJsBuiltins(() => defaultStrict);
/** Strict table: builtin errors throw RegoBuiltinError. */
export const strictJsBuiltins = makeJsBuiltins(true);

/**
 * A table that follows a loaded module's own `rt_strict` global (set when the module was compiled
 * with strict builtin errors, or by the host):
 *   const js = policyJsBuiltins();
 *   const policy = opa.loadPolicySync(wasm, memory, js.builtins);
 *   js.attach(policy.wasmInstance);
 * Until attached (or for modules without rt_strict) it follows setJsBuiltinsStrict.
 */
export function policyJsBuiltins(): { builtins: Record<string, (...args: any[]) => any>; attach(instance: WebAssembly.Instance): void } {
  let strictGlobal: WebAssembly.Global | undefined;
  const builtins = makeJsBuiltins(() => (strictGlobal ? Number(strictGlobal.value) !== 0 : defaultStrict));
  return {
    builtins,
    attach(instance) {
      const g = instance.exports.rt_strict;
      strictGlobal = g instanceof WebAssembly.Global ? g : undefined;
    },
  };
}

// The SDK serves a few builtins itself, and its own implementations take precedence over
// customBuiltins: sprintf (sprintf-js, which does not format like Go: `%v` of an array, `%d` of
// a float...), json.is_valid and regex.split (JavaScript semantics). Modules must keep importing
// them under their OPA names (any OPA SDK has to be able to load them), so the SDK's table is
// patched instead, on import of this module, with the Go-faithful versions above.
const SDK_OVERRIDES = ["sprintf", "json.is_valid", "regex.split"];

/** Replaces the SDK's sprintf, json.is_valid and regex.split; false if the SDK is not found. */
export function installSdkOverrides(): boolean {
  try {
    const req = createRequire(import.meta.url);
    const entry = req.resolve("@open-policy-agent/opa-wasm"); // .../src/index.cjs
    const table = req(join(dirname(entry), "builtins", "index.js")) as Record<string, unknown>;
    for (const name of SDK_OVERRIDES) table[name] = jsBuiltins[name];
    // OPA's yaml.is_valid is false (not undefined) for non-strings.
    const yamlIsValid = table["yaml.is_valid"] as ((s: unknown) => unknown) & { sanso?: boolean };
    if (typeof yamlIsValid === "function" && !yamlIsValid.sanso) {
      const wrapped = Object.assign((x: unknown) => (typeof x === "string" ? yamlIsValid(x) : false), { sanso: true });
      table["yaml.is_valid"] = wrapped;
    }
    return true;
  } catch {
    return false;
  }
}

installSdkOverrides();
