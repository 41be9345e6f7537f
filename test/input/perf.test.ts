import { describe, expect, it } from "vitest";
import { locateResources, normalizeDocument } from "../../src/input/index.js";
import type { Json } from "../../src/input/index.js";
import { syntheticPlan } from "./synthetic.js";

describe("normalization cost", () => {
  it("indexes resource lines of a 50k-resource plan in linear time, minified or pretty", () => {
    const plan = syntheticPlan(10_000);
    for (const text of [JSON.stringify(plan), JSON.stringify(plan, null, 2)]) {
      const t = performance.now();
      const lines = locateResources(text, "plan");
      expect(performance.now() - t).toBeLessThan(5_000);
      expect(lines.size).toBe(50_000 + 5); // instances + configuration addresses
    }
  });

  it("normalizes a 50k-resource plan quickly (linear)", () => {
    const doc = JSON.parse(JSON.stringify(syntheticPlan(10_000))) as Json;
    const t = performance.now();
    const d = normalizeDocument(doc, "synthetic.json");
    const ms = performance.now() - t;
    expect(Object.keys(d.resources)).toHaveLength(50_000);
    expect(d.resources["aws_s3_bucket_policy.x[9999]"]!.refs).toEqual({ bucket: ["aws_s3_bucket.x[9999]"], policy: ["aws_s3_bucket.x[9999]"] });
    expect(d.resources["aws_s3_bucket_policy.x[20]"]!.zone).toBe("mynumber");
    // Typically well under a second; the bound is generous for loaded CI machines.
    expect(ms).toBeLessThan(10_000);
  });
});
