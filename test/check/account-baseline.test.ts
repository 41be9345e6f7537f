// Issue 9 item 4: account-level rules (ART45 CloudTrail, ART90 GuardDuty / Security Hub / Config)
// are judged across the inputs of one run, or against a baseline the configuration declares;
// without either, the finding stays. Real plans: an application plan (the databases scenario as a
// standalone stack) and the account-baseline scenario's plan.
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { DEFAULT_POLICIES_DIR, loadPolicySet, runCheck, type PolicySet, type SansoConfig } from "../../src/check/index.js";
import { parseConfig } from "../../src/check/config.js";
import { render, REPORT_FORMATS } from "../../src/report/index.js";
import { ROOT } from "./helpers.js";
import { tempDir } from "../tmp.js";

const PLANS = join(ROOT, "test/fixtures/policies/plan");
const dir = tempDir("sanso-baseline-");
const NO_CONFIG: SansoConfig = { file: null, policy: {}, unknownKeys: [] };

type Obj = Record<string, any>;
const read = (name: string): Obj => JSON.parse(readFileSync(join(PLANS, name), "utf8"));
const write = (name: string, plan: Obj): string => {
  const f = join(dir, name);
  writeFileSync(f, JSON.stringify(plan));
  return f;
};
/** The provider configuration of a plan: account ids, region. */
function provider(plan: Obj, o: { account?: string; region?: string }): Obj {
  const ex = plan.configuration.provider_config.aws.expressions;
  if (o.account) ex.allowed_account_ids = { constant_value: [o.account] };
  if (o.region) {
    ex.region = { constant_value: o.region };
    for (const rc of plan.resource_changes) if (rc.change.after && "region" in rc.change.after) rc.change.after.region = o.region;
    for (const r of plan.planned_values.root_module.resources) if ("region" in r.values) r.values.region = o.region;
  }
  return plan;
}
/** The databases scenario run by the municipality itself (standalone): no trail, no GuardDuty, ... */
const appPlan = (o: { account?: string; region?: string } = {}): Obj =>
  provider(JSON.parse(JSON.stringify(read("databases.good.json")).replaceAll('"sanso:platform":"gcas"', '"sanso:platform":"standalone"')), o);
const basePlan = (o: { account?: string; region?: string } = {}): Obj => provider(read("account-baseline.good.json"), o);

const ACCOUNT_RULES = ["ART45-CHANGE-TRAIL", "ART90-MONITORED"];

let set: PolicySet;
beforeAll(async () => {
  set = await loadPolicySet({ policies: DEFAULT_POLICIES_DIR });
});

async function check(inputs: string[], config: SansoConfig = NO_CONFIG, notes: string[] = []) {
  const r = await runCheck({ inputs, policySet: set, config, asOf: "2026-06-01", onNote: (m) => notes.push(m) });
  // one line per missing service: the services ART90 misses share one cause (the missing account
  // baseline), so they are one finding whose message joins one sentence per service
  const accountFindings = r.report.findings
    .filter((f) => ACCOUNT_RULES.includes(f.rule) && f.resource.startsWith("provider."))
    .flatMap((f) => f.message_en.split(/(?<=\.) (?=This standalone stack)/).map((m) => `${f.stack} ${f.rule} ${m}`))
    .sort();
  return { r, accountFindings };
}

describe("the account baseline of a run", () => {
  it("alone, a standalone application plan fails ART45 and ART90 (the finding stays without a baseline)", async () => {
    const { r, accountFindings } = await check([write("app.json", appPlan())]);
    expect(accountFindings).toEqual([
      "app ART45-CHANGE-TRAIL This standalone stack has no CloudTrail trail: changes to the system are not recorded.",
      "app ART90-MONITORED This standalone stack does not enable AWS Config configuration recorder.".replace("AWS Config", "an AWS Config"),
      "app ART90-MONITORED This standalone stack does not enable GuardDuty.",
      "app ART90-MONITORED This standalone stack does not enable Security Hub.",
    ].sort());
    expect(r.report.account_baseline).toBeUndefined();
    expect(r.exitCode).toBe(1);
    // one cause, one finding: the missing baseline's three services are one ART90 finding
    const monitored = r.report.findings.filter((f) => f.rule === "ART90-MONITORED");
    expect(monitored.map((f) => [f.cause, f.resources?.map((x) => x.resource)])).toEqual([["missing:account_baseline", ["provider.aws"]]]);
  });

  it("given with the baseline's plan, the application plan is covered, and every report says by whom", async () => {
    const { r, accountFindings } = await check([write("app.json", appPlan()), write("baseline.json", basePlan())]);
    expect(accountFindings).toEqual([]);
    expect(r.report.findings).toEqual([]);
    expect(r.exitCode).toBe(0);
    expect(r.report.account_baseline!.claims.map((c) => `${c.stack} ${c.component} ${c.kind} ${c.provided_by}`)).toEqual([
      "app config stack baseline",
      "app guardduty stack baseline",
      "app securityhub stack baseline",
      "app trail stack baseline",
    ]);
    // the rules still checked the application stack (a pass, not "not applicable")
    for (const id of ACCOUNT_RULES) expect(r.report.rules.find((x) => x.id === id)!.stacks.app!.status).toBe("pass");
    const text = render("text", r.report, { lang: "ja" });
    expect(text).toMatch(/■ アカウントの基盤 \(第45条・第90条\)[^\n]*\n\s+app: AWS Config は 同じ実行のスタック baseline が提供/);
    for (const format of REPORT_FORMATS) expect(render(format, r.report, { lang: "en" }), format).toMatch(/baseline/);
    expect(JSON.parse(render("json", r.report)).account_baseline.claims).toHaveLength(4);
    expect(JSON.parse(render("sarif", r.report)).runs[0].properties.account_baseline.claims).toHaveLength(4);
    expect(render("junit", r.report)).toContain('<property name="account_baseline.guardduty" value="stack: baseline"/>');
  });

  it("two baselines without declared accounts are two accounts: nothing is assumed", async () => {
    const { accountFindings } = await check([write("app.json", appPlan()), write("baseline.json", basePlan()), write("baseline2.json", basePlan())]);
    expect(accountFindings.filter((f) => f.includes("GuardDuty"))).toHaveLength(1);
  });

  it("declared accounts decide: the same account is covered, another is not", async () => {
    const same = await check([write("app.json", appPlan({ account: "111122223333" })), write("baseline.json", basePlan({ account: "111122223333" }))]);
    expect(same.accountFindings).toEqual([]);
    const other = await check([write("app.json", appPlan({ account: "111122223333" })), write("baseline.json", basePlan({ account: "444455556666" }))]);
    expect(other.accountFindings).toHaveLength(4);
    // with declared accounts, two baselines are no longer ambiguous
    const two = await check([write("app.json", appPlan({ account: "111122223333" })), write("baseline.json", basePlan({ account: "111122223333" })), write("baseline2.json", basePlan({ account: "444455556666" }))]);
    expect(two.accountFindings).toEqual([]);
  });

  it("regional services must cover the application's region; the multi-region trail does", async () => {
    const { accountFindings } = await check([write("app.json", appPlan({ region: "ap-northeast-3" })), write("baseline.json", basePlan({ region: "ap-northeast-1" }))]);
    expect(accountFindings.some((f) => f.includes("CloudTrail"))).toBe(false);
    expect(accountFindings.filter((f) => f.includes("ART90"))).toHaveLength(3);
  });

  it("the configuration may declare the baseline provided elsewhere: a claim printed in every report", async () => {
    const file = join(dir, "sanso.config.yaml");
    const config = parseConfig({ account_baseline: { provided_by: "共通基盤アカウント (infra-baseline、情報政策課)" } }, file);
    const { r, accountFindings } = await check([write("app.json", appPlan())], config);
    expect(accountFindings).toEqual([]);
    expect(r.report.account_baseline!.declared).toEqual({ provided_by: "共通基盤アカウント (infra-baseline、情報政策課)", components: ["trail", "guardduty", "securityhub", "config"], file });
    expect(r.report.account_baseline!.claims.every((c) => c.kind === "declared")).toBe(true);
    for (const format of REPORT_FORMATS) expect(render(format, r.report, { lang: "ja" }), format).toContain("共通基盤アカウント (infra-baseline、情報政策課)");
    expect(render("text", r.report, { lang: "ja" })).toMatch(/app: GuardDuty は 設定の宣言「共通基盤アカウント \(infra-baseline、情報政策課\)」\(未検証の申告\) が提供/);
  });

  it("a declaration may cover some services only; one naming a stack of the run is checked against it", async () => {
    const only = parseConfig({ account_baseline: { provided_by: "org-trail", components: ["trail"] } }, "c.yaml");
    const a = await check([write("app.json", appPlan())], only);
    expect(a.accountFindings.map((f) => f.split(" ")[1])).toEqual(["ART90-MONITORED", "ART90-MONITORED", "ART90-MONITORED"]);
    const notes: string[] = [];
    const named = parseConfig({ account_baseline: "shared" }, "c.yaml");
    const b = await check([write("app.json", appPlan()), write("shared.json", read("databases.good.json"))], named, notes);
    expect(b.accountFindings).toHaveLength(4);
    expect(notes.join("\n")).toMatch(/account_baseline\.provided_by names stack shared, which does not create guardduty/);
  });

  it("the configuration key is validated", () => {
    expect(() => parseConfig({ account_baseline: { provided_by: "" } }, "c.yaml")).toThrow(/account_baseline\.provided_by must name/);
    expect(() => parseConfig({ account_baseline: { provided_by: "x", components: ["waf"] } }, "c.yaml")).toThrow(/account_baseline\.components must be a non-empty list of trail, guardduty, securityhub, config/);
    expect(() => parseConfig({ account_baseline: { by: "x" } }, "c.yaml")).toThrow(/unknown key by/);
    expect(parseConfig({ account_baseline: "x" }, "c.yaml").unknownKeys).toEqual([]);
  });
});

describe("an evaluator made before the inputs are known (synth-time checks)", () => {
  it("takes the run's baseline afterwards: same result as sanso check", async () => {
    const { Evaluator } = await import("../../src/check/evaluate.js");
    const { accountBaseline } = await import("../../src/check/baseline.js");
    const { evaluateInputs } = await import("../../src/check/run.js");
    const { loadInputs } = await import("../../src/input/index.js");
    const evaluator = new Evaluator(set, {});
    const docs = await loadInputs([write("app.json", appPlan()), write("baseline.json", basePlan())]);
    const before = await evaluateInputs(docs, evaluator);
    expect(before.findings.filter((f) => ACCOUNT_RULES.includes(f.rule))).toHaveLength(4);
    evaluator.setRun({ account_baseline: accountBaseline(docs).run });
    const after = await evaluateInputs(docs, evaluator);
    expect(after.findings.filter((f) => ACCOUNT_RULES.includes(f.rule))).toEqual([]);
  });
});
