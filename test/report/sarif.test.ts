import { sarifValidator } from "./sarif-schema.js";
import { describe, expect, it } from "vitest";
import { EXCEPTION_RULE_ID, buildReport, render } from "../../src/report/index.js";
import { fixtureInput, fixtureReport, shuffledInput } from "./fixture.js";

const BASE = "/work/repo";

describe("sarif report", () => {
  const validate = sarifValidator();

  for (const lang of ["ja", "en"] as const) {
    it(`validates against the SARIF 2.1.0 schema (${lang})`, () => {
      const log = JSON.parse(render("sarif", fixtureReport(), { lang, baseDir: BASE }));
      const ok = validate(log);
      expect(validate.errors ?? []).toEqual([]);
      expect(ok).toBe(true);
    });
  }

  it("rejects what is not SARIF (the validator works)", () => {
    expect(validate({ version: "2.1.0", runs: [{ tool: {} }] })).toBe(false);
    const log = JSON.parse(render("sarif", fixtureReport(), { baseDir: BASE }));
    log.runs[0].results[0].level = "fatal";
    expect(validate(log)).toBe(false);
  });

  it("has one reporting descriptor per rule, with the article and its text", () => {
    const log = JSON.parse(render("sarif", fixtureReport(), { baseDir: BASE }));
    const run = log.runs[0];
    expect(run.tool.driver.name).toBe("sanso");
    expect(run.tool.driver.version).toBe("0.1.0");
    const ids = run.tool.driver.rules.map((r: { id: string }) => r.id);
    expect(ids).toEqual(["ART17-CLASSIFIED", "ART23-NOT-PUBLIC", "ART29-CMK", "ART47-LOGS-KEPT", "ART49-FIREWALL", "ART90-MONITORED", EXCEPTION_RULE_ID]);
    const cmk = run.tool.driver.rules[2];
    expect(cmk.name).toBe("MyNumberDataStoresAreEncryptedWithCustomerManagedKMSKeys");
    expect(cmk.shortDescription.text).toBe("マイナンバー利用事務系のデータストアは顧客管理鍵で暗号化する");
    expect(cmk.fullDescription.text).toMatch(/^第29条第6項: 情報システム・セキュリティ管理者は、マイナンバー利用事務系の情報システム/);
    expect(cmk.help.markdown).toContain("> 情報システム・セキュリティ管理者は");
    expect(cmk.defaultConfiguration.level).toBe("error");
    expect(cmk.properties).toMatchObject({ article: "第29条第6項", severity: "critical", "security-severity": "9.5", tags: ["security", "sanso", "第29条第6項", "zone:mynumber"] });
  });

  it("maps severities to levels and points at the input file and the construct", () => {
    const log = JSON.parse(render("sarif", fixtureReport(), { baseDir: BASE }));
    const results = log.runs[0].results as Array<Record<string, any>>;
    const byRes = (r: string) => results.find((x) => x.locations[0].logicalLocations?.[0]?.name === r)!;
    const sse = byRes("aws_s3_bucket_server_side_encryption_configuration.zone_records_sse_1F6E0A77");
    expect(sse.ruleId).toBe("ART29-CMK");
    expect(sse.level).toBe("error");
    expect(sse.locations[0].physicalLocation.artifactLocation).toMatchObject({ uri: "cdktf.out/stacks/gov-mynumber/cdk.tf.json", uriBaseId: "%SRCROOT%" });
    expect(sse.locations[0].physicalLocation.region).toEqual({ startLine: 210 });
    expect(sse.locations[0].logicalLocations[0]).toEqual({
      name: "aws_s3_bucket_server_side_encryption_configuration.zone_records_sse_1F6E0A77",
      fullyQualifiedName: "gov-mynumber/zone/records/sse",
      kind: "resource",
    });
    expect(sse.message.text).toContain("対処: SecureBucket");
    expect(byRes("aws_cloudwatch_log_group.app").level).toBe("warning");
    expect(byRes("aws_cloudwatch_log_group.app").locations[0].physicalLocation.region).toEqual({ startLine: 1 });
    expect(byRes("aws_s3_bucket.zone_records_regional_44D1A0B3").level).toBe("note");
    // a plan resource without construct: the address is the logical location
    expect(byRes('module.records["b"].aws_s3_bucket.b').locations[0].logicalLocations[0].fullyQualifiedName).toBe('module.records["b"].aws_s3_bucket.b');
    for (const r of results) expect(r.partialFingerprints["sansoFinding/v1"]).toMatch(/^[0-9a-f]{32}$/);
  });

  it("reports excepted findings as suppressed, and exception problems as errors on the exceptions file", () => {
    const log = JSON.parse(render("sarif", fixtureReport(), { baseDir: BASE }));
    const results = log.runs[0].results as Array<Record<string, any>>;
    const suppressed = results.filter((r) => r.suppressions);
    expect(suppressed).toHaveLength(2);
    expect(suppressed[0].suppressions[0]).toMatchObject({ kind: "external", status: "accepted", properties: { exception: "EX-2025-003", approver: "CISO 山田太郎", expires: "2026-03-31" } });
    const problems = results.filter((r) => r.ruleId === EXCEPTION_RULE_ID);
    expect(problems).toHaveLength(2);
    expect(problems.every((p) => p.level === "error" && p.locations[0].physicalLocation.artifactLocation.uri === "sanso.exceptions.yaml")).toBe(true);
    expect(results).toHaveLength(6 + 2 + 2);
  });

  it("uses relative, percent-encoded URIs inside the base directory and file: URIs outside", () => {
    const input = fixtureInput();
    input.findings[0] = { ...input.findings[0]!, file: "スタック/cdk tf.json" };
    input.findings[1] = { ...input.findings[1]!, file: "/elsewhere/plan.json" };
    const log = JSON.parse(render("sarif", buildReport(input), { baseDir: BASE }));
    const uris = log.runs[0].artifacts.map((a: { location: { uri: string } }) => a.location.uri);
    expect(uris).toContain("%E3%82%B9%E3%82%BF%E3%83%83%E3%82%AF/cdk%20tf.json");
    expect(uris).toContain("file:///elsewhere/plan.json");
    expect(validate(log)).toBe(true);
  });

  it("is deterministic", () => {
    expect(render("sarif", buildReport(shuffledInput()), { baseDir: BASE })).toBe(render("sarif", fixtureReport(), { baseDir: BASE }));
  });

  it("points at the user's TypeScript line when the construct's stack trace is known, the generated file as a related location", () => {
    const input = fixtureInput();
    const f0 = input.findings[0]!;
    input.findings[0] = { ...f0, source: { file: "main.ts", line: 42, column: 5 } };
    const log = JSON.parse(render("sarif", buildReport(input), { baseDir: BASE }));
    const r = log.runs[0].results.find((x: { properties: { resource: string }; ruleId: string }) => x.properties.resource === f0.resource && x.ruleId === f0.rule);
    expect(r.locations[0].physicalLocation.artifactLocation.uri).toBe("main.ts");
    expect(r.locations[0].physicalLocation.region).toEqual({ startLine: 42, startColumn: 5 });
    expect(r.locations[0].logicalLocations[0].name).toBe(f0.resource);
    expect(r.relatedLocations[0].physicalLocation.region.startLine).toBe(f0.line ?? 1);
    expect(log.runs[0].artifacts.map((a: { location: { uri: string } }) => a.location.uri)).toContain("main.ts");
    expect(validate(log)).toBe(true);
  });
});
