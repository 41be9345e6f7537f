import { createRequire } from "node:module";
import type { Builder } from "junit-report-builder";
import { canonicalReport } from "./json.js";
import { SEVERITY_LABEL, T, message, ownMessage, problemText, remediation, ruleTitle } from "./i18n.js";
import type { Finding, RenderOptions, Report } from "./types.js";

// The package is CommonJS (`module.exports = builder`). It is required when a JUnit report is
// rendered, not when the reports are imported: loading it costs ~90 ms of every `sanso` start.
let builder: Builder | undefined;
const junitBuilder = (): Builder => (builder ??= createRequire(import.meta.url)("junit-report-builder") as Builder);

/** Characters XML 1.0 cannot carry, replaced by U+FFFD. */
const INVALID_XML = /[\0-\x08\x0B\x0C\x0E-\x1F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

export function xmlSafe(s: string): string {
  return s.replace(INVALID_XML, "\uFFFD");
}

/**
 * Text for a CDATA section. xmlbuilder (under junit-report-builder) splits only the first `]]>`
 * of a CDATA text; the later ones are split here, so that every one ends up as
 * `]]]]><![CDATA[>` and the section cannot be closed early.
 */
export function cdataSafe(s: string): string {
  const t = xmlSafe(s);
  const first = t.indexOf("]]>");
  if (first === -1) return t;
  const head = t.slice(0, first + 3);
  return head + t.slice(first + 3).replaceAll("]]>", "]]]]><![CDATA[>");
}

/**
 * JUnit XML: one test suite per stack, one test case per rule x stack. A rule with findings
 * fails (the findings in the failure body); one with only excepted findings passes and lists
 * them in system-out; one with nothing in scope is skipped. Exception problems form their own
 * suite of failing cases.
 */
export function renderJunit(input: Report, opts: RenderOptions): string {
  const report = canonicalReport(input);
  const { lang } = opts;
  const w = T[lang];
  const sev = SEVERITY_LABEL[lang];
  const b = junitBuilder().newBuilder();
  b.name(xmlSafe(`sanso ${report.sanso_version} (${w.bundle} ${report.bundle_version})`));

  const line = (f: Finding): string => {
    if (f.resources?.length) {
      // one cause, one finding: its resources listed under it
      const parts = [`[${sev[f.severity]}] ${w.cause}: ${f.cause} (${w.nResources(f.resources.length)})`];
      for (const r of f.resources) {
        parts.push(`  - ${r.resource}${r.construct ? ` (${r.construct})` : ""}${r.file ? `  ${r.file}${r.line ? `:${r.line}` : ""}` : ""}`);
        const own = ownMessage(r, lang);
        if (own) parts.push(`    ${own}`);
      }
      parts.push(`  ${message(f, lang)}`);
      const fix = remediation(f, lang);
      if (fix) parts.push(`  ${w.remediation}: ${fix}`);
      return parts.join("\n");
    }
    const parts = [`[${sev[f.severity]}] ${f.resource}`];
    if (f.construct) parts.push(`  ${w.construct}: ${f.construct}`);
    if (f.file) parts.push(`  ${w.file}: ${f.file}${f.line ? `:${f.line}` : ""}`);
    parts.push(`  ${message(f, lang)}`);
    const fix = remediation(f, lang);
    if (fix) parts.push(`  ${w.remediation}: ${fix}`);
    return parts.join("\n");
  };

  for (const st of report.stacks) {
    const suite = b.testSuite().name(xmlSafe(st.name));
    suite.property("format", st.format).property("file", xmlSafe(st.file)).property("resources", String(st.resources));
    // the stack's worst rule status and what its rules could not decide (the same as every format)
    const RANK = { fail: 4, unverified: 3, excepted: 2, pass: 1, not_applicable: 0 } as const;
    let stackStatus: keyof typeof RANK = "not_applicable";
    for (const r of report.rules) {
      const x = r.stacks[st.name]?.status;
      if (x && RANK[x] > RANK[stackStatus]) stackStatus = x;
    }
    suite.property("status", stackStatus).property("unverified", String(report.unverified.filter((u) => u.stack === st.name).length));
    // account-level services this stack relies on from elsewhere (a claim a reviewer must see)
    for (const c of report.account_baseline?.claims.filter((x) => x.stack === st.name) ?? []) {
      suite.property(`account_baseline.${c.component}`, xmlSafe(`${c.kind}: ${c.provided_by}`));
    }
    for (const r of report.rules) {
      const res = r.stacks[st.name];
      const tc = suite
        .testCase()
        .className(xmlSafe(`sanso.${st.name}`))
        .name(xmlSafe(`${r.id} ${r.article} ${ruleTitle(r, lang)}`))
        .file(xmlSafe(st.file));
      const fs = report.findings.filter((f) => f.stack === st.name && f.rule === r.id);
      const ex = report.excepted.filter((f) => f.stack === st.name && f.rule === r.id);
      if (fs.length) {
        const nr = res?.resources ?? fs.length;
        const summary =
          lang === "ja"
            ? `違反 ${fs.length} 件・リソース ${nr} 件 (${res?.checked ?? 0} 件中)`
            : `${fs.length} violation${fs.length === 1 ? "" : "s"} on ${nr} resource${nr === 1 ? "" : "s"} of ${res?.checked ?? 0} checked`;
        tc.failure(xmlSafe(`${r.article}: ${summary}`), r.severity).stacktrace(cdataSafe(fs.map(line).join("\n\n")));
      } else if (!res || res.status === "not_applicable") {
        tc.skipped();
      } else if (res.status === "unverified") {
        // neither passed nor failed: values known only after apply
        const addrs = report.unverified.filter((u) => u.stack === st.name && u.rule === r.id).map((u) => `  ${u.resource}${u.construct ? ` (${u.construct})` : ""}`);
        tc.skipped().standardOutput(
          cdataSafe(
            [lang === "ja" ? `要確認 ${res.unverified} 件 (apply 後にしか分からない値のため合否を判定できません)` : `${res.unverified} unverified (values known only after apply)`, ...addrs].join("\n"),
          ),
        );
      }
      if (ex.length) {
        tc.standardOutput(
          cdataSafe(
            ex
              .map((f) => `${w.exception} ${f.exception.id} (${w.approver} ${f.exception.approver}, ${w.expires} ${f.exception.expires}): ${f.resources?.length ? f.resources.map((r) => r.resource).join(", ") : f.resource}\n  ${message(f, lang)}`)
              .join("\n"),
          ),
        );
      }
      if (res) {
        tc.property("status", res.status).property("checked", String(res.checked)).property("unverified", String(res.unverified));
        if (res.findings) tc.property("findings", String(res.findings)).property("resources", String(res.resources ?? res.findings));
      }
    }
  }
  if (report.exception_problems.length) {
    const suite = b.testSuite().name(lang === "ja" ? "例外措置" : "exceptions");
    report.exception_problems.forEach((p, i) => {
      suite
        .testCase()
        .className("sanso.exceptions")
        .name(xmlSafe(p.exception ?? `${p.file} #${i + 1}`))
        .file(xmlSafe(p.file))
        .failure(xmlSafe(problemText(p, lang)), "exception");
    });
  }
  return `${b.build()}\n`;
}
