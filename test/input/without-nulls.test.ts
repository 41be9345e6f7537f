import { describe, expect, it } from "vitest";
import { withoutNulls } from "../../src/input/without-nulls.js";
import { normalizeDocument } from "../../src/input/index.js";
import type { JsonObject } from "../../src/input/types.js";

describe("values without nulls (one shape for plans and cdk.tf.json)", () => {
  it("drops null-valued keys at every depth; nulls inside arrays keep their positions", () => {
    const v: JsonObject = { a: null, b: 1, c: { d: null, e: [null, { f: null, g: "x" }] }, h: [], i: {} };
    expect(withoutNulls(v)).toEqual({ b: 1, c: { e: [null, { g: "x" }] }, h: [], i: {} });
    expect(v.a).toBeNull(); // the input is not modified
  });

  it("returns the same object when there is nothing to drop", () => {
    const v = { a: 1, b: [null, 2], c: { d: "x" } };
    expect(withoutNulls(v)).toBe(v);
  });

  it("a plan's unset arguments and a cdk.tf.json's absent ones normalize alike", () => {
    const plan = normalizeDocument({
      format_version: "1.2",
      planned_values: { root_module: { resources: [{ address: "aws_s3_bucket.b", mode: "managed", type: "aws_s3_bucket", name: "b", values: { bucket: "x", acl: null, policy: null, logging: [], tags: { Name: "b" } } }] } },
    }, "plan.json");
    const cdktf = normalizeDocument({ resource: { aws_s3_bucket: { b: { bucket: "x", acl: null, logging: [], tags: { Name: "b" } } } } }, "cdk.tf.json");
    expect(plan.resources["aws_s3_bucket.b"]!.values).toEqual({ bucket: "x", logging: [], tags: { Name: "b" } });
    expect(cdktf.resources["aws_s3_bucket.b"]!.values).toEqual(plan.resources["aws_s3_bucket.b"]!.values);
  });
});
