/**
 * The policies never depend on a builtin error being swallowed: compiled with strict builtin
 * errors (an error aborts evaluation, as `opa eval --strict-builtin-errors`), they evaluate every
 * fixture, every real plan and a synthetic stack, with the same findings as the default build.
 */
import { existsSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { compileSources } from "../../src/rego/compile/index.js";
import { loadPolicy } from "../../src/rego/bundle/load.js";
import { loadSources } from "../../src/rego/sources.js";
import { loadInputs } from "../../src/input/index.js";
import { compilePolicies, describe_, ENTRYPOINTS, FIXTURES, POLICY_DIR, SHARED, type Finding } from "./policy.js";
import { syntheticStack } from "./synthetic.js";

describe("strict builtin errors", () => {
  it("change nothing on the fixtures, the real plans and a synthetic stack", async () => {
    const sources = loadSources([POLICY_DIR]);
    const strict = await loadPolicy(compileSources(sources.modules, { entrypoints: ENTRYPOINTS, strict: true }).wasm);
    strict.setData(sources.data); // the defaults (policies/sanso/defaults/data.json)
    const lenient = await compilePolicies();
    const files = [
      ...readdirSync(join(FIXTURES, "cdktf")).map((f) => join(FIXTURES, "cdktf", f)),
      ...readdirSync(join(FIXTURES, "plan")).map((f) => join(FIXTURES, "plan", f)),
    ];
    const plans = SHARED ? join(SHARED, "iac-samples/plan-json") : undefined;
    if (plans && existsSync(plans)) files.push(...readdirSync(plans).map((f) => join(plans, f)));
    const docs = [...(await loadInputs(files)), syntheticStack(20)];
    expect(docs.length).toBeGreaterThan(40);
    for (const doc of docs) {
      const fs = (strict.evaluate(doc, "sanso/main/findings") as Array<{ result: Finding[] }>)[0]!.result;
      expect(describe_(fs), doc.source.file).toEqual(describe_(lenient.evaluate(doc).findings));
    }
  });
});
