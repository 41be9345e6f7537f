// OPA's conformance cases (../shared/rego-conformance/cases). A user's clone has none: skipped.
// Fails when the pass rate drops below the figure recorded in conformance-baseline.json.
import { describe, expect, it } from "vitest";
import { existsSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { dirname, join } from "node:path";
import { runConformance } from "../../src/rego/conformance.js";
import { sharedPath } from "../shared-dir.js";

const here = dirname(fileURLToPath(import.meta.url));
const casesDir = sharedPath("rego-conformance/cases");
const baseline = JSON.parse(readFileSync(join(here, "conformance-baseline.json"), "utf8")) as { passed: number; cases: number };

describe.skipIf(!existsSync(casesDir))("OPA conformance cases", () => {
  it("pass at least at the recorded rate", async () => {
    const s = await runConformance(casesDir);
    const failed = s.results.filter((r) => r.status === "failed").map((r) => `${r.note}: ${r.detail}`);
    console.log(`conformance: ${s.passed}/${s.cases} passed, ${s.skipped} skipped\n${failed.join("\n")}`);
    expect(s.passed / s.cases).toBeGreaterThanOrEqual(baseline.passed / baseline.cases);
  }, 300_000);
});
