import { describe, expect, it } from "vitest";
import { normalizeDocument, parseClassification, parseZone } from "../../src/input/index.js";
import type { Json } from "../../src/input/index.js";

describe("tag aliases", () => {
  it("zones", () => {
    expect(parseZone("mynumber")).toBe("mynumber");
    expect(parseZone(" MyNumber ")).toBe("mynumber");
    expect(parseZone("マイナンバー利用事務系")).toBe("mynumber");
    expect(parseZone("LGWAN接続系")).toBe("lgwan");
    expect(parseZone("ＬＧＷＡＮ接続系")).toBe("lgwan"); // full-width
    expect(parseZone("lgwan")).toBe("lgwan");
    expect(parseZone("インターネット接続系")).toBe("internet");
    expect(parseZone("Internet")).toBe("internet");
    expect(parseZone("dmz")).toBeUndefined();
    expect(parseZone(3)).toBeUndefined();
    // names of Object.prototype are no zones or classes (a lookup in a plain object found them)
    for (const v of ["constructor", "__proto__", "toString", "hasOwnProperty"]) {
      expect(parseZone(v), v).toBeUndefined();
      expect(parseClassification(v), v).toBeUndefined();
    }
    // a value parsed before gives the same answer (values are memoized)
    expect(parseZone(" MyNumber ")).toBe("mynumber");
  });
  it("classifications", () => {
    for (const [v, c] of [
      ["I", "I"], ["ii", "II"], ["III", "III"], ["IV", "IV"],
      ["1", "I"], ["2", "II"], ["3", "III"], ["4", "IV"], ["４", "IV"],
      ["重要性分類Ⅰ", "I"], ["重要性分類Ⅱ", "II"], ["重要性分類Ⅲ", "III"], ["重要性分類Ⅳ", "IV"],
      ["重要性分類II", "II"], ["重要性分類 3", "III"], ["Ⅳ", "IV"],
    ] as const) {
      expect(parseClassification(v), v).toBe(c);
    }
    expect(parseClassification(2)).toBe("II");
    expect(parseClassification("V")).toBeUndefined();
    expect(parseClassification("機密性3")).toBeUndefined();
  });
});

/** A cdk.tf.json with the given resources (`{ "type.name": body }`). */
function stack(resources: Record<string, Record<string, Json>>): Json {
  const resource: Record<string, Record<string, Json>> = {};
  for (const [addr, body] of Object.entries(resources)) {
    const [type, name] = addr.split(".") as [string, string];
    (resource[type] ??= {})[name] = body;
  }
  return { resource } as Json;
}

describe("zone inheritance", () => {
  it("tags win over inheritance; inheritance goes both directions, nearest first", () => {
    const d = normalizeDocument(
      stack({
        "aws_vpc.v": { tags: { "sanso:zone": "lgwan" } },
        "aws_subnet.s": { vpc_id: "${aws_vpc.v.id}" },
        "aws_instance.i": { subnet_id: "${aws_subnet.s.id}" },
        "aws_instance.tagged": { subnet_id: "${aws_subnet.s.id}", tags: { "sanso:zone": "internet" } },
      }),
      "f.json",
    );
    expect(d.resources["aws_subnet.s"]!.zone).toBe("lgwan"); // referenced VPC
    expect(d.resources["aws_instance.i"]!.zone).toBe("lgwan"); // two hops
    expect(d.resources["aws_instance.tagged"]!.zone).toBe("internet");
    expect(d.resources["aws_vpc.v"]!.zone_source).toBe("tag");
  });

  it("the strictest zone wins between neighbours at the same distance", () => {
    const d = normalizeDocument(
      stack({
        "aws_s3_bucket.a": { tags: { "sanso:zone": "internet", "sanso:classification": "IV" } },
        "aws_s3_bucket.b": { tags: { "sanso:zone": "mynumber", "sanso:classification": "I" } },
        "aws_kms_key.shared": {},
        "aws_s3_bucket_server_side_encryption_configuration.a": { bucket: "${aws_s3_bucket.a.id}", rule: [{ apply_server_side_encryption_by_default: { kms_master_key_id: "${aws_kms_key.shared.arn}" } }] },
        "aws_s3_bucket_server_side_encryption_configuration.b": { bucket: "${aws_s3_bucket.b.id}", rule: [{ apply_server_side_encryption_by_default: { kms_master_key_id: "${aws_kms_key.shared.arn}" } }] },
      }),
      "f.json",
    );
    expect(d.resources["aws_s3_bucket_server_side_encryption_configuration.a"]!.zone).toBe("internet");
    expect(d.resources["aws_kms_key.shared"]!.zone).toBe("mynumber");
    expect(d.resources["aws_kms_key.shared"]!.classification).toBe("I");
  });

  it("data sources take a zone but do not pass it on", () => {
    const d = normalizeDocument(
      {
        resource: {
          aws_s3_bucket: { m: { tags: { "sanso:zone": "mynumber" }, bucket: "${data.aws_caller_identity.me.account_id}-m" } },
          aws_instance: { web: { tags: { Name: "x" }, user_data: "${data.aws_caller_identity.me.account_id}" } },
        },
        data: { aws_caller_identity: { me: {} } },
      } as Json,
      "f.json",
    );
    expect(d.resources["data.aws_caller_identity.me"]!.zone).toBe("mynumber");
    expect(d.resources["aws_instance.web"]!.zone).toBeNull();
  });

  it("a long chain of 20k resources inherits end to end (no recursion limit)", () => {
    const resources: Record<string, Record<string, Json>> = { "aws_vpc.r0": { tags: { "sanso:zone": "lgwan" } } };
    for (let i = 1; i < 20_000; i++) resources[`aws_vpc.r${i}`] = { peer: `\${aws_vpc.r${i - 1}.id}` };
    const d = normalizeDocument(stack(resources), "f.json");
    expect(d.resources["aws_vpc.r19999"]!.zone).toBe("lgwan");
  });
});
