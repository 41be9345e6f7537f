import { resourceCount, SEVERITY_RANK } from "./build.js";
import { canonicalReport } from "./json.js";
import { places } from "./location.js";
import { SEVERITY_LABEL, STATUS_LABEL, T, baselineLines, message, ownMessage, problemText, remediation, ruleTitle } from "./i18n.js";
import { SEVERITIES, type Finding, type FindingResource, type Lang, type RenderOptions, type Report, type Severity } from "./types.js";

const ICON: Record<Severity, string> = { critical: "🔴", high: "🟠", medium: "🟡", low: "🔵" };

/** Text for a Markdown table cell: no raw HTML, no formatting characters, no line breaks. */
export function mdCell(s: string): string {
  return s
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/([\\`*_[\]{}#+!~|])/g, "\\$1")
    .replace(/\r?\n/g, "<br>");
}

/** An inline code span for addresses and paths (`|` still needs escaping inside GFM tables). */
export function mdCode(s: string): string {
  const clean = s.replace(/\r?\n/g, " ");
  if (clean.includes("`")) return mdCell(clean);
  return `\`${clean.replace(/\|/g, "\\|")}\``;
}

export interface MarkdownOptions extends RenderOptions {
  /** Most findings rows listed (pull-request comments are limited to 65,536 characters). */
  maxRows?: number;
}

/** Markdown for pull-request comments: verdict, summary table, findings per stack, exceptions. */
export function renderMarkdown(input: Report, opts: MarkdownOptions): string {
  const report = canonicalReport(input);
  const { lang } = opts;
  const w = T[lang];
  const sev = SEVERITY_LABEL[lang];
  const maxRows = opts.maxRows ?? 200;
  const s = report.summary;
  const out: string[] = [];
  const headline = s.status === "fail" ? `❌ ${w.title}: ${w.fail}` : s.status === "unverified" ? `⚠️ ${w.title}: ${w.unverifiedVerdict}` : `✅ ${w.title}: ${w.pass}`;

  out.push(`## ${headline}`);
  out.push("");
  const failOn = lang === "ja" ? `${sev[report.fail_on]}${w.atOrAbove}` : `${report.fail_on} ${w.atOrAbove}`;
  out.push(`sanso ${mdCell(report.sanso_version)} · ${w.bundle} ${mdCell(report.bundle_version)} · ${w.failOn}: ${mdCell(failOn)}`);
  out.push("");
  out.push(`| ${w.severity} | ${lang === "ja" ? "件数" : "count"} |`);
  out.push("|---|---:|");
  for (const x of SEVERITIES) out.push(`| ${ICON[x]} ${sev[x]} | ${s.by_severity[x]} |`);
  out.push(`| ${w.resources} | ${s.resources ?? s.total} |`);
  out.push(`| ${w.excepted} | ${s.excepted} |`);
  if (s.unverified) out.push(`| ❔ ${w.unverified} | ${s.unverified} |`);
  if (s.exception_problems) out.push(`| ⚠️ ${w.problemsTitle} | ${s.exception_problems} |`);
  out.push("");

  let rows = 0;
  let omitted = 0;
  for (const st of report.stacks) {
    const fs = report.findings.filter((f) => f.stack === st.name);
    out.push(`### ${w.stack} ${mdCode(st.name)} (${st.format} · ${st.resources} ${w.resources})`);
    out.push("");
    if (!fs.length) {
      out.push(`✅ ${w.noFindings}`);
      out.push("");
      continue;
    }
    out.push(`| ${w.severity} | ${w.rule} | ${w.article} | ${w.resource} | ${w.message} | ${w.remediation} |`);
    out.push("|---|---|---|---|---|---|");
    for (const f of fs) {
      if (rows >= maxRows) {
        omitted++;
        continue;
      }
      rows++;
      out.push(findingRow(f, opts));
    }
    out.push("");
  }
  if (omitted) {
    out.push(
      lang === "ja"
        ? `_ほか ${omitted} 件の指摘は省略しました。すべての指摘は JSON / HTML レポートにあります。_`
        : `_${omitted} more findings omitted; the JSON and HTML reports list all of them._`,
    );
    out.push("");
  }

  if (report.excepted.length) {
    out.push(`<details><summary>${mdCell(w.exceptedTitle)} (${report.excepted.length})</summary>`);
    out.push("");
    out.push(`| ${w.rule} | ${w.stack} | ${w.resource} | ${w.exception} | ${w.reason} | ${w.approver} | ${w.approved} | ${w.expires} |`);
    out.push("|---|---|---|---|---|---|---|---|");
    for (const f of report.excepted) {
      const e = f.exception;
      out.push(
        `| ${mdCell(f.rule)} | ${mdCode(f.stack)} | ${f.resources?.length ? f.resources.map((r) => mdCode(r.resource)).join("<br>") : mdCode(f.resource)} | ${mdCell(e.id)} | ${mdCell(e.reason)} | ${mdCell(e.approver)} | ${mdCell(e.approved)} | ${mdCell(e.expires)} |`,
      );
    }
    out.push("");
    out.push("</details>");
    out.push("");
  }
  const baseline = baselineLines(report.account_baseline, lang);
  if (baseline.length) {
    out.push(`### ${mdCell(w.baselineTitle)}`);
    out.push("");
    for (const l of baseline) out.push(`- ${mdCell(l)}`);
    out.push("");
  }
  if (report.unverified.length) {
    out.push(`### ❔ ${mdCell(w.unverifiedTitle)}`);
    out.push("");
    out.push(`| ${w.rule} | ${w.stack} | ${w.resource} |`);
    out.push("|---|---|---|");
    for (const u of report.unverified) {
      const where = [mdCode(u.resource)];
      if (u.construct) where.push(mdCode(u.construct));
      if (u.file) where.push(mdCode(`${u.file}${u.line ? `:${u.line}` : ""}`));
      out.push(`| ${mdCell(u.rule)} | ${mdCode(u.stack)} | ${where.join("<br>")} |`);
    }
    out.push("");
  }
  if (report.exception_problems.length) {
    out.push(`### ⚠️ ${w.problemsTitle}`);
    out.push("");
    for (const p of report.exception_problems) {
      out.push(`- ${mdCode(p.file)}${p.exception ? ` (${mdCell(p.exception)})` : ""}: ${mdCell(problemText(p, lang))}`);
    }
    out.push("");
  }
  if (report.rules.length) {
    out.push(`<details><summary>${mdCell(w.rulesTitle)}</summary>`);
    out.push("");
    out.push(`| ${w.rule} | ${w.article} | ${w.severity} | ${w.checked} | ${w.findings} | ${w.resources} | ${w.excepted} | ${w.unverified} | ${w.status} |`);
    out.push("|---|---|---|---:|---:|---:|---:|---:|---|");
    for (const r of report.rules) {
      const findings = Object.values(r.stacks).reduce((a, x) => a + x.findings, 0);
      const resources = Object.values(r.stacks).reduce((a, x) => a + (x.resources ?? 0), 0);
      const excepted = Object.values(r.stacks).reduce((a, x) => a + x.excepted, 0);
      const unverified = Object.values(r.stacks).reduce((a, x) => a + x.unverified, 0);
      out.push(
        `| ${mdCell(r.id)} ${mdCell(ruleTitle(r, lang))} | ${mdCell(r.article)} | ${sev[r.severity]} | ${r.checked} | ${findings} | ${resources} | ${excepted} | ${unverified} | ${STATUS_LABEL[lang][r.status]} |`,
      );
    }
    out.push("");
    out.push("</details>");
    out.push("");
  }
  return out.join("\n");
}

/** A grouped finding's resources for a table cell: cause, then one line per resource (at most `max`). */
function groupedWhere(f: Finding, lang: Lang, max = Infinity, withLocation = true): string[] {
  const w = T[lang];
  const rs = f.resources ?? [];
  const lines = [`${mdCell(w.cause)}: ${mdCode(f.cause ?? "")} (${mdCell(w.nResources(rs.length))})`];
  for (const r of rs.slice(0, max)) lines.push(resourceLine(r, lang, withLocation));
  if (rs.length > max) lines.push(mdCell(w.more(rs.length - max)));
  return lines;
}

function resourceLine(r: FindingResource, lang: Lang, withLocation: boolean): string {
  // the user's file:line first when known (each line of a group is keyed by its address)
  const parts = [...(withLocation && r.source ? [mdCode(`${r.source.file}:${r.source.line}`)] : []), mdCode(r.resource)];
  if (withLocation && r.construct) parts.push(mdCode(r.construct));
  if (withLocation && r.file) parts.push(mdCode(`${r.file}${r.line ? `:${r.line}` : ""}`));
  const own = ownMessage(r, lang);
  return `• ${parts.join(" ")}${own ? ` — ${mdCell(own)}` : ""}`;
}

function findingRow(f: Finding, opts: RenderOptions): string {
  const { lang } = opts;
  const sev = SEVERITY_LABEL[lang];
  // the user's file:line (else the construct path) first, the generated file's line last
  const where = places(f).map((p) => mdCode(p.text));
  if (f.resources?.length) where.splice(0, where.length, ...groupedWhere(f, lang));
  const fix = remediation(f, lang);
  return `| ${ICON[f.severity]} ${sev[f.severity]} | ${mdCell(f.rule)} | ${mdCell(f.article)} | ${where.join("<br>")} | ${mdCell(message(f, lang))} | ${fix ? mdCell(fix) : ""} |`;
}

/** GitHub's limit on a pull-request comment (characters). */
export const GITHUB_COMMENT_LIMIT = 65_536;
/** What the summary stays under: the limit, less room for a wrapper a workflow may add. */
export const MARKDOWN_SUMMARY_LIMIT = 60_000;

export interface MarkdownSummaryOptions extends RenderOptions {
  /** Upper bound on the output's length (UTF-16 code units); default MARKDOWN_SUMMARY_LIMIT. */
  limit?: number;
}

function clip(s: string, n: number): string {
  return s.length <= n ? s : `${s.slice(0, Math.max(0, n - 1))}…`;
}

interface SummaryShape {
  topFindings: number;
  ruleRows: number;
  resourcesPerFinding: number;
  cell: number;
}

const SHAPES: SummaryShape[] = [
  { topFindings: 20, ruleRows: 60, resourcesPerFinding: 3, cell: 300 },
  { topFindings: 10, ruleRows: 30, resourcesPerFinding: 2, cell: 160 },
  { topFindings: 5, ruleRows: 15, resourcesPerFinding: 1, cell: 100 },
  { topFindings: 0, ruleRows: 0, resourcesPerFinding: 0, cell: 60 },
];

/**
 * The Markdown summary for a pull-request comment: verdict, counts of findings and resources by
 * severity and by rule, the top findings (most severe first, then the most resources), and a line
 * pointing at the full report (`reportUrl`: a URL or an artifact name). It always fits
 * `limit` (default 60,000 characters, under GitHub's 65,536): lists are cut to "… and N more" and
 * shortened until it does.
 */
export function renderMarkdownSummary(input: Report, opts: MarkdownSummaryOptions): string {
  const report = canonicalReport(input);
  const limit = opts.limit ?? MARKDOWN_SUMMARY_LIMIT;
  for (const shape of SHAPES) {
    const text = summaryWith(report, opts, shape);
    if (text.length <= limit) return text;
  }
  // only an absurd header gets here (every list is already capped): cut it, say so
  const tail = `\n\n_${mdCell(opts.lang === "ja" ? "要約が長すぎるため切り詰めました。完全なレポートを参照してください。" : "Summary cut to fit; see the full report.")}_${opts.reportUrl ? ` ${fullReportLine(opts.reportUrl, opts.lang)}` : ""}\n`;
  const text = summaryWith(report, opts, SHAPES[SHAPES.length - 1]!);
  return `${text.slice(0, Math.max(0, limit - tail.length))}${tail}`.slice(0, limit);
}

/** The line pointing at the full report: a link for an http(s) URL, else the name (an artifact, a path). */
function fullReportLine(url: string, lang: Lang): string {
  const label = lang === "ja" ? "完全なレポート" : "Full report";
  const escaped = (u: string) => u.replace(/[()<>\s]/g, (ch) => `%${ch.charCodeAt(0).toString(16).toUpperCase().padStart(2, "0")}`);
  const link = /^https?:\/\/\S+$/i.test(url) && url.length <= 2000 ? `[${mdCell(clip(url, 300))}](${escaped(url)})` : mdCode(clip(url, 300));
  return `📄 ${label}: ${link}`;
}

function summaryWith(report: Report, opts: RenderOptions, shape: SummaryShape): string {
  const { lang } = opts;
  const w = T[lang];
  const sev = SEVERITY_LABEL[lang];
  const s = report.summary;
  const out: string[] = [];
  const headline = s.status === "fail" ? `❌ ${w.title}: ${w.fail}` : s.status === "unverified" ? `⚠️ ${w.title}: ${w.unverifiedVerdict}` : `✅ ${w.title}: ${w.pass}`;
  out.push(`## ${headline}`);
  out.push("");
  const failOn = lang === "ja" ? `${sev[report.fail_on]}${w.atOrAbove}` : `${report.fail_on} ${w.atOrAbove}`;
  out.push(`sanso ${mdCell(clip(report.sanso_version, 40))} · ${w.bundle} ${mdCell(clip(report.bundle_version, 80))} · ${w.failOn}: ${mdCell(failOn)}`);
  out.push("");
  const parts = [`**${mdCell(w.findingsOn(s.total, s.resources ?? s.total))}**`, `${w.excepted} ${s.excepted}`];
  if (s.unverified) parts.push(`${w.unverified} ${s.unverified}`);
  if (s.exception_problems) parts.push(`${lang === "en" ? w.problemsTitle.toLowerCase() : w.problemsTitle} ${s.exception_problems}`);
  const stackNames = report.stacks.map((x) => x.name);
  parts.push(`${w.stack}: ${stackNames.slice(0, 10).map((n) => mdCode(clip(n, 80))).join(", ")}${stackNames.length > 10 ? ` ${mdCell(w.more(stackNames.length - 10))}` : ""}`);
  out.push(parts.join(" · "));
  out.push("");
  if (opts.reportUrl) {
    out.push(fullReportLine(opts.reportUrl, lang));
    out.push("");
  }

  // by severity: findings and resources
  const resBySev: Record<Severity, Set<string>> = { critical: new Set(), high: new Set(), medium: new Set(), low: new Set() };
  for (const f of report.findings) for (const r of f.resources ?? [{ resource: f.resource }]) resBySev[f.severity].add(`${f.stack}\u0000${r.resource}`);
  out.push(`| ${w.severity} | ${w.findings} | ${w.resources} |`);
  out.push("|---|---:|---:|");
  for (const x of SEVERITIES) out.push(`| ${ICON[x]} ${sev[x]} | ${s.by_severity[x]} | ${resBySev[x].size} |`);
  out.push("");

  // by rule (only rules with findings): most severe, then most findings
  const rules = report.rules
    .map((r) => {
      const per = Object.values(r.stacks);
      return { r, findings: per.reduce((a, x) => a + x.findings, 0), resources: per.reduce((a, x) => a + (x.resources ?? x.findings), 0) };
    })
    .filter((x) => x.findings > 0)
    .sort((a, b) => SEVERITY_RANK[b.r.severity] - SEVERITY_RANK[a.r.severity] || b.findings - a.findings || b.resources - a.resources || (a.r.id < b.r.id ? -1 : 1));
  if (rules.length && shape.ruleRows > 0) {
    out.push(`### ${mdCell(lang === "ja" ? "ルール別" : "By rule")}`);
    out.push("");
    out.push(`| ${w.rule} | ${w.article} | ${w.severity} | ${w.findings} | ${w.resources} |`);
    out.push("|---|---|---|---:|---:|");
    for (const { r, findings, resources } of rules.slice(0, shape.ruleRows)) {
      out.push(`| ${mdCell(clip(r.id, 60))} ${mdCell(clip(ruleTitle(r, lang), shape.cell / 2))} | ${mdCell(clip(r.article, 60))} | ${ICON[r.severity]} ${sev[r.severity]} | ${findings} | ${resources} |`);
    }
    if (rules.length > shape.ruleRows) out.push(`| ${mdCell(w.more(rules.length - shape.ruleRows))} | | | | |`);
    out.push("");
  }

  // the top findings
  const top = [...report.findings].sort((a, b) => SEVERITY_RANK[b.severity] - SEVERITY_RANK[a.severity] || resourceCount(b) - resourceCount(a));
  if (top.length && shape.topFindings > 0) {
    const shown = top.slice(0, shape.topFindings);
    out.push(`### ${mdCell(lang === "ja" ? `主な指摘 (${shown.length} / ${top.length} 件)` : `Top findings (${shown.length} of ${top.length})`)}`);
    out.push("");
    out.push(`| ${w.severity} | ${w.rule} | ${w.stack} | ${w.resource} | ${w.message} |`);
    out.push("|---|---|---|---|---|");
    for (const f of shown) {
      const where = f.resources?.length
        ? groupedWhere(f, lang, shape.resourcesPerFinding, false).map((l) => clip(l, shape.cell))
        : [...(f.source ? [mdCode(clip(`${f.source.file}:${f.source.line}`, shape.cell))] : []), mdCode(clip(f.resource, shape.cell))];
      out.push(`| ${ICON[f.severity]} ${sev[f.severity]} | ${mdCell(clip(f.rule, 60))} | ${mdCode(clip(f.stack, 80))} | ${where.join("<br>")} | ${mdCell(clip(message(f, lang), shape.cell))} |`);
    }
    out.push("");
  }
  if (report.exception_problems.length) {
    out.push(`### ⚠️ ${w.problemsTitle}`);
    out.push("");
    const n = Math.min(report.exception_problems.length, shape.topFindings > 0 ? 10 : 0);
    for (const p of report.exception_problems.slice(0, n)) {
      out.push(`- ${mdCode(clip(p.file, 200))}${p.exception ? ` (${mdCell(clip(p.exception, 80))})` : ""}: ${mdCell(clip(problemText(p, lang), shape.cell))}`);
    }
    if (report.exception_problems.length > n) out.push(`- ${mdCell(w.more(report.exception_problems.length - n))}`);
    out.push("");
  }
  out.push(
    opts.reportUrl
      ? `_${mdCell(lang === "ja" ? "すべての指摘・リソース・例外は完全なレポートにあります。" : "Every finding, resource and exception is in the full report.")}_`
      : `_${mdCell(lang === "ja" ? "すべての指摘は完全なレポート (sanso check -f html / json / markdown) にあります。" : "Every finding is in the full report (sanso check -f html / json / markdown).")}_`,
  );
  out.push("");
  return out.join("\n");
}
