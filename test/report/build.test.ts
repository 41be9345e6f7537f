import { describe, expect, it } from "vitest";
import { buildReport, canonicalReport, compareArticles, isFailing } from "../../src/report/index.js";
import type { Finding } from "../../src/report/index.js";
import { fixtureInput, fixtureReport } from "./fixture.js";

describe("buildReport", () => {
  it("orders findings by stack, article number, rule, severity, resource", () => {
    const r = fixtureReport();
    expect(r.findings.map((f) => [f.stack, f.article, f.resource])).toEqual([
      ["gov-mynumber", "第17条", "aws_s3_bucket.zone_records_regional_44D1A0B3"],
      ["gov-mynumber", "第29条第6項", "aws_kms_key.zone_key_8E2A4D61"],
      ["gov-mynumber", "第29条第6項", "aws_s3_bucket_server_side_encryption_configuration.zone_records_sse_1F6E0A77"],
      ["lgwan-web", "第49条", "aws_security_group.web_sg_5E6F7A8B"],
      ["tfplan", "第23条", 'module.records["b"].aws_s3_bucket.b'],
      ["tfplan", "第47条第1項", "aws_cloudwatch_log_group.app"],
    ]);
    expect(r.stacks.map((s) => s.name)).toEqual(["gov-mynumber", "lgwan-web", "tfplan"]);
    expect(r.rules.map((x) => x.id)).toEqual(["ART17-CLASSIFIED", "ART23-NOT-PUBLIC", "ART29-CMK", "ART47-LOGS-KEPT", "ART49-FIREWALL", "ART90-MONITORED"]);
  });

  it("compares articles numerically", () => {
    const list = ["第100条", "第9条", "第29条第6項", "第29条", "第29条第10項", "第80条第1項(3)", "第80条第1項(1)"];
    expect([...list].sort(compareArticles)).toEqual(["第9条", "第29条", "第29条第6項", "第29条第10項", "第80条第1項(1)", "第80条第1項(3)", "第100条"]);
  });

  it("summarizes by severity and rule and says which fail-on thresholds fail", () => {
    const r = fixtureReport();
    expect(r.summary).toEqual({
      status: "fail",
      by_severity: { critical: 2, high: 2, medium: 1, low: 1 },
      by_rule: { "ART17-CLASSIFIED": 1, "ART23-NOT-PUBLIC": 1, "ART29-CMK": 2, "ART47-LOGS-KEPT": 1, "ART49-FIREWALL": 1 },
      total: 6,
      resources: 6,
      excepted: 2,
      exception_problems: 2,
      unverified: 0,
      unverified_rules: 0,
      failing: { critical: true, high: true, medium: true, low: true },
    });
    expect(r.fail_on).toBe("high");
    expect(isFailing(r)).toBe(true);
    const onlyLow = buildReport({ ...fixtureInput(), findings: fixtureInput().findings.filter((f) => f.severity === "low"), exception_problems: [] });
    expect(onlyLow.summary.failing).toEqual({ critical: false, high: false, medium: false, low: true });
    expect(isFailing(onlyLow)).toBe(false);
    // an exception problem fails the run whatever the threshold
    const problemsOnly = buildReport({ ...fixtureInput(), findings: [] });
    expect(problemsOnly.summary.failing).toEqual({ critical: true, high: true, medium: true, low: true });
  });

  it("gives each rule a status per stack: fail, excepted, pass, not applicable", () => {
    const r = fixtureReport();
    const rule = (id: string) => r.rules.find((x) => x.id === id)!;
    expect(rule("ART47-LOGS-KEPT").stacks).toEqual({
      "gov-mynumber": { checked: 2, findings: 0, resources: 0, excepted: 1, unverified: 0, status: "excepted" },
      "lgwan-web": { checked: 1, findings: 0, resources: 0, excepted: 0, unverified: 0, status: "pass" },
      tfplan: { checked: 1, findings: 1, resources: 1, excepted: 0, unverified: 0, status: "fail" },
    });
    expect(rule("ART47-LOGS-KEPT").status).toBe("fail");
    expect(rule("ART47-LOGS-KEPT").checked).toBe(4);
    expect(rule("ART90-MONITORED").status).toBe("not_applicable");
    expect(rule("ART90-MONITORED").checked).toBe(0);
  });

  it("reports a rule whose only resources in scope are undecided as unverified, never as a pass", () => {
    const input = fixtureInput();
    const rules = (input.rules ?? []).map((r) => (r.id === "ART47-LOGS-KEPT" ? { ...r, unverified: { "lgwan-web": 1 } } : r));
    const r = buildReport({ ...input, rules });
    const kept = r.rules.find((x) => x.id === "ART47-LOGS-KEPT")!;
    expect(kept.stacks["lgwan-web"]).toEqual({ checked: 1, findings: 0, resources: 0, excepted: 0, unverified: 1, status: "unverified" });
    expect(kept.status).toBe("fail"); // the worst over the stacks: tfplan still fails
  });

  it("the list of undecided resources gives the counts and the run's status; the canonical form keeps both", () => {
    const input = { ...fixtureInput(), findings: [], excepted: [], exception_problems: [] };
    const u = { rule: "ART47-LOGS-KEPT", stack: "lgwan-web", resource: "aws_cloudwatch_log_group.web" };
    const r = buildReport({ ...input, unverified: [u, { ...u }] });
    expect(r.unverified).toEqual([u]);
    expect(r.rules.find((x) => x.id === "ART47-LOGS-KEPT")!.stacks["lgwan-web"]).toMatchObject({ unverified: 1, status: "unverified" });
    expect(r.summary).toMatchObject({ status: "unverified", unverified: 1, unverified_rules: 1, total: 0 });
    expect(isFailing(r)).toBe(false);
    const again = canonicalReport(canonicalReport(r));
    expect(again.rules).toEqual(canonicalReport(r).rules);
    expect(again.summary).toEqual(r.summary);
    expect(again.unverified).toEqual(r.unverified);
    expect(buildReport(input).summary.status).toBe("pass");
  });

  it("never drops a finding whose rule is missing from the catalog", () => {
    const stray: Finding = { rule: "ART99-REGION", article: "第99条", severity: "medium", resource: "aws_s3_bucket.x", message_ja: "リージョン外", message_en: "outside region", stack: "tfplan" };
    const r = buildReport({ ...fixtureInput(), findings: [...fixtureInput().findings, stray] });
    const rule = r.rules.find((x) => x.id === "ART99-REGION")!;
    expect(rule).toMatchObject({ title_en: "ART99-REGION", article: "第99条", severity: "medium", status: "fail", checked: 1 });
    expect(r.findings).toContainEqual(stray);
  });

  it("has no timestamp unless one is passed", () => {
    expect(fixtureReport()).not.toHaveProperty("generated_at");
    expect(buildReport({ ...fixtureInput(), generated_at: "2025-03-01T09:00:00+09:00" }).generated_at).toBe("2025-03-01T09:00:00+09:00");
  });
});
