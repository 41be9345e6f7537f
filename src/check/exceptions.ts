/**
 * Exceptions (例外措置, 第93条): approved deviations, kept as data in a YAML file.
 *
 * ```yaml
 * exceptions:
 *   - id: EX-2025-003
 *     rule: ART99-REGION
 *     resource: aws_s3_bucket.legacy_*     # glob on the address: * any run of characters, ? one
 *                                          # (or on the construct path: city/Lgwan/OpenSsh)
 *     stack: demo-noncompliant             # optional (glob)
 *     reason: ...
 *     approver: 情報セキュリティ管理者 ...
 *     approved: 2025-04-01
 *     expires: 2027-03-31                  # valid through this day (Japan time)
 * ```
 *
 * An approved, unexpired entry moves each matching finding to "excepted". An entry that is
 * expired, malformed, names an unknown rule or matches no finding is reported as an exception
 * problem, and the findings it would have covered stay findings: nothing is dropped silently.
 * A resource may also name entries in its `sanso:exception` tag (comma separated ids); the tag
 * counts only for ids present in the file (an unknown id is itself a problem).
 */
import type { NormalizedInput } from "../input/index.js";
import type { ExceptedFinding, ExceptionProblem, ExceptionRecord, Finding } from "../report/types.js";
import { CheckError } from "./errors.js";
import { describeValue, readYamlFile } from "./yaml.js";

export const EXCEPTION_TAG = "sanso:exception";

export interface ExceptionEntry extends ExceptionRecord {
  /** Stack (or plan) name glob; absent: every stack. */
  stack?: string;
  /** Position in the file (1-based), for messages. */
  index: number;
  /** Compiled patterns. */
  resourceRe?: RegExp;
  stackRe?: RegExp;
}

export interface ExceptionsFile {
  file: string;
  /** Well-formed entries (expiry and use are judged when applied). */
  entries: ExceptionEntry[];
  /** Entries that are malformed. */
  problems: ExceptionProblem[];
}

/** `YYYY-MM-DD` of `date` in Japan (Asia/Tokyo): the day exceptions are judged on. */
export function todayInJapan(date = new Date()): string {
  return new Intl.DateTimeFormat("en-CA", { timeZone: "Asia/Tokyo", year: "numeric", month: "2-digit", day: "2-digit" }).format(date);
}

/** A glob on addresses: `*` any run of characters (dots and brackets included), `?` one character. */
export function globToRegExp(glob: string): RegExp {
  let re = "";
  for (const ch of glob) {
    if (ch === "*") re += re.endsWith(".*") ? "" : ".*";
    else if (ch === "?") re += ".";
    else re += ch.replace(/[.+^${}()|[\]\\]/g, "\\$&");
  }
  return new RegExp(`^${re}$`, "su");
}

/** A valid calendar date `YYYY-MM-DD` (strings, or dates as YAML 1.1 parsers give them), else undefined. */
export function parseDate(v: unknown): string | undefined {
  if (v instanceof Date && !Number.isNaN(v.getTime())) return v.toISOString().slice(0, 10);
  if (typeof v !== "string") return undefined;
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(v.trim());
  if (!m) return undefined;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const dt = new Date(Date.UTC(y, mo - 1, d));
  if (dt.getUTCFullYear() !== y || dt.getUTCMonth() !== mo - 1 || dt.getUTCDate() !== d) return undefined;
  return m[0];
}

function problem(file: string, id: string | undefined, ja: string, en: string): ExceptionProblem {
  return { ...(id ? { exception: id } : {}), file, problem_ja: ja, problem_en: en };
}

/** Reads and validates an exceptions file. A file that is not YAML or not a list is a CheckError (exit 2). */
export function loadExceptions(file: string): ExceptionsFile {
  const doc = readYamlFile(file, "exceptions file");
  let list: unknown = doc;
  if (doc === null || doc === undefined) list = [];
  else if (typeof doc === "object" && !Array.isArray(doc) && !(doc instanceof Date)) {
    const d = doc as Record<string, unknown>;
    if (!("exceptions" in d)) {
      throw new CheckError(file, `malformed exceptions file: expected a list of exceptions (or a mapping with the key "exceptions"), found a mapping with ${Object.keys(d).slice(0, 5).join(", ") || "no keys"}`);
    }
    list = d.exceptions ?? [];
  }
  if (!Array.isArray(list)) throw new CheckError(file, `malformed exceptions file: "exceptions" must be a list, found ${describeValue(list)}`);
  return parseExceptions(list, file);
}

/** Validates the entries of an exceptions file (each malformed entry becomes a problem). */
export function parseExceptions(list: unknown[], file: string): ExceptionsFile {
  const entries: ExceptionEntry[] = [];
  const problems: ExceptionProblem[] = [];
  const seen = new Set<string>();
  list.forEach((raw, i) => {
    const index = i + 1;
    const at = { ja: `${index} 番目の例外`, en: `entry ${index}` };
    if (!raw || typeof raw !== "object" || Array.isArray(raw) || raw instanceof Date) {
      problems.push(problem(file, undefined, `${at.ja}が項目の組 (mapping) ではありません (${describeValue(raw)})。`, `${at.en} is not a mapping (${describeValue(raw)})`));
      return;
    }
    const r = raw as Record<string, unknown>;
    const s = (k: string): string | undefined => {
      const v = r[k];
      if (typeof v === "number") return String(v);
      return typeof v === "string" && v.trim() !== "" ? v.trim() : undefined;
    };
    const id = s("id");
    const label = id ? { ja: `例外 ${id}`, en: `exception ${id}` } : at;
    const missing: string[] = [];
    const invalid: Array<{ ja: string; en: string }> = [];
    if (!id) missing.push("id");
    const rule = s("rule");
    if (!rule) missing.push("rule");
    const resource = s("resource");
    const reason = s("reason");
    if (!reason) missing.push("reason");
    const approver = s("approver");
    if (!approver) missing.push("approver");
    const approvedRaw = r.approved ?? r.approval_date ?? r.approved_on;
    const expiresRaw = r.expires ?? r.expiry ?? r.expires_on;
    const approved = parseDate(approvedRaw);
    const expires = parseDate(expiresRaw);
    if (approvedRaw === undefined || approvedRaw === null || approvedRaw === "") missing.push("approved");
    else if (!approved) invalid.push({ ja: `承認日 ${JSON.stringify(approvedRaw)} が YYYY-MM-DD 形式の日付ではありません`, en: `approved ${JSON.stringify(approvedRaw)} is not a date (YYYY-MM-DD)` });
    if (expiresRaw === undefined || expiresRaw === null || expiresRaw === "") missing.push("expires");
    else if (!expires) invalid.push({ ja: `有効期限 ${JSON.stringify(expiresRaw)} が YYYY-MM-DD 形式の日付ではありません`, en: `expires ${JSON.stringify(expiresRaw)} is not a date (YYYY-MM-DD)` });
    if (approved && expires && approved > expires) invalid.push({ ja: `承認日 ${approved} が有効期限 ${expires} より後です`, en: `approved ${approved} is after expires ${expires}` });
    if (resource !== undefined && /^[*?]+$/.test(resource)) {
      invalid.push({ ja: `対象リソース "${resource}" がすべてのリソースに一致します (例外は対象を特定すること)`, en: `resource "${resource}" matches every resource (an exception must name what it covers)` });
    }
    if (r.resource !== undefined && r.resource !== null && resource === undefined) invalid.push({ ja: "resource が文字列ではありません", en: "resource is not a string" });
    if (r.stack !== undefined && r.stack !== null && s("stack") === undefined) invalid.push({ ja: "stack が文字列ではありません", en: "stack is not a string" });
    if (id && seen.has(id)) invalid.push({ ja: `id ${id} が重複しています`, en: `duplicate id ${id}` });
    if (id) seen.add(id);
    if (missing.length || invalid.length) {
      const ja = [missing.length ? `必須項目 ${missing.join(", ")} がありません` : "", ...invalid.map((x) => x.ja)].filter(Boolean).join("。");
      const en = [missing.length ? `missing ${missing.join(", ")}` : "", ...invalid.map((x) => x.en)].filter(Boolean).join("; ");
      problems.push(problem(file, id, `${label.ja}は不正なため適用しません: ${ja}。`, `${label.en} is malformed and not applied: ${en}`));
      return;
    }
    const stack = s("stack");
    entries.push({
      id: id!,
      rule: rule!,
      resource: resource ?? "",
      reason: reason!,
      approver: approver!,
      approved: approved!,
      expires: expires!,
      ...(stack ? { stack, stackRe: globToRegExp(stack) } : {}),
      ...(resource ? { resourceRe: globToRegExp(resource) } : {}),
      index,
    });
  });
  return { file, entries, problems };
}

export interface ApplyOptions {
  /** The day to judge expiry on, YYYY-MM-DD (default: today in Japan). */
  asOf?: string;
  /** Rule ids of the policy catalog; when non-empty, an entry naming another rule is a problem. */
  knownRules?: ReadonlySet<string>;
  /** The evaluated stacks, for `sanso:exception` tags. */
  inputs?: NormalizedInput[];
}

export interface ApplyResult {
  findings: Finding[];
  excepted: ExceptedFinding[];
  problems: ExceptionProblem[];
}

function record(e: ExceptionEntry, viaTag: boolean): ExceptionRecord {
  return {
    id: e.id,
    rule: e.rule,
    resource: e.resource || (viaTag ? `(${EXCEPTION_TAG})` : ""),
    reason: e.reason,
    approver: e.approver,
    approved: e.approved,
    expires: e.expires,
  };
}

function tagIds(v: unknown): string[] {
  return typeof v === "string" ? v.split(/[,\s、]+/).map((x) => x.trim()).filter(Boolean) : [];
}

/** Splits findings into findings and excepted findings, and reports every exception problem. */
export function applyExceptions(findings: Finding[], ex: ExceptionsFile | null, opts: ApplyOptions = {}): ApplyResult {
  const asOf = opts.asOf ?? todayInJapan();
  const problems: ExceptionProblem[] = [...(ex?.problems ?? [])];
  const entries = ex?.entries ?? [];
  const byId = new Map(entries.map((e) => [e.id, e]));
  const file = ex?.file ?? "";

  // Tags naming exceptions: stack -> address -> ids; ids missing from the file are problems.
  const tags = new Map<string, Map<string, string[]>>();
  for (const doc of opts.inputs ?? []) {
    for (const r of Object.values(doc.resources)) {
      const ids = tagIds(r.tags?.[EXCEPTION_TAG]);
      if (!ids.length) continue;
      let m = tags.get(doc.stack);
      if (!m) tags.set(doc.stack, (m = new Map()));
      m.set(r.address, ids);
      for (const id of ids) {
        if (byId.has(id) || ex?.problems.some((p) => p.exception === id)) continue;
        problems.push(
          problem(
            r.source.file,
            id,
            `${r.address} (スタック ${doc.stack}) のタグ ${EXCEPTION_TAG}=${id} に対応する例外が${ex ? `例外ファイル ${ex.file} に` : ""}ありません${ex ? "" : " (--exceptions で例外ファイルを指定してください)"}。タグは無視されます。`,
            `${r.address} (stack ${doc.stack}) carries the tag ${EXCEPTION_TAG}=${id}, but ${ex ? `${ex.file} has no exception ${id}` : "no exceptions file was given (--exceptions)"}; the tag is ignored`,
          ),
        );
      }
    }
  }

  const known = opts.knownRules && opts.knownRules.size > 0 ? opts.knownRules : undefined;
  type State = { entry: ExceptionEntry; usable: boolean; matched: Set<Finding> };
  const states = new Map<string, State>();
  for (const e of entries) {
    let usable = true;
    if (known && !known.has(e.rule)) {
      usable = false;
      problems.push(problem(file, e.id, `例外 ${e.id} のルール ${e.rule} はポリシーにありません。`, `exception ${e.id} names rule ${e.rule}, which is not a rule of the policies`));
    } else if (e.approved > asOf) {
      usable = false;
      problems.push(problem(file, e.id, `例外 ${e.id} の承認日 ${e.approved} が判定日 ${asOf} より後のため適用しません。`, `exception ${e.id} is approved on ${e.approved}, after ${asOf}; not applied`));
    }
    states.set(e.id, { entry: e, usable, matched: new Set() });
  }
  const expired = (e: ExceptionEntry) => e.expires < asOf;

  const kept: Finding[] = [];
  const excepted: ExceptedFinding[] = [];
  for (const f of findings) {
    let applied: { e: ExceptionEntry; viaTag: boolean } | undefined;
    const matches = (e: ExceptionEntry, viaTag: boolean): boolean =>
      e.rule === f.rule && (!e.stackRe || e.stackRe.test(f.stack)) && (viaTag || (!!e.resourceRe && (e.resourceRe.test(f.resource) || (!!f.construct && e.resourceRe.test(f.construct)))));
    const tagged = tags.get(f.stack)?.get(f.resource) ?? [];
    const candidates: Array<{ e: ExceptionEntry; viaTag: boolean }> = [];
    for (const id of tagged) {
      const e = byId.get(id);
      if (e) candidates.push({ e, viaTag: true });
    }
    for (const e of entries) candidates.push({ e, viaTag: false });
    for (const c of candidates) {
      if (!matches(c.e, c.viaTag)) continue;
      const st = states.get(c.e.id)!;
      st.matched.add(f);
      if (!applied && st.usable && !expired(c.e)) applied = c;
    }
    if (applied) excepted.push({ ...f, exception: record(applied.e, applied.viaTag) });
    else kept.push(f);
  }

  for (const { entry: e, usable, matched: m } of states.values()) {
    if (!usable) continue;
    const matched = [...m];
    const list = (fs: Finding[]) => {
      const names = [...new Set(fs.map((x) => `${x.stack}:${x.resource}`))];
      return names.slice(0, 5).join(", ") + (names.length > 5 ? ` (+${names.length - 5})` : "");
    };
    if (expired(e)) {
      problems.push(
        problem(
          file,
          e.id,
          `例外 ${e.id} (${e.rule}) は ${e.expires} に期限切れです。${matched.length ? `対象の指摘 ${matched.length} 件は違反として報告します (${list(matched)})。` : ""}再承認するか対処してください。`,
          `exception ${e.id} (${e.rule}) expired on ${e.expires}${matched.length ? `; its ${matched.length} finding(s) are reported as violations (${list(matched)})` : ""}; renew the approval or fix the resources`,
        ),
      );
    } else if (matched.length === 0) {
      const what = `${e.resource || `(${EXCEPTION_TAG})`}${e.stack ? ` / stack ${e.stack}` : ""}`;
      problems.push(
        problem(
          file,
          e.id,
          `例外 ${e.id} (${e.rule}, ${what}) に該当する指摘がありません。不要になった例外は削除してください。`,
          `exception ${e.id} (${e.rule}, ${what}) matches no finding; remove it if it is no longer needed`,
        ),
      );
    }
  }
  return { findings: kept, excepted, problems };
}
