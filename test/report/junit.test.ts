import { describe, expect, it } from "vitest";
import { buildReport, render } from "../../src/report/index.js";
import { cdataSafe } from "../../src/report/junit.js";
import { fixtureInput, fixtureReport, shuffledInput } from "./fixture.js";
import { findAll, parseXml } from "./xml.js";

describe("junit report", () => {
  it("is well-formed XML with one test case per rule x stack", () => {
    const xml = render("junit", fixtureReport());
    const root = parseXml(xml);
    expect(root.name).toBe("testsuites");
    const suites = findAll(root, "testsuite");
    expect(suites.map((s) => s.attrs.name)).toEqual(["gov-mynumber", "lgwan-web", "tfplan", "例外措置"]);
    for (const s of suites.slice(0, 3)) expect(findAll(s, "testcase")).toHaveLength(6);
    expect(root.attrs).toMatchObject({ tests: "20", failures: "7", skipped: "7" });
  });

  it("fails a rule with findings, carrying them; skips rules with nothing in scope; passes excepted ones", () => {
    const root = parseXml(render("junit", fixtureReport()));
    const cases = findAll(root, "testcase");
    const tc = (suite: string, rule: string) => cases.find((c) => c.attrs.classname === `sanso.${suite}` && c.attrs.name!.startsWith(`${rule} `))!;
    const cmk = tc("gov-mynumber", "ART29-CMK");
    const failure = findAll(cmk, "failure")[0]!;
    expect(failure.attrs).toEqual({ message: "第29条第6項: 違反 2 件・リソース 2 件 (6 件中)", type: "critical" });
    expect(failure.text).toContain("[重大] aws_kms_key.zone_key_8E2A4D61");
    expect(failure.text).toContain("コンストラクト: gov-mynumber/zone/records/sse");
    expect(findAll(tc("tfplan", "ART90-MONITORED"), "skipped")).toHaveLength(1);
    const logs = tc("gov-mynumber", "ART47-LOGS-KEPT");
    expect(findAll(logs, "failure")).toHaveLength(0);
    expect(findAll(logs, "system-out")[0]!.text).toContain("例外 EX-2025-003 (承認者 CISO 山田太郎, 有効期限 2026-03-31)");
    const problems = cases.filter((c) => c.attrs.classname === "sanso.exceptions");
    expect(problems.map((c) => findAll(c, "failure")[0]!.attrs.message)).toEqual([
      "12 行目の例外に approver がありません。",
      "例外 EX-2024-011 は 2024-12-31 に期限切れです。対象の指摘は違反として扱います。",
    ]);
  });

  it("escapes markup, quotes and CDATA terminators, and drops characters XML cannot carry", () => {
    const input = fixtureInput();
    input.findings[3] = {
      ...input.findings[3]!,
      resource: 'aws_security_group.a["<x>&\'q\'"]',
      message_ja: "一つ目 ]]> 二つ目 ]]> 三つ目 ]]]]> <b>&amp; \u0001制御文字",
    };
    const xml = render("junit", buildReport(input));
    const root = parseXml(xml);
    const failure = findAll(root, "failure").find((f) => f.text.includes("一つ目"))!;
    expect(failure.text).toContain("一つ目 ]]> 二つ目 ]]> 三つ目 ]]]]> <b>&amp; \uFFFD制御文字");
    expect(failure.text).toContain('aws_security_group.a["<x>&\'q\'"]');
  });

  it("cdataSafe splits every terminator exactly once after the library's own split", () => {
    expect(cdataSafe("a]]>b]]>c")).toBe("a]]>b]]]]><![CDATA[>c");
    expect(cdataSafe("plain")).toBe("plain");
  });

  it("is deterministic and has no timestamps", () => {
    const xml = render("junit", fixtureReport());
    expect(render("junit", buildReport(shuffledInput()))).toBe(xml);
    expect(xml).not.toMatch(/timestamp=|time=/);
  });

  it("speaks English on request", () => {
    const root = parseXml(render("junit", fixtureReport(), { lang: "en" }));
    const f = findAll(root, "failure")[0]!;
    expect(f.attrs.message).toBe("第17条: 1 violation on 1 resource of 6 checked");
  });
});
