// Large inputs are evaluated on a worker thread (src/check/eval-worker-client.ts); the report must
// be the very same as on the main thread. SANSO_EVAL_WORKER=on forces the worker for small inputs.
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildCli, ROOT, sanso } from "./helpers.js";
import { sharedPath } from "../shared-dir.js";

const SHARED = sharedPath("iac-samples/plan-json");
const dir = mkdtempSync(join(tmpdir(), "sanso-eval-worker-"));

beforeAll(() => buildCli());
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("evaluation on a worker thread", () => {
  const inputs = [join(ROOT, "test/fixtures/check/tagged.cdk.tf.json"), ...(existsSync(SHARED) ? readdirSync(SHARED).filter((f) => f.endsWith(".json")).sort().slice(0, 4).map((f) => join(SHARED, f)) : [])];

  it("gives the same report as the main thread, for one input and for several", async () => {
    for (const args of [[inputs[0]!], inputs]) {
      const main = await sanso(["check", ...args, "-f", "json", "-q"], { env: { SANSO_EVAL_WORKER: "off" } });
      const worker = await sanso(["check", ...args, "-f", "json", "-q"], { env: { SANSO_EVAL_WORKER: "on" } });
      expect([0, 1]).toContain(main.code);
      expect(worker.stderr).toBe(main.stderr);
      expect(worker.code).toBe(main.code);
      expect(worker.stdout).toBe(main.stdout);
      expect(JSON.parse(worker.stdout).findings.length).toBeGreaterThan(0);
    }
  }, 120_000);

  it("reports a policy that fails at evaluation as on the main thread (exit 2, the file named)", async () => {
    const pol = join(dir, "policies");
    mkdirSync(pol, { recursive: true });
    // a complete rule with two values: eval_conflict_error while evaluating
    writeFileSync(join(pol, "main.rego"), 'package sanso.main\n\nimport rego.v1\n\nfirst := a if some a, _ in input.resources\n\nfindings contains {"rule": "X", "resource": first, "severity": "low"}\n\nchecked := {}\n');
    const env = { SANSO_CACHE_DIR: join(dir, "cache") };
    const main = await sanso(["check", inputs[0]!, "--policies", pol, "-q"], { env: { ...env, SANSO_EVAL_WORKER: "off" } });
    const worker = await sanso(["check", inputs[0]!, "--policies", pol, "-q"], { env: { ...env, SANSO_EVAL_WORKER: "on" } });
    expect(main.code).toBe(2);
    expect(main.stderr).toContain("tagged.cdk.tf.json: policy evaluation failed");
    expect(main.stderr).toContain("eval_conflict_error");
    expect(worker.code).toBe(2);
    const firstLine = (t: string) => t.split("\n")[0];
    expect(firstLine(worker.stderr)).toBe(firstLine(main.stderr));
  }, 120_000);
});
