import Table from "cli-table3";
import pc from "picocolors";
import { SOURCE_LABEL } from "./location.js";
import { SEVERITY_LABEL, STATUS_LABEL, T, baselineLines, message, ownMessage, problemText, remediation, ruleTitle } from "./i18n.js";
import { SEVERITIES, type Finding, type FindingResource, type RenderOptions, type Report, type RuleStatus, type Severity } from "./types.js";

/** Most resources of a grouped finding the text report lists (the JSON and HTML reports list all). */
export const TEXT_MAX_RESOURCES = 10;

type Colors = ReturnType<typeof pc.createColors>;

function sevColor(c: Colors, s: Severity): (t: string) => string {
  switch (s) {
    case "critical":
      return (t) => c.bold(c.red(t));
    case "high":
      return c.red;
    case "medium":
      return c.yellow;
    default:
      return c.cyan;
  }
}

function statusColor(c: Colors, s: RuleStatus): (t: string) => string {
  return s === "fail" ? c.red : s === "excepted" || s === "unverified" ? c.yellow : s === "pass" ? c.green : c.dim;
}

function location(f: Finding | FindingResource): string | null {
  if (!f.file) return null;
  return f.line ? `${f.file}:${f.line}` : f.file;
}

/** Plain-text report for terminals and CI logs: grouped by stack and article. */
export function renderText(report: Report, opts: RenderOptions): string {
  const { lang } = opts;
  const w = T[lang];
  const c = pc.createColors(opts.color);
  const sev = SEVERITY_LABEL[lang];
  const out: string[] = [];
  const push = (s = "") => out.push(s);

  push(c.bold(`${w.title}`) + c.dim(`  v${report.sanso_version} · ${w.bundle} ${report.bundle_version}`));
  if (report.generated_at) push(c.dim(`${w.generatedAt}: ${report.generated_at}`));
  push(c.dim(`${w.inputs}: ${report.generated_for.join(", ")}`));

  const rulesById = new Map(report.rules.map((r) => [r.id, r]));
  for (const st of report.stacks) {
    const fs = report.findings.filter((f) => f.stack === st.name);
    push();
    push(c.bold(`■ ${w.stack} ${st.name}`) + c.dim(`  (${st.format} · ${st.file} · ${st.resources} ${w.resources})`));
    if (fs.length === 0) {
      push(`  ${c.green("✔")} ${w.noFindings}`);
      continue;
    }
    let article: string | null = null;
    for (const f of fs) {
      if (f.article !== article) {
        article = f.article;
        push();
        push(`  ${c.bold(article)}`);
      }
      const rule = rulesById.get(f.rule);
      const title = rule ? ruleTitle(rule, lang) : "";
      push(`    ${sevColor(c, f.severity)(`✖ ${sev[f.severity]}`)}  ${c.bold(f.rule)}${title && title !== f.rule ? `  ${title}` : ""}`);
      if (f.cause) push(`      ${w.cause}: ${f.cause}`);
      if (f.resources?.length) {
        // one cause, one finding: its resources, each on one line
        push(`      ${w.resources} (${f.resources.length}):`);
        for (const r of f.resources.slice(0, TEXT_MAX_RESOURCES)) {
          const loc = location(r);
          // the user's file:line first when known (each line of a group is keyed by its address)
          push(`        - ${r.source ? `${r.source.file}:${r.source.line}  ` : ""}${r.resource}${r.construct ? `  (${r.construct})` : ""}${loc ? c.dim(`  ${loc}`) : ""}`);
          const own = ownMessage(r, lang);
          if (own) push(`          ${own}`);
        }
        if (f.resources.length > TEXT_MAX_RESOURCES) push(c.dim(`        ${w.more(f.resources.length - TEXT_MAX_RESOURCES)}`));
      } else {
        // the user's file:line (else the construct path) first, the generated file's line last
        if (f.source) push(`      ${SOURCE_LABEL[lang]}: ${f.source.file}:${f.source.line}`);
        if (f.construct) push(`      ${w.construct}: ${f.construct}`);
        push(`      ${w.resource}: ${f.resource}`);
        const loc = location(f);
        if (loc) push(c.dim(`      ${w.file}: ${loc}`));
      }
      push(`      ${message(f, lang)}`);
      const fix = remediation(f, lang);
      if (fix) push(`      ${c.green(`${w.remediation}:`)} ${fix}`);
    }
  }
  // findings of stacks not listed (defensive: nothing is dropped)
  const known = new Set(report.stacks.map((s) => s.name));
  const stray = report.findings.filter((f) => !known.has(f.stack));
  for (const f of stray) push(`  ✖ ${sev[f.severity]} ${f.rule} ${f.stack} ${f.resource}: ${message(f, lang)}`);

  if (report.excepted.length) {
    push();
    push(c.bold(c.yellow(`■ ${w.exceptedTitle}: ${w.count(report.excepted.length)}`)));
    for (const f of report.excepted) {
      const e = f.exception;
      push(`    ${c.yellow("◆")} ${f.rule}  ${f.stack} ${f.resource}${f.construct ? ` (${f.construct})` : ""}`);
      if (f.resources && f.resources.length > 1) {
        push(`      ${w.cause}: ${f.cause} — ${w.nResources(f.resources.length)}: ${f.resources.slice(0, TEXT_MAX_RESOURCES).map((r) => r.resource).join(", ")}${f.resources.length > TEXT_MAX_RESOURCES ? ` ${w.more(f.resources.length - TEXT_MAX_RESOURCES)}` : ""}`);
      }
      push(`      ${message(f, lang)}`);
      push(c.dim(`      ${w.exception} ${e.id}: ${w.reason} ${e.reason} / ${w.approver} ${e.approver} / ${w.approved} ${e.approved} / ${w.expires} ${e.expires}`));
    }
  }
  const baseline = baselineLines(report.account_baseline, lang);
  if (baseline.length) {
    push();
    push(c.bold(`■ ${w.baselineTitle}`));
    for (const l of baseline) push(`    ${l}`);
  }
  if (report.unverified?.length) {
    push();
    push(c.bold(c.yellow(`■ ${w.unverifiedTitle}: ${w.count(report.unverified.length)}`)));
    for (const u of report.unverified) {
      const rule = rulesById.get(u.rule);
      push(`    ${c.yellow("?")} ${u.rule}${rule ? `  ${rule.article}` : ""}  ${u.stack} ${u.resource}${u.construct ? ` (${u.construct})` : ""}`);
      if (u.file) push(c.dim(`      ${w.file}: ${u.file}${u.line ? `:${u.line}` : ""}`));
    }
  }
  if (report.exception_problems.length) {
    push();
    push(c.bold(c.red(`■ ${w.problemsTitle}: ${w.count(report.exception_problems.length)}`)));
    for (const p of report.exception_problems) {
      push(`    ${c.red("!")} ${p.file}${p.exception ? ` (${p.exception})` : ""}: ${problemText(p, lang)}`);
    }
  }

  if (report.rules.length) {
    push();
    push(c.bold(`■ ${w.rulesTitle}`));
    const table = new Table({
      head: [w.rule, w.article, w.severity, w.checked, w.findings, w.resources, w.excepted, w.unverified, w.status].map((h) => c.bold(h)),
      style: { head: [], border: [], compact: true },
    });
    for (const r of report.rules) {
      const findings = Object.values(r.stacks).reduce((a, s) => a + s.findings, 0);
      const resources = Object.values(r.stacks).reduce((a, s) => a + (s.resources ?? 0), 0);
      const excepted = Object.values(r.stacks).reduce((a, s) => a + s.excepted, 0);
      const unverified = Object.values(r.stacks).reduce((a, s) => a + s.unverified, 0);
      table.push([r.id, r.article, sev[r.severity], String(r.checked), String(findings), String(resources), String(excepted), String(unverified), statusColor(c, r.status)(STATUS_LABEL[lang][r.status])]);
    }
    for (const line of table.toString().split("\n")) push(`  ${line}`);
  }

  push();
  const s = report.summary;
  const verdict =
    s.status === "fail" ? c.bold(c.red(w.fail)) : s.status === "unverified" ? c.bold(c.yellow(w.unverifiedVerdict)) : c.bold(c.green(w.pass));
  const counts = SEVERITIES.map((x) => `${sev[x]} ${s.by_severity[x]}`).join(lang === "ja" ? "・" : ", ");
  if (lang === "ja") {
    push(
      `${w.summary}: ${verdict} — 違反 ${s.total} 件・リソース ${s.resources ?? s.total} 件 (${counts})、${s.unverified ? `要確認 ${s.unverified} 件、` : ""}例外 ${s.excepted} 件、例外設定の問題 ${s.exception_problems} 件 [${w.failOn}: ${sev[report.fail_on]}${w.atOrAbove}]`,
    );
  } else {
    push(
      `Result: ${verdict} — ${s.total} finding${s.total === 1 ? "" : "s"} on ${s.resources ?? s.total} resource${(s.resources ?? s.total) === 1 ? "" : "s"} (${counts}), ${s.unverified ? `${s.unverified} unverified, ` : ""}${s.excepted} excepted, ${s.exception_problems} exception problem${s.exception_problems === 1 ? "" : "s"} [${w.failOn}: ${report.fail_on} ${w.atOrAbove}]`,
    );
  }
  return out.join("\n") + "\n";
}
