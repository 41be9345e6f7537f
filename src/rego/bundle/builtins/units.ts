// units.parse_bytes and units.parse.

import { BigIntValue, bigNumber, builtinFail, type Impl, str } from "./common.js";

const BYTE_UNITS: Record<string, bigint> = {
  "": 1n, kb: 1000n, k: 1000n, kib: 1024n, ki: 1024n, mb: 1000n ** 2n, m: 1000n ** 2n, mib: 1024n ** 2n, mi: 1024n ** 2n,
  gb: 1000n ** 3n, g: 1000n ** 3n, gib: 1024n ** 3n, gi: 1024n ** 3n, tb: 1000n ** 4n, t: 1000n ** 4n, tib: 1024n ** 4n,
  ti: 1024n ** 4n, pb: 1000n ** 5n, p: 1000n ** 5n, pib: 1024n ** 5n, pi: 1024n ** 5n, eb: 1000n ** 6n, e: 1000n ** 6n,
  eib: 1024n ** 6n, ei: 1024n ** 6n,
};

/** units.parse_bytes: "10KB", "1.5GiB" ... to a number of bytes (truncated). */
function parseBytes(v: unknown): number | BigIntValue {
  const s = str(v, 1).toLowerCase().replace(/"/g, "");
  if (s.includes(" ")) throw builtinFail("spaces not allowed in resource strings");
  // the amount may have an exponent (1e3KB), split as units.parse does
  const split = splitNumUnit(s);
  if (!split) throw builtinFail("exponent too large");
  const [num, unit] = split;
  if (num === "") throw builtinFail("no byte amount provided");
  const mult = BYTE_UNITS[unit];
  if (mult === undefined) throw builtinFail(`byte unit ${unit} not recognized`);
  const r = /^[0-9.]*([eE][+-]?\d+)?$/.test(num) ? parseRational(num) : undefined;
  if (!r) throw builtinFail("could not parse byte amount to a number");
  return bigNumber((r[0] * mult) / r[1]); // exact beyond 2^53 (10EiB), as OPA's numbers
}


// ---------------------------------------------------------------- units.parse

/** Splits "10.5e3Mi" into its number ("10.5e3") and unit ("Mi"), as OPA does; null if the exponent is too long. */
function splitNumUnit(s: string): [string, string] | null {
  const isDigit = (c: string | undefined) => c !== undefined && c >= "0" && c <= "9";
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    if (!isDigit(c) && c !== "." && c !== "e" && c !== "E" && c !== "+" && c !== "-") return [s.slice(0, i), s.slice(i)];
    if (c === "e" || c === "E") {
      const next = s[i + 1];
      if (i === s.length - 1 || (!isDigit(next) && next !== "+" && next !== "-")) return [s.slice(0, i), s.slice(i)];
      if (next === "+" || next === "-") i++;
      let end = i + 1;
      while (isDigit(s[end])) end++;
      if (end - (i + 1) > 6) return null;
    }
  }
  return [s, ""];
}

/** A decimal text (Go's big.Rat syntax without fractions) as numerator/denominator; undefined if invalid. */
function parseRational(t: string): [bigint, bigint] | undefined {
  const m = /^([+-]?)(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d+))?$/.exec(t);
  if (!m || (m[2] === "" && (m[3] ?? "") === "")) return undefined;
  let num = BigInt((m[2] || "0") + (m[3] ?? ""));
  let den = 10n ** BigInt((m[3] ?? "").length);
  const e = m[4] ? parseInt(m[4], 10) : 0;
  if (e > 0) num *= 10n ** BigInt(e);
  else if (e < 0) den *= 10n ** BigInt(-e);
  return [m[1] === "-" ? -num : num, den];
}

const SI: Record<string, [bigint, bigint]> = {
  "": [1n, 1n], m: [1n, 1000n], k: [1000n, 1n], K: [1000n, 1n], ki: [1024n, 1n], Ki: [1024n, 1n], M: [1000n ** 2n, 1n],
  mi: [1024n ** 2n, 1n], Mi: [1024n ** 2n, 1n], g: [1000n ** 3n, 1n], G: [1000n ** 3n, 1n], gi: [1024n ** 3n, 1n],
  Gi: [1024n ** 3n, 1n], t: [1000n ** 4n, 1n], T: [1000n ** 4n, 1n], ti: [1024n ** 4n, 1n], Ti: [1024n ** 4n, 1n],
  p: [1000n ** 5n, 1n], P: [1000n ** 5n, 1n], pi: [1024n ** 5n, 1n], Pi: [1024n ** 5n, 1n], e: [1000n ** 6n, 1n],
  E: [1000n ** 6n, 1n], ei: [1024n ** 6n, 1n], Ei: [1024n ** 6n, 1n],
};

/** units.parse: "10m" (milli), "1.5Gi", "2K"... to a number; non-integers are rounded to 10 decimals. */
function parseUnits(v: unknown): number | BigIntValue {
  const s = str(v, 1).replace(/"/g, "");
  if (s.includes(" ")) throw builtinFail("spaces not allowed in resource strings");
  const split = splitNumUnit(s);
  if (!split) throw builtinFail("exponent too large");
  const [num, rawUnit] = split;
  if (num === "") throw builtinFail("no amount provided");
  const unit = rawUnit.length > 1 ? rawUnit[0] + rawUnit.slice(1).toLowerCase() : rawUnit;
  const mult = SI[unit];
  if (!mult) throw builtinFail(`unit ${unit} not recognized`);
  const r = parseRational(num);
  if (!r) throw builtinFail("could not parse amount to a number");
  let p = r[0] * mult[0];
  const q = r[1] * mult[1];
  if (p % q === 0n) return bigNumber(p / q);
  // big.Rat.FloatString(10): rounded to nearest, halves away from zero
  const neg = p < 0n;
  if (neg) p = -p;
  const scaled = (p * 10n ** 10n * 2n + q) / (2n * q);
  const txt = scaled.toString().padStart(11, "0");
  return Number(`${neg ? "-" : ""}${txt.slice(0, -10)}.${txt.slice(-10)}`);
}

export const unitsBuiltins: Record<string, Impl> = {
  "units.parse_bytes": parseBytes,
  "units.parse": parseUnits,
};
