// OPA conformance cases (YAML) run against sanso's compiler, as `scripts/conformance.ts` and the
// conformance test suite use them. Format: ../shared/rego-conformance/SOURCE.md.

import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative, sep } from "node:path";
import YAML from "yaml";
import { parseModule, parseTerm } from "./syntax/index.js";
import { RegoErrors, type Module, type Term } from "./syntax/ast.js";
import { compileQuery, QUERY_ENTRYPOINT } from "./compile/index.js";
import { BUILTINS } from "./compile/builtin-table.js";
import { loadPolicy } from "./bundle/load.js";

export interface ConformanceCase {
  note: string;
  query: string;
  modules?: string[];
  data?: unknown;
  input?: unknown;
  input_term?: string;
  want_result?: Array<Record<string, unknown>>;
  want_error?: string;
  want_error_code?: string;
  sort_bindings?: boolean;
  strict_error?: boolean;
}

export interface CaseResult {
  topic: string;
  file: string;
  note: string;
  status: "passed" | "failed" | "skipped";
  detail?: string;
}

export interface Summary {
  cases: number;
  passed: number;
  failed: number;
  skipped: number;
  topics: Record<string, { cases: number; passed: number; failed: number; skipped: number }>;
  results: CaseResult[];
}

function yamlFiles(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir).sort()) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) out.push(...yamlFiles(p));
    else if (/\.ya?ml$/.test(name)) out.push(p);
  }
  return out;
}

/** Rego value text of a constant term (from input_term): JSON plus sets, which sanso's runtime reads. */
function regoText(t: Term): string {
  switch (t.type) {
    case "null": return "null";
    case "boolean": return String(t.value);
    case "number": return String(t.value);
    case "string": return JSON.stringify(t.value);
    case "array": return `[${t.items.map(regoText).join(",")}]`;
    case "set": return t.items.length ? `{${t.items.map(regoText).join(",")}}` : "set()";
    case "object": return `{${t.entries.map(([k, v]) => `${regoText(k)}:${regoText(v)}`).join(",")}}`;
    default: throw new Error(`input_term: unsupported term ${t.type}`);
  }
}

/** Canonical text of a JSON value: sorted keys, numbers normalised; sortArrays for sort_bindings. */
function canon(v: unknown, sortArrays: boolean): string {
  if (Array.isArray(v)) {
    const items = v.map((x) => canon(x, sortArrays));
    if (sortArrays) items.sort();
    return `[${items.join(",")}]`;
  }
  if (v && typeof v === "object") {
    return `{${Object.keys(v).sort().map((k) => `${JSON.stringify(k)}:${canon((v as Record<string, unknown>)[k], sortArrays)}`).join(",")}}`;
  }
  if (typeof v === "number") return String(Number(v));
  return JSON.stringify(v);
}

function errorText(e: unknown): string {
  if (e instanceof RegoErrors) return e.errors.map((x) => `${x.code}: ${x.message}`).join("\n");
  if (typeof e === "string") return e;
  if (e instanceof Error) return e.message;
  return JSON.stringify(e);
}

/** Builtins named in a compile error that are outside the SDK's capabilities: the case is skipped. */
function unsupportedBuiltin(e: unknown): string | undefined {
  if (!(e instanceof RegoErrors)) return undefined;
  for (const x of e.errors) {
    const m = /undefined function ([\w.]+)/.exec(x.detail);
    if (m && !m[1].startsWith("data.") && !BUILTINS.has(m[1])) return m[1];
  }
  return undefined;
}

export async function runCase(c: ConformanceCase): Promise<{ status: CaseResult["status"]; detail?: string }> {
  const wantsError = c.want_error !== undefined || c.want_error_code !== undefined;
  const matchesError = (text: string) =>
    (c.want_error_code === undefined || text.includes(c.want_error_code)) &&
    (c.want_error === undefined || c.want_error === "" || text.includes(c.want_error));
  // OPA's pre-1.0 cases (rules without `if`, ...) are read as v0, as `--v0-compatible` does: when
  // the modules do not parse as v1, and the case does not expect that very error.
  const parse = (regoVersion: 0 | 1): Module[] => (c.modules ?? []).map((src, i) => parseModule(src, `test-${i}.rego`, { regoVersion }));
  let modules: Module[];
  try {
    modules = parse(1);
  } catch (e1) {
    if (!(e1 instanceof RegoErrors)) throw e1;
    if (wantsError && matchesError(errorText(e1))) return { status: "passed" };
    try {
      modules = parse(0);
    } catch (e0) {
      if (wantsError && matchesError(errorText(e0))) return { status: "passed" };
      return { status: "failed", detail: `compile error: ${errorText(e1)}` };
    }
  }
  let compiled;
  try {
    compiled = compileQuery(modules, c.query, { strict: c.strict_error === true, optimize: false });
  } catch (e) {
    const unsupported = unsupportedBuiltin(e);
    if (unsupported) return { status: "skipped", detail: `builtin ${unsupported} is outside the SDK capabilities` };
    const text = errorText(e);
    if (wantsError && matchesError(text)) return { status: "passed" };
    return { status: "failed", detail: `compile error: ${text}` };
  }
  let rows: unknown;
  try {
    const policy = await loadPolicy(compiled.wasm);
    if (c.data !== undefined) policy.setData(c.data as object);
    let input: unknown = c.input;
    if (c.input_term !== undefined) input = new TextEncoder().encode(regoText(parseTerm(c.input_term, "<input_term>"))).buffer;
    const rs = policy.evaluate(input, QUERY_ENTRYPOINT) as Array<{ result: unknown }>;
    rows = rs.length ? rs[0].result : [];
  } catch (e) {
    const text = errorText(e);
    if (wantsError && matchesError(text)) return { status: "passed" };
    return { status: "failed", detail: `evaluation error: ${text}` };
  }
  if (c.want_result === undefined) {
    return wantsError ? { status: "failed", detail: `expected error ${c.want_error_code ?? ""} ${c.want_error ?? ""}, got ${JSON.stringify(rows)}` } : { status: "passed" };
  }
  const sort = c.sort_bindings === true;
  const got = (rows as unknown[]).map((r) => canon(r, sort)).sort();
  const want = c.want_result.map((r) => canon(r, sort)).sort();
  if (JSON.stringify(got) === JSON.stringify(want)) return { status: "passed" };
  return { status: "failed", detail: `want ${want.join(" ")} got ${got.join(" ")}` };
}

export async function runConformance(dir: string, opts: { filter?: string; onCase?: (r: CaseResult) => void } = {}): Promise<Summary> {
  const summary: Summary = { cases: 0, passed: 0, failed: 0, skipped: 0, topics: {}, results: [] };
  for (const file of yamlFiles(dir)) {
    const rel = relative(dir, file);
    const topic = rel.includes(sep) ? rel.split(sep)[0] : "(root)";
    const doc = YAML.parse(readFileSync(file, "utf8")) as { cases?: ConformanceCase[] };
    for (const c of doc?.cases ?? []) {
      if (opts.filter && !c.note.includes(opts.filter) && !rel.includes(opts.filter)) continue;
      let r: { status: CaseResult["status"]; detail?: string };
      try {
        r = await runCase(c);
      } catch (e) {
        r = { status: "failed", detail: `harness: ${errorText(e)}` };
      }
      const res: CaseResult = { topic, file: rel, note: c.note, ...r };
      summary.results.push(res);
      summary.cases++;
      summary[r.status]++;
      const t = (summary.topics[topic] ??= { cases: 0, passed: 0, failed: 0, skipped: 0 });
      t.cases++;
      t[r.status]++;
      opts.onCase?.(res);
    }
  }
  return summary;
}

export function formatTable(s: Summary): string {
  const lines = ["topic                        cases  passed  failed  skipped"];
  for (const [topic, t] of Object.entries(s.topics).sort()) {
    lines.push(`${topic.padEnd(28)} ${String(t.cases).padStart(5)}  ${String(t.passed).padStart(6)}  ${String(t.failed).padStart(6)}  ${String(t.skipped).padStart(7)}`);
  }
  const rate = s.cases - s.skipped > 0 ? ((100 * s.passed) / s.cases).toFixed(1) : "0.0";
  lines.push(`${"total".padEnd(28)} ${String(s.cases).padStart(5)}  ${String(s.passed).padStart(6)}  ${String(s.failed).padStart(6)}  ${String(s.skipped).padStart(7)}   (${rate}% passed)`);
  return lines.join("\n");
}
