import { buildReport } from "./build.js";
import type { ExceptedFinding, ExceptionProblem, ExceptionRecord, Finding, RenderOptions, Report, RuleInfo, UnverifiedResource } from "./types.js";

/** Copies `o` with the keys in `order` first (in that order), dropping undefined values. */
function ordered<T extends object>(o: T, order: readonly string[]): T {
  const src = o as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const k of order) if (src[k] !== undefined) out[k] = src[k];
  for (const k of Object.keys(src).sort()) if (!(k in out) && src[k] !== undefined) out[k] = src[k];
  return out as T;
}

const FINDING_KEYS = ["rule", "article", "severity", "stack", "cause", "resource", "construct", "file", "line", "source", "message_ja", "message_en", "remediation", "remediation_en", "resources"] as const;
const RESOURCE_KEYS = ["resource", "construct", "file", "line", "source", "message_ja", "message_en"] as const;
const EXCEPTION_KEYS = ["id", "rule", "resource", "reason", "approver", "approved", "expires"] as const;

export function canonicalFinding(f: Finding): Finding {
  return ordered(f.resources ? { ...f, resources: f.resources.map((r) => ordered(r, RESOURCE_KEYS)) } : f, FINDING_KEYS);
}

function canonicalExcepted(f: ExceptedFinding): ExceptedFinding {
  const { exception, ...finding } = f;
  return { ...canonicalFinding(finding), exception: ordered(exception, EXCEPTION_KEYS) as ExceptionRecord };
}

function canonicalRule(r: RuleInfo): RuleInfo {
  const stacks: RuleInfo["stacks"] = {};
  for (const k of Object.keys(r.stacks).sort()) stacks[k] = ordered(r.stacks[k]!, ["checked", "findings", "resources", "excepted", "unverified", "status"]);
  return ordered(
    { ...r, stacks },
    ["id", "title_ja", "title_en", "article", "article_text", "severity", "zones", "classes", "rationale", "checked", "status", "stacks"],
  );
}

/**
 * The report in its canonical form: every list in its documented order, every object with its
 * keys in a fixed order. Re-sorting through buildReport makes hand-assembled reports
 * deterministic too.
 */
export function canonicalReport(report: Report): Report {
  const rebuilt = buildReport({
    sanso_version: report.sanso_version,
    bundle_version: report.bundle_version,
    ...(report.generated_at !== undefined ? { generated_at: report.generated_at } : {}),
    generated_for: report.generated_for,
    fail_on: report.fail_on,
    stacks: report.stacks,
    findings: report.findings,
    excepted: report.excepted,
    exception_problems: report.exception_problems,
    unverified: report.unverified ?? [],
    // the per-stack counts go back in as they are, so the statuses come out the same
    rules: report.rules.map(({ checked: _c, status: _s, stacks, ...meta }) => ({
      ...meta,
      checked: Object.fromEntries(Object.entries(stacks).map(([k, v]) => [k, v.checked])),
      unverified: Object.fromEntries(Object.entries(stacks).map(([k, v]) => [k, v.unverified])),
    })),
    ...(report.coverage ? { coverage: report.coverage } : {}),
    ...(report.account_baseline ? { account_baseline: report.account_baseline } : {}),
    // the findings are already as the report has them (grouped or not): never regrouped here
    group: false,
  });
  return ordered(
    {
      ...rebuilt,
      stacks: rebuilt.stacks.map((s) => ordered(s, ["name", "format", "file", "resources"])),
      findings: rebuilt.findings.map(canonicalFinding),
      excepted: rebuilt.excepted.map(canonicalExcepted),
      exception_problems: rebuilt.exception_problems.map((p) => ordered(p, ["exception", "file", "problem_ja", "problem_en"]) as ExceptionProblem),
      unverified: rebuilt.unverified.map((u) => ordered(u, ["rule", "stack", "resource", "construct", "file", "line"]) as UnverifiedResource),
      rules: rebuilt.rules.map(canonicalRule),
      ...(rebuilt.coverage ? { coverage: rebuilt.coverage.map((c) => ordered(c, ["article", "title", "status", "rules", "note"])) } : {}),
      ...(rebuilt.account_baseline
        ? {
            account_baseline: {
              ...(rebuilt.account_baseline.declared ? { declared: ordered(rebuilt.account_baseline.declared, ["provided_by", "components", "file"]) } : {}),
              claims: rebuilt.account_baseline.claims.map((c) => ordered(c, ["stack", "component", "provided_by", "kind", "file"])),
            },
          }
        : {}),
      summary: ordered(rebuilt.summary, ["status", "total", "resources", "excepted", "exception_problems", "unverified", "unverified_rules", "by_severity", "by_rule", "failing"]),
    },
    ["schema_version", "sanso_version", "bundle_version", "generated_at", "generated_for", "fail_on", "summary", "stacks", "findings", "excepted", "exception_problems", "unverified", "account_baseline", "rules", "coverage"],
  );
}

/** The documented JSON report (SCHEMA.md). Same report in, same bytes out. */
export function renderJson(report: Report, _opts?: Partial<RenderOptions>): string {
  return `${JSON.stringify(canonicalReport(report), null, 2)}\n`;
}
