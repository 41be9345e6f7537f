/** Messages of the synth-time checks: one per finding for annotations, and the list synth fails with. */
import { SEVERITY_LABEL } from "../report/i18n.js";
import type { ExceptedFinding, ExceptionProblem, Finding, Lang } from "../report/types.js";
import type { SynthCheckResult } from "./protocol.js";

const SEVERITY_ORDER = { critical: 0, high: 1, medium: 2, low: 3 } as const;

/** The annotation text of a finding: rule, article, severity, message, remediation. */
export function findingMessage(f: Finding, lang: Lang): string {
  const sev = SEVERITY_LABEL[lang][f.severity];
  const message = lang === "ja" ? f.message_ja : f.message_en;
  const remediation = lang === "ja" ? f.remediation : (f.remediation_en ?? f.remediation);
  const fix = remediation ? (lang === "ja" ? ` 対処: ${remediation}` : ` Fix: ${remediation}`) : "";
  return `${f.rule} ${f.article} [${sev}] ${message}${fix}`;
}

export function exceptedMessage(f: ExceptedFinding, lang: Lang): string {
  const e = f.exception;
  return lang === "ja"
    ? `${f.rule} ${f.article}: 例外 ${e.id} を適用 (承認 ${e.approver} ${e.approved}、期限 ${e.expires}): ${e.reason}`
    : `${f.rule} ${f.article}: exception ${e.id} applied (approved by ${e.approver} on ${e.approved}, expires ${e.expires}): ${e.reason}`;
}

export function problemMessage(p: ExceptionProblem, lang: Lang): string {
  return lang === "ja" ? p.problem_ja : p.problem_en;
}

/** Findings at or above `failOn` fail synth; the others are warnings. */
export function failsSynth(f: Finding, r: SynthCheckResult): boolean {
  return SEVERITY_ORDER[f.severity] <= SEVERITY_ORDER[r.failOn];
}

/** The readable list synth fails with: every failing finding and every exception problem. */
export function failureText(r: SynthCheckResult, lang: Lang): string {
  const failing = r.findings.filter((f) => failsSynth(f, r)).sort((a, b) => SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity] || (a.construct ?? a.resource).localeCompare(b.construct ?? b.resource));
  const threshold = SEVERITY_LABEL[lang][r.failOn];
  const out: string[] = [
    lang === "ja"
      ? `sanso: 情報セキュリティポリシーに違反するため synth を中止しました — 違反 ${failing.length} 件 (${threshold}以上)、例外設定の問題 ${r.problems.length} 件`
      : `sanso: synth stopped: the app violates the security policy — ${failing.length} finding(s) at or above ${threshold}, ${r.problems.length} exception problem(s)`,
  ];
  for (const f of failing) {
    const where = f.construct ? `${f.construct} (${f.resource})` : `${f.stack}: ${f.resource}`;
    out.push(`  ✖ ${SEVERITY_LABEL[lang][f.severity]} ${f.rule} ${f.article}  ${where}`);
    out.push(`      ${lang === "ja" ? f.message_ja : f.message_en}`);
    const remediation = lang === "ja" ? f.remediation : (f.remediation_en ?? f.remediation);
    if (remediation) out.push(`      ${lang === "ja" ? "対処" : "Fix"}: ${remediation}`);
  }
  for (const p of r.problems) {
    out.push(`  ✖ ${lang === "ja" ? "例外設定の問題" : "exception problem"}${p.exception ? ` ${p.exception}` : ""}  ${p.file}`);
    out.push(`      ${problemMessage(p, lang)}`);
  }
  out.push(
    lang === "ja"
      ? "  承認済みの例外 (第93条) は SansoChecks.except(construct, {...}) か例外ファイルに書きます。詳しくは npx sanso check で。"
      : "  Approved exceptions (第93条) go in SansoChecks.except(construct, {...}) or the exceptions file; run npx sanso check for the full report.",
  );
  return `${out.join("\n")}\n`;
}

/** With SANSO_SYNTH_DEBUG set: when each step of the worker ended. */
const debug = (r: SynthCheckResult) =>
  process.env.SANSO_SYNTH_DEBUG ? `: ${Object.entries(r.phases).map(([k, v]) => `${k} ${Math.round(v)}`).join(", ")}` : "";

/** One line for a check that passed. */
export function passText(r: SynthCheckResult, lang: Lang): string {
  const warnings = r.findings.length;
  return lang === "ja"
    ? `sanso: synth 時の検査 — ${r.stacks.length} スタック、違反なし${warnings ? ` (警告 ${warnings} 件)` : ""}${r.excepted.length ? `、例外適用 ${r.excepted.length} 件` : ""} (${Math.round(r.ms)} ms${debug(r)})\n`
    : `sanso: synth-time checks — ${r.stacks.length} stack(s), no violation${warnings ? ` (${warnings} warning(s))` : ""}${r.excepted.length ? `, ${r.excepted.length} excepted` : ""} (${Math.round(r.ms)} ms${debug(r)})\n`;
}
