import { TAG } from "../vocabulary.js";
import type { Classification, Zone } from "./types.js";

/** Tag keys that the constructs set and policies read (src/vocabulary.ts). */
export const ZONE_TAG = TAG.zone;
export const CLASSIFICATION_TAG = TAG.classification;

/**
 * Accepted zone tag values (compared after Unicode NFKC normalization, trimmed, case-insensitive):
 *
 * | zone       | values                                                                      |
 * |------------|-----------------------------------------------------------------------------|
 * | `mynumber` | `mynumber`, `my-number`, `my_number`, `マイナンバー利用事務系`, `マイナンバー系`, `マイナンバー利用事務系(ガバメントクラウド)` |
 * | `lgwan`    | `lgwan`, `LGWAN接続系`, `LGWAN系`                                               |
 * | `internet` | `internet`, `インターネット接続系`, `インターネット系`                              |
 */
const ZONE_ALIASES: Record<string, Zone> = {
  mynumber: "mynumber",
  "my-number": "mynumber",
  my_number: "mynumber",
  マイナンバー利用事務系: "mynumber",
  マイナンバー系: "mynumber",
  "マイナンバー利用事務系(ガバメントクラウド)": "mynumber",
  lgwan: "lgwan",
  lgwan接続系: "lgwan",
  lgwan系: "lgwan",
  internet: "internet",
  インターネット接続系: "internet",
  インターネット系: "internet",
};

/**
 * Accepted classification tag values (重要性分類, 第17条), after NFKC normalization (which turns
 * the Roman numeral characters Ⅰ..Ⅳ into I..IV and full-width digits into ASCII), trimmed,
 * case-insensitive, with an optional `重要性分類` prefix (and optional space after it):
 * `I` `II` `III` `IV`, `1` `2` `3` `4`, `重要性分類I` .. `重要性分類IV`, `重要性分類Ⅰ` .. `重要性分類Ⅳ`,
 * `重要性分類1` .. `重要性分類4`.
 */
const CLASS_ALIASES: Record<string, Classification> = {
  i: "I",
  ii: "II",
  iii: "III",
  iv: "IV",
  "1": "I",
  "2": "II",
  "3": "III",
  "4": "IV",
};

function norm(value: string): string {
  return value.normalize("NFKC").trim().toLowerCase().replace(/\s+/g, " ");
}

/** Own entries only: a tag value "constructor" or "__proto__" is no zone. */
function lookup<T>(table: Record<string, T>, key: string): T | undefined {
  return Object.hasOwn(table, key) ? table[key] : undefined;
}

// Tag values repeat across a stack's resources (a plan of 15,000 resources has a handful of
// distinct ones), and NFKC normalization is not free: each distinct value is parsed once.
const zoneMemo = new Map<string, Zone | undefined>();
const classMemo = new Map<string, Classification | undefined>();
const MEMO_LIMIT = 10_000;

function memoized<T>(memo: Map<string, T | undefined>, value: string, parse: (v: string) => T | undefined): T | undefined {
  if (memo.has(value)) return memo.get(value);
  const out = parse(value);
  if (memo.size < MEMO_LIMIT) memo.set(value, out);
  return out;
}

/** Zone for a tag value, `undefined` if the value is not recognized. */
export function parseZone(value: unknown): Zone | undefined {
  if (typeof value !== "string") return undefined;
  return memoized(zoneMemo, value, (raw) => {
    const v = norm(raw);
    return lookup(ZONE_ALIASES, v) ?? lookup(ZONE_ALIASES, v.replace(/ /g, ""));
  });
}

/** Classification for a tag value, `undefined` if the value is not recognized. */
export function parseClassification(value: unknown): Classification | undefined {
  if (typeof value === "number") return lookup(CLASS_ALIASES, String(value));
  if (typeof value !== "string") return undefined;
  return memoized(classMemo, value, (raw) => {
    let v = norm(raw);
    if (v.startsWith("重要性分類")) v = v.slice("重要性分類".length).trim();
    return lookup(CLASS_ALIASES, v);
  });
}

/** Strictness order used when a resource inherits from several neighbours at once. */
export const ZONE_RANK: Record<Zone, number> = { mynumber: 3, lgwan: 2, internet: 1 };
export const CLASS_RANK: Record<Classification, number> = { I: 4, II: 3, III: 2, IV: 1 };
