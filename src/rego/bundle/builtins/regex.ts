// regex.* and re_match: Go (RE2) regular expressions translated to JavaScript RegExps.

import { builtinFail, classEscape, type Impl, int, reEscape, str } from "./common.js";

export class RegexSyntaxError {
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
export function translateRegex(src: string): { source: string; flags: string } {
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

export function compileRegex(pattern: string): RegExp {
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

export function regexTest(re: RegExp, s: string): boolean {
  re.lastIndex = 0;
  return re.test(s);
}

export interface Match {
  start: number;
  end: number;
  groups: string[];
}

/** Go's FindAll*: non-overlapping matches; an empty match right after a match is skipped. */
export function findAll(re: RegExp, s: string, n: number): Match[] {
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
export function regexSplit(re: RegExp, s: string): string[] {
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

export const regexBuiltins: Record<string, Impl> = {
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
};
