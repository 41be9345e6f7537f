/**
 * Rules stay linear in the number of resources: every join goes through `refs`, `related` and
 * `by_type` lookups, never a scan of all resources inside a scan of all resources. A synthetic
 * stack four times larger must not take anywhere near sixteen times longer.
 */
import { beforeAll, describe, expect, it } from "vitest";
import type { NormalizedInput } from "../../src/input/types.js";
import { compilePolicies, type Compiled } from "./policy.js";
import { syntheticStack } from "./synthetic.js";

let compiled: Compiled;

beforeAll(async () => {
  compiled = await compilePolicies();
});

const time = (doc: NormalizedInput): number => {
  let best = Infinity;
  for (let k = 0; k < 2; k++) {
    const t0 = performance.now();
    compiled.evaluate(doc);
    best = Math.min(best, performance.now() - t0);
  }
  return best;
};

describe("evaluation cost", () => {
  it("grows linearly with the number of resources", () => {
    const small = syntheticStack(150);
    const large = syntheticStack(600);
    const r = compiled.evaluate(large);
    expect(r.findings.map((f) => `${f.rule} ${f.resource}`)).toEqual([]);
    expect(r.checked["ART22-ENCRYPTED-AT-REST"]!.length).toBe(1200);
    time(small); // warm up
    const ts = time(small);
    const tl = time(large);
    // 4x the resources: linear ~4x, quadratic ~16x.
    expect(tl / ts, `${ts.toFixed(0)} ms for ${Object.keys(small.resources).length} resources, ${tl.toFixed(0)} ms for ${Object.keys(large.resources).length}`).toBeLessThan(8);
  });
});
