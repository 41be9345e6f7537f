import { canonicalReport } from "./json.js";
import { SEVERITY_LABEL, STATUS_LABEL, T, baselineLines, message, problemText, remediation, ruleTitle } from "./i18n.js";
import { SEVERITIES, type Finding, type RenderOptions, type Report, type Severity } from "./types.js";

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
        `| ${mdCell(f.rule)} | ${mdCode(f.stack)} | ${mdCode(f.resource)} | ${mdCell(e.id)} | ${mdCell(e.reason)} | ${mdCell(e.approver)} | ${mdCell(e.approved)} | ${mdCell(e.expires)} |`,
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
    out.push(`| ${w.rule} | ${w.article} | ${w.severity} | ${w.checked} | ${w.findings} | ${w.excepted} | ${w.unverified} | ${w.status} |`);
    out.push("|---|---|---|---:|---:|---:|---:|---|");
    for (const r of report.rules) {
      const findings = Object.values(r.stacks).reduce((a, x) => a + x.findings, 0);
      const excepted = Object.values(r.stacks).reduce((a, x) => a + x.excepted, 0);
      const unverified = Object.values(r.stacks).reduce((a, x) => a + x.unverified, 0);
      out.push(
        `| ${mdCell(r.id)} ${mdCell(ruleTitle(r, lang))} | ${mdCell(r.article)} | ${sev[r.severity]} | ${r.checked} | ${findings} | ${excepted} | ${unverified} | ${STATUS_LABEL[lang][r.status]} |`,
      );
    }
    out.push("");
    out.push("</details>");
    out.push("");
  }
  return out.join("\n");
}

function findingRow(f: Finding, opts: RenderOptions): string {
  const { lang } = opts;
  const sev = SEVERITY_LABEL[lang];
  const where = [mdCode(f.resource)];
  if (f.construct) where.push(mdCode(f.construct));
  if (f.file) where.push(mdCode(`${f.file}${f.line ? `:${f.line}` : ""}`));
  const fix = remediation(f, lang);
  return `| ${ICON[f.severity]} ${sev[f.severity]} | ${mdCell(f.rule)} | ${mdCell(f.article)} | ${where.join("<br>")} | ${mdCell(message(f, lang))} | ${fix ? mdCell(fix) : ""} |`;
}
