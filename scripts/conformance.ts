// Runs OPA's YAML conformance cases against sanso's Rego compiler.
//
//   npx tsx scripts/conformance.ts <dir> [<dir> ...] [--json] [--filter text] [--verbose] [--by-reason]
//
// Each case: compile its modules with the query as a generated rule, load the module in the
// official @open-policy-agent/opa-wasm SDK, set the case's data, evaluate with its input, and
// compare with want_result (sort_bindings respected) or want_error / want_error_code.
// Several folders are measured together (their topics merged). --by-reason groups the skipped
// cases by why they were skipped (a builtin outside the capabilities, named) and the failed ones
// by the kind of difference. (http.send and net.lookup_ip_addr compile: they fail at run time as
// OPA's do without network, and can be mocked with `with`.)

import { existsSync, statSync } from "node:fs";
import { runConformance, formatTable, type CaseResult, type Summary } from "../src/rego/conformance.js";

const USAGE = "usage: npx tsx scripts/conformance.ts <dir> [<dir> ...] [--json] [--filter text] [--verbose] [--by-reason]";
const args = process.argv.slice(2);
const filterIdx = args.indexOf("--filter");
const filter = filterIdx >= 0 ? args[filterIdx + 1] : undefined;
const dirs = args.filter((a, i) => !a.startsWith("--") && !(filterIdx >= 0 && i === filterIdx + 1));
if (dirs.length === 0 || (filterIdx >= 0 && filter === undefined)) {
  console.error(USAGE);
  process.exit(2);
}
for (const d of dirs) {
  if (!existsSync(d) || !statSync(d).isDirectory()) {
    console.error(`conformance: ${d}: not a folder of OPA conformance cases`);
    process.exit(2);
  }
}

/** Why a case was skipped or failed, for grouping: the reason without the case's own details. */
export function reasonOf(r: CaseResult): string {
  const d = r.detail ?? "";
  if (r.status === "skipped") {
    const m = /^builtin ([\w.]+) is outside/.exec(d);
    if (m) return `outside capabilities: ${m[1]}`;
    return d;
  }
  if (r.status === "failed") {
    const code = /\b(rego_\w+_error|eval_\w+_error)\b/.exec(d)?.[1];
    if (d.startsWith("compile error")) return `compile error${code ? ` (${code})` : ""}`;
    if (d.startsWith("evaluation error")) return `evaluation error${code ? ` (${code})` : ""}`;
    if (d.startsWith("expected error")) return "error expected, a result given";
    if (d.startsWith("want ")) return "wrong result";
    return d.split(":")[0];
  }
  return "passed";
}

function merge(parts: Summary[]): Summary {
  const out: Summary = { cases: 0, passed: 0, failed: 0, skipped: 0, topics: {}, results: [] };
  for (const s of parts) {
    out.cases += s.cases;
    out.passed += s.passed;
    out.failed += s.failed;
    out.skipped += s.skipped;
    out.results.push(...s.results);
    for (const [topic, t] of Object.entries(s.topics)) {
      const o = (out.topics[topic] ??= { cases: 0, passed: 0, failed: 0, skipped: 0 });
      o.cases += t.cases;
      o.passed += t.passed;
      o.failed += t.failed;
      o.skipped += t.skipped;
    }
  }
  return out;
}

function byReason(s: Summary): string {
  const lines: string[] = [];
  for (const status of ["skipped", "failed"] as const) {
    const groups = new Map<string, string[]>();
    for (const r of s.results) {
      if (r.status !== status) continue;
      const key = reasonOf(r);
      groups.set(key, [...(groups.get(key) ?? []), r.topic]);
    }
    lines.push(`${status} by reason (${[...groups.values()].reduce((n, g) => n + g.length, 0)})`);
    for (const [reason, topics] of [...groups].sort((a, b) => b[1].length - a[1].length || a[0].localeCompare(b[0]))) {
      const where = [...new Set(topics)].sort().join(", ");
      lines.push(`  ${String(topics.length).padStart(4)}  ${reason}  [${where}]`);
    }
  }
  return lines.join("\n");
}

const parts: Summary[] = [];
for (const dir of dirs) {
  parts.push(await runConformance(dir, {
    filter,
    onCase: args.includes("--verbose")
      ? (r) => { if (r.status !== "passed") console.log(`${r.status === "failed" ? "FAIL" : "SKIP"} ${r.file} ${r.note}: ${r.detail}`); }
      : undefined,
  }));
}
const summary = merge(parts);
console.log(formatTable(summary));
const runnable = summary.cases - summary.skipped;
if (runnable > 0) console.log(`of the ${runnable} cases not skipped: ${summary.passed} passed (${((100 * summary.passed) / runnable).toFixed(1)}%)`);
if (args.includes("--by-reason")) console.log(byReason(summary));
if (args.includes("--json")) {
  const { cases, passed, failed, skipped, topics } = summary;
  const reasons: Record<string, number> = {};
  for (const r of summary.results) if (r.status !== "passed") reasons[`${r.status}: ${reasonOf(r)}`] = (reasons[`${r.status}: ${reasonOf(r)}`] ?? 0) + 1;
  console.log(JSON.stringify({ cases, passed, failed, skipped, topics, reasons }));
}
