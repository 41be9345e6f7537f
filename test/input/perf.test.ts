import { describe, expect, it } from "vitest";
import { locateResources, normalizeDocument } from "../../src/input/index.js";
import type { Json } from "../../src/input/index.js";
import { syntheticPlan } from "./synthetic.js";

// How long these take is `npm run bench`'s business (and test/input/perf-normalize.ts); here, that
// large inputs are handled whole.
describe("large inputs", () => {
  it("indexes the resource lines of a 50k-resource plan, minified or pretty", () => {
    const plan = syntheticPlan(10_000);
    for (const text of [JSON.stringify(plan), JSON.stringify(plan, null, 2)]) {
      const lines = locateResources(text, "plan");
      expect(lines.size).toBe(50_000 + 5); // instances + configuration addresses
    }
  });

  it("normalizes a 50k-resource plan", () => {
    const doc = JSON.parse(JSON.stringify(syntheticPlan(10_000))) as Json;
    const d = normalizeDocument(doc, "synthetic.json");
    expect(Object.keys(d.resources)).toHaveLength(50_000);
    expect(d.resources["aws_s3_bucket_policy.x[9999]"]!.refs).toEqual({ bucket: ["aws_s3_bucket.x[9999]"], policy: ["aws_s3_bucket.x[9999]"] });
    expect(d.resources["aws_s3_bucket_policy.x[20]"]!.zone).toBe("mynumber");
  });
});
