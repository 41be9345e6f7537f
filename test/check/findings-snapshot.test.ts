// No loss: the findings on every shared real plan and on the four stacks of stacks/app.ts, compared
// with a recorded copy. Speed work on the input, the evaluator or the compiler must leave them
// byte-identical. A deliberate change of findings (a new rule, a changed message) is recorded with
//   npx vitest run test/check/findings-snapshot.test.ts -u
// and the diff of test/check/__findings__/ is then part of the review.
import { existsSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, join } from "node:path";
import { describe, expect, it } from "vitest";
import { runCheck } from "../../src/check/index.js";
import { render } from "../../src/report/index.js";
import { synthApp } from "../../stacks/app.js";
import { ROOT } from "./helpers.js";
import { sharedPath } from "../shared-dir.js";

const SHARED = sharedPath("iac-samples/plan-json");
const SNAPSHOTS = join(import.meta.dirname, "__findings__");
const NO_CONFIG = { file: null, policy: {}, unknownKeys: [] };

/** The JSON report without what changes with the build (versions, catalog) or the machine (paths). */
async function findingsOf(inputs: string[], root: string): Promise<string> {
  const r = await runCheck({ inputs, config: NO_CONFIG, asOf: "2026-06-01" });
  const json = render("json", r.report).split(root).join("<root>");
  const { sanso_version: _v, bundle_version: _b, rules: _r, coverage: _c, ...kept } = JSON.parse(json) as Record<string, unknown>;
  return `${JSON.stringify({ exitCode: r.exitCode, ...kept }, null, 1)}\n`;
}

describe("findings are unchanged", () => {
  it("on the four stacks of stacks/app.ts", async () => {
    const out = mkdtempSync(join(tmpdir(), "sanso-snapshot-"));
    try {
      synthApp(out);
      await expect(await findingsOf([out], out)).toMatchFileSnapshot(join(SNAPSHOTS, "stacks.json"));
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  }, 120_000);

  const plans = existsSync(SHARED) ? readdirSync(SHARED).filter((f) => f.endsWith(".json")).sort() : [];
  it.skipIf(plans.length === 0).each(plans)("on the shared real plan %s", async (file) => {
    await expect(await findingsOf([join(SHARED, file)], SHARED)).toMatchFileSnapshot(join(SNAPSHOTS, "shared", basename(file)));
  });
});
