/**
 * Where the tests find ../shared: OPA's conformance cases (rego-conformance/cases), the shared real
 * plans (iac-samples/plan-json), the policy's text (seed/, ARTICLES.md). It sits next to the clone
 * (or one level further up); a user's clone has none, and the tests that need it skip, which the
 * summary line of the run reports (test/reporters/shared-notice.ts).
 *
 * SANSO_SHARED_DIR overrides the place: another directory, or one that does not exist (for example
 * `SANSO_SHARED_DIR=none`) to run as a user's clone would.
 */
import { existsSync } from "node:fs";
import { isAbsolute, join, resolve } from "node:path";

const ROOT = join(import.meta.dirname, "..");

export const SHARED_DIR_ENV = "SANSO_SHARED_DIR";

function locate(): string {
  const set = process.env[SHARED_DIR_ENV];
  if (set !== undefined && set !== "") return isAbsolute(set) ? set : resolve(ROOT, set);
  return [join(ROOT, "../shared"), join(ROOT, "../../shared")].find((p) => existsSync(p)) ?? join(ROOT, "../shared");
}

/** The shared directory (it may not exist: check {@link SHARED_PRESENT} or the file you need). */
export const SHARED_DIR = locate();

/** Whether the shared directory is there. */
export const SHARED_PRESENT = existsSync(SHARED_DIR);

/** A path inside the shared directory. */
export const sharedPath = (...parts: string[]): string => join(SHARED_DIR, ...parts);
