// sprintf (Go's fmt).

import { goQuote, type Impl, str, typeFail } from "./common.js";
import { formatJSONNumber, utf8Compare } from "./json.js";

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

/**
 * A sprintf argument given with its Rego text (bundle/load.ts passes these from sanso's runtime):
 * a composite prints as OPA prints it (sets as `{1, 2}`, numbers as written), and a number written
 * with a fraction or an exponent (`101.00`, `1e2`) is a float for Go's fmt, as in OPA, whose
 * numbers keep their text.
 */
export class RegoTextArg {
  constructor(
    readonly text: string,
    readonly isNumber: boolean,
  ) {}
}

// Integers that fit Go's int are passed to fmt as int, larger ones as *big.Int (which also
// formats with %s and %v), others as float64; strings as string, anything else as its Rego text.
type FmtArg = { kind: "int" | "bigint"; v: bigint } | { kind: "float"; v: number } | { kind: "string"; v: string };

function fmtArg(v: unknown): FmtArg {
  if (v instanceof RegoTextArg) {
    const f = v.isNumber ? Number(v.text) : NaN;
    // beyond a double's range OPA's json.Number has no float64 either: it prints its text
    return Number.isFinite(f) ? { kind: "float", v: f } : { kind: "string", v: v.text };
  }
  if (typeof v === "number") {
    if (Number.isInteger(v)) return { kind: Math.abs(v) < 9223372036854775808 ? "int" : "bigint", v: BigInt(v) };
    return { kind: "float", v };
  }
  if (typeof v === "string") return { kind: "string", v };
  return { kind: "string", v: regoText(v) };
}

const goTypeName = (a: FmtArg) => (a.kind === "int" ? "int" : a.kind === "bigint" ? "*big.Int" : a.kind === "float" ? "float64" : "string");

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

export const sprintfBuiltins: Record<string, Impl> = {
  sprintf,
};
