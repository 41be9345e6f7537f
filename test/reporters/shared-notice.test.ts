/**
 * The summary line of a run says how much was skipped for want of ../shared: one test file that
 * needs it, run as a user's clone would (SANSO_SHARED_DIR naming a directory that does not exist).
 */
import { spawnSync } from "node:child_process";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { noticeLine, SHARED_CONTENTS } from "./shared-notice.js";

const ROOT = join(import.meta.dirname, "../..");

describe("the ../shared line after vitest's summary", () => {
  it("counts the skipped tests that need ../shared, apart from the others", () => {
    expect(noticeLine({ shared: 12, other: 0 }, false, "/x/shared")).toBe(
      `12 test(s) skipped: ../shared (${SHARED_CONTENTS}) not found at /x/shared; SANSO_SHARED_DIR names another place`,
    );
    expect(noticeLine({ shared: 12, other: 2 }, false, "/x/shared")).toContain("not found at /x/shared; 2 test(s) skipped for other reasons;");
    expect(noticeLine({ shared: 0, other: 3 }, true, "/x/shared")).toBe(`../shared found at /x/shared: ${SHARED_CONTENTS} checked; 3 test(s) skipped for other reasons`);
  });

  it("is printed by a run of a file that needs ../shared when it is hidden", () => {
    const hidden = join(ROOT, "test/fixtures/no-such-shared-dir");
    const r = spawnSync(process.execPath, [join(ROOT, "node_modules/vitest/vitest.mjs"), "run", "test/rego/conformance.test.ts"], {
      cwd: ROOT,
      env: { ...process.env, SANSO_SHARED_DIR: hidden, NO_COLOR: "1", FORCE_COLOR: "" },
      encoding: "utf8",
      timeout: 120_000,
    });
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/Tests\s+1 skipped \(1\)/);
    expect(r.stdout).toContain(`1 test(s) skipped: ../shared (${SHARED_CONTENTS}) not found at ${hidden}; SANSO_SHARED_DIR names another place`);
  });
});
