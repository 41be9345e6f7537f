// Issue 9 item 1: what a rule could not decide before apply is "unverified" in every format, never
// "pass". One real plan (the unknown-values scenario: a bucket policy naming the new bucket's ARN,
// unknown until apply) through the real policies/, then through all six renderers.
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { DEFAULT_POLICIES_DIR, loadPolicySet, runCheck, type CheckResult } from "../../src/check/index.js";
import { render, REPORT_FORMATS } from "../../src/report/index.js";
import { sarifValidator } from "../report/sarif-schema.js";
import { parseXml, type XmlElement } from "../report/xml.js";
import { ROOT } from "./helpers.js";

const PLAN = join(ROOT, "test/fixtures/policies/plan/unknown-values.good.json");
const STACK = "unknown-values.good";
const RULE = "ART24-TLS-ONLY";
const ADDR = "aws_s3_bucket.files";

let r: CheckResult;

beforeAll(async () => {
  const set = await loadPolicySet({ policies: DEFAULT_POLICIES_DIR });
  r = await runCheck({ inputs: [PLAN], policySet: set, config: { file: null, policy: {}, unknownKeys: [] }, asOf: "2026-06-01" });
});

const all = (e: XmlElement, name: string): XmlElement[] => [...(e.name === name ? [e] : []), ...e.children.flatMap((c) => all(c, name))];

describe("an input whose only open question is a value known after apply", () => {
  it("the report model: no findings, exit 0, the rule unverified with the resource listed, the run's status unverified", () => {
    expect(r.report.findings).toEqual([]);
    expect(r.exitCode).toBe(0);
    const rule = r.report.rules.find((x) => x.id === RULE)!;
    expect(rule.status).toBe("unverified");
    expect(rule.stacks[STACK]).toEqual({ checked: 1, findings: 0, resources: 0, excepted: 0, unverified: 1, status: "unverified" });
    expect(r.report.unverified).toEqual([expect.objectContaining({ rule: RULE, stack: STACK, resource: ADDR, file: PLAN })]);
    expect(r.report.summary).toMatchObject({ status: "unverified", total: 0, unverified: 1 });
  });

  it("json: the same status and counts as the model (not rebuilt into a pass)", () => {
    const j = JSON.parse(render("json", r.report));
    const rule = j.rules.find((x: { id: string }) => x.id === RULE);
    expect(rule.status).toBe("unverified");
    expect(rule.stacks[STACK]).toEqual({ checked: 1, findings: 0, resources: 0, excepted: 0, unverified: 1, status: "unverified" });
    expect(j.summary.status).toBe("unverified");
    expect(j.summary.unverified).toBe(1);
    expect(j.unverified).toEqual([expect.objectContaining({ rule: RULE, stack: STACK, resource: ADDR })]);
    // every rule, every stack: the JSON says what the model says
    for (const m of r.report.rules) {
      const x = j.rules.find((y: { id: string }) => y.id === m.id);
      expect(x.status, m.id).toBe(m.status);
      expect(x.stacks, m.id).toEqual(m.stacks);
    }
  });

  it("text: the rule table says 要確認 with its count, the resource is listed, the verdict is not 合格", () => {
    for (const lang of ["ja", "en"] as const) {
      const t = render("text", r.report, { lang });
      const row = t.split("\n").find((l) => l.includes(RULE) && l.includes("│"))!;
      expect(row, lang).toMatch(lang === "ja" ? /要確認/ : /unverified/);
      expect(row.split("│").map((c) => c.trim())).toContain("1");
      expect(t).toContain(ADDR);
      if (lang === "ja") {
        expect(t).toMatch(/集計: 要確認 — 違反 0 件・リソース 0 件 .*要確認 1 件/);
        expect(t).not.toMatch(/集計: 合格/);
      } else {
        expect(t).toMatch(/Result: UNVERIFIED — 0 findings on 0 resources .*1 unverified/);
      }
    }
  });

  it("sarif: valid; the run carries the status and counts, and a notification names the undecided resource", () => {
    const s = JSON.parse(render("sarif", r.report, { lang: "en" }));
    const validate = sarifValidator();
    expect(validate(s), JSON.stringify(validate.errors)).toBe(true);
    const run = s.runs[0];
    expect(run.results).toEqual([]);
    expect(run.properties.status).toBe("unverified");
    expect(run.properties.summary).toMatchObject({ total: 0, unverified: 1 });
    expect(run.properties.rules[RULE]).toMatchObject({ status: "unverified", unverified: 1, checked: 1 });
    const notes = run.invocations[0].toolExecutionNotifications;
    expect(notes).toHaveLength(1);
    expect(notes[0].associatedRule.id).toBe(RULE);
    expect(notes[0].locations[0].logicalLocations[0].name).toBe(ADDR);
    expect(run.invocations[0].executionSuccessful).toBe(true);
  });

  it("junit: the rule's test case is skipped (never passed) with status unverified and its count", () => {
    const x = parseXml(render("junit", r.report, { lang: "en" }));
    const tc = all(x, "testcase").find((t) => t.attrs.name!.startsWith(`${RULE} `))!;
    expect(all(tc, "skipped")).toHaveLength(1);
    expect(all(tc, "failure")).toHaveLength(0);
    const props = Object.fromEntries(all(tc, "property").map((p) => [p.attrs.name, p.attrs.value]));
    expect(props).toMatchObject({ status: "unverified", checked: "1", unverified: "1" });
    expect(all(tc, "system-out")[0]!.text).toContain(ADDR);
    const suite = all(x, "testsuite").find((t) => t.attrs.name === STACK)!;
    const sp = Object.fromEntries(all(suite, "property").filter((p) => suite.children.some((c) => c.name === "properties" && c.children.includes(p))).map((p) => [p.attrs.name, p.attrs.value]));
    expect(sp).toMatchObject({ status: "unverified", unverified: "1" });
  });

  it("markdown: the headline is not a pass; the rule row says 要確認 with its count; the resource is listed", () => {
    const m = render("markdown", r.report, { lang: "ja" });
    expect(m.split("\n")[0]).toMatch(/要確認/);
    expect(m.split("\n")[0]).not.toMatch(/✅|合格/);
    const rows = m.split("\n").filter((l) => l.startsWith(`| ${RULE}`));
    // the rules table (with the article) and the list of undecided resources
    expect(rows.find((l) => l.includes("第24条"))).toMatch(/\| 1 \| 要確認 \|$/);
    expect(rows.find((l) => !l.includes("第24条"))).toContain(`\`${ADDR}\``);
  });

  it("html: the verdict and the rule's cell say 要確認 with the count; the resource is listed", () => {
    const h = render("html", r.report, { lang: "ja" });
    expect(h).toMatch(/<div class="verdict unverified">要確認<\/div>/);
    expect(h).not.toMatch(/class="verdict pass"/);
    const row = h.split("\n").find((l) => l.startsWith('<tr id="rule-') && l.includes(`>${RULE}<`))!; // the rules table
    expect(row).toMatch(/<span class="st unverified">要確認<\/span><br><span class="meta">1件中 違反0・例外0・要確認1<\/span>/);
    expect(h).toContain(`<code>${ADDR}</code>`);
  });

  it("every format renders (none left out of this test)", () => {
    expect([...REPORT_FORMATS].sort()).toEqual(["html", "json", "junit", "markdown", "sarif", "text"]);
  });
});
