/**
 * Crashes the fuzzer found, kept as regression tests: keys that name Object.prototype members
 * ("constructor", "toString", "__proto__") in user documents are plain keys to the normalizer.
 */
import { describe, expect, it } from "vitest";
import { normalizeDocument, type Json } from "../../src/input/index.js";

const cdktf = (resource: Record<string, Json>): Json => ({
  "//": { metadata: { stackName: "s", version: "0.21.0", backend: "local" } },
  provider: { aws: [{ region: "ap-northeast-1" }] },
  resource,
});

describe("fuzzing regressions", () => {
  it("an attribute named constructor that references a resource (was: refs[path].push is not a function)", () => {
    const doc = cdktf({
      aws_s3_bucket: { b: { bucket: "x" } },
      aws_s3_bucket_versioning: { v: { constructor: "${aws_s3_bucket.b.id}", toString: "${aws_s3_bucket.b.arn}" } },
    });
    const n = normalizeDocument(doc, "fuzz.json");
    expect(n.resources["aws_s3_bucket_versioning.v"]!.refs).toEqual({ constructor: ["aws_s3_bucket.b"], toString: ["aws_s3_bucket.b"] });
  });

  it("a resource type named constructor (was: TYPE_BLOCK_NAMES[typeKey].split is not a function)", () => {
    const doc = cdktf({ constructor: { c: { bucket: "${aws_s3_bucket.b.id}" } }, toString: { t: {} }, aws_s3_bucket: { b: {} } });
    const n = normalizeDocument(doc, "fuzz.json");
    expect(Object.keys(n.by_type).sort()).toEqual(["aws_s3_bucket", "constructor", "toString"]);
    expect(n.related["constructor.c"]).toEqual({ aws_s3_bucket: ["aws_s3_bucket.b"] });
  });

  it("the same keys in a terraform show -json plan", () => {
    const plan: Json = {
      format_version: "1.2",
      terraform_version: "1.9.0",
      resource_changes: [
        { address: "constructor.c", mode: "managed", type: "constructor", name: "c", change: { actions: ["create"], before: null, after: { constructor: "x" }, after_unknown: { constructor: true } } },
      ],
      configuration: { root_module: { resources: [{ address: "constructor.c", mode: "managed", type: "constructor", name: "c", expressions: { constructor: { references: ["aws_s3_bucket.b.id", "aws_s3_bucket.b"] } } }] } },
    };
    const n = normalizeDocument(plan, "fuzz.json");
    expect(Object.keys(n.by_type)).toEqual(["constructor"]);
  });
});
