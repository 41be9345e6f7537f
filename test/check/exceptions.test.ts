import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import {
  applyExceptions,
  CheckError,
  globToRegExp,
  loadExceptions,
  parseDate,
  parseExceptions,
  todayInJapan,
} from "../../src/check/index.js";
import type { NormalizedInput } from "../../src/input/index.js";
import type { Finding } from "../../src/report/types.js";
import { tempDir } from "../tmp.js";

const EXAMPLE = join(import.meta.dirname, "../../examples/exceptions.yaml");

function finding(rule: string, resource: string, stack = "app"): Finding {
  return { rule, article: "第49条", severity: "high", resource, message_ja: "違反", message_en: "violation", stack, file: "cdk.tf.json" };
}

const entry = (o: Record<string, unknown>) => ({
  id: "EX-1",
  rule: "ART49-FIREWALL",
  resource: "aws_security_group.legacy_*",
  reason: "移行期間",
  approver: "CISO",
  approved: "2025-04-01",
  expires: "2026-03-31",
  ...o,
});

function tmp(text: string): string {
  const f = join(tempDir("sanso-exc-"), "exceptions.yaml");
  writeFileSync(f, text);
  return f;
}

describe("exception file", () => {
  it("reads the example (第93条): two well-formed entries", () => {
    const ex = loadExceptions(EXAMPLE);
    expect(ex.problems).toEqual([]);
    expect(ex.entries.map((e) => [e.id, e.rule, e.resource, e.stack, e.approved, e.expires])).toEqual([
      ["EX-2025-014", "ART99-REGION", "aws_s3_bucket.other_region", "demo-noncompliant", "2025-10-01", "2027-03-31"],
      ["EX-2024-007", "ART49-FIREWALL", "aws_security_group.internet_*", "demo-noncompliant", "2024-04-01", "2025-03-31"],
    ]);
  });

  it("accepts a bare list and an empty file", () => {
    expect(loadExceptions(tmp("- id: A\n  rule: R\n  resource: x\n  reason: r\n  approver: p\n  approved: 2025-01-01\n  expires: 2025-12-31\n")).entries).toHaveLength(1);
    expect(loadExceptions(tmp("# no exceptions yet\n")).entries).toEqual([]);
    expect(loadExceptions(tmp("exceptions: []\n")).entries).toEqual([]);
  });

  it("rejects a file that is not a list of exceptions (the check cannot run: exit 2)", () => {
    const cases: Array<[string, RegExp]> = [
      ["exceptions: [\n", /malformed exceptions file: YAML syntax error at line \d+:\d+/],
      ["id: A\nrule: R\n", /expected a list of exceptions \(or a mapping with the key "exceptions"\), found a mapping with id, rule/],
      ["exceptions: true\n", /"exceptions" must be a list, found boolean true/],
      ["just text\n", /"exceptions" must be a list, found the string "just text"/],
    ];
    for (const [text, re] of cases) {
      const f = tmp(text);
      expect(() => loadExceptions(f)).toThrow(CheckError);
      expect(() => loadExceptions(f)).toThrow(re);
    }
    expect(() => loadExceptions("/nonexistent/exceptions.yaml")).toThrow("/nonexistent/exceptions.yaml: cannot read the exceptions file: no such file or directory");
  });

  it("reports each malformed entry as a problem, in Japanese and English, and keeps the others", () => {
    const ex = parseExceptions(
      [
        entry({}),
        "EX-2",
        entry({ id: "EX-3", approver: "", expires: undefined }),
        entry({ id: "EX-4", approved: "2025/04/01", expires: "2025-02-30" }),
        entry({ id: "EX-5", approved: "2026-01-01", expires: "2025-01-01" }),
        entry({ id: "EX-1" }),
        entry({ id: "EX-6", resource: "*" }),
        entry({ id: undefined }),
      ],
      "ex.yaml",
    );
    expect(ex.entries.map((e) => e.id)).toEqual(["EX-1"]);
    expect(ex.problems.map((p) => [p.exception, p.problem_en])).toEqual([
      [undefined, "entry 2 is not a mapping (the string \"EX-2\")"],
      ["EX-3", "exception EX-3 is malformed and not applied: missing approver, expires"],
      ["EX-4", 'exception EX-4 is malformed and not applied: approved "2025/04/01" is not a date (YYYY-MM-DD); expires "2025-02-30" is not a date (YYYY-MM-DD)'],
      ["EX-5", "exception EX-5 is malformed and not applied: approved 2026-01-01 is after expires 2025-01-01"],
      ["EX-1", "exception EX-1 is malformed and not applied: duplicate id EX-1"],
      ["EX-6", 'exception EX-6 is malformed and not applied: resource "*" matches every resource (an exception must name what it covers)'],
      [undefined, "entry 8 is malformed and not applied: missing id"],
    ]);
    expect(ex.problems[1]!.problem_ja).toBe("例外 EX-3は不正なため適用しません: 必須項目 approver, expires がありません。");
    expect(ex.problems.every((p) => p.file === "ex.yaml")).toBe(true);
  });

  it("globs match whole addresses: * any run (dots, brackets, quotes), ? one character", () => {
    const g = globToRegExp("aws_s3_bucket.legacy_*");
    expect(g.test("aws_s3_bucket.legacy_logs")).toBe(true);
    expect(g.test("aws_s3_bucket.legacy_")).toBe(true);
    expect(g.test("aws_s3_bucket.legacy")).toBe(false);
    expect(g.test("xaws_s3_bucket.legacy_a")).toBe(false);
    expect(globToRegExp("module.m[*].aws_s3_bucket.b").test('module.m["a.b"].aws_s3_bucket.b')).toBe(true);
    expect(globToRegExp("aws_instance.web[?]").test("aws_instance.web[3]")).toBe(true);
    expect(globToRegExp("aws_instance.web[?]").test("aws_instance.web[12]")).toBe(false);
    expect(globToRegExp("a.b+c(d)").test("a.b+c(d)")).toBe(true);
    expect(globToRegExp("a.b").test("aXb")).toBe(false);
  });

  it("dates are calendar dates; today is judged in Japan time", () => {
    expect(parseDate("2024-02-29")).toBe("2024-02-29");
    expect(parseDate("2023-02-29")).toBeUndefined();
    expect(parseDate(new Date("2025-04-01T00:00:00Z"))).toBe("2025-04-01");
    expect(parseDate(20250401)).toBeUndefined();
    expect(todayInJapan(new Date("2025-03-31T15:30:00Z"))).toBe("2025-04-01");
    expect(todayInJapan(new Date("2025-03-31T14:59:00Z"))).toBe("2025-03-31");
  });
});

describe("applying exceptions", () => {
  const file = "ex.yaml";

  it("an approved, unexpired exception moves matching findings to excepted; expiry day included", () => {
    const ex = parseExceptions([entry({})], file);
    const fs = [finding("ART49-FIREWALL", "aws_security_group.legacy_ssh"), finding("ART49-FIREWALL", "aws_security_group.web"), finding("ART29-CMK", "aws_security_group.legacy_ssh")];
    const r = applyExceptions(fs, ex, { asOf: "2026-03-31" });
    expect(r.findings.map((f) => `${f.rule} ${f.resource}`)).toEqual(["ART49-FIREWALL aws_security_group.web", "ART29-CMK aws_security_group.legacy_ssh"]);
    expect(r.excepted).toHaveLength(1);
    expect(r.excepted[0]!.exception).toEqual({ id: "EX-1", rule: "ART49-FIREWALL", resource: "aws_security_group.legacy_*", reason: "移行期間", approver: "CISO", approved: "2025-04-01", expires: "2026-03-31" });
    expect(r.problems).toEqual([]);
  });

  it("an expired exception leaves its findings as violations and is reported, naming them", () => {
    const ex = parseExceptions([entry({})], file);
    const r = applyExceptions([finding("ART49-FIREWALL", "aws_security_group.legacy_ssh")], ex, { asOf: "2026-04-01" });
    expect(r.findings).toHaveLength(1);
    expect(r.excepted).toEqual([]);
    expect(r.problems).toEqual([
      {
        exception: "EX-1",
        file,
        problem_ja: "例外 EX-1 (ART49-FIREWALL) は 2026-03-31 に期限切れです。対象の指摘 1 件は違反として報告します (app:aws_security_group.legacy_ssh)。再承認するか対処してください。",
        problem_en: "exception EX-1 (ART49-FIREWALL) expired on 2026-03-31; its 1 finding(s) are reported as violations (app:aws_security_group.legacy_ssh); renew the approval or fix the resources",
      },
    ]);
    // expired and matching nothing: still reported
    expect(applyExceptions([], ex, { asOf: "2027-01-01" }).problems[0]!.problem_en).toMatch(/^exception EX-1 \(ART49-FIREWALL\) expired on 2026-03-31; renew/);
  });

  it("reports exceptions that match no finding, name unknown rules, or are approved in the future", () => {
    const ex = parseExceptions([entry({}), entry({ id: "EX-2", rule: "ART00-NOPE" }), entry({ id: "EX-3", approved: "2026-01-01", expires: "2026-12-31" })], file);
    const r = applyExceptions([finding("ART49-FIREWALL", "aws_security_group.web")], ex, { asOf: "2025-06-01", knownRules: new Set(["ART49-FIREWALL"]) });
    expect(r.findings).toHaveLength(1);
    expect(r.problems.map((p) => p.problem_en)).toEqual([
      "exception EX-2 names rule ART00-NOPE, which is not a rule of the policies",
      "exception EX-3 is approved on 2026-01-01, after 2025-06-01; not applied",
      "exception EX-1 (ART49-FIREWALL, aws_security_group.legacy_*) matches no finding; remove it if it is no longer needed",
    ]);
  });

  it("restricts an exception to its stack", () => {
    const ex = parseExceptions([entry({ stack: "prod-*" })], file);
    const r = applyExceptions([finding("ART49-FIREWALL", "aws_security_group.legacy_a", "prod-web"), finding("ART49-FIREWALL", "aws_security_group.legacy_a", "dev-web")], ex, { asOf: "2025-06-01" });
    expect(r.excepted.map((f) => f.stack)).toEqual(["prod-web"]);
    expect(r.findings.map((f) => f.stack)).toEqual(["dev-web"]);
  });

  it("honours the sanso:exception tag only for ids in the file; an unknown id is a problem", () => {
    const doc = {
      stack: "app",
      resources: {
        "aws_security_group.tagged": { address: "aws_security_group.tagged", tags: { "sanso:exception": "EX-9, EX-404" }, source: { file: "cdk.tf.json", construct: null } },
        "aws_security_group.plain": { address: "aws_security_group.plain", tags: {}, source: { file: "cdk.tf.json", construct: null } },
      },
    } as unknown as NormalizedInput;
    const ex = parseExceptions([entry({ id: "EX-9", resource: undefined })], file);
    const fs = [finding("ART49-FIREWALL", "aws_security_group.tagged"), finding("ART49-FIREWALL", "aws_security_group.plain")];
    const r = applyExceptions(fs, ex, { asOf: "2025-06-01", inputs: [doc] });
    expect(r.excepted.map((f) => [f.resource, f.exception.id, f.exception.resource])).toEqual([["aws_security_group.tagged", "EX-9", "(sanso:exception)"]]);
    expect(r.findings.map((f) => f.resource)).toEqual(["aws_security_group.plain"]);
    expect(r.problems.map((p) => [p.exception, p.file, p.problem_en])).toEqual([
      ["EX-404", "cdk.tf.json", "aws_security_group.tagged (stack app) carries the tag sanso:exception=EX-404, but ex.yaml has no exception EX-404; the tag is ignored"],
    ]);
    // without an exceptions file the tag is never honoured, and says so
    const none = applyExceptions(fs, null, { asOf: "2025-06-01", inputs: [doc] });
    expect(none.findings).toHaveLength(2);
    expect(none.problems.map((p) => p.exception)).toEqual(["EX-9", "EX-404"]);
    expect(none.problems[0]!.problem_en).toMatch(/no exceptions file was given \(--exceptions\)/);
    // a tag naming an entry for another rule does not except
    const other = parseExceptions([entry({ id: "EX-9", rule: "ART29-CMK", resource: undefined })], file);
    const r2 = applyExceptions(fs, other, { asOf: "2025-06-01", inputs: [doc] });
    expect(r2.excepted).toEqual([]);
  });

  it("nothing is dropped: every finding is either kept or excepted", () => {
    const ex = parseExceptions([entry({ resource: "aws_security_group.*" }), entry({ id: "EX-2", resource: "aws_security_group.a*", expires: "2025-05-01" })], file);
    const fs = Array.from({ length: 50 }, (_, i) => finding(i % 2 ? "ART49-FIREWALL" : "ART29-CMK", `aws_security_group.${i % 3 ? "a" : "b"}${i}`));
    const r = applyExceptions(fs, ex, { asOf: "2025-06-01" });
    expect(r.findings.length + r.excepted.length).toBe(fs.length);
    expect(r.excepted.every((f) => f.rule === "ART49-FIREWALL" && f.exception.id === "EX-1")).toBe(true);
    expect(r.problems.map((p) => p.exception)).toEqual(["EX-2"]);
  });
});

describe("exception naming a construct path", () => {
  it("covers the finding of the resource that construct made, as the address would", () => {
    const ex = parseExceptions([entry({ resource: "city/Lgwan/OpenSsh", expires: "2027-03-31" })], "exceptions.yaml");
    const f = { ...finding("ART49-FIREWALL", "aws_security_group.Lgwan_OpenSsh_1A2B3C4D"), construct: "city/Lgwan/OpenSsh" };
    const other = { ...finding("ART49-FIREWALL", "aws_security_group.Lgwan_Other_5E6F7A8B"), construct: "city/Lgwan/Other" };
    const r = applyExceptions([f, other], ex, { asOf: "2026-06-01" });
    expect(r.excepted.map((e) => e.resource)).toEqual(["aws_security_group.Lgwan_OpenSsh_1A2B3C4D"]);
    expect(r.findings.map((e) => e.resource)).toEqual(["aws_security_group.Lgwan_Other_5E6F7A8B"]);
    expect(r.problems).toEqual([]);
  });
});
