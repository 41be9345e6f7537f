// Real plans from other projects (../shared/iac-samples/plan-json; absent in a fresh clone): every
// one is read and checked without error, with the test policy and with the real policies/.
import { existsSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { DEFAULT_POLICIES_DIR, loadPolicySet, runCheck } from "../../src/check/index.js";
import { render } from "../../src/report/index.js";
import { FIXTURE_POLICIES, ROOT } from "./helpers.js";
import { sharedPath } from "../shared-dir.js";

const DIR = sharedPath("iac-samples/plan-json");
const present = existsSync(DIR);
const hasRego = (d: string): boolean =>
  existsSync(d) && readdirSync(d, { withFileTypes: true }).some((e) => (e.isFile() && e.name.endsWith(".rego")) || (e.isDirectory() && hasRego(join(d, e.name))));

const sets: Array<[string, string]> = [["the test policy", FIXTURE_POLICIES]];
if (hasRego(DEFAULT_POLICIES_DIR)) sets.push(["policies/", DEFAULT_POLICIES_DIR]);

describe.skipIf(!present)("shared real-world plans", () => {
  const files = present ? readdirSync(DIR).filter((f) => f.endsWith(".json")).sort() : [];

  for (const [name, dir] of sets) {
    it(`checks every plan without error (${name})`, async () => {
      expect(files.length).toBeGreaterThan(0);
      const set = await loadPolicySet({ policies: dir });
      for (const f of files) {
        const r = await runCheck({ inputs: [join(DIR, f)], policySet: set, config: { file: null, policy: {}, unknownKeys: [] }, asOf: "2026-06-01", defaultZone: "mynumber" });
        expect(r.report.stacks, f).toHaveLength(1);
        expect([0, 1], f).toContain(r.exitCode);
        for (const x of r.report.findings) {
          expect(x.file, f).toBe(join(DIR, f));
          expect(typeof x.message_ja === "string" && x.message_ja.length > 0, f).toBe(true);
        }
        for (const fmt of ["text", "json", "sarif", "junit", "markdown", "html"] as const) expect(render(fmt, r.report).length, `${f} ${fmt}`).toBeGreaterThan(0);
      }
    });
  }

  it("all of them at once, as one check", async () => {
    const r = await runCheck({ inputs: files.map((f) => join(DIR, f)), policies: FIXTURE_POLICIES, config: { file: null, policy: {}, unknownKeys: [] }, asOf: "2026-06-01" });
    expect(r.report.stacks).toHaveLength(files.length);
    expect(new Set(r.report.stacks.map((s) => s.name)).size).toBe(files.length);
  });
});
