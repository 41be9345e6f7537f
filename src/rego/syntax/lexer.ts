// Rego lexer: turns source text into tokens with 1-based line/column positions.
//
// Newlines are significant in Rego (they separate the expressions of a body, like `;`), but only
// where an expression could end. Rather than emitting NEWLINE tokens, every token records whether
// a newline (`nl`) or any whitespace/comment (`ws`) came before it; the parser uses `nl` to end
// expressions and `ws` to decide whether `x[`, `x.` and `f(` continue a reference/call (they
// must be written without whitespace, as in OPA).

import { RegoError, RegoErrors, type Location } from "./ast.ts";

export type TokenKind = "ident" | "number" | "string" | "template" | "op" | "eof";

export interface Token {
  kind: TokenKind;
  /** ident name, operator text, number literal text, or decoded string value */
  value: string;
  /** true for `raw` (backtick) strings and template strings (`` $`...` ``) */
  raw?: boolean;
  /**
   * Template strings (`$"a {x} b"`, `` $`a {x} b` ``) are scanned as text segments around the tokens
   * of their expressions: a segment starts at `$` (`tplStart`) or at the `}` closing an expression,
   * `value` is its decoded text, and `tplEnd` says whether it ends the template (else a `{` opens
   * the next expression).
   */
  tplStart?: boolean;
  tplEnd?: boolean;
  line: number;
  col: number;
  /** offset of the first character in the source, and one past the last */
  pos: number;
  end: number;
  /** a newline occurs between the previous token and this one */
  nl: boolean;
  /** whitespace or a comment occurs between the previous token and this one */
  ws: boolean;
}

export interface Comment {
  /** the text after `#` (up to, not including, the end of the line) */
  text: string;
  line: number;
  col: number;
}

export interface LexResult {
  tokens: Token[];
  comments: Comment[];
}

const CH_TAB = 9;
const CH_LF = 10;
const CH_CR = 13;
const CH_SPACE = 32;
const CH_QUOTE = 34;
const CH_HASH = 35;
const CH_BACKSLASH = 92;
const CH_BACKTICK = 96;
const CH_DOLLAR = 36;
const CH_LBRACE = 123;
const CH_RBRACE = 125;

function isLetter(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || c === 95;
}
function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}
function hexVal(c: number): number {
  if (c >= 48 && c <= 57) return c - 48;
  if (c >= 97 && c <= 102) return c - 87;
  if (c >= 65 && c <= 70) return c - 55;
  return -1;
}

/** Two-character operators, keyed by their first character. */
const TWO_CHAR_OPS = new Set([":=", "==", "!=", "<=", ">="]);
/** Single-character operators. */
const ONE_CHAR_OPS = new Set([
  "=", "<", ">", "+", "-", "*", "/", "%", "&", "|", ".", ",", ";", ":", "[", "]", "{", "}", "(", ")",
]);

export function tokenize(source: string, file: string): LexResult {
  const tokens: Token[] = [];
  const comments: Comment[] = [];
  const n = source.length;
  let i = 0;
  let line = 1;
  let lineStart = 0;
  let nl = false;
  let ws = false;

  const fail = (pos: number, ln: number, lnStart: number, msg: string): never => {
    const loc: Location = { file, line: ln, col: pos - lnStart + 1 };
    throw new RegoErrors([new RegoError(loc, msg, "rego_parse_error")]);
  };

  if (n > 0 && source.charCodeAt(0) === 0xfeff) i = 1; // byte order mark

  // The template strings whose expression is being scanned, innermost last: `depth` counts the
  // braces opened inside the expression, so the `}` that closes it is told from an object's.
  const templates: Array<{ raw: boolean; depth: number; line: number; col: number; lineStart: number; pos: number }> = [];

  /**
   * Scans a template segment from `i` (after `$"`, `` $` `` or the closing `}`) to the end of the
   * template or the `{` of the next expression. Escapes: `\{` and `\}` are braces; in `$"..."`
   * also the escapes of strings (no newline); in `` $`...` `` every other character is itself.
   */
  const templateSegment = (tpl: { raw: boolean; line: number; col: number; lineStart: number; pos: number }, start: number, tokLine: number, col: number, isStart: boolean): void => {
    let value = "";
    let chunk = i;
    const unterminated = (): never => fail(tpl.pos, tpl.line, tpl.lineStart, "non-terminated template string");
    for (;;) {
      if (i >= n) unterminated();
      const d = source.charCodeAt(i);
      if (tpl.raw ? d === CH_BACKTICK : d === CH_QUOTE) {
        value += source.slice(chunk, i);
        i++;
        tokens.push({ kind: "template", value: tpl.raw ? value : fixSurrogates(value), raw: tpl.raw, tplStart: isStart, tplEnd: true, line: tokLine, col, pos: start, end: i, nl, ws });
        return;
      }
      if (d === CH_LBRACE) {
        value += source.slice(chunk, i);
        i++;
        tokens.push({ kind: "template", value: tpl.raw ? value : fixSurrogates(value), raw: tpl.raw, tplStart: isStart, tplEnd: false, line: tokLine, col, pos: start, end: i, nl, ws });
        templates.push({ ...tpl, depth: 0 });
        return;
      }
      if (d === CH_LF) {
        if (!tpl.raw) unterminated();
        i++;
        line++;
        lineStart = i;
        continue;
      }
      if (d !== CH_BACKSLASH) {
        i++;
        continue;
      }
      const e = i + 1 < n ? source.charCodeAt(i + 1) : -1;
      if (e === CH_LBRACE || e === CH_RBRACE) {
        value += source.slice(chunk, i) + String.fromCharCode(e);
        i += 2;
        chunk = i;
        continue;
      }
      if (tpl.raw) {
        i++;
        continue;
      }
      value += source.slice(chunk, i);
      const esc = stringEscape(source, i);
      if (esc === undefined) fail(i, line, lineStart, "illegal escape sequence");
      value += esc![0];
      i = esc![1];
      chunk = i;
    }
  };

  while (i < n) {
    const c = source.charCodeAt(i);
    if (c === CH_LF) {
      i++;
      line++;
      lineStart = i;
      nl = true;
      ws = true;
      continue;
    }
    if (c === CH_SPACE || c === CH_TAB || c === CH_CR) {
      i++;
      ws = true;
      continue;
    }
    if (c === CH_HASH) {
      const start = i;
      i++;
      while (i < n && source.charCodeAt(i) !== CH_LF) i++;
      let text = source.slice(start + 1, i);
      if (text.endsWith("\r")) text = text.slice(0, -1);
      comments.push({ text, line, col: start - lineStart + 1 });
      ws = true;
      continue;
    }

    const start = i;
    const tokLine = line;
    const col = start - lineStart + 1;

    const tpl = templates[templates.length - 1];
    if (tpl && c === CH_LBRACE) tpl.depth++;
    else if (tpl && c === CH_RBRACE && tpl.depth-- === 0) {
      // the `}` closing a template's expression: the template's text goes on
      templates.pop();
      i++;
      templateSegment(tpl, start, tokLine, col, false);
      nl = false;
      ws = false;
      continue;
    }

    if (c === CH_DOLLAR) {
      const q = i + 1 < n ? source.charCodeAt(i + 1) : -1;
      if (q !== CH_QUOTE && q !== CH_BACKTICK) fail(start, line, lineStart, "illegal $ character");
      i += 2;
      templateSegment({ raw: q === CH_BACKTICK, line: tokLine, col, lineStart, pos: start }, start, tokLine, col, true);
    } else if (isLetter(c)) {
      i++;
      while (i < n) {
        const d = source.charCodeAt(i);
        if (isLetter(d) || isDigit(d)) i++;
        else break;
      }
      tokens.push({ kind: "ident", value: source.slice(start, i), line: tokLine, col, pos: start, end: i, nl, ws });
    } else if (isDigit(c)) {
      while (i < n && isDigit(source.charCodeAt(i))) i++;
      if (i < n && source.charCodeAt(i) === 46 /* . */) {
        i++;
        const fracStart = i;
        while (i < n && isDigit(source.charCodeAt(i))) i++;
        if (i === fracStart) fail(i, line, lineStart, "expected fraction");
      }
      if (i < n && (source.charCodeAt(i) | 0x20) === 101 /* e */) {
        i++;
        if (i < n && (source.charCodeAt(i) === 43 || source.charCodeAt(i) === 45)) i++;
        const expStart = i;
        while (i < n && isDigit(source.charCodeAt(i))) i++;
        if (i === expStart) fail(i, line, lineStart, "expected exponent");
      }
      if (i < n && isLetter(source.charCodeAt(i))) fail(start, line, lineStart, "illegal number format");
      tokens.push({ kind: "number", value: source.slice(start, i), line: tokLine, col, pos: start, end: i, nl, ws });
    } else if (c === CH_QUOTE) {
      i++;
      let value = "";
      let chunk = i;
      for (;;) {
        if (i >= n || source.charCodeAt(i) === CH_LF) fail(start, tokLine, lineStart, "non-terminated string");
        const d = source.charCodeAt(i);
        if (d === CH_QUOTE) {
          value += source.slice(chunk, i);
          i++;
          break;
        }
        if (d !== CH_BACKSLASH) {
          i++;
          continue;
        }
        value += source.slice(chunk, i);
        const esc = stringEscape(source, i);
        if (esc === undefined) fail(i, line, lineStart, "illegal escape sequence");
        value += esc![0];
        i = esc![1];
        chunk = i;
      }
      tokens.push({
        kind: "string", value: fixSurrogates(value), line: tokLine, col, pos: start, end: i, nl, ws,
      });
    } else if (c === CH_BACKTICK) {
      i++;
      const contentStart = i;
      for (;;) {
        if (i >= n) fail(start, tokLine, start - col + 1, "non-terminated raw string");
        const d = source.charCodeAt(i);
        if (d === CH_BACKTICK) break;
        i++;
        if (d === CH_LF) {
          line++;
          lineStart = i;
        }
      }
      const value = source.slice(contentStart, i);
      i++;
      tokens.push({ kind: "string", value, raw: true, line: tokLine, col, pos: start, end: i, nl, ws });
    } else {
      const two = i + 1 < n ? source.slice(i, i + 2) : "";
      if (TWO_CHAR_OPS.has(two)) {
        i += 2;
        tokens.push({ kind: "op", value: two, line: tokLine, col, pos: start, end: i, nl, ws });
      } else {
        const one = source[i]!;
        if (!ONE_CHAR_OPS.has(one)) fail(start, line, lineStart, "illegal token");
        i++;
        tokens.push({ kind: "op", value: one, line: tokLine, col, pos: start, end: i, nl, ws });
      }
    }
    nl = false;
    ws = false;
  }
  const open = templates[templates.length - 1];
  if (open) fail(open.pos, open.line, open.lineStart, "non-terminated template string");
  tokens.push({ kind: "eof", value: "", line, col: i - lineStart + 1, pos: i, end: i, nl, ws });
  return { tokens, comments };
}

/** The escape at `source[i]` (a backslash) of a string: its text and the offset after it, or undefined when illegal. */
function stringEscape(source: string, i: number): [string, number] | undefined {
  const e = i + 1 < source.length ? source.charCodeAt(i + 1) : -1;
  switch (e) {
    case 34: return ['"', i + 2];
    case 92: return ["\\", i + 2];
    case 47: return ["/", i + 2];
    case 98: return ["\b", i + 2];
    case 102: return ["\f", i + 2];
    case 110: return ["\n", i + 2];
    case 114: return ["\r", i + 2];
    case 116: return ["\t", i + 2];
    case 117: {
      let cu = 0;
      for (let k = 2; k < 6; k++) {
        const h = i + k < source.length ? hexVal(source.charCodeAt(i + k)) : -1;
        if (h < 0) return undefined;
        cu = cu * 16 + h;
      }
      return [String.fromCharCode(cu), i + 6];
    }
    default:
      return undefined;
  }
}

/**
 * `\uXXXX` escapes yield UTF-16 code units; a valid surrogate pair is kept as is (it already forms
 * the right character). A lone surrogate is replaced with U+FFFD, as JSON decoders do.
 */
function fixSurrogates(s: string): string {
  let bad = false;
  for (let k = 0; k < s.length; k++) {
    const c = s.charCodeAt(k);
    if (c >= 0xd800 && c <= 0xdbff) {
      const d = k + 1 < s.length ? s.charCodeAt(k + 1) : 0;
      if (d >= 0xdc00 && d <= 0xdfff) {
        k++;
        continue;
      }
      bad = true;
      break;
    }
    if (c >= 0xdc00 && c <= 0xdfff) {
      bad = true;
      break;
    }
  }
  if (!bad) return s;
  let out = "";
  for (let k = 0; k < s.length; k++) {
    const c = s.charCodeAt(k);
    if (c >= 0xd800 && c <= 0xdbff) {
      const d = k + 1 < s.length ? s.charCodeAt(k + 1) : 0;
      if (d >= 0xdc00 && d <= 0xdfff) {
        out += s[k]! + s[k + 1]!;
        k++;
      } else out += "\ufffd";
    } else if (c >= 0xdc00 && c <= 0xdfff) out += "\ufffd";
    else out += s[k]!;
  }
  return out;
}
