/**
 * A large synthetic stack (600 of each kind of resource) is judged as a small one is: every join
 * goes through `refs`, `related` and `by_type` lookups. How the cost grows with the number of
 * resources is measured by `npm run bench` (its "50k <= 6x 10k" target), not by a timed test.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { compilePolicies, type Compiled } from "./policy.js";
import { syntheticStack } from "./synthetic.js";

let compiled: Compiled;

beforeAll(async () => {
  compiled = await compilePolicies();
});

describe("a large synthetic stack", () => {
  it("has no finding, and every data store is in scope", () => {
    const small = compiled.evaluate(syntheticStack(150));
    const large = compiled.evaluate(syntheticStack(600));
    expect(large.findings.map((f) => `${f.rule} ${f.resource}`)).toEqual([]);
    expect(large.checked["ART22-ENCRYPTED-AT-REST"]!.length).toBe(1200);
    expect(small.checked["ART22-ENCRYPTED-AT-REST"]!.length).toBe(300);
  });
});
