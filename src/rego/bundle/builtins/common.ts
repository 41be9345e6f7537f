// Shared by the JavaScript builtins: OPA's error forms, operand checks, Go string quoting.

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
export class Fail {
  constructor(
    readonly code: "eval_type_error" | "eval_builtin_error",
    readonly detail: string,
  ) {}
}

export const builtinFail = (detail: string) => new Fail("eval_builtin_error", detail);

export function typeName(v: unknown): string {
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

export function typeFail(pos: number, expected: string, got: unknown): Fail {
  return new Fail("eval_type_error", `operand ${pos} must be ${expected} but got ${typeName(got)}`);
}

export function str(v: unknown, pos: number): string {
  if (typeof v !== "string") throw typeFail(pos, "string", v);
  return v;
}

export function int(v: unknown, pos: number): number {
  if (typeof v !== "number") throw typeFail(pos, "number", v);
  if (!Number.isInteger(v)) throw new Fail("eval_type_error", `operand ${pos} must be integer number but got floating-point number`);
  return v;
}

/**
 * A Rego set, for the builtins that must tell a set from an array (SETS_AS_SETS of bundle/load.ts):
 * an array of its members in Rego's order, so code that takes sets as sorted arrays still works.
 */
export class RegoSet extends Array<unknown> {}

/** A builtin's implementation: JSON-able arguments in, a JSON-able value out (undefined = undefined). */
export type Impl = (...args: any[]) => unknown;

/** Escapes RegExp syntax characters (outside and inside a character class). */
export const reEscape = (s: string) => s.replace(/[\\^$.*+?()[\]{}|/]/g, (c) => "\\" + c);
export const classEscape = (s: string) => s.replace(/[\\\]^[-]/g, (c) => "\\" + c);

/** Go's strconv.Quote (printable runes kept, others escaped). */
export function goQuote(s: string): string {
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

/** Equality of two JSON values as Rego compares them (sets arrive as sorted arrays). */
export function valueEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (a === null || b === null || typeof a !== "object" || typeof b !== "object") return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (a instanceof RegoSet !== b instanceof RegoSet) return false;
  if (Array.isArray(a)) {
    const bb = b as unknown[];
    return a.length === bb.length && a.every((x, i) => valueEqual(x, bb[i]));
  }
  const ka = Object.keys(a);
  const ob = b as Record<string, unknown>;
  if (ka.length !== Object.keys(ob).length) return false;
  return ka.every((k) => Object.prototype.hasOwnProperty.call(ob, k) && valueEqual((a as Record<string, unknown>)[k], ob[k]));
}

export const isObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === "object" && !Array.isArray(v);

const typeRank = (v: unknown): number =>
  v === null || v === undefined ? 0 : typeof v === "boolean" ? 1 : typeof v === "number" ? 2 : typeof v === "string" ? 3 : Array.isArray(v) ? 4 : 5;

/** Rego's order of values (null < booleans < numbers < strings < arrays < objects), to sort sets. */
export function regoCompare(a: unknown, b: unknown): number {
  const ra = typeRank(a);
  const rb = typeRank(b);
  if (ra !== rb) return ra - rb;
  switch (ra) {
    case 0:
      return 0;
    case 1:
    case 2:
      return (a as number) < (b as number) ? -1 : (a as number) > (b as number) ? 1 : 0;
    case 3:
      return Buffer.compare(Buffer.from(a as string, "utf8"), Buffer.from(b as string, "utf8"));
    case 4: {
      const x = a as unknown[];
      const y = b as unknown[];
      for (let i = 0; i < Math.min(x.length, y.length); i++) {
        const c = regoCompare(x[i], y[i]);
        if (c !== 0) return c;
      }
      return x.length - y.length;
    }
  }
  const ka = Object.keys(a as object).sort();
  const kb = Object.keys(b as object).sort();
  for (let i = 0; i < Math.min(ka.length, kb.length); i++) {
    const c = regoCompare(ka[i], kb[i]) || regoCompare((a as Record<string, unknown>)[ka[i]], (b as Record<string, unknown>)[kb[i]]);
    if (c !== 0) return c;
  }
  return ka.length - kb.length;
}

// ---------------------------------------------------------------- big integers

/**
 * An integer result with more digits than a double keeps (a certificate's serial number, an RSA
 * modulus): bundle/load.ts writes its digits into the JSON it hands the module. Other loaders get
 * the nearest double (toJSON).
 */
export class BigIntValue {
  static created = 0;
  readonly digits: string;
  constructor(v: bigint) {
    this.digits = v.toString();
    BigIntValue.created++;
  }
  toJSON(): number {
    return Number(this.digits);
  }
}

/** A bigint as a plain number when it is exact, else a BigIntValue. */
export const bigNumber = (v: bigint): number | BigIntValue => (v >= -(2n ** 53n) && v <= 2n ** 53n ? Number(v) : new BigIntValue(v));
