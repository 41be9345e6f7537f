/**
 * The HTML report a reviewer reads at a glance: in the per-article table a rule that checked
 * nothing says 対象なし / not applicable (never a 0 that reads as a pass), with its title and
 * severity and a link to its row; the coverage column is the coverage status, not this run's
 * result; rule ids never break inside.
 */
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { loadPolicySet, type PolicySet } from "../../src/check/policy.js";
import { runCheck } from "../../src/check/run.js";
import { render } from "../../src/report/index.js";
import type { Report } from "../../src/report/types.js";

const ROOT = join(import.meta.dirname, "../..");
const PLAN = join(ROOT, "test/fixtures/policies/plan/identity.bad.json");
let report: Report;

beforeAll(async () => {
  const policySet: PolicySet = await loadPolicySet();
  report = (await runCheck({ inputs: [PLAN], policySet, config: { file: null, policy: {}, unknownKeys: [] }, asOf: "2026-06-01" })).report;
});

/** The per-article table's row of a rule. */
function articleRow(html: string, id: string): string {
  const table = html.slice(html.indexOf("<h2>条項別の指摘</h2>") >= 0 ? html.indexOf("<h2>条項別の指摘</h2>") : html.indexOf("<h2>Findings per article</h2>"));
  const body = table.slice(0, table.indexOf("</table>"));
  const row = body.split("<tr>").find((r) => r.includes(`<code class="id">${id}</code>`));
  if (!row) throw new Error(`no row for ${id}`);
  return row;
}

describe("HTML report: per article", () => {
  it("a rule that checked nothing is 対象なし, with its title, severity and a link to its rule row", () => {
    const na = report.rules.find((r) => r.checked === 0 && r.status === "not_applicable")!;
    expect(na).toBeDefined();
    const html = render("html", report, { lang: "ja" });
    const row = articleRow(html, na.id);
    expect(row).toMatch(/<span class="st not_applicable">対象なし<\/span>/);
    expect(row).toContain(na.title_ja);
    expect(row).toMatch(/<span class="badge (critical|high|medium|low)">/);
    expect(row).toContain(`href="#rule-`);
    expect(html).toMatch(new RegExp(`<tr id="rule-[0-9a-f]+"><td><code class="id">${na.id}</code>`));
    const en = render("html", report, { lang: "en" });
    expect(en).toMatch(/<span class="st not_applicable">not applicable<\/span>/);
  });

  it("a rule with findings links its count to the findings; one that passed shows 0", () => {
    const html = render("html", report, { lang: "ja" });
    expect(articleRow(html, "ART64-LEAST-PRIVILEGE")).toMatch(/<a href="#findings"><span class="st fail">\d+<\/span><\/a>/);
    const passed = report.rules.find((r) => r.status === "pass" && r.checked > 0);
    if (passed) expect(articleRow(html, passed.id)).toMatch(/<span class="st pass">0<\/span>/);
  });

  it("names the coverage column for what it is, and keeps rule ids whole", () => {
    const withCoverage = render("html", { ...report, coverage: [{ article: "第64条", title: "アクセス制御等", status: "partial", rules: ["ART64-LEAST-PRIVILEGE"], note: "" }] }, { lang: "ja" });
    const head = withCoverage.slice(withCoverage.indexOf('<h2 id="coverage">'));
    expect(head).toMatch(/<th>対応状況<\/th>/);
    expect(head.slice(0, head.indexOf("</thead>"))).not.toContain("<th>結果</th>");
    expect(withCoverage).toMatch(/code\.id \{ white-space: nowrap; word-break: keep-all;/);
    expect(withCoverage).not.toMatch(/<code>ART\d/);
  });
});
