// `sanso test` as scripts/third-party.ts drives it: the output it parses, the figures it gives, on
// small libraries written here (never the third-party files themselves).

import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { buildCli, sanso } from "./helpers.js";
import { formatTable, runOnce } from "../../scripts/third-party.js";

function library(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), "sanso-third-party-"));
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(join(dir, name, ".."), { recursive: true });
    writeFileSync(join(dir, name), text);
  }
  return dir;
}

const V1 = library({
  "policy/deny.rego": `package policy
deny contains "public" if input.acl == "public-read"
`,
  "policy/deny_test.rego": `package policy_test
import data.policy
test_public if "public" in policy.deny with input as {"acl": "public-read"}
test_private if count(policy.deny) == 0 with input as {"acl": "private"}
test_wrong if count(policy.deny) == 1 with input as {"acl": "private"}
test_wrong if { print("second", 2); false }
todo_test_later if false
test_conflict if data.policy_test.twice == 1
twice := 1 if true
twice := 2 if true
`,
});

const V0 = library({
  "lib/deny.rego": `package lib
deny[msg] { input.acl == "public-read"; msg := "public" }
`,
  "lib/deny_test.rego": `package lib
test_public { deny["public"] with input as {"acl": "public-read"} }
`,
});

describe("sanso test on a library", () => {
  beforeAll(() => buildCli(), 120_000);

  it("prints failures, errors and print output, and a summary with every figure; exit 1", async () => {
    const r = await sanso(["test", V1]);
    expect(r.code).toBe(1);
    const lines = r.stdout.trim().split("\n");
    expect(lines).toContain(`FAIL data.policy_test.test_wrong (${join(V1, "policy/deny_test.rego")}:5): undefined`);
    expect(lines).toContain(`FAIL data.policy_test.test_wrong#01 (${join(V1, "policy/deny_test.rego")}:6): undefined`);
    expect(lines).toContain("  second 2");
    expect(lines.some((l) => l.startsWith("ERROR data.policy_test.test_conflict ") && /conflict/.test(l))).toBe(true);
    expect(lines.at(-1)).toBe("2 passed, 2 failed, 1 errored, 1 skipped");
  });

  it("lists every test with -v and only those --run selects", async () => {
    const r = await sanso(["test", V1, "-v", "--run", "test_p"]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^PASS data\.policy_test\.test_public \(/m);
    expect(r.stdout).toMatch(/^PASS data\.policy_test\.test_private \(/m);
    expect(r.stdout.trim().split("\n").at(-1)).toBe("2 passed, 0 failed");
  });

  it("a bad --run is a usage error (exit 2), not a stack trace", async () => {
    const r = await sanso(["test", V1, "--run", "("]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^sanso: --run \(: /);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });
});

describe("scripts/third-party.ts", () => {
  beforeAll(() => buildCli(), 120_000);

  it("reads the figures of a run from sanso test", () => {
    const r = runOnce([V1], 1);
    expect({ ...r, problems: r.problems.length }).toEqual({ paths: [V1], tests: 6, passed: 2, failed: 2, errored: 1, skipped: 1, notRun: 0, problems: 3 });
  });

  it("runs a v0 library with --v0-compatible", () => {
    expect(runOnce([V0], 0)).toMatchObject({ tests: 1, passed: 1, notRun: 0 });
  });

  it("counts the tests of a run that cannot start as not run, with the reason", () => {
    const r = runOnce([V0], 1);
    expect(r).toMatchObject({ tests: 1, passed: 0, notRun: 1 });
    expect(r.problems[0]).toMatch(/^NOT RUN \(1 tests\): sanso: .*deny(_test)?\.rego:2:/);
  });

  it("prints one row per library, 'as opa test' only when nothing failed, errored or could not run", () => {
    const row = { name: "lib", repo: "o/lib", commit: "c", rego: 1 as const, runs: [], tests: 3, passed: 3, failed: 0, errored: 0, skipped: 0, notRun: 0 };
    const table = formatTable([row, { ...row, name: "other", rego: 0, passed: 2, notRun: 1 }]).split("\n");
    expect(table[0]).toMatch(/^library\s+rego\s+tests\s+passed\s+failed\s+errored\s+skipped\s+not run\s+as opa test$/);
    expect(table[1]).toMatch(/^lib\s+v1\s+3\s+3\s+0\s+0\s+0\s+0\s+yes$/);
    expect(table[2]).toMatch(/^other\s+v0\s+3\s+2\s+0\s+0\s+0\s+1\s+no$/);
  });
});
