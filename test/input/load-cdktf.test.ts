import { writeFile, readFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { loadInputs } from "../../src/input/index.js";
import { tempDir } from "../tmp.js";

const FIX = join(import.meta.dirname, "../fixtures/input");
const OUT = join(FIX, "cdktf.out");
const GOV = join(OUT, "stacks/gov-mynumber/cdk.tf.json");
const LGWAN = join(OUT, "stacks/lgwan-web/cdk.tf.json");

const BUCKET = "aws_s3_bucket.zone_records_bucket_5A0C3F1E";
const SSE = "aws_s3_bucket_server_side_encryption_configuration.zone_records_sse_1F6E0A77";
const KEY = "aws_kms_key.zone_key_8E2A4D61";
const POLICY = "aws_s3_bucket_policy.zone_records_policy_6B2F8C90";
const DOC = "data.aws_iam_policy_document.zone_records_tls-only_9C1B2E44";

describe("cdktf.out directory", () => {
  it("reads every stack of manifest.json, in name order, with its source", async () => {
    const docs = await loadInputs([OUT]);
    expect(docs.map((d) => d.stack)).toEqual(["gov-mynumber", "lgwan-web"]);
    expect(docs.every((d) => d.format === "cdktf")).toBe(true);
    expect(docs[0]!.source).toEqual({ file: GOV, format: "cdktf.out", tool_version: "0.21.0" });
    expect(docs[1]!.source.file).toBe(LGWAN);
  });

  it("keeps construct paths and the input file on every resource", async () => {
    const [gov] = await loadInputs([OUT]);
    expect(gov!.resources[BUCKET]!.source).toEqual({ construct: "gov-mynumber/zone/records/bucket", file: GOV, line: 102 });
    expect(gov!.resources[DOC]!.source.line).toBe(23);
    expect(gov!.resources[KEY]!.source.construct).toBe("gov-mynumber/zone/key/Resource");
    for (const r of Object.values(gov!.resources)) {
      expect(r.action).toBeNull();
      expect(r.unknown).toEqual({});
      expect(r.module).toBeNull();
    }
  });

  it("drops // metadata and meta-arguments from values", async () => {
    const [gov] = await loadInputs([OUT]);
    const policy = gov!.resources[POLICY]!;
    expect(policy.values).not.toHaveProperty("//");
    expect(policy.values).not.toHaveProperty("depends_on");
    expect(gov!.resources["aws_s3_bucket.zone_records_replica_0B7C9E12"]!.values).not.toHaveProperty("provider");
    expect(JSON.stringify(gov!.resources)).not.toContain('"//"');
  });

  it("wraps single nested blocks in arrays, like a plan, and leaves maps alone", async () => {
    const [gov] = await loadInputs([OUT]);
    expect(gov!.resources[SSE]!.values.rule).toEqual([
      {
        apply_server_side_encryption_by_default: [{ kms_master_key_id: `\${${KEY}.arn}`, sse_algorithm: "aws:kms" }],
        bucket_key_enabled: true,
      },
    ]);
    const lock = gov!.resources["aws_s3_bucket_object_lock_configuration.zone_records_lock_2E8B7D45"]!;
    expect(lock.values.rule).toEqual([{ default_retention: [{ days: 365, mode: "COMPLIANCE" }] }]);
    const fn = gov!.resources["aws_lambda_function.zone_worker_fn_3B8E1C72"]!;
    expect(fn.values.environment).toEqual([{ variables: { BUCKET: `\${${BUCKET}.bucket}`, MODE: "batch" } }]);
    expect(Array.isArray(fn.values.vpc_config)).toBe(true);
    expect(gov!.resources[BUCKET]!.values.tags).toMatchObject({ "sanso:owner": "市民課" });
  });

  it("resolves ${...} references per attribute path, including nested blocks, lists and data sources", async () => {
    const [gov] = await loadInputs([OUT]);
    expect(gov!.resources[SSE]!.refs).toEqual({
      bucket: [BUCKET],
      "rule.0.apply_server_side_encryption_by_default.0.kms_master_key_id": [KEY],
    });
    expect(gov!.resources[POLICY]!.refs).toEqual({ bucket: [BUCKET], policy: [DOC] });
    expect(gov!.resources[DOC]!.refs).toEqual({ "statement.0.resources": [BUCKET] });
    // several interpolations in one string, a reference inside a JSON string
    expect(gov!.resources[KEY]!.refs).toEqual({ policy: ["data.aws_caller_identity.zone_account_7D3F21A0"] });
    const fn = gov!.resources["aws_lambda_function.zone_worker_fn_3B8E1C72"]!;
    expect(fn.refs).toEqual({
      "environment.0.variables": [BUCKET],
      "vpc_config.0.security_group_ids": ["aws_security_group.zone_vpc_app-sg_5E7F9A23"],
      "vpc_config.0.subnet_ids": ["aws_subnet.zone_vpc_private-a_9A3B6C01"],
    });
  });

  it("joins both directions of every reference in related, and lists types in by_type", async () => {
    const [gov] = await loadInputs([OUT]);
    expect(gov!.related[BUCKET]).toEqual({
      aws_lambda_function: ["aws_lambda_function.zone_worker_fn_3B8E1C72"],
      aws_s3_bucket_object_lock_configuration: ["aws_s3_bucket_object_lock_configuration.zone_records_lock_2E8B7D45"],
      aws_s3_bucket_policy: [POLICY],
      aws_s3_bucket_public_access_block: ["aws_s3_bucket_public_access_block.zone_records_pab_3C9D2B18"],
      aws_s3_bucket_server_side_encryption_configuration: [SSE],
      "data.aws_iam_policy_document": [DOC],
    });
    expect(gov!.related[SSE]).toEqual({ aws_kms_key: [KEY], aws_s3_bucket: [BUCKET] });
    expect(gov!.by_type.aws_s3_bucket).toEqual([
      "aws_s3_bucket.zone_records_bucket_5A0C3F1E",
      "aws_s3_bucket.zone_records_regional_44D1A0B3",
      "aws_s3_bucket.zone_records_replica_0B7C9E12",
    ]);
    expect(gov!.by_type["data.aws_iam_policy_document"]).toEqual([DOC]);
    expect(gov!.by_type).not.toHaveProperty("aws_iam_policy_document");
  });

  it("takes zone and classification from tags (Japanese aliases) and inherits them along references", async () => {
    const [gov, lgwan] = await loadInputs([OUT]);
    const b = gov!.resources[BUCKET]!;
    expect([b.zone, b.zone_source, b.classification, b.classification_source]).toEqual(["mynumber", "tag", "I", "tag"]);
    const p = gov!.resources[POLICY]!;
    expect([p.zone, p.zone_source, p.classification, p.classification_source]).toEqual(["mynumber", "inherited", "I", "inherited"]);
    const subnet = gov!.resources["aws_subnet.zone_vpc_private-a_9A3B6C01"]!;
    expect([subnet.zone, subnet.zone_source]).toEqual(["mynumber", "inherited"]);
    // a bucket that neither carries nor inherits a zone
    expect(gov!.resources["aws_s3_bucket.zone_records_regional_44D1A0B3"]!.zone).toBeNull();
    // provider default_tags give the whole stack its zone
    for (const r of Object.values(lgwan!.resources)) expect([r.zone, r.zone_source]).toEqual(["lgwan", "tag"]);
    expect(gov!.diagnostics).toEqual([]);
  });

  it("merges provider default tags into tags", async () => {
    const [gov] = await loadInputs([OUT]);
    expect(gov!.resources[BUCKET]!.tags).toMatchObject({ "sanso:system": "住民記録", "sanso:env": "production", Name: "住民記録データ" });
    expect(gov!.resources["aws_s3_bucket.zone_records_replica_0B7C9E12"]!.tags).toEqual({ "sanso:classification": "I" });
  });

  it("applies defaultZone only to resources still without a zone", async () => {
    const [gov] = await loadInputs([OUT], { defaultZone: "internet" });
    const regional = gov!.resources["aws_s3_bucket.zone_records_regional_44D1A0B3"]!;
    expect([regional.zone, regional.zone_source]).toEqual(["internet", "default"]);
    expect(gov!.resources[POLICY]!.zone).toBe("mynumber");
  });

  it("takes regions from the resource argument, the aliased provider or the default provider", async () => {
    const [gov] = await loadInputs([OUT]);
    expect(gov!.providers).toMatchObject({ aws: { region: "ap-northeast-1" }, "aws.osaka": { region: "ap-northeast-3", alias: "osaka" } });
    expect(gov!.resources[BUCKET]!.region).toBe("ap-northeast-1");
    expect(gov!.resources[BUCKET]!.provider).toBe("aws");
    const replica = gov!.resources["aws_s3_bucket.zone_records_replica_0B7C9E12"]!;
    expect([replica.region, replica.provider]).toEqual(["ap-northeast-3", "aws.osaka"]);
    expect(gov!.resources["aws_s3_bucket.zone_records_regional_44D1A0B3"]!.region).toBe("ap-northeast-3");
  });
});

describe("cdk.tf.json file", () => {
  it("reads a single synthesized stack, naming it from its metadata", async () => {
    const [doc] = await loadInputs([GOV]);
    expect(doc!.stack).toBe("gov-mynumber");
    expect(doc!.source.format).toBe("cdk.tf.json");
    expect(Object.keys(doc!.resources)).toHaveLength(16);
  });

  it("gives the same document whether minified or pretty, and for cdktn output", async () => {
    const dir = tempDir("sanso-input-");
    const text = await readFile(GOV, "utf8");
    const parsed = JSON.parse(text);
    // cdktn (the CDK Terrain fork) writes the same document; only the tool version differs.
    parsed["//"].metadata.version = "0.22.0";
    const mini = join(dir, "cdk.tf.json");
    await writeFile(mini, JSON.stringify(parsed));
    const [a] = await loadInputs([GOV]);
    const [b] = await loadInputs([mini]);
    expect(b!.source.tool_version).toBe("0.22.0");
    // everything but the file name and the line numbers
    const strip = (d: typeof a) =>
      JSON.parse(JSON.stringify({ ...d, source: null }, (k, v) => (k === "line" ? undefined : v)).replaceAll(GOV, "F").replaceAll(mini, "F"));
    expect(strip(b)).toEqual(strip(a));
  });

  it("handles hand-written Terraform JSON: provider as an object, no metadata", async () => {
    const dir = tempDir("sanso-input-");
    const f = join(dir, "main.tf.json");
    await writeFile(
      f,
      JSON.stringify({
        provider: { aws: { region: "ap-northeast-1" } },
        resource: {
          aws_s3_bucket: { b: { bucket: "x", tags: { "sanso:zone": "インターネット接続系", "sanso:classification": "４" } } },
          aws_s3_bucket_versioning: { v: { bucket: "${aws_s3_bucket.b.id}", versioning_configuration: { status: "Enabled" } } },
          aws_s3_bucket_policy: { p: { bucket: "${aws_s3_bucket.b.id}", policy: "$${not.a_ref}" } },
        },
      }),
    );
    const [d] = await loadInputs([f]);
    expect(d!.stack).toBe("stack");
    expect(d!.resources["aws_s3_bucket.b"]!.zone).toBe("internet");
    expect(d!.resources["aws_s3_bucket.b"]!.classification).toBe("IV");
    expect(d!.resources["aws_s3_bucket_versioning.v"]!.values.versioning_configuration).toEqual([{ status: "Enabled" }]);
    expect(d!.resources["aws_s3_bucket_policy.p"]!.refs).toEqual({ bucket: ["aws_s3_bucket.b"] });
    expect(d!.resources["aws_s3_bucket.b"]!.region).toBe("ap-northeast-1");
  });

  it("reports unrecognized zone and classification tag values as diagnostics", async () => {
    const dir = tempDir("sanso-input-");
    const f = join(dir, "cdk.tf.json");
    await writeFile(f, JSON.stringify({ resource: { aws_s3_bucket: { b: { tags: { "sanso:zone": "dmz", "sanso:classification": "V" } } } } }));
    const [d] = await loadInputs([f]);
    expect(d!.resources["aws_s3_bucket.b"]!.zone).toBeNull();
    expect(d!.diagnostics.map((x) => x.message_en)).toEqual([
      'tag sanso:zone value "dmz" is not a known zone (mynumber / lgwan / internet or the Japanese names)',
      'tag sanso:classification value "V" is not a known classification (I-IV)',
    ]);
  });
});

describe("encodings", () => {
  const variants: Array<[string, (s: string) => Buffer]> = [
    ["UTF-8 with BOM", (s) => Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(s, "utf8")])],
    ["UTF-16 LE with BOM", (s) => Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(s, "utf16le")])],
    ["UTF-16 BE with BOM", (s) => Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from(s, "utf16le").swap16()])],
    ["UTF-16 LE without BOM", (s) => Buffer.from(s, "utf16le")],
  ];
  for (const [name, encode] of variants) {
    it(`reads ${name}`, async () => {
      const text = await readFile(LGWAN, "utf8");
      const dir = tempDir("sanso-input-");
      const f = join(dir, "cdk.tf.json");
      await writeFile(f, encode(text));
      const [d] = await loadInputs([f]);
      expect(d!.stack).toBe("lgwan-web");
      expect(d!.providers.aws!.default_tags).toEqual({ "sanso:zone": "LGWAN接続系" });
      expect(d!.resources["aws_vpc.web_vpc_1A2B3C4D"]!.zone).toBe("lgwan");
    });
  }
});

describe("only some stacks of a cdktf.out", () => {
  it("reads only the stacks named", async () => {
    const docs = await loadInputs([OUT], { stacks: ["lgwan-web"] });
    expect(docs.map((d) => d.stack)).toEqual(["lgwan-web"]);
    const all = await loadInputs([OUT]);
    expect(all.map((d) => d.stack).sort()).toEqual(["gov-mynumber", "lgwan-web"]);
  });

  it("a stack the manifest does not list is an error naming the directory", async () => {
    await expect(loadInputs([OUT], { stacks: ["nope"] })).rejects.toThrow(/cdktf\.out: no stack nope in the cdktf manifest \(stacks: gov-mynumber, lgwan-web\)/);
  });
});
