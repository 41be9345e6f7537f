/**
 * SansoChecks: the policies at `app.synth()`. The synth-time findings are sanso check's on the same
 * output; a violation fails synth naming the construct, rule and article; exceptions declared in
 * code are judged as exceptions-file entries; bad settings fail with a message, never a trace.
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { App } from "cdktf";
import { S3Bucket } from "@cdktf/provider-aws/lib/s3-bucket/index.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AccountBaseline, AuditTrail, BackupPolicy, LgwanZone, SansoChecks, SansoChecksFailure, SansoStack, SecureBucket, type SansoChecksProps } from "../../constructs/index.js";
import { runCheck } from "../../src/check/run.js";
import { buildStack, STACK_NAMES } from "../../stacks/app.js";
import { buildCli } from "../cli/helpers.js";

const AS_OF = "2026-06-01";
const NO_CONFIG = { file: null, policy: {}, unknownKeys: [] };

beforeAll(() => buildCli()); // the checks' worker thread runs dist/js/synth-worker.js

const outdirs: string[] = [];
function outdir(): string {
  const d = mkdtempSync(join(tmpdir(), "sanso-synth-checks-"));
  outdirs.push(d);
  return d;
}
afterAll(() => {
  for (const d of outdirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

/** A compliant LGWAN app; `raw` adds a class II bucket made with the provider's raw resource. */
function lgwanApp(props: SansoChecksProps, raw?: (bucket: S3Bucket) => void): { app: App; checks: SansoChecks } {
  const app = new App({ outdir: outdir(), stackTraces: false });
  const checks = SansoChecks.of(app, { asOf: AS_OF, throwOnFailure: true, ...props });
  const stack = new SansoStack(app, "city", { platform: "gcas", environment: "production", region: "ap-northeast-1" });
  const zone = new LgwanZone(stack, "Lgwan", {
    owner: "総務課",
    cidrBlock: "10.20.0.0/16",
    dedicatedLine: {
      amazonSideAsn: 64520,
      premisesPrefixes: ["172.20.0.0/20"],
      connections: [
        { connectionId: "dxcon-tokyo0001", location: "EqTY2", vlan: 120, bgpAsn: 65010 },
        { connectionId: "dxcon-osaka0001", location: "EqOS1", vlan: 121, bgpAsn: 65010 },
      ],
    },
  });
  const files = new SecureBucket(zone, "Files", { classification: "II", owner: "総務課" });
  new BackupPolicy(zone, "Backup", { classification: "II", owner: "総務課", classes: ["II"] });
  new AuditTrail(stack, "AuditTrail", { logArchive: zone.logArchive, dataEventBuckets: [files] });
  new AccountBaseline(stack, "AccountBaseline", { logArchive: zone.logArchive });
  if (raw) raw(new S3Bucket(zone, "Raw", { bucket: "city-raw", tags: { "sanso:classification": "II", "sanso:owner": "総務課" } }));
  return { app, checks };
}

function failure(app: App): SansoChecksFailure {
  try {
    app.synth();
  } catch (e) {
    if (e instanceof SansoChecksFailure) return e;
    throw e;
  }
  throw new Error("synth did not fail");
}

const annotations = (c: { node: { metadata: Array<{ type: string; data: unknown }> } }, type: string) =>
  c.node.metadata.filter((m) => m.type === type).map((m) => String(m.data));

const exception = (rule: string, expires = "2027-03-31") => ({ id: `EX-${rule}`, rule, reason: "移行期間中の一時的な措置", approver: "情報セキュリティ管理者", approved: "2026-04-01", expires });

describe("SansoChecks", () => {
  it("finds at synth what sanso check finds on the same output, rule for rule and resource for resource (all four stacks)", async () => {
    const app = new App({ outdir: outdir(), stackTraces: false });
    SansoChecks.of(app, { asOf: AS_OF, throwOnFailure: true });
    for (const name of STACK_NAMES) buildStack(name, app);
    const fail = failure(app); // the demo stack fails, as it must
    const check = await runCheck({ inputs: [app.outdir], asOf: AS_OF, config: NO_CONFIG });
    // sanso check makes the findings of one cause one finding listing its resources; SansoChecks
    // reports each at its construct: the same rule and resource pairs
    type F = { stack: string; rule: string; resource: string; resources?: Array<{ resource: string }> };
    const keys = (fs: F[]) => [...new Set(fs.flatMap((f) => (f.resources ?? [f]).map((r) => `${f.stack} ${f.rule} ${r.resource}`)))].sort();
    expect(fail.result.stacks.sort()).toEqual([...STACK_NAMES].sort());
    expect(keys(fail.result.findings)).toEqual(keys(check.report.findings));
    expect(keys(fail.result.excepted)).toEqual(keys(check.report.excepted));
    expect(fail.result.findings.some((f) => f.resources)).toBe(false);
    expect(check.report.findings.length).toBeLessThan(fail.result.findings.length);
    expect(fail.result.findings.length).toBeGreaterThan(100);
    // and every finding of the demo is on the construct that made the resource
    expect(fail.message).toMatch(/✖ 重大 ART29-CMK 第29条第6項 {2}demo-noncompliant\/MynumberSseS3 \(aws_s3_bucket\.mynumber_sse_s3\)/);
  });

  it("a raw unencrypted bucket in the LGWAN zone fails synth, naming the construct, rule, article and fix", () => {
    let raw!: S3Bucket;
    const { app } = lgwanApp({}, (b) => (raw = b));
    const fail = failure(app);
    expect(fail.message).toMatch(/^sanso: 情報セキュリティポリシーに違反するため synth を中止しました — 違反 3 件/);
    expect(fail.message).toMatch(/✖ 高 ART22-ENCRYPTED-AT-REST 第22条第2項・第3項 {2}city\/Lgwan\/Raw \(aws_s3_bucket\.Lgwan_Raw_[0-9A-F]+\)\n {6}重要性分類IIのデータストア .* は保存時に暗号化されていません .*\n {6}対処: 保存時の暗号化を有効にしてください/);
    expect(new Set(fail.result.findings.map((f) => f.construct))).toEqual(new Set(["city/Lgwan/Raw"]));
    // attached to the construct as cdktf annotations (errors at or above failOn)
    expect(annotations(raw, "@cdktf/error").join("\n")).toMatch(/ART22-ENCRYPTED-AT-REST 第22条第2項・第3項 \[高\]/);
  });

  it("reports in English with lang: en; below failOn a finding is a warning and synth passes", () => {
    const en = failure(lgwanApp({ lang: "en" }, () => {}).app);
    expect(en.message).toMatch(/^sanso: synth stopped: the app violates the security policy — 3 finding\(s\)/);
    expect(en.message).toMatch(/ART22-ENCRYPTED-AT-REST .* city\/Lgwan\/Raw[\s\S]*Fix: /);
    let raw!: S3Bucket;
    const { app, checks } = lgwanApp({ failOn: "critical" }, (b) => {
      raw = b;
      SansoChecks.except(b, exception("ART23-NOT-PUBLIC")); // the only critical one
    });
    app.synth();
    expect(checks.result!.failing).toBe(false);
    expect(annotations(raw, "@cdktf/warn").join("\n")).toMatch(/ART22-ENCRYPTED-AT-REST/);
  });

  it("an exception declared on the construct excepts its findings, reported as applied", () => {
    let raw!: S3Bucket;
    const { app, checks } = lgwanApp({}, (b) => {
      raw = b;
      for (const rule of ["ART22-ENCRYPTED-AT-REST", "ART23-NOT-PUBLIC", "ART24-TLS-ONLY"]) SansoChecks.except(b, exception(rule));
    });
    app.synth();
    const r = checks.result!;
    expect(r.failing).toBe(false);
    expect(r.findings).toEqual([]);
    expect(r.excepted.map((f) => `${f.rule} ${f.exception.id} ${f.exception.resource}`).sort()).toEqual([
      "ART22-ENCRYPTED-AT-REST EX-ART22-ENCRYPTED-AT-REST city/Lgwan/Raw",
      "ART23-NOT-PUBLIC EX-ART23-NOT-PUBLIC city/Lgwan/Raw",
      "ART24-TLS-ONLY EX-ART24-TLS-ONLY city/Lgwan/Raw",
    ]);
    expect(annotations(raw, "@cdktf/info").join("\n")).toMatch(/ART22-ENCRYPTED-AT-REST 第22条第2項・第3項: 例外 EX-ART22-ENCRYPTED-AT-REST を適用/);
  });

  it("an expired exception in code fails synth: its finding is back and the exception is a problem at its construct", () => {
    const { app } = lgwanApp({}, (b) => {
      SansoChecks.except(b, exception("ART22-ENCRYPTED-AT-REST", "2026-05-31"));
      SansoChecks.except(b, exception("ART23-NOT-PUBLIC"));
      SansoChecks.except(b, exception("ART24-TLS-ONLY"));
    });
    const fail = failure(app);
    expect(fail.result.findings.map((f) => f.rule)).toEqual(["ART22-ENCRYPTED-AT-REST"]);
    expect(fail.result.problems).toEqual([expect.objectContaining({ exception: "EX-ART22-ENCRYPTED-AT-REST", file: "city/Lgwan/Raw" })]);
    expect(fail.message).toMatch(/✖ 例外設定の問題 EX-ART22-ENCRYPTED-AT-REST {2}city\/Lgwan\/Raw\n {6}例外 EX-ART22-ENCRYPTED-AT-REST \(ART22-ENCRYPTED-AT-REST\) は 2026-05-31 に期限切れです/);
  });

  it("the same exception in the exceptions file and in code is one exception", () => {
    const file = join(outdir(), "exceptions.yaml");
    const e = exception("ART22-ENCRYPTED-AT-REST");
    writeFileSync(file, `exceptions:\n  - id: ${e.id}\n    rule: ${e.rule}\n    resource: aws_s3_bucket.nothing_else\n    reason: ${e.reason}\n    approver: ${e.approver}\n    approved: ${e.approved}\n    expires: ${e.expires}\n`);
    const { app } = lgwanApp({ exceptions: file }, (b) => SansoChecks.except(b, e));
    const fail = failure(app); // ART23 and ART24 remain
    expect(fail.result.excepted.map((f) => f.exception.id)).toEqual([e.id]);
    expect(fail.result.problems).toEqual([]);
    expect(fail.result.findings.map((f) => f.rule).sort()).toEqual(["ART23-NOT-PUBLIC", "ART24-TLS-ONLY"]);
  });

  it("bad settings fail synth with a message naming the construct and the problem, never a stack trace", () => {
    const { app } = lgwanApp({}, (b) => {
      SansoChecks.except(b, { ...exception("ART22-ENCRYPTED-AT-REST"), rule: "ART00-NO-SUCH-RULE" });
      SansoChecks.except(b, { ...exception("ART23-NOT-PUBLIC"), expires: "2027-02-30" });
    });
    const fail = failure(app);
    expect(fail.message).toMatch(/✖ 例外設定の問題 EX-ART22-ENCRYPTED-AT-REST {2}city\/Lgwan\/Raw\n {6}例外 EX-ART22-ENCRYPTED-AT-REST のルール ART00-NO-SUCH-RULE はポリシーにありません。/);
    expect(fail.message).toMatch(/✖ 例外設定の問題 EX-ART23-NOT-PUBLIC {2}city\/Lgwan\/Raw\n {6}例外 EX-ART23-NOT-PUBLIC ?は不正なため適用しません: 有効期限 "2027-02-30" が YYYY-MM-DD 形式の日付ではありません/);
    expect(fail.message).not.toMatch(/\n\s+at /);
    expect(() => SansoChecks.of(new App({ outdir: outdir() }), { zone: "dmz" })).toThrow(/^SansoChecks\.of\(app\): zone must be mynumber, lgwan or internet, not "dmz"$/);
    expect(() => SansoChecks.of(new App({ outdir: outdir() }), { failOn: "severe" as never })).toThrow(/failOn must be critical, high, medium or low, not "severe"/);
    const missing = lgwanApp({ exceptions: "/nonexistent/exceptions.yaml" }).app;
    expect(() => missing.synth()).toThrow(/^SansoChecks\.of\(app\): \/nonexistent\/exceptions\.yaml: cannot read the exceptions file: no such file or directory$/);
  });

  it("is off when sanso check synthesizes the app (SANSO_SYNTH_CHECKS=off): it checks the output itself", () => {
    process.env.SANSO_SYNTH_CHECKS = "off";
    try {
      const { app, checks } = lgwanApp({}, () => {});
      app.synth();
      expect(checks.result).toBeUndefined();
    } finally {
      delete process.env.SANSO_SYNTH_CHECKS;
    }
  });
});
