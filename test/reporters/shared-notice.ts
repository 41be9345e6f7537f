/**
 * A line after vitest's summary saying whether ../shared (OPA's conformance cases, the shared real
 * plans, the policy's text) was next to this clone, and how many tests were skipped: a user's
 * clone has no ../shared, and its `npm test` should say how much it checked.
 */
import { existsSync, writeSync } from "node:fs";
import { join } from "node:path";
import type { Reporter, TestModule } from "vitest/node";

const SHARED = join(import.meta.dirname, "../../../shared");

function countSkipped(modules: ReadonlyArray<TestModule>): number {
  let n = 0;
  for (const m of modules) for (const t of m.children.allTests()) if (t.result().state === "skipped") n++;
  return n;
}

export default class SharedNotice implements Reporter {
  onTestRunEnd(modules: ReadonlyArray<TestModule>): void {
    const skipped = countSkipped(modules);
    const present = existsSync(join(SHARED, "rego-conformance")) || existsSync(join(SHARED, "iac-samples"));
    const line =
      present
        ? `\n  ../shared present: OPA conformance cases and shared real plans were checked (${skipped} test(s) skipped for other reasons)\n`
        : `\n  ../shared absent: ${skipped} test(s) skipped, among them the OPA conformance cases, the shared real plans and the quotes of the policy text\n`;
    // after the default reporter's summary, which it prints once this hook has returned
    process.once("exit", () => writeSync(1, line));
  }
}
