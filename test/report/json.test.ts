import { describe, expect, it } from "vitest";
import { buildReport, render } from "../../src/report/index.js";
import { fixtureInput, fixtureReport, shuffledInput } from "./fixture.js";

describe("json report", () => {
  it("is deterministic: same content in any order gives the same bytes", () => {
    const a = render("json", fixtureReport());
    const b = render("json", buildReport(shuffledInput()));
    expect(b).toBe(a);
    expect(render("json", fixtureReport(), { lang: "en" })).toBe(a); // both languages are in it
    expect(a.endsWith("}\n")).toBe(true);
  });

  it("has the documented top-level shape and key order", () => {
    const j = JSON.parse(render("json", fixtureReport()));
    expect(Object.keys(j)).toEqual(["schema_version", "sanso_version", "bundle_version", "generated_for", "fail_on", "summary", "stacks", "findings", "excepted", "exception_problems", "unverified", "rules", "coverage"]);
    expect(j.schema_version).toBe(2);
    expect(Object.keys(j.findings[0])).toEqual(["rule", "article", "severity", "stack", "resource", "construct", "file", "line", "message_ja", "message_en", "remediation"]);
    expect(Object.keys(j.excepted[0].exception)).toEqual(["id", "rule", "resource", "reason", "approver", "approved", "expires"]);
    expect(Object.keys(j.summary)).toEqual(["status", "total", "resources", "excepted", "exception_problems", "unverified", "unverified_rules", "by_severity", "by_rule", "failing"]);
    expect(Object.keys(j.rules[0])).toEqual(["id", "title_ja", "title_en", "article", "article_text", "severity", "zones", "classes", "rationale", "checked", "status", "stacks"]);
    expect(j.coverage.map((c: { article: string }) => c.article)).toEqual(["第17条", "第29条", "第37条", "第93条"]);
  });

  it("keeps a timestamp only when one is given", () => {
    expect(render("json", fixtureReport())).not.toContain("generated_at");
    const j = JSON.parse(render("json", buildReport({ ...fixtureInput(), generated_at: "2025-03-01T00:00:00Z" })));
    expect(j.generated_at).toBe("2025-03-01T00:00:00Z");
  });

  it("round-trips: rendering the parsed JSON again gives the same bytes", () => {
    const a = render("json", fixtureReport());
    expect(render("json", JSON.parse(a))).toBe(a);
  });
});
