// Issue 9 item 5 through the command line: a check never destroys, hangs on or half-writes files.
import { execFileSync } from "node:child_process";
import { copyFileSync, existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { buildCli, FIXTURE_POLICIES, ROOT, sanso } from "./helpers.js";
import { tempDir } from "../tmp.js";

const PLAN_SRC = join(ROOT, "test/fixtures/policies/plan/databases.bad.json");
const POL = ["--policies", FIXTURE_POLICIES];
const commandSource = readFileSync(join(ROOT, "src/cli/commands/check.ts"), "utf8");
/** The guards live in src/check (guard.ts, write-report.ts); these tests run once the command calls them. */
const guarded = commandSource.includes("assertSafeInvocation");
const atomic = commandSource.includes("writeReports");
const hasMkfifo = (() => {
  try {
    execFileSync("mkfifo", ["--version"], { stdio: "ignore" });
    return true;
  } catch {
    return false;
  }
})();

function work(): { dir: string; plan: string; text: string } {
  const dir = tempDir("sanso-cli-guard-");
  const plan = join(dir, "plan.json");
  copyFileSync(PLAN_SRC, plan);
  return { dir, plan, text: readFileSync(plan, "utf8") };
}

beforeAll(() => buildCli());

describe("sanso check on bad invocations", () => {
  it.skipIf(!hasMkfifo)("a FIFO as input: exit 2 naming it, without waiting for a writer", async () => {
    const { dir } = work();
    const fifo = join(dir, "pipe.json");
    execFileSync("mkfifo", [fifo]);
    const r = await sanso(["check", fifo, ...POL]);
    expect(r.code, r.stderr).toBe(2);
    expect(r.stderr).toMatch(/pipe\.json: (the input )?is a named pipe \(FIFO\), not a regular file/);
    expect(r.stdout).toBe("");
  });

  it.skipIf(!guarded)("--output naming the input: exit 2 before anything is read or written; the plan is intact", async () => {
    const { plan, text } = work();
    const r = await sanso(["check", plan, ...POL, "-f", "json", "-o", plan]);
    expect(r.code, r.stderr).toBe(2);
    expect(r.stderr).toMatch(/plan\.json: the report output is the same file as .*plan\.json/);
    expect(readFileSync(plan, "utf8")).toBe(text);
  });

  it.skipIf(!atomic)("a report that cannot be written leaves the others untouched and no temporary file", async () => {
    const { dir, plan } = work();
    const json = join(dir, "r.json");
    writeFileSync(json, "old\n");
    writeFileSync(join(dir, "file"), "x");
    const r = await sanso(["check", plan, ...POL, "-f", "json", "-o", json, "-f", "sarif", "-o", join(dir, "file/r.sarif")]);
    expect(r.code, r.stderr).toBe(2);
    expect(r.stderr).toMatch(/r\.sarif: cannot write the sarif report/);
    expect(readFileSync(json, "utf8")).toBe("old\n");
    expect(readdirSync(dir).filter((f) => f.endsWith(".tmp"))).toEqual([]);
    expect(existsSync(join(dir, "r.sarif"))).toBe(false);
  });
});
