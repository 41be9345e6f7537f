// glob.match and glob.quote_meta (gobwas/glob v0.2.3, as OPA uses it).

import { builtinFail, classEscape, Fail, type Impl, reEscape, str, typeFail, typeName } from "./common.js";

/** Translates a gobwas glob into an anchored JS RegExp source; throws a message on syntax errors. */
export function globToRegExp(pattern: string, delimiters: string[]): string {
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

export function globMatch(pattern: unknown, delims: unknown, match: unknown): boolean {
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

export const globBuiltins: Record<string, Impl> = {
  "glob.match": globMatch,
  "glob.quote_meta": globQuoteMeta,
};
