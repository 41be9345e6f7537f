// regex.* and re_match: Go (RE2) regular expressions translated to JavaScript RegExps.

import { builtinFail, classEscape, goQuote, type Impl, int, reEscape, str } from "./common.js";

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

// ---------------------------------------------------------------- regex.template_match

/** Go's regexp.QuoteMeta. */
const quoteMeta = (s: string) => s.replace(/[\\.+*?()|[\]{}^$]/g, (c) => "\\" + c);

/** gorilla/mux's template compilation as OPA forked it: `foo<[0-9]+>` with '<' '>' as delimiters. */
function templateRegex(tpl: string, open: string, close: string): RegExp {
  const idxs: number[] = [];
  let level = 0;
  let idx = 0;
  for (let i = 0; i < tpl.length; i++) {
    if (tpl[i] === open) {
      if (++level === 1) idx = i;
    } else if (tpl[i] === close) {
      if (--level === 0) idxs.push(idx, i + 1);
      else if (level < 0) throw builtinFail(`unbalanced braces in ${goQuote(tpl)}`);
    }
  }
  if (level !== 0) throw builtinFail(`unbalanced braces in ${goQuote(tpl)}`);
  let pattern = "^";
  let end = 0;
  for (let i = 0; i < idxs.length; i += 2) {
    const raw = tpl.slice(end, idxs[i]);
    end = idxs[i + 1];
    const patt = tpl.slice(idxs[i] + 1, end - 1);
    pattern += `${quoteMeta(raw)}(${patt})`;
    compileRegex(`^${patt}$`); // each variable's pattern must compile on its own
  }
  return compileRegex(pattern + quoteMeta(tpl.slice(end)) + "$");
}

function templateMatch(t: unknown, v: unknown, o: unknown, c: unknown): boolean {
  const tpl = str(t, 1);
  const value = str(v, 2);
  const open = str(o, 3);
  const close = str(c, 4);
  // (OPA reports the start delimiter's length in both messages)
  if (Buffer.byteLength(open) !== 1) throw builtinFail(`start delimiter has to be exactly one character long but is ${Buffer.byteLength(open)} long`);
  if (Buffer.byteLength(close) !== 1) throw builtinFail(`end delimiter has to be exactly one character long but is ${Buffer.byteLength(open)} long`);
  return regexTest(templateRegex(tpl, open, close), value);
}

// ---------------------------------------------------------------- regex.globs_match

/** A token of yashtewari/glob-intersection's globs: a set of characters, optionally repeated. */
interface GlobToken {
  any: boolean; // `.`
  ranges: Array<[number, number]>; // code point ranges (a literal is one)
  flag: "" | "+" | "*";
}

function globTokens(g: string): GlobToken[] {
  const cs = Array.from(g);
  const out: GlobToken[] = [];
  const bad = (i: number, msg: string): never => {
    throw builtinFail(`pos:${i}:${msg}: the input provided is invalid`);
  };
  let i = 0;
  const next = (): [string, boolean] => {
    if (cs[i] === "\\") {
      if (i === cs.length - 1) bad(i, "input ends with a \\ (escape) character");
      i += 2;
      return [cs[i - 1], true];
    }
    return [cs[i++], false];
  };
  while (i < cs.length) {
    const [c, escaped] = next();
    if (!escaped && (c === "+" || c === "*")) {
      const prev = out[out.length - 1];
      if (!prev || prev.flag !== "") bad(i, `flag '${c}' must be preceded by a non-flag`);
      prev.flag = c as "+" | "*";
      continue;
    }
    if (!escaped && c === ".") {
      out.push({ any: true, ranges: [], flag: "" });
      continue;
    }
    if (!escaped && c === "]") bad(i, "set-close ']' with no preceding '['");
    if (!escaped && c === "[") {
      const ranges: Array<[number, number]> = [];
      let prev: number | undefined;
      let complete = false;
      while (i < cs.length) {
        const [r, esc] = next();
        if (!esc && r === "]") {
          complete = true;
          break;
        }
        if (!esc && r === "-") {
          if (prev === undefined) bad(i, "range character '-' must be preceded by a Unicode character");
          if (i >= cs.length - 1) bad(i, "range character '-' must be followed by a Unicode character");
          const [h, hesc] = next();
          if (!hesc && (h === "]" || h === "-")) bad(i, "range character '-' cannot be followed by a special symbol");
          const hi = h.codePointAt(0)!;
          if (hi < prev!) bad(i, `range is out of order: '${h}' comes before '${String.fromCodePoint(prev!)}' in Unicode`);
          ranges.push([prev!, hi]);
          prev = undefined;
          continue;
        }
        prev = r.codePointAt(0)!;
        ranges.push([prev, prev]);
      }
      if (!complete) bad(i, "found [ without matching ]");
      out.push({ any: false, ranges, flag: "" });
      continue;
    }
    const cp = c.codePointAt(0)!;
    out.push({ any: false, ranges: [[cp, cp]], flag: "" });
  }
  return out;
}

/** Whether two tokens accept a common character. */
function tokensMeet(a: GlobToken, b: GlobToken): boolean {
  if (a.any) return b.any || b.ranges.length > 0;
  if (b.any) return a.ranges.length > 0;
  return a.ranges.some(([lo, hi]) => b.ranges.some(([lo2, hi2]) => lo <= hi2 && lo2 <= hi));
}

/**
 * regex.globs_match: whether some string matches both globs. A search over pairs of positions
 * in the two globs (the product of their automata): the strings both accept exist when the ends
 * are reachable together.
 */
function globsIntersect(g1: GlobToken[], g2: GlobToken[]): boolean {
  const seen = new Set<number>();
  const stack: Array<[number, number]> = [[0, 0]];
  const n2 = g2.length + 1;
  while (stack.length) {
    const [i, j] = stack.pop()!;
    const key = i * n2 + j;
    if (seen.has(key)) continue;
    seen.add(key);
    if (i === g1.length && j === g2.length) return true;
    const a = g1[i];
    const b = g2[j];
    // skip a starred token without consuming
    if (a?.flag === "*") stack.push([i + 1, j]);
    if (b?.flag === "*") stack.push([i, j + 1]);
    if (a && b && tokensMeet(a, b)) {
      // consume one character with both tokens; a repeated token may stay
      for (const ni of a.flag === "" ? [i + 1] : [i, i + 1]) {
        for (const nj of b.flag === "" ? [j + 1] : [j, j + 1]) stack.push([ni, nj]);
      }
    }
  }
  return false;
}

export const regexBuiltins: Record<string, Impl> = {
  "regex.template_match": templateMatch,
  "regex.globs_match": (a, b) => globsIntersect(globTokens(str(a, 1)), globTokens(str(b, 2))),
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
