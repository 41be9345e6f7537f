/**
 * The real plans of ../shared/iac-samples/plan-json (skipped when absent): the rule ids and
 * resources sanso finds must match test/fixtures/policies/shared-plan-expectations.json, whose
 * entries were reviewed by hand (see each `review`). After a deliberate change, run the test with
 * SANSO_UPDATE_EXPECTATIONS=1 to rewrite findings/unverified (reviews are kept), then re-review.
 */
import { existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { loadInputs } from "../../src/input/index.js";
import type { Zone } from "../../src/input/types.js";
import { compilePolicies, FIXTURES, SHARED, type Compiled } from "./policy.js";

const PLANS = SHARED ? join(SHARED, "iac-samples/plan-json") : undefined;
const EXPECTATIONS = join(FIXTURES, "shared-plan-expectations.json");
const present = !!PLANS && existsSync(PLANS);

interface Expectation {
  file: string;
  defaultZone?: Zone;
  review: string;
  rules: string[];
  findings: Record<string, string[]>;
  unverified: Record<string, string[]>;
}

const expectations = JSON.parse(readFileSync(EXPECTATIONS, "utf8")) as { "//": string; plans: Record<string, Expectation> };

let compiled: Compiled;
const actual = new Map<string, Omit<Expectation, "file" | "review" | "defaultZone">>();

beforeAll(async () => {
  if (!present) return;
  compiled = await compilePolicies();
  for (const [key, e] of Object.entries(expectations.plans)) {
    const [doc] = await loadInputs([join(PLANS!, e.file)], e.defaultZone ? { defaultZone: e.defaultZone } : {});
    const r = compiled.evaluate(doc!);
    const findings: Record<string, string[]> = {};
    for (const f of r.findings) (findings[f.rule] ??= []).push(f.resource);
    for (const id of Object.keys(findings)) findings[id] = [...new Set(findings[id])].sort();
    const sorted = Object.fromEntries(Object.keys(findings).sort().map((id) => [id, findings[id]!]));
    actual.set(key, { rules: Object.keys(sorted), findings: sorted, unverified: r.unverified });
  }
  if (process.env.SANSO_UPDATE_EXPECTATIONS === "1") {
    for (const [key, a] of actual) Object.assign(expectations.plans[key]!, a);
    writeFileSync(EXPECTATIONS, JSON.stringify(expectations, null, 2) + "\n");
  }
});

describe.skipIf(!present)("shared real plans", () => {
  it("has an expectation, reviewed, for every plan in the folder", () => {
    const files = readdirSync(PLANS!).filter((f) => f.endsWith(".json")).sort();
    const covered = new Set(Object.values(expectations.plans).filter((e) => !e.defaultZone).map((e) => e.file));
    expect([...covered].sort()).toEqual(files);
    for (const e of Object.values(expectations.plans)) expect(e.review.length, e.file).toBeGreaterThan(40);
  });

  it.each(Object.keys(expectations.plans))("%s", (key) => {
    const e = expectations.plans[key]!;
    const a = actual.get(key)!;
    expect(a.findings, e.review).toEqual(e.findings);
    expect(a.rules).toEqual(e.rules);
    expect(a.unverified).toEqual(e.unverified);
  });
});
