// The Markdown summary for a pull-request comment (issue 14 item 4): counts by severity and rule,
// the top findings, a pointer to the full report, and always under GitHub's 65,536 characters.
import { describe, expect, it } from "vitest";
import { buildReport, GITHUB_COMMENT_LIMIT, MARKDOWN_SUMMARY_LIMIT, render, renderMarkdownSummary, SEVERITIES } from "../../src/report/index.js";
import type { Finding, ReportInput, RuleInput } from "../../src/report/index.js";
import { planOutputs } from "../../src/cli/commands/check.js";
import { fixtureReport } from "./fixture.js";

const URL = "https://github.com/city/infra/actions/runs/42";

/** A report far bigger than any PR comment: `n` findings over many rules and stacks, long texts, big groups. */
function hugeInput(n: number, opts: { stacks?: number; rules?: number; text?: number } = {}): ReportInput {
  const nStacks = opts.stacks ?? 40;
  const nRules = opts.rules ?? 400;
  const long = (s: string) => `${s} ${"長い説明 long text ".repeat(Math.ceil((opts.text ?? 1500) / 16))}`;
  const stacks = Array.from({ length: nStacks }, (_, i) => ({ name: `stack-${i}-${"x".repeat(60)}`, format: "cdktf" as const, file: `cdktf.out/stacks/s${i}/cdk.tf.json`, resources: 500 }));
  const rules: RuleInput[] = Array.from({ length: nRules }, (_, i) => ({
    id: `LOCAL-RULE-${i}`,
    title_ja: long(`ルール ${i}`),
    title_en: long(`Rule ${i}`),
    article: `第${i + 1}条第1項`,
    article_text: "",
    severity: SEVERITIES[i % 4]!,
    zones: [],
    classes: [],
    rationale: "",
    checked: {},
  }));
  const findings: Finding[] = [];
  for (let i = 0; i < n; i++) {
    const rule = rules[i % nRules]!;
    const stack = stacks[i % nStacks]!.name;
    findings.push({
      rule: rule.id,
      article: rule.article,
      severity: rule.severity,
      stack,
      resource: `aws_s3_bucket.bucket_${i}_${"y".repeat(80)}`,
      construct: `${stack}/Bucket${i}`,
      file: `cdktf.out/stacks/${stack}/cdk.tf.json`,
      line: i + 1,
      message_ja: long(`違反 ${i} | <b>raw</b> \`code\``),
      message_en: long(`violation ${i} | <b>raw</b> \`code\``),
      // one in three shares a cause: big groups
      ...(i % 3 === 0 ? { cause: `provider.aws.${i % 7}` } : {}),
    });
  }
  return { sanso_version: "0.1.0", bundle_version: "sha256:test", generated_for: ["cdktf.out"], stacks, findings, rules };
}

describe("markdown summary", () => {
  it("gives the verdict, findings and resources by severity and by rule, the top findings and the full report's address", () => {
    const md = render("markdown", fixtureReport(), { lang: "en", summary: true, reportUrl: URL });
    expect(md).toMatch(/^## ❌ sanso check report: FAIL\n/);
    expect(md).toContain("**6 findings on 6 resources** · excepted 2 · exception problems 2");
    expect(md).toContain("| severity | findings | resources |");
    expect(md).toContain("| 🔴 critical | 2 | 2 |");
    expect(md).toContain("### By rule");
    expect(md).toMatch(/\| ART29-CMK .* \| 第29条第6項 \| 🔴 critical \| 2 \| 2 \|/);
    expect(md).toContain("### Top findings (6 of 6)");
    expect(md).toContain(`📄 Full report: [${URL.replace(/_/g, "\\_")}](${URL})`);
    // the summary is not the full report: no per-stack tables, no coverage
    expect(md).not.toContain("### stack");
    // Japanese too, and an artifact name instead of a URL
    const ja = render("markdown", fixtureReport(), { summary: true, reportUrl: "sanso-report (artifact)" });
    expect(ja).toContain("**違反 6 件 (リソース 6 件)**");
    expect(ja).toContain("📄 完全なレポート: `sanso-report (artifact)`");
    expect(ja).toContain("### 主な指摘 (6 / 6 件)");
  });

  it("stays under GitHub's comment limit for thousands of findings, cutting lists with '… and N more'", () => {
    const report = buildReport(hugeInput(6000));
    const full = render("markdown", report, { lang: "en" });
    expect(full.length).toBeGreaterThan(GITHUB_COMMENT_LIMIT); // the full report would not fit
    for (const lang of ["ja", "en"] as const) {
      const md = renderMarkdownSummary(report, { lang, color: false, reportUrl: URL });
      expect(md.length).toBeLessThanOrEqual(MARKDOWN_SUMMARY_LIMIT);
      expect([...md].length).toBeLessThan(GITHUB_COMMENT_LIMIT);
      expect(md).toContain(lang === "en" ? `**${report.summary.total} findings on ${report.summary.resources} resources**` : `**違反 ${report.summary.total} 件 (リソース ${report.summary.resources} 件)**`);
      expect(md).toMatch(lang === "en" ? /… and \d+ more/ : /… ほか \d+ 件/);
      expect(md).toContain(URL);
      // no raw HTML from the findings
      expect(md).not.toContain("<b>raw</b>");
    }
  });

  it("stays under the limit however large the header is (hundreds of long stack names, a huge URL, a tight limit)", () => {
    const report = buildReport(hugeInput(2000, { stacks: 200, rules: 300, text: 5000 }));
    const md = renderMarkdownSummary(report, { lang: "ja", color: false, reportUrl: `https://example.org/${"u".repeat(100_000)}` });
    expect(md.length).toBeLessThanOrEqual(MARKDOWN_SUMMARY_LIMIT);
    const tight = renderMarkdownSummary(report, { lang: "en", color: false, limit: 2000 });
    expect(tight.length).toBeLessThanOrEqual(2000);
    expect(tight).toMatch(/^## ❌ sanso check report: FAIL/);
  });

  it("is chosen with -f markdown-summary or -f markdown --summary; other formats stay as they are", () => {
    expect(planOutputs(["markdown-summary", "html"], ["comment.md", "report.html"])).toEqual([
      { format: "markdown", output: "comment.md", summary: true },
      { format: "html", output: "report.html" },
    ]);
    expect(planOutputs(["markdown", "markdown"], ["full.md", "-"])[0]).toEqual({ format: "markdown", output: "full.md" });
    expect(planOutputs(["md", "json"], ["-", "r.json"], true)).toEqual([
      { format: "markdown", output: null, summary: true },
      { format: "json", output: "r.json" },
    ]);
    expect(() => planOutputs(["json"], [], true)).toThrow(/--summary applies to a markdown report/);
  });
});
