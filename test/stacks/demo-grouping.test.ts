// One cause, one finding on the demo stack (issue 14 item 4): its provider in us-east-1 is one
// ART99-REGION finding listing every resource it places there, the bucket with its own region
// argument stays alone, and the Markdown summary of the run fits a pull-request comment.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { assembleReport, Evaluator, evaluateInputs, runCheck, type CheckResult, type PolicySet } from "../../src/check/index.js";
import { loadInputs } from "../../src/input/index.js";
import { GITHUB_COMMENT_LIMIT, render } from "../../src/report/index.js";
import { synthApp } from "../../stacks/app.js";

const NO_CONFIG = { file: null, policy: {}, unknownKeys: [] };
let out: string;
let r: CheckResult;
let set: PolicySet;

beforeAll(async () => {
  out = mkdtempSync(join(tmpdir(), "sanso-grouping-"));
  synthApp(out);
  r = await runCheck({ inputs: [out], config: NO_CONFIG, asOf: "2026-06-01" });
  set = r.policySet;
}, 120_000);
afterAll(() => rmSync(out, { recursive: true, force: true }));

describe("the demo's findings, grouped by cause", () => {
  it("one ART99-REGION finding for the provider, listing every resource it places in us-east-1", () => {
    const region = r.report.findings.filter((f) => f.rule === "ART99-REGION");
    const provider = region.filter((f) => f.cause === "provider.aws");
    expect(provider).toHaveLength(1);
    const g = provider[0]!;
    expect(g.resources!.length).toBeGreaterThan(50);
    expect(g.message_en).toMatch(/^Provider provider\.aws is configured for region us-east-1/);
    expect(g.resources!.map((x) => x.resource)).not.toContain("aws_s3_bucket.other_region");
    for (const x of g.resources!) expect(x.construct, x.resource).toMatch(/^demo-noncompliant\//);
    // the bucket with its own region argument is its own cause
    expect(region.filter((f) => !f.cause).map((f) => f.resource)).toEqual(["aws_s3_bucket.other_region"]);
  });

  it("the open rules of a security group, and the missing backup plan, are one finding each", () => {
    const of = (rule: string, cause: string) => r.report.findings.filter((f) => f.rule === rule && f.cause === cause);
    expect(of("ART49-FIREWALL", "aws_security_group.internet_remote")).toHaveLength(1);
    expect(of("ART66-REMOTE-ACCESS", "aws_security_group.internet_remote")).toHaveLength(1);
    const backup = of("ART43-BACKUP", "missing:aws_backup_selection");
    expect(backup).toHaveLength(1);
    expect(backup[0]!.resources!.length).toBeGreaterThan(3);
  });

  it("counts say findings and resources; grouping drops no resource (SansoChecks, ungrouped, sees the same pairs)", async () => {
    const s = r.report.summary;
    expect(s.resources).toBeLessThan(s.total + 100);
    const pairs = (fs: typeof r.report.findings) => new Set(fs.flatMap((f) => (f.resources ?? [f]).map((x) => `${f.stack} ${f.rule} ${x.resource}`)));
    const docs = await loadInputs([out]);
    const evaluated = await evaluateInputs(docs, new Evaluator(set, {}, {}));
    const flat = assembleReport({ inputs: [out], docs, evaluated, policySet: set, exceptions: null, asOf: "2026-06-01", failOn: "low" }).report;
    expect(flat.findings.some((f) => f.resources)).toBe(false);
    expect(flat.summary.total).toBeGreaterThan(s.total + 60);
    expect(pairs(r.report.findings)).toEqual(pairs(flat.findings));
    // findings before and after grouping, for the record
    console.log(`demo: ${flat.summary.total} findings ungrouped -> ${s.total} findings on ${s.resources} resources`);
  });

  it("the Markdown summary of the run fits a pull-request comment and says where the full report is", () => {
    const full = render("markdown", r.report);
    const summary = render("markdown", r.report, { summary: true, reportUrl: "https://example.org/run/1" });
    expect(summary.length).toBeLessThan(GITHUB_COMMENT_LIMIT);
    expect(summary.length).toBeLessThan(full.length);
    expect(summary).toContain(`**違反 ${r.report.summary.total} 件 (リソース ${r.report.summary.resources} 件)**`);
    expect(summary).toContain("📄 完全なレポート: [https://example.org/run/1](https://example.org/run/1)");
  });
});
