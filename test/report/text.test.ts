import { describe, expect, it } from "vitest";
import { buildReport, render, renderText } from "../../src/report/index.js";
import { fixtureInput, fixtureReport } from "./fixture.js";

const ANSI = /\x1b\[[0-9;]*m/;

describe("text report", () => {
  it("is Japanese by default, grouped by stack and article, with construct, address, message and fix", () => {
    const t = render("text", fixtureReport());
    expect(t).not.toMatch(ANSI);
    const gov = t.indexOf("■ スタック gov-mynumber");
    const lgwan = t.indexOf("■ スタック lgwan-web");
    const plan = t.indexOf("■ スタック tfplan");
    expect(gov).toBeGreaterThan(-1);
    expect(gov).toBeLessThan(lgwan);
    expect(lgwan).toBeLessThan(plan);
    const a17 = t.indexOf("  第17条", gov);
    const a29 = t.indexOf("  第29条第6項", gov);
    expect(a17).toBeGreaterThan(gov);
    expect(a29).toBeGreaterThan(a17);
    expect(a29).toBeLessThan(lgwan);
    expect(t).toContain("✖ 重大  ART29-CMK  マイナンバー利用事務系のデータストアは顧客管理鍵で暗号化する");
    expect(t).toContain("リソース: aws_s3_bucket_server_side_encryption_configuration.zone_records_sse_1F6E0A77");
    expect(t).toContain("コンストラクト: gov-mynumber/zone/records/sse");
    expect(t).toContain("ファイル: cdktf.out/stacks/gov-mynumber/cdk.tf.json:210");
    expect(t).toContain("対処: SecureBucket コンストラクトの encryptionKey に ZoneKey を渡し");
    expect(t).toContain("例外 EX-2025-003: 理由 フローログは");
    expect(t).toContain("承認者 CISO 山田太郎");
    expect(t).toContain("12 行目の例外に approver がありません。");
    expect(t.trimEnd().split("\n").at(-1)).toBe("集計: 不合格 — 違反 6 件・リソース 6 件 (重大 2・高 2・中 1・低 1)、例外 2 件、例外設定の問題 2 件 [不合格とする重要度: 高以上]");
  });

  it("lists every rule with what it checked", () => {
    const t = render("text", fixtureReport());
    expect(t).toMatch(/│ ART90-MONITORED\s+│ 第90条第1項 │ 中\s+│ 0\s+│ 0\s+│ 0\s+│ 0\s+│ 0\s+│ 対象なし\s+│/);
    expect(t).toMatch(/│ ART29-CMK\s+│ 第29条第6項 │ 重大\s+│ 10\s+│ 2\s+│ 2\s+│ 0\s+│ 0\s+│ 違反あり\s+│/);
  });

  it("speaks English on request", () => {
    const t = render("text", fixtureReport(), { lang: "en" });
    expect(t).toContain("✖ critical  ART29-CMK  My Number data stores are encrypted with customer-managed KMS keys");
    expect(t).toContain("fix: Pass a ZoneKey as encryptionKey");
    expect(t.trimEnd().split("\n").at(-1)).toBe("Result: FAIL — 6 findings on 6 resources (critical 2, high 2, medium 1, low 1), 2 excepted, 2 exception problems [fail on: high or above]");
  });

  it("shows the user's file:line first when the construct's source is known, then construct, resource and generated file", () => {
    const input = fixtureInput();
    const i = input.findings.findIndex((f) => f.resource.includes("zone_records_sse"));
    input.findings[i] = { ...input.findings[i]!, source: { file: "main.ts", line: 42, column: 5 } };
    const lines = render("text", buildReport(input)).split("\n");
    const at = lines.findIndex((l) => l.includes("作成箇所: main.ts:42"));
    expect(at).toBeGreaterThan(-1);
    expect(lines.slice(at, at + 4).map((l) => l.trim())).toEqual([
      "作成箇所: main.ts:42",
      "コンストラクト: gov-mynumber/zone/records/sse",
      "リソース: aws_s3_bucket_server_side_encryption_configuration.zone_records_sse_1F6E0A77",
      "ファイル: cdktf.out/stacks/gov-mynumber/cdk.tf.json:210",
    ]);
    expect(render("text", buildReport(input), { lang: "en" })).toContain("source: main.ts:42");
  });

  it("colours only when asked", () => {
    expect(renderText(fixtureReport(), { lang: "ja", color: true })).toMatch(ANSI);
  });

  it("says so when there is nothing to report", () => {
    const r = buildReport({ ...fixtureInput(), findings: [], excepted: [], exception_problems: [] });
    const t = render("text", r);
    expect(t).toContain("✔ 違反はありません。");
    expect(t.trimEnd().split("\n").at(-1)).toMatch(/^集計: 合格 — 違反 0 件/);
  });
});
