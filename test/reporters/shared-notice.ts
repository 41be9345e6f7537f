/**
 * A line after vitest's summary saying whether ../shared (OPA's conformance cases, the shared real
 * plans, the policy's text; test/shared-dir.ts, SANSO_SHARED_DIR) was there, and how many tests were
 * skipped for want of it: a user's clone has no ../shared, and its `npm test` should say how much it
 * checked. A skipped test counts as skipped for ../shared when its file reads the shared directory
 * (imports test/shared-dir.ts, or SHARED from test/policies/policy.ts).
 */
import { readFileSync, writeSync } from "node:fs";
import type { Reporter, TestModule } from "vitest/node";
import { SHARED_DIR, SHARED_DIR_ENV, SHARED_PRESENT } from "../shared-dir.js";

/** What ../shared holds for the tests, in the words of the summary line. */
export const SHARED_CONTENTS = "OPA conformance cases, shared real plans, the policy text";

const readsShared = new Map<string, boolean>();
function usesShared(file: string): boolean {
  let v = readsShared.get(file);
  if (v === undefined) {
    try {
      v = /shared-dir\.js|\bSHARED\b/.test(readFileSync(file, "utf8"));
    } catch {
      v = false;
    }
    readsShared.set(file, v);
  }
  return v;
}

/** Skipped tests: those in files that read ../shared, and the others. */
export function countSkipped(modules: ReadonlyArray<TestModule>): { shared: number; other: number } {
  const n = { shared: 0, other: 0 };
  for (const m of modules) {
    const shared = usesShared(m.moduleId);
    for (const t of m.children.allTests()) if (t.result().state === "skipped") n[shared ? "shared" : "other"]++;
  }
  return n;
}

/** The summary line. */
export function noticeLine(skipped: { shared: number; other: number }, present: boolean, dir: string): string {
  const others = skipped.other ? `; ${skipped.other} test(s) skipped for other reasons` : "";
  if (!present) {
    return `${skipped.shared} test(s) skipped: ../shared (${SHARED_CONTENTS}) not found at ${dir}${others}; ${SHARED_DIR_ENV} names another place`;
  }
  const missing = skipped.shared ? `; ${skipped.shared} test(s) skipped for what it lacks` : "";
  return `../shared found at ${dir}: ${SHARED_CONTENTS} checked${missing}${others}`;
}

export default class SharedNotice implements Reporter {
  onTestRunEnd(modules: ReadonlyArray<TestModule>): void {
    const line = `\n  ${noticeLine(countSkipped(modules), SHARED_PRESENT, SHARED_DIR)}\n`;
    // after the default reporter's summary, which it prints once this hook has returned
    process.once("exit", () => writeSync(1, line));
  }
}
