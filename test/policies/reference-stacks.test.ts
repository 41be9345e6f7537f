/**
 * The reference stacks of stacks/ through the policies: the three compliant stacks
 * (gcas-jumin, lgwan-groupware, internet-shinsei) have no finding, and demo-noncompliant fires
 * every rule of the catalog, on the resources it registers as breaking them.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { synthApp } from "../../stacks/app.js";
import { loadInputs } from "../../src/input/index.js";
import type { NormalizedInput } from "../../src/input/types.js";
import { cdktfToPlan } from "../fixtures/policies/cdktf-to-plan.js";
import { compilePolicies, describe_, RULE_IDS, type Compiled, type Result } from "./policy.js";

let outdir: string;
let compiled: Compiled;
const docs = new Map<string, NormalizedInput>();
const results = new Map<string, Result>();
/** The same stacks as `terraform show -json` would print their plan (test/fixtures/policies/cdktf-to-plan.ts). */
const planResults = new Map<string, Result>();

beforeAll(async () => {
  outdir = mkdtempSync(join(tmpdir(), "sanso-policies-stacks-"));
  synthApp(outdir);
  compiled = await compilePolicies();
  for (const doc of await loadInputs([outdir])) {
    docs.set(doc.stack, doc);
    results.set(doc.stack, compiled.evaluate(doc));
    const planFile = join(outdir, `${doc.stack}.plan.json`);
    writeFileSync(planFile, JSON.stringify(cdktfToPlan(JSON.parse(readFileSync(doc.source.file, "utf8")))));
    const [plan] = await loadInputs([planFile]);
    planResults.set(doc.stack, compiled.evaluate(plan!));
  }
});

afterAll(() => {
  if (outdir) rmSync(outdir, { recursive: true, force: true });
});

describe.each(["gcas-jumin", "lgwan-groupware", "internet-shinsei"])("%s", (name) => {
  it("has no finding", () => {
    const r = results.get(name)!;
    expect(r, `stack ${name} was not synthesized`).toBeDefined();
    // On failure this lists "RULE resource: message" for every finding.
    expect(describe_(r.findings)).toEqual([]);
  });

  it("leaves nothing unverified", () => {
    expect(results.get(name)!.unverified).toEqual({});
  });

  it("has no finding as a plan either; what only apply can tell is unverified, never passed", () => {
    const r = planResults.get(name)!;
    expect(describe_(r.findings)).toEqual([]);
    // bucket policies naming the new buckets' ARNs are unknown in a plan
    expect(Object.keys(r.unverified)).toContain("ART24-TLS-ONLY");
  });

  it("is checked by the rules of its zones", () => {
    const r = results.get(name)!;
    const checked = Object.entries(r.checked).filter(([, l]) => l.length > 0).map(([id]) => id);
    // every stack: data stores, regions, environment, monitoring, trails, logs
    expect(checked).toEqual(expect.arrayContaining([
      "ART17-CLASSIFIED", "ART18-OWNER", "ART22-ENCRYPTED-AT-REST", "ART43-BACKUP", "ART45-CHANGE-TRAIL",
      "ART47-LOGS-KEPT", "ART47-LOGS-PROTECTED", "ART73-ENV-SEPARATED", "ART90-MONITORED", "ART99-REGION",
    ]));
    const zoneRules: Record<string, string[]> = {
      "gcas-jumin": ["ART22-CLASS-I-ZONE", "ART27-CLASS-I-ACCESS-LOG", "ART29-ISOLATED", "ART29-RESTRICTED-PATHS", "ART29-NO-PUBLIC-ENDPOINT", "ART29-MFA", "ART29-NO-EXPORT", "ART29-DEDICATED-LINE", "ART29-CMK", "ART34-LINE-REDUNDANT"],
      "lgwan-groupware": ["ART30-SEPARATED", "ART29-DEDICATED-LINE", "ART34-LINE-REDUNDANT", "ART32-REDUNDANT", "ART70-PRIVILEGED-SESSION"],
      "internet-shinsei": ["ART25-PUBLIC-INTEGRITY", "ART31-MONITORED", "ART50-PUBLIC-IN-INTERNET-ZONE", "ART51-WAF", "ART29-STRONG-CRYPTO", "ART30-SEPARATED", "ART24-TLS-ONLY"],
    };
    expect(checked).toEqual(expect.arrayContaining(zoneRules[name]!));
  });
});

describe("demo-noncompliant", () => {
  /** Rule id -> addresses the demo registers as breaking it (stack metadata "//".sanso.violations). */
  const registered = (): Record<string, string[]> => {
    const file = docs.get("demo-noncompliant")!.source.file;
    return JSON.parse(readFileSync(file, "utf8"))["//"].sanso.violations;
  };

  it.each([...RULE_IDS])("fires %s", (id) => {
    const r = results.get("demo-noncompliant")!;
    expect(r.findings.some((f) => f.rule === id), `${id} does not fire on the demo`).toBe(true);
  });

  it("fires each rule on a resource the demo registers as breaking it", () => {
    const r = results.get("demo-noncompliant")!;
    const reg = registered();
    expect(Object.keys(reg).sort()).toEqual([...RULE_IDS].sort());
    // ART34-LINE-REDUNDANT reports the line (the Direct Connect gateway), the demo its single VIF.
    const subjectDiffers: Record<string, string> = { "ART34-LINE-REDUNDANT": "aws_dx_gateway.lgwan" };
    for (const id of RULE_IDS) {
      const on = r.findings.filter((f) => f.rule === id).map((f) => f.resource);
      const wanted = subjectDiffers[id] ? [subjectDiffers[id]!] : reg[id]!;
      expect(on.some((a) => wanted.includes(a)), `${id}: found on ${on.join(", ")}; registered ${wanted.join(", ")}`).toBe(true);
    }
  });

  it.each([...RULE_IDS])("fires %s as a plan too", (id) => {
    const r = planResults.get("demo-noncompliant")!;
    expect(r.findings.some((f) => f.rule === id), `${id} does not fire on the demo's plan`).toBe(true);
  });

  it("names the construct path of each finding's resource", () => {
    for (const f of results.get("demo-noncompliant")!.findings) {
      if (f.resource.startsWith("provider.")) expect(f.construct).toBeNull();
      else expect(f.construct, `${f.rule} ${f.resource}`).toMatch(/^demo-noncompliant\//);
    }
  });
});
