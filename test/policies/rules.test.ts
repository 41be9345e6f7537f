/**
 * Every rule on both input formats: for each scenario of test/fixtures/policies/scenarios.ts, the
 * compliant stack has no finding, the broken one fires exactly the expected rules, read from the
 * cdk.tf.json and from the plan JSON through loadInputs. Across scenarios, each rule of the catalog
 * fires at least once and passes at least once (checked, no finding) in each format.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { loadInputs } from "../../src/input/index.js";
import type { NormalizedInput } from "../../src/input/types.js";
import { SCENARIOS } from "../fixtures/policies/scenarios.js";
import { fixtureFiles } from "../fixtures/policies/generate.js";
import { compilePolicies, describe_, firedRules, FIXTURES, RULE_IDS, type Compiled, type Result } from "./policy.js";

const FORMATS = ["cdktf", "plan"] as const;
type Format = (typeof FORMATS)[number];
const file = (name: string, kind: "good" | "bad", format: Format) =>
  format === "cdktf" ? join(FIXTURES, "cdktf", `${name}.${kind}.cdk.tf.json`) : join(FIXTURES, "plan", `${name}.${kind}.json`);

let compiled: Compiled;
const results = new Map<string, Result>();
const docs = new Map<string, NormalizedInput>();
const resultOf = (name: string, kind: "good" | "bad", format: Format) => results.get(`${name}.${kind}.${format}`)!;

beforeAll(async () => {
  compiled = await compilePolicies();
  for (const s of SCENARIOS) {
    for (const kind of ["good", "bad"] as const) {
      for (const format of FORMATS) {
        const [doc] = await loadInputs([file(s.name, kind, format)]);
        expect(doc!.format).toBe(format);
        docs.set(`${s.name}.${kind}.${format}`, doc!);
        results.set(`${s.name}.${kind}.${format}`, compiled.evaluate(doc!));
      }
    }
  }
});

describe.each(SCENARIOS)("$name", (s) => {
  describe.each(FORMATS)("%s", (format) => {
    it("the compliant stack has no finding, and its rules checked something", () => {
      const r = resultOf(s.name, "good", format);
      expect(describe_(r.findings)).toEqual([]);
      const empty = s.expect.covers.filter((id) => !(r.checked[id]?.length));
      expect(empty, "rules with nothing in scope").toEqual([]);
      const unverified = format === "plan" ? (s.expect.goodUnverifiedPlan ?? {}) : {};
      expect(r.unverified).toEqual(unverified);
    });

    it("the broken stack fires exactly the expected rules", () => {
      const r = resultOf(s.name, "bad", format);
      const expected = format === "plan" && s.expect.badPlan ? s.expect.badPlan : s.expect.bad;
      expect(firedRules(r), describe_(r.findings).join("\n")).toEqual([...expected].sort());
      const unverified = format === "plan" ? (s.expect.badUnverifiedPlan ?? {}) : {};
      expect(r.unverified).toEqual(unverified);
    });
  });
});

describe("every rule", () => {
  describe.each(FORMATS)("%s", (format) => {
    it.each([...RULE_IDS])("%s fires on a broken stack and passes on a compliant one", (id) => {
      const fires = SCENARIOS.filter((s) => resultOf(s.name, "bad", format).findings.some((f) => f.rule === id)).map((s) => s.name);
      const passes = SCENARIOS.filter((s) => {
        const r = resultOf(s.name, "good", format);
        return (r.checked[id]?.length ?? 0) > 0 && !r.findings.some((f) => f.rule === id);
      }).map((s) => s.name);
      expect(fires.length, `${id} fires nowhere`).toBeGreaterThan(0);
      expect(passes.length, `${id} never passes with something in scope`).toBeGreaterThan(0);
    });
  });

  it("reports the same findings for a cdk.tf.json and its plan, except where the plan leaves values unknown", () => {
    for (const s of SCENARIOS) {
      if (s.expect.badPlan) continue;
      const a = describe_(resultOf(s.name, "bad", "cdktf").findings).map((l) => l.split(":")[0]);
      const b = describe_(resultOf(s.name, "bad", "plan").findings).map((l) => l.split(":")[0]);
      expect(b, s.name).toEqual(a);
    }
  });

  it("names, for every finding, the construct path of the cdktf resource", () => {
    for (const s of SCENARIOS) {
      for (const f of resultOf(s.name, "bad", "cdktf").findings) {
        if (f.resource.startsWith("provider.")) expect(f.construct).toBeNull();
        else expect(f.construct, `${f.rule} ${f.resource}`).toBe(`${s.name}/${f.resource.split(".")[1]}`);
      }
    }
  });

  it("keeps every finding to the contract shape", () => {
    const ids = new Set<string>(RULE_IDS);
    for (const r of results.values()) {
      for (const f of r.findings) {
        expect(Object.keys(f).sort()).toEqual(["article", "cause", "construct", "message_en", "message_ja", "remediation", "remediation_en", "resource", "rule", "severity"]);
        // the root cause a finding shares with others (provider, security group, missing baseline), or none
        expect(f.cause === null || (typeof f.cause === "string" && f.cause !== "")).toBe(true);
        expect(ids.has(f.rule)).toBe(true);
        expect(["critical", "high", "medium", "low"]).toContain(f.severity);
        expect(f.message_ja).toMatch(/[ぁ-んァ-ヶ一-龠]/);
        expect(f.message_en).not.toMatch(/[ぁ-んァ-ヶ]/);
      }
      expect(Object.keys(r.checked).sort()).toEqual([...RULE_IDS].sort());
      for (const list of Object.values(r.checked)) expect(list).toEqual([...list].sort());
    }
  });
});

describe("the configuration", () => {
  it("changes what the rules accept (retention, regions, platform)", async () => {
    const [doc] = await loadInputs([file("account-baseline", "good", "cdktf")]);
    expect(compiled.evaluate(doc!).findings).toEqual([]);
    const stricter = compiled.evaluate(doc!, { sanso: { config: { log_retention_days: 1000, allowed_regions: ["ap-northeast-3"] } } });
    expect(firedRules(stricter)).toEqual(["ART47-LOGS-KEPT", "ART99-REGION"]);
  });

  it("takes the platform from the stack's declaration before the configuration", async () => {
    const [doc] = await loadInputs([file("government-cloud", "good", "cdktf")]);
    expect(compiled.evaluate(doc!, { sanso: { config: { platform: "standalone" } } }).findings).toEqual([]);
  });
});

describe("the fixtures", () => {
  it("are what generate.ts writes (run `npx tsx test/fixtures/policies/generate.ts` after editing scenarios.ts)", () => {
    for (const [rel, text] of fixtureFiles()) {
      expect(readFileSync(join(FIXTURES, rel), "utf8"), rel).toBe(text);
    }
  });

  it("are realistic plans: values referring to resources created by the plan are unknown", () => {
    const doc = docs.get("mynumber-storage.good.plan")!;
    const sse = doc.resources["aws_s3_bucket_server_side_encryption_configuration.documents"]!;
    expect(sse.unknown).toMatchObject({ rule: [{ apply_server_side_encryption_by_default: [{ kms_master_key_id: true }] }] });
    expect(sse.refs["rule.0.apply_server_side_encryption_by_default.0.kms_master_key_id"]).toEqual(["aws_kms_key.zone"]);
  });
});
