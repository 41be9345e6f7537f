// Generated files are what their generators would write from the installed dependencies
// (npm run gen): upgrading @cdktf/provider-aws without regenerating fails here.
import { spawnSync } from "node:child_process";
import { join } from "node:path";
import { expect, it } from "vitest";

const ROOT = join(import.meta.dirname, "../..");

it("every generated file is fresh (npm run gen -- --check)", () => {
  const r = spawnSync(process.execPath, [join(ROOT, "scripts/gen/index.mjs"), "--check"], { cwd: ROOT, encoding: "utf8" });
  expect(r.stderr).toBe("");
  expect(r.status).toBe(0);
  expect(r.stdout).toContain("aws-blocks.generated.ts is up to date");
  expect(r.stdout).toContain("vocabulary/data.json is up to date");
  expect(r.stdout).toContain("rule-ids.generated.ts is up to date");
});
