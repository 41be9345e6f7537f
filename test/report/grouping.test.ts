// One cause, one finding (issue 14 item 4): findings of one stack, rule and cause are one finding
// listing its resources, in the model and in every format; counts say findings and resources.
import { describe, expect, it } from "vitest";
import { sarifValidator } from "./sarif-schema.js";
import { buildReport, canonicalReport, compareFindings, groupFindings, render, REPORT_FORMATS } from "../../src/report/index.js";
import type { ExceptedFinding, Finding, ReportInput } from "../../src/report/index.js";
import { TEXT_MAX_RESOURCES } from "../../src/report/text.js";
import { SARIF_MAX_LOCATIONS } from "../../src/report/sarif.js";
import { parseXml, findAll } from "./xml.js";
import { fixtureInput } from "./fixture.js";

const REGION_MSG = { message_ja: "プロバイダ provider.aws のリージョン us-east-1 は許可されていません。", message_en: "Provider provider.aws is configured for region us-east-1." };

function regionFinding(i: number, stack = "tfplan"): Finding {
  return {
    rule: "ART99-REGION",
    article: "第99条",
    severity: "high",
    stack,
    resource: `aws_sqs_queue.q${String(i).padStart(2, "0")}`,
    construct: `${stack}/Q${i}`,
    file: `plans/${stack}.json`,
    line: 100 + i,
    ...REGION_MSG,
    remediation: "許可されたリージョンに置いてください。",
    remediation_en: "Keep resources in the allowed regions.",
    cause: "provider.aws",
  };
}

function sgFinding(resource: string, port: number): Finding {
  return {
    rule: "ART49-FIREWALL",
    article: "第49条",
    severity: "high",
    stack: "lgwan-web",
    resource,
    file: "cdktf.out/stacks/lgwan-web/cdk.tf.json",
    line: port,
    message_ja: `受信ルール (tcp ${port}) が不適切です。`,
    message_en: `The ingress rule (tcp ${port}) is too open.`,
    cause: "aws_security_group.web",
  };
}

/** The report fixture plus 30 findings with one cause, two rules of one security group, one without a cause. */
function groupedInput(): ReportInput {
  const base = fixtureInput();
  return {
    ...base,
    findings: [
      ...base.findings,
      ...Array.from({ length: 30 }, (_, i) => regionFinding(i)),
      sgFinding("aws_vpc_security_group_ingress_rule.ssh", 22),
      sgFinding("aws_vpc_security_group_ingress_rule.rdp", 3389),
      sgFinding("aws_vpc_security_group_ingress_rule.rdp", 3390),
      { ...regionFinding(99), resource: "aws_s3_bucket.own_region", cause: undefined, message_en: "aws_s3_bucket.own_region is in eu-west-1." },
    ].map((f) => (f.cause === undefined ? (({ cause: _c, ...rest }) => rest)(f) : f)),
    rules: [
      ...(base.rules ?? []),
      { id: "ART99-REGION", title_ja: "許可されたリージョン", title_en: "Allowed regions", article: "第99条", article_text: "", severity: "high", zones: [], classes: [], rationale: "", checked: { tfplan: 40 } },
    ],
  };
}

describe("grouping by cause", () => {
  it("makes one finding per stack, rule and cause, listing its resources in order; a finding without a cause stays alone", () => {
    const r = buildReport(groupedInput());
    const region = r.findings.filter((f) => f.rule === "ART99-REGION");
    expect(region).toHaveLength(2);
    const group = region.find((f) => f.cause === "provider.aws")!;
    expect(group.resources).toHaveLength(30);
    expect(group.resources!.map((x) => x.resource)).toEqual([...group.resources!.map((x) => x.resource)].sort());
    expect(group.resources![0]).toEqual({ resource: "aws_sqs_queue.q00", construct: "tfplan/Q0", file: "plans/tfplan.json", line: 100 });
    // the finding's own location is its first resource's; the message is the cause's
    expect(group).toMatchObject({ resource: "aws_sqs_queue.q00", construct: "tfplan/Q0", line: 100, message_en: REGION_MSG.message_en });
    const alone = region.find((f) => !f.cause)!;
    expect(alone.resource).toBe("aws_s3_bucket.own_region");
    expect(alone.resources).toBeUndefined();
  });

  it("keeps each resource's own message when the messages differ, and one entry per resource", () => {
    const r = buildReport(groupedInput());
    const sg = r.findings.filter((f) => f.rule === "ART49-FIREWALL" && f.cause);
    expect(sg).toHaveLength(1);
    const g = sg[0]!;
    expect(g.resources!.map((x) => x.resource)).toEqual(["aws_vpc_security_group_ingress_rule.rdp", "aws_vpc_security_group_ingress_rule.ssh"]);
    expect(g.message_en).toBe("The ingress rule (tcp 3389) is too open. The ingress rule (tcp 3390) is too open. The ingress rule (tcp 22) is too open.");
    expect(g.resources![0]!.message_en).toBe("The ingress rule (tcp 3389) is too open. The ingress rule (tcp 3390) is too open.");
    expect(g.resources![1]!.message_en).toBe("The ingress rule (tcp 22) is too open.");
  });

  it("cuts a group's message after three distinct messages", () => {
    const fs = [22, 80, 443, 3389, 8080].map((p) => sgFinding(`aws_vpc_security_group_ingress_rule.p${p}`, p));
    const [g] = groupFindings(fs);
    expect(g!.message_en).toMatch(/\(\+2 more\)$/);
    expect(g!.message_ja).toMatch(/ほか 2 件$/);
    expect(g!.resources!.every((x) => x.message_en && !x.message_en.includes("more"))).toBe(true);
  });

  it("never merges stacks, rules or causes", () => {
    const fs = [regionFinding(1, "a"), regionFinding(2, "b"), { ...regionFinding(3, "a"), cause: "provider.aws.west" }, { ...regionFinding(4, "a"), rule: "ART99-OTHER" }];
    expect(groupFindings(fs)).toHaveLength(4);
  });

  it("counts findings and resources: summary, per rule and stack", () => {
    const r = buildReport(groupedInput());
    // 6 findings of the fixture + the region group + the lone region finding + the security group
    expect(r.summary.total).toBe(9);
    // 6 + 30 + 1 + 2 distinct resources
    expect(r.summary.resources).toBe(39);
    expect(r.summary.by_rule["ART99-REGION"]).toBe(2);
    const region = r.rules.find((x) => x.id === "ART99-REGION")!;
    expect(region.stacks.tfplan).toMatchObject({ checked: 40, findings: 2, resources: 31, status: "fail" });
  });

  it("is idempotent: the canonical form and the JSON round trip keep the groups as they are", () => {
    const r = buildReport(groupedInput());
    const once = render("json", r);
    expect(render("json", canonicalReport(canonicalReport(r)))).toBe(once);
    expect(render("json", JSON.parse(once))).toBe(once);
    // grouping an already grouped list changes nothing
    expect(groupFindings(r.findings).sort(compareFindings)).toEqual(r.findings);
  });

  it("can be turned off (SansoChecks reports each finding at its construct)", () => {
    const r = buildReport({ ...groupedInput(), group: false });
    expect(r.findings.filter((f) => f.rule === "ART99-REGION")).toHaveLength(31);
    expect(r.summary.total).toBe(r.summary.resources + 1); // the security group's resource with two findings
  });

  it("groups excepted findings by cause and exception, after the exceptions were applied per resource", () => {
    const exception = { id: "EX-1", rule: "ART99-REGION", resource: "aws_sqs_queue.*", reason: "r", approver: "a", approved: "2025-01-01", expires: "2030-01-01" };
    const other = { ...exception, id: "EX-2" };
    const excepted: ExceptedFinding[] = [
      { ...regionFinding(1), exception },
      { ...regionFinding(2), exception },
      { ...regionFinding(3), exception: other },
    ];
    const r = buildReport({ ...fixtureInput(), excepted: [...(fixtureInput().excepted ?? []), ...excepted] });
    const ex = r.excepted.filter((f) => f.rule === "ART99-REGION");
    expect(ex.map((f) => [f.exception.id, f.resources!.map((x) => x.resource)])).toEqual([
      ["EX-1", ["aws_sqs_queue.q01", "aws_sqs_queue.q02"]],
      ["EX-2", ["aws_sqs_queue.q03"]],
    ]);
  });
});

describe("grouped findings in every format", () => {
  const report = () => buildReport(groupedInput());

  it("every format names the cause and the resources", () => {
    for (const format of REPORT_FORMATS) {
      const out = render(format, report(), { lang: "en" });
      expect(out, format).toContain("provider.aws");
      expect(out, format).toContain("aws_sqs_queue.q00");
      expect(out, format).toContain("aws_vpc_security_group_ingress_rule.ssh");
    }
  });

  it("text: one entry with the resource list, cut after TEXT_MAX_RESOURCES with '… and N more'; the summary line counts both", () => {
    const t = render("text", report(), { lang: "en" });
    expect(t.match(/ART99-REGION {2}Allowed regions/g)).toHaveLength(2);
    expect(t).toContain("      cause: provider.aws\n      resources (30):\n        - aws_sqs_queue.q00  (tfplan/Q0)  plans/tfplan.json:100");
    expect(t).toContain(`aws_sqs_queue.q${String(TEXT_MAX_RESOURCES - 1).padStart(2, "0")}`);
    expect(t).not.toContain(`aws_sqs_queue.q${String(TEXT_MAX_RESOURCES).padStart(2, "0")}`);
    expect(t).toContain(`… and ${30 - TEXT_MAX_RESOURCES} more`);
    expect(t.trimEnd().split("\n").at(-1)).toMatch(/^Result: FAIL — 9 findings on 39 resources \(/);
    expect(render("text", report()).trimEnd().split("\n").at(-1)).toMatch(/^集計: 不合格 — 違反 9 件・リソース 39 件 \(/);
  });

  it("markdown: one row per group, every resource in it", () => {
    const md = render("markdown", report(), { lang: "en" });
    const rows = md.split("\n").filter((l) => l.includes("| ART99-REGION |"));
    expect(rows).toHaveLength(2);
    const row = rows.find((l) => l.includes("provider.aws"))!;
    for (let i = 0; i < 30; i++) expect(row).toContain(`aws_sqs_queue.q${String(i).padStart(2, "0")}`);
    expect(md).toContain("| resources | 39 |");
  });

  it("html: one finding block listing every resource", () => {
    const html = render("html", report(), { lang: "en" });
    expect(html.match(/<span class="rule">ART99-REGION<\/span>/g)).toHaveLength(2);
    expect(html).toContain("cause: <code>provider.aws</code> (30 resources)");
    expect(html.match(/<li><code>aws_sqs_queue\.q\d\d<\/code>/g)).toHaveLength(30);
  });

  it("sarif: one result per group with every resource as a location, valid against the schema", () => {
    const validate = sarifValidator();
    const log = JSON.parse(render("sarif", report(), { lang: "en", baseDir: "/work/repo" }));
    expect(validate(log), JSON.stringify(validate.errors)).toBe(true);
    const results = log.runs[0].results.filter((x: { ruleId: string }) => x.ruleId === "ART99-REGION");
    expect(results).toHaveLength(2);
    const g = results.find((x: { properties: { cause?: string } }) => x.properties.cause === "provider.aws");
    expect(g.locations).toHaveLength(30);
    expect(g.locations[0].physicalLocation.region.startLine).toBe(100);
    expect(g.locations[29].logicalLocations[0]).toEqual({ name: "aws_sqs_queue.q29", fullyQualifiedName: "tfplan/Q29", kind: "resource" });
    expect(g.message.text).toContain("(cause: provider.aws; 30 resources)");
    expect(g.properties.resources).toHaveLength(30);
    // the alert is the cause's: the same fingerprint whatever resources it covers
    const fewer = groupedInput();
    fewer.findings = fewer.findings.filter((f) => f.resource !== "aws_sqs_queue.q05");
    const g2 = JSON.parse(render("sarif", buildReport(fewer), { lang: "en", baseDir: "/work/repo" })).runs[0].results.find((x: { properties: { cause?: string } }) => x.properties.cause === "provider.aws");
    expect(g2.locations).toHaveLength(29);
    expect(g2.partialFingerprints).toEqual(g.partialFingerprints);
    // a resource's own message goes on its location
    const sg = log.runs[0].results.find((x: { properties: { cause?: string } }) => x.properties.cause === "aws_security_group.web");
    expect(sg.locations.map((l: { message?: { text: string } }) => l.message?.text)).toEqual([
      "The ingress rule (tcp 3389) is too open. The ingress rule (tcp 3390) is too open.",
      "The ingress rule (tcp 22) is too open.",
    ]);
    expect(log.runs[0].properties.summary).toMatchObject({ total: 9, resources: 39 });
  });

  it("sarif: a group larger than code scanning reads keeps 1,000 locations and names every resource in its properties", () => {
    const big = { ...fixtureInput(), findings: Array.from({ length: 1200 }, (_, i) => ({ ...regionFinding(i), resource: `aws_sqs_queue.q${String(i).padStart(4, "0")}` })) };
    const log = JSON.parse(render("sarif", buildReport(big), { lang: "en", baseDir: "/work/repo" }));
    const g = log.runs[0].results.find((x: { ruleId: string }) => x.ruleId === "ART99-REGION");
    expect(g.locations).toHaveLength(SARIF_MAX_LOCATIONS);
    expect(g.properties.resources).toHaveLength(1200);
    expect(g.message.text).toContain("1200 resources");
  });

  it("junit: the rule's case lists the group with its resources and says findings and resources", () => {
    const root = parseXml(render("junit", report(), { lang: "en" }));
    const tc = findAll(root, "testcase").find((c) => c.attrs.classname === "sanso.tfplan" && c.attrs.name!.startsWith("ART99-REGION "))!;
    const failure = findAll(tc, "failure")[0]!;
    expect(failure.attrs.message).toBe("第99条: 2 violations on 31 resources of 40 checked");
    expect(failure.text).toContain("[high] cause: provider.aws (30 resources)\n  - aws_sqs_queue.q00 (tfplan/Q0)  plans/tfplan.json:100");
    expect(failure.text).toContain("  - aws_sqs_queue.q29 (tfplan/Q29)");
  });
});
