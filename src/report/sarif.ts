import { createHash } from "node:crypto";
import { isAbsolute, relative, resolve, sep } from "node:path";
import { pathToFileURL } from "node:url";
import type { Log, Notification, ReportingDescriptor, Result } from "sarif";
import { canonicalReport } from "./json.js";
import { SEVERITY_LABEL, T, message, ownMessage, problemText, remediation, ruleTitle } from "./i18n.js";
import { resourcesOf } from "./build.js";
import type { ExceptedFinding, Finding, FindingResource, RenderOptions, Report, RuleInfo, Severity } from "./types.js";

/** Rule id of the results that report unusable exceptions. */
export const EXCEPTION_RULE_ID = "SANSO-EXCEPTION";

const LEVEL: Record<Severity, Result.level> = { critical: "error", high: "error", medium: "warning", low: "note" };
/**
 * Most locations (and related locations) of one result: GitHub code scanning reads at most 1,000
 * of each. A larger group lists the rest in `properties.resources`.
 */
export const SARIF_MAX_LOCATIONS = 1000;

/** GitHub code scanning reads `security-severity` (0-10) to rank alerts. */
const SECURITY_SEVERITY: Record<Severity, string> = { critical: "9.5", high: "8.0", medium: "5.5", low: "3.0" };

/** A relative URI reference for a file path (percent-encoded), or a file: URI outside baseDir. */
export function fileUri(file: string, baseDir: string): { uri: string; uriBaseId?: string } {
  const abs = resolve(baseDir, file);
  const rel = relative(baseDir, abs);
  if (rel === "" || rel.startsWith("..") || isAbsolute(rel)) return { uri: pathToFileURL(abs).href };
  return { uri: rel.split(sep).map(encodeURIComponent).join("/"), uriBaseId: "%SRCROOT%" };
}

function pascal(s: string): string {
  const words = s.normalize("NFKC").replace(/[^A-Za-z0-9]+/g, " ").trim().split(/\s+/).filter(Boolean);
  return words.map((w) => w[0]!.toUpperCase() + w.slice(1)).join("") || "Rule";
}

function fingerprint(...parts: string[]): string {
  return createHash("sha256").update(parts.join("\u0000")).digest("hex").slice(0, 32);
}

/** SARIF 2.1.0 log, usable by GitHub code scanning. */
export function renderSarif(input: Report, opts: RenderOptions): string {
  const report = canonicalReport(input);
  const { lang } = opts;
  const w = T[lang];
  const baseDir = opts.baseDir ?? process.cwd();

  const rules: ReportingDescriptor[] = [];
  const ruleIndex = new Map<string, number>();
  const addRule = (r: RuleInfo) => {
    ruleIndex.set(r.id, rules.length);
    const title = ruleTitle(r, lang);
    const articleLine = r.article_text ? `${r.article}: ${r.article_text}` : `${r.article}: ${title}`;
    const scope = [
      `${w.zones}: ${r.zones.length ? r.zones.join(", ") : w.all}`,
      `${w.classes}: ${r.classes.length ? r.classes.join(", ") : w.all}`,
    ].join(" / ");
    rules.push({
      id: r.id,
      name: pascal(r.title_en || r.id),
      shortDescription: { text: title },
      fullDescription: { text: articleLine },
      help: {
        text: [articleLine, r.rationale, scope].filter(Boolean).join("\n\n"),
        markdown: [`**${r.article}** ${title}`, r.article_text ? `> ${r.article_text}` : "", r.rationale, scope].filter(Boolean).join("\n\n"),
      },
      defaultConfiguration: { level: LEVEL[r.severity] },
      properties: {
        article: r.article,
        severity: r.severity,
        zones: r.zones,
        classes: r.classes,
        tags: ["security", "sanso", r.article, ...r.zones.map((z) => `zone:${z}`)],
        precision: "high",
        "security-severity": SECURITY_SEVERITY[r.severity],
      },
    });
  };
  for (const r of report.rules) addRule(r);
  if (report.exception_problems.length) {
    ruleIndex.set(EXCEPTION_RULE_ID, rules.length);
    rules.push({
      id: EXCEPTION_RULE_ID,
      name: "UsableException",
      shortDescription: { text: lang === "ja" ? "例外措置の記載が有効であること" : "Exceptions are valid and unexpired" },
      fullDescription: {
        text: lang === "ja" ? "第93条: 例外措置は承認者・承認日・有効期限を備え、期限内でなければならない。" : "Article 93: an exception needs an approver, an approval date and an unexpired expiry date.",
      },
      defaultConfiguration: { level: "error" },
      properties: { article: "第93条", tags: ["security", "sanso", "第93条"], precision: "very-high", "security-severity": SECURITY_SEVERITY.high },
    });
  }

  const files = new Set<string>();
  for (const f of [...report.findings, ...report.excepted, ...report.unverified]) if (f.file) files.add(f.file);
  for (const f of [...report.findings, ...report.excepted]) {
    for (const r of resourcesOf(f)) {
      if (r.file) files.add(r.file);
      if (r.source) files.add(r.source.file);
    }
  }
  for (const p of report.exception_problems) files.add(p.file);
  for (const s of report.stacks) files.add(s.file);
  const artifacts = [...files].sort().map((f) => ({ location: fileUri(f, baseDir) }));
  const artifactIndex = new Map([...files].sort().map((f, i) => [f, i]));
  const stackFile = new Map(report.stacks.map((s) => [s.name, s.file]));

  // where one resource is: the user's source line when the construct has one (the generated
  // file's line then goes to relatedLocations), else the generated file's line
  const locationOf = (f: Finding, r: FindingResource) => {
    const file = r.file ?? stackFile.get(f.stack);
    return {
      ...(r.source
        ? {
            physicalLocation: {
              artifactLocation: { ...fileUri(r.source.file, baseDir), index: artifactIndex.get(r.source.file)! },
              region: { startLine: r.source.line, ...(r.source.column ? { startColumn: r.source.column } : {}) },
            },
          }
        : file
        ? {
            physicalLocation: {
              artifactLocation: { ...fileUri(file, baseDir), index: artifactIndex.get(file)! },
              region: { startLine: r.line ?? 1 },
            },
          }
        : {}),
      logicalLocations: [{ name: r.resource, fullyQualifiedName: r.construct ?? r.resource, kind: "resource" }],
      ...(f.resources && ownMessage(r, lang) ? { message: { text: ownMessage(r, lang)! } } : {}),
    };
  };

  const result = (f: Finding, excepted?: ExceptedFinding["exception"]): Result => {
    const fix = remediation(f, lang);
    // one cause, one finding: one result whose locations are every resource of the group
    const members = resourcesOf(f);
    const grouped = f.resources?.length ? ` (${w.cause}: ${f.cause}; ${w.nResources(members.length)})` : "";
    const text = `${message(f, lang)}${grouped}${fix ? ` ${w.remediation}: ${fix}` : ""}`;
    const located = members.slice(0, SARIF_MAX_LOCATIONS);
    const related = located.flatMap((m) => {
      const file = m.file ?? stackFile.get(f.stack);
      return m.source && file ? [{ file, line: m.line ?? 1, resource: m.resource }] : [];
    });
    const r: Result = {
      ruleId: f.rule,
      ruleIndex: ruleIndex.get(f.rule)!,
      level: LEVEL[f.severity],
      message: { text },
      locations: located.map((m) => locationOf(f, m)),
      ...(related.length
        ? {
            relatedLocations: related.map((x, id) => ({
              id,
              physicalLocation: { artifactLocation: { ...fileUri(x.file, baseDir), index: artifactIndex.get(x.file)! }, region: { startLine: x.line } },
              message: { text: x.resource },
            })),
          }
        : {}),
      // a group is identified by its cause, so the alert stays the same when resources come and go
      partialFingerprints: { "sansoFinding/v1": f.cause && f.resources?.length ? fingerprint(f.rule, f.stack, `cause:${f.cause}`) : fingerprint(f.rule, f.stack, f.resource, f.message_en) },
      properties: {
        stack: f.stack,
        resource: f.resource,
        article: f.article,
        severity: f.severity,
        severity_label: SEVERITY_LABEL[lang][f.severity],
        ...(f.construct ? { construct: f.construct } : {}),
        ...(f.cause ? { cause: f.cause } : {}),
        ...(f.resources?.length ? { resources: members.map((m) => m.resource) } : {}),
      },
    };
    if (excepted) {
      r.suppressions = [
        {
          kind: "external",
          status: "accepted",
          justification: excepted.reason,
          properties: { exception: excepted.id, approver: excepted.approver, approved: excepted.approved, expires: excepted.expires, pattern: excepted.resource },
        },
      ];
    }
    return r;
  };

  const results: Result[] = [
    ...report.findings.map((f) => result(f)),
    ...report.excepted.map((f) => result(f, f.exception)),
    ...report.exception_problems.map(
      (p): Result => ({
        ruleId: EXCEPTION_RULE_ID,
        ruleIndex: ruleIndex.get(EXCEPTION_RULE_ID)!,
        level: "error",
        message: { text: problemText(p, lang) },
        locations: [
          {
            physicalLocation: { artifactLocation: { ...fileUri(p.file, baseDir), index: artifactIndex.get(p.file)! }, region: { startLine: 1 } },
            ...(p.exception ? { logicalLocations: [{ name: p.exception, kind: "exception" }] } : {}),
          },
        ],
        partialFingerprints: { "sansoFinding/v1": fingerprint(EXCEPTION_RULE_ID, p.file, p.exception ?? "", p.problem_en) },
      }),
    ),
  ];

  // What no rule could decide before apply is not a result (it is neither a violation nor a pass):
  // it is a notification of the run, tied to its rule and located like a finding.
  const notifications: Notification[] = report.unverified.map((u) => {
    const file = u.file ?? stackFile.get(u.stack);
    return {
      level: "note",
      associatedRule: { id: u.rule, ...(ruleIndex.has(u.rule) ? { index: ruleIndex.get(u.rule)! } : {}) },
      message: {
        text:
          lang === "ja"
            ? `${u.rule}: ${u.resource} は apply 後にしか分からない値のため合否を判定できませんでした (要確認、合格ではありません)`
            : `${u.rule}: ${u.resource} could not be judged before apply (values known only after apply): unverified, not a pass`,
      },
      locations: [
        {
          ...(file
            ? { physicalLocation: { artifactLocation: { ...fileUri(file, baseDir), index: artifactIndex.get(file)! }, region: { startLine: u.line ?? 1 } } }
            : {}),
          logicalLocations: [{ name: u.resource, fullyQualifiedName: u.construct ?? u.resource, kind: "resource" }],
        },
      ],
      properties: { stack: u.stack, resource: u.resource, status: "unverified" },
    };
  });
  const ruleResults: Record<string, { status: string; checked: number; findings: number; resources: number; excepted: number; unverified: number }> = {};
  for (const r of report.rules) {
    const per = Object.values(r.stacks);
    ruleResults[r.id] = {
      status: r.status,
      checked: r.checked,
      findings: per.reduce((a, x) => a + x.findings, 0),
      resources: per.reduce((a, x) => a + (x.resources ?? 0), 0),
      excepted: per.reduce((a, x) => a + x.excepted, 0),
      unverified: per.reduce((a, x) => a + x.unverified, 0),
    };
  }

  const log: Log = {
    $schema: "https://json.schemastore.org/sarif-2.1.0.json",
    version: "2.1.0",
    runs: [
      {
        tool: {
          driver: {
            name: "sanso",
            fullName: lang === "ja" ? "sanso (三層) 情報セキュリティポリシー検査" : "sanso (三層) security policy checks",
            version: report.sanso_version,
            semanticVersion: report.sanso_version,
            rules,
            properties: { bundle_version: report.bundle_version },
          },
        },
        language: lang === "ja" ? "ja-JP" : "en-US",
        columnKind: "utf16CodeUnits",
        artifacts,
        invocations: [{ executionSuccessful: true, ...(notifications.length ? { toolExecutionNotifications: notifications } : {}) }],
        results,
        properties: {
          fail_on: report.fail_on,
          failing: report.summary.failing[report.fail_on],
          status: report.summary.status,
          summary: {
            total: report.summary.total,
            resources: report.summary.resources,
            excepted: report.summary.excepted,
            exception_problems: report.summary.exception_problems,
            unverified: report.summary.unverified,
            unverified_rules: report.summary.unverified_rules,
          },
          rules: ruleResults,
          ...(report.account_baseline ? { account_baseline: report.account_baseline } : {}),
          stacks: report.stacks.map((s) => ({ name: s.name, format: s.format, resources: s.resources })),
          ...(report.generated_at ? { generated_at: report.generated_at } : {}),
        },
      },
    ],
  };
  return `${JSON.stringify(log, null, 2)}\n`;
}
