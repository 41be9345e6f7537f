import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { CheckError, loadPolicySet, runCheck, synthesize, type PolicySet } from "../../src/check/index.js";
import { InputError, loadInputs, type NormalizedInput } from "../../src/input/index.js";
import { render } from "../../src/report/index.js";
import { EXAMPLES, FIXTURE_POLICIES, FIXTURES, ROOT } from "./helpers.js";
import { tempDir } from "../tmp.js";

let outdir: string;
let docs: NormalizedInput[];
let set: PolicySet;
const AS_OF = "2026-06-01";

beforeAll(async () => {
  outdir = join(tempDir("sanso-app-"), "cdktf.out");
  const s = await synthesize({ cwd: ROOT, outdir });
  expect(s.inProcess).toBe(true);
  expect(s.stacks).toEqual(["gcas-jumin", "lgwan-groupware", "internet-shinsei", "demo-noncompliant"]);
  docs = await loadInputs([outdir]);
  set = await loadPolicySet({ policies: FIXTURE_POLICIES });
});

const fresh = () => structuredClone(docs);

describe("sanso check on the app of cdktf.json", () => {
  it("finds the demo stack's violations with construct path, file and line; the reference stacks pass", async () => {
    const r = await runCheck({ inputs: [outdir], docs: fresh(), policySet: set, config: { file: null, policy: {}, unknownKeys: [] }, asOf: AS_OF });
    expect(r.exitCode).toBe(1);
    expect(r.report.stacks.map((s) => s.name)).toEqual(["demo-noncompliant", "gcas-jumin", "internet-shinsei", "lgwan-groupware"]);
    expect(new Set(r.report.findings.map((f) => f.stack))).toEqual(new Set(["demo-noncompliant"]));
    expect(r.report.findings.map((f) => `${f.rule} ${f.resource}`)).toEqual([
      "ART29-CMK aws_s3_bucket.mynumber_sse_s3",
      "ART49-FIREWALL aws_security_group.internet_remote",
      "ART49-FIREWALL aws_security_group.internet_remote",
      "ART49-FIREWALL aws_security_group.internet_remote",
      "ART49-FIREWALL aws_security_group.mynumber_open",
      "ART99-REGION aws_s3_bucket.other_region",
    ]);
    const cmk = r.report.findings[0]!;
    expect(cmk).toMatchObject({ article: "第29条第6項", severity: "high", construct: "demo-noncompliant/MynumberSseS3", stack: "demo-noncompliant" });
    expect(cmk.file).toBe(join(outdir, "stacks/demo-noncompliant/cdk.tf.json"));
    const text = readFileSync(cmk.file!, "utf8").split("\n");
    expect(text[cmk.line! - 1]).toMatch(/"mynumber_sse_s3"/);
    // what each rule looked at (evidence for 第101条), per stack
    const fw = r.report.rules.find((x) => x.id === "ART49-FIREWALL")!;
    expect(fw.stacks["gcas-jumin"]).toEqual({ checked: 8, findings: 0, resources: 0, excepted: 0, unverified: 0, status: "pass" });
    expect(fw.status).toBe("fail");
    expect(r.report.rules.find((x) => x.id === "ART99-REGION")!.stacks["gcas-jumin"]!.status).toBe("not_applicable");
    expect(r.report.coverage).toHaveLength(4);
  });

  it("examples/: the approved exception moves the demo finding to excepted, the expired one is reported", async () => {
    const r = await runCheck({ inputs: [outdir], docs: fresh(), policySet: set, configPath: join(EXAMPLES, "sanso.config.yaml"), exceptionsPath: join(EXAMPLES, "exceptions.yaml"), asOf: AS_OF });
    expect(r.report.excepted.map((f) => [f.rule, f.resource, f.exception.id, f.exception.approver, f.exception.expires])).toEqual([
      ["ART99-REGION", "aws_s3_bucket.other_region", "EX-2025-014", "情報セキュリティ管理者 総務部長", "2027-03-31"],
    ]);
    expect(r.report.findings.some((f) => f.rule === "ART99-REGION")).toBe(false);
    // the expired exception covered the internet_remote findings: they stay findings, and it is a problem
    // (the fixture policies name no cause: their findings stay one per finding, as before grouping)
    expect(r.report.findings.filter((f) => f.resource === "aws_security_group.internet_remote")).toHaveLength(3);
    expect(r.report.findings.some((f) => f.cause || f.resources)).toBe(false);
    expect(r.report.exception_problems).toHaveLength(1);
    expect(r.report.exception_problems[0]).toMatchObject({ exception: "EX-2024-007", file: join(EXAMPLES, "exceptions.yaml") });
    expect(r.report.exception_problems[0]!.problem_ja).toMatch(/2025-03-31 に期限切れです。対象の指摘 3 件は違反として報告します/);
    expect(r.report.rules.find((x) => x.id === "ART99-REGION")!.status).toBe("excepted");
    expect(r.exitCode).toBe(1);
    // after the approved one expires too, its finding is back
    const later = await runCheck({ inputs: [outdir], docs: fresh(), policySet: set, exceptionsPath: join(EXAMPLES, "exceptions.yaml"), asOf: "2027-04-01", config: { file: null, policy: {}, unknownKeys: [] } });
    expect(later.report.excepted).toEqual([]);
    expect(later.report.findings.some((f) => f.rule === "ART99-REGION")).toBe(true);
    expect(later.report.exception_problems.map((p) => p.exception).sort()).toEqual(["EX-2024-007", "EX-2025-014"]);
  });

  it("passes the configuration to the policies as data.sanso.config", async () => {
    const config = { file: "c.yaml", policy: { allowed_regions: ["eu-west-1"] }, unknownKeys: [] };
    const r = await runCheck({ inputs: [outdir], docs: fresh(), policySet: set, config, asOf: AS_OF });
    expect(r.report.findings.some((f) => f.rule === "ART99-REGION")).toBe(false);
    expect(r.report.rules.find((x) => x.id === "ART99-REGION")!.checked).toBe(1);
  });

  it("exit code follows the failing severity; exception problems always fail", async () => {
    const tagged = join(FIXTURES, "tagged.cdk.tf.json");
    const exc = join(FIXTURES, "tagged-exceptions.yaml");
    const base = { inputs: [tagged], policySet: set, config: { file: null, policy: {}, unknownKeys: [] }, exceptionsPath: exc, asOf: "2026-02-01" };
    // findings: ART29-CMK (high); ART49-FIREWALL (critical) excepted through the sanso:exception tag
    const low = await runCheck(base);
    expect(low.report.findings.map((f) => f.rule)).toEqual(["ART29-CMK"]);
    expect(low.report.excepted.map((f) => f.rule)).toEqual(["ART49-FIREWALL"]);
    expect(low.exitCode).toBe(1);
    expect((await runCheck({ ...base, failOn: "high" })).exitCode).toBe(1);
    expect((await runCheck({ ...base, failOn: "critical" })).exitCode).toBe(0);
    expect((await runCheck({ ...base, config: { file: "c", policy: {}, unknownKeys: [], failOn: "critical" } })).exitCode).toBe(0);
    // the exception has expired: the critical finding is back, and the expiry is reported
    const expired = await runCheck({ ...base, failOn: "critical", asOf: "2026-03-01" });
    expect(expired.exitCode).toBe(1);
    expect(expired.report.findings.map((f) => f.rule)).toEqual(["ART29-CMK", "ART49-FIREWALL"]);
    // an exception problem alone fails the run
    const extra = join(tempDir("sanso-exc-"), "exceptions.yaml");
    writeFileSync(
      extra,
      `${readFileSync(exc, "utf8")}  - id: EX-2026-002\n    rule: ART29-CMK\n    resource: aws_s3_bucket.gone\n    reason: r\n    approver: a\n    approved: 2026-01-05\n    expires: 2026-12-31\n`,
    );
    const unused = await runCheck({ ...base, exceptionsPath: extra, failOn: "critical" });
    expect(unused.report.findings.every((f) => f.severity !== "critical")).toBe(true);
    expect(unused.report.summary.failing.critical).toBe(true);
    expect(unused.report.exception_problems.map((p) => p.exception)).toEqual(["EX-2026-002"]);
    expect(unused.exitCode).toBe(1);
  });

  it("reports are deterministic: same inputs, same bytes", async () => {
    const a = await runCheck({ inputs: [outdir], docs: fresh(), policySet: set, exceptionsPath: join(EXAMPLES, "exceptions.yaml"), asOf: AS_OF, config: { file: null, policy: {}, unknownKeys: [] } });
    const b = await runCheck({ inputs: [outdir], docs: fresh().reverse(), policySet: set, exceptionsPath: join(EXAMPLES, "exceptions.yaml"), asOf: AS_OF, config: { file: null, policy: {}, unknownKeys: [] } });
    for (const f of ["json", "sarif", "junit", "markdown", "html", "text"] as const) expect(render(f, b.report)).toBe(render(f, a.report));
  });

  it("the --zone default zone reaches untagged resources", async () => {
    const plan = join(ROOT, "test/fixtures/input/plan-modules.json");
    const none = await runCheck({ inputs: [plan], policySet: set, config: { file: null, policy: {}, unknownKeys: [] }, asOf: AS_OF });
    const mine = await runCheck({ inputs: [plan], policySet: set, config: { file: null, policy: {}, unknownKeys: [] }, asOf: AS_OF, defaultZone: "mynumber" });
    const scope = (r: typeof none) => r.report.rules.find((x) => x.id === "ART29-CMK")!.checked;
    expect(scope(mine)).toBeGreaterThan(scope(none));
  });

  it("keeps what the policies could not judge before apply (unverified) apart from findings", async () => {
    const r = await runCheck({ inputs: [join(FIXTURES, "plan-unknown-region.json")], policySet: set, config: { file: null, policy: {}, unknownKeys: [] }, asOf: AS_OF });
    expect(r.report.findings).toEqual([]);
    expect([...r.unverified]).toEqual([["ART99-REGION", { "plan-unknown-region": ["aws_s3_bucket.replica"] }]]);
    expect(r.report.rules.find((x) => x.id === "ART99-REGION")!.checked).toBe(1);
  });

  it("a check that cannot run throws: it never produces a report", async () => {
    await expect(runCheck({ inputs: ["/nonexistent/plan.json"], policySet: set, config: { file: null, policy: {}, unknownKeys: [] } })).rejects.toThrow(InputError);
    await expect(runCheck({ inputs: [outdir], policySet: set, configPath: "/nonexistent/sanso.config.yaml" })).rejects.toThrow(CheckError);
    await expect(runCheck({ inputs: [outdir], policySet: set, config: { file: null, policy: {}, unknownKeys: [] }, exceptionsPath: join(FIXTURES, "policies/main.rego") })).rejects.toThrow(/malformed exceptions file/);
  });
});
