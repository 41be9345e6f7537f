import { join } from "node:path";

export const ROOT = join(import.meta.dirname, "../..");
export const FIXTURES = join(ROOT, "test/fixtures/check");
/** The small policy written against the policy contract (3 rules). */
export const FIXTURE_POLICIES = join(FIXTURES, "policies");
export const EXAMPLES = join(ROOT, "examples");
