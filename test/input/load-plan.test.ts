import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { loadInputs, normalizeDocument } from "../../src/input/index.js";
import type { Json } from "../../src/input/index.js";

const PLAN = join(import.meta.dirname, "../fixtures/input/plan-modules.json");
const A = 'module.records["a"]';
const B = 'module.records["b"]';

describe("terraform show -json plan", () => {
  it("records source, stack name and format version", async () => {
    const [d] = await loadInputs([PLAN]);
    expect(d!.format).toBe("plan");
    expect(d!.stack).toBe("plan-modules");
    expect(d!.source).toEqual({ file: PLAN, format: "plan", format_version: "1.2", tool_version: "1.5.7" });
    expect(d!.variables).toEqual({ region: "ap-northeast-1" });
  });

  it("lists root, module and for_each / count instances, deleted resources and data sources", async () => {
    const [d] = await loadInputs([PLAN]);
    expect(Object.keys(d!.resources)).toEqual([
      "aws_db_instance.db",
      "aws_iam_policy.readers",
      "aws_instance.old",
      "aws_kms_key.k",
      "aws_s3_bucket.osaka",
      "aws_subnet.s[0]",
      "aws_subnet.s[1]",
      "aws_vpc.v",
      "data.aws_iam_policy_document.deny_insecure",
      `${A}.aws_s3_bucket.b`,
      `${A}.aws_s3_bucket_server_side_encryption_configuration.sse`,
      `${B}.aws_s3_bucket.b`,
      `${B}.aws_s3_bucket_server_side_encryption_configuration.sse`,
    ]);
    const b = d!.resources[`${A}.aws_s3_bucket.b`]!;
    expect([b.type, b.name, b.mode, b.module]).toEqual(["aws_s3_bucket", "b", "managed", A]);
    const ds = d!.resources["data.aws_iam_policy_document.deny_insecure"]!;
    expect([ds.mode, ds.type, ds.name, ds.action]).toEqual(["data", "aws_iam_policy_document", "deny_insecure", "read"]);
  });

  it("records the line of each resource in the plan file", async () => {
    const [d] = await loadInputs([PLAN]);
    expect(d!.resources[`${B}.aws_s3_bucket.b`]!.source).toEqual({ construct: null, file: PLAN, line: 113 });
    expect(d!.resources["aws_instance.old"]!.source.line).toBe(152); // only in resource_changes
    expect(d!.resources["data.aws_iam_policy_document.deny_insecure"]!.source.line).toBe(169); // prior_state
  });

  it("maps actions, keeping before-values of deleted resources", async () => {
    const [d] = await loadInputs([PLAN]);
    const act = (a: string) => d!.resources[a]!.action;
    expect(act("aws_kms_key.k")).toBe("create");
    expect(act("aws_vpc.v")).toBe("no-op");
    expect(act("aws_subnet.s[0]")).toBe("update");
    expect(act("aws_db_instance.db")).toBe("replace");
    const old = d!.resources["aws_instance.old"]!;
    expect(old.action).toBe("delete");
    expect(old.values).toEqual({ ami: "ami-0123456789abcdef0", associate_public_ip_address: true, subnet_id: "subnet-0abc" });
  });

  it("keeps unknown values apart from absent ones (only true leaves)", async () => {
    const [d] = await loadInputs([PLAN]);
    const sse = d!.resources[`${A}.aws_s3_bucket_server_side_encryption_configuration.sse`]!;
    // unknown: what the configuration sets from values known only after apply
    expect(sse.unknown).toEqual({ bucket: true, rule: [{ apply_server_side_encryption_by_default: [{ kms_master_key_id: true }] }] });
    // computed: unknown, but the configuration does not set it (the provider chooses)
    expect(sse.computed).toEqual({ id: true });
    expect(sse.values.rule).toEqual([{ apply_server_side_encryption_by_default: [{ sse_algorithm: "aws:kms" }], bucket_key_enabled: true }]);
    expect(d!.resources["aws_kms_key.k"]!.unknown).toEqual({});
    expect(d!.resources["aws_kms_key.k"]!.computed).toEqual({ arn: true, id: true, key_id: true, policy: true });
    expect(d!.resources["aws_iam_policy.readers"]!.unknown).toEqual({ policy: true });
    expect(d!.resources["aws_vpc.v"]!.unknown).toEqual({});
    expect(d!.resources["aws_vpc.v"]!.computed).toEqual({});
  });

  it("marks sensitive paths", async () => {
    const [d] = await loadInputs([PLAN]);
    expect(d!.resources["aws_db_instance.db"]!.sensitive).toEqual({ password: true });
    expect(d!.resources["aws_kms_key.k"]!.sensitive).toEqual({});
  });

  it("resolves configuration references inside modules, through variables and module outputs", async () => {
    const [d] = await loadInputs([PLAN]);
    for (const m of [A, B]) {
      expect(d!.resources[`${m}.aws_s3_bucket_server_side_encryption_configuration.sse`]!.refs).toEqual({
        bucket: [`${m}.aws_s3_bucket.b`],
        "rule.0.apply_server_side_encryption_by_default.0.kms_master_key_id": ["aws_kms_key.k"],
      });
    }
    expect(d!.resources["aws_iam_policy.readers"]!.refs).toEqual({ policy: [`${A}.aws_s3_bucket.b`] });
    // `module.records` without an output: every output of every instance
    expect(d!.resources["data.aws_iam_policy_document.deny_insecure"]!.refs).toEqual({
      "statement.0.resources": [`${A}.aws_s3_bucket.b`, `${B}.aws_s3_bucket.b`],
    });
    expect(d!.related["aws_kms_key.k"]).toEqual({
      aws_s3_bucket_server_side_encryption_configuration: [
        `${A}.aws_s3_bucket_server_side_encryption_configuration.sse`,
        `${B}.aws_s3_bucket_server_side_encryption_configuration.sse`,
      ],
    });
  });

  it("maps a configuration resource to all its instances, and indexed references to one", async () => {
    const [d] = await loadInputs([PLAN]);
    expect(d!.resources["aws_subnet.s[0]"]!.refs).toEqual({ cidr_block: ["aws_vpc.v"], vpc_id: ["aws_vpc.v"] });
    expect(d!.resources["aws_subnet.s[1]"]!.refs).toEqual({ cidr_block: ["aws_vpc.v"], vpc_id: ["aws_vpc.v"] });
    expect(d!.resources["aws_db_instance.db"]!.refs).toEqual({ db_subnet_group_name: ["aws_subnet.s[1]"] });
    expect(d!.related["aws_vpc.v"]).toEqual({ aws_subnet: ["aws_subnet.s[0]", "aws_subnet.s[1]"] });
  });

  it("takes tags from provider default tags, tags_all and tags; zone and classification aliases", async () => {
    const [d] = await loadInputs([PLAN]);
    const k = d!.resources["aws_kms_key.k"]!;
    expect(k.tags).toEqual({ env: "prod", "sanso:zone": "mynumber", "sanso:classification": "1" });
    expect([k.zone, k.classification]).toEqual(["mynumber", "I"]);
    const ba = d!.resources[`${A}.aws_s3_bucket.b`]!;
    expect([ba.classification, ba.classification_source]).toEqual(["II", "tag"]);
    expect([ba.zone, ba.zone_source]).toEqual(["mynumber", "inherited"]);
    expect(d!.resources["aws_subnet.s[1]"]!.zone).toBe("lgwan");
    expect(d!.resources["aws_db_instance.db"]!.zone).toBe("lgwan");
  });

  it("takes regions from provider configuration (also through variables) and aliases", async () => {
    const [d] = await loadInputs([PLAN]);
    expect(d!.providers).toEqual({
      aws: { name: "aws", alias: null, region: "ap-northeast-1", default_tags: { env: "prod" }, account_ids: [] },
      "aws.osaka": { name: "aws", alias: "osaka", region: "ap-northeast-3", default_tags: {}, account_ids: [] },
    });
    expect(d!.resources["aws_s3_bucket.osaka"]!.region).toBe("ap-northeast-3");
    expect(d!.resources["aws_s3_bucket.osaka"]!.provider).toBe("aws.osaka");
    // module resources whose provider_config_key is `records:aws`
    expect(d!.resources[`${A}.aws_s3_bucket.b`]!.region).toBe("ap-northeast-1");
  });

  it("prefers the resource's own region argument (provider v6)", () => {
    const doc = {
      format_version: "1.2",
      planned_values: {
        root_module: {
          resources: [{ address: "aws_s3_bucket.b", mode: "managed", type: "aws_s3_bucket", name: "b", values: { region: "us-east-1" } }],
        },
      },
      configuration: { provider_config: { aws: { name: "aws", expressions: { region: { constant_value: "ap-northeast-1" } } } } },
    };
    const d = normalizeDocument(doc as Json, "p.json");
    expect(d.resources["aws_s3_bucket.b"]!.region).toBe("us-east-1");
    expect(d.resources["aws_s3_bucket.b"]!.action).toBeNull();
  });

  it("matches count instances by key when an attribute refers to another counted resource", () => {
    const inst = (type: string, i: number) => ({ address: `${type}.x[${i}]`, mode: "managed", type, name: "x", index: i, values: {} });
    const doc = {
      format_version: "1.1",
      planned_values: { root_module: { resources: [0, 1, 2].flatMap((i) => [inst("aws_s3_bucket", i), inst("aws_s3_bucket_policy", i)]) } },
      configuration: {
        root_module: {
          resources: [
            { address: "aws_s3_bucket.x", mode: "managed", type: "aws_s3_bucket", name: "x", expressions: {} },
            { address: "aws_s3_bucket_policy.x", mode: "managed", type: "aws_s3_bucket_policy", name: "x", expressions: { bucket: { references: ["aws_s3_bucket.x"] } } },
          ],
        },
      },
    };
    const d = normalizeDocument(doc as Json, "p.json");
    expect(d.resources["aws_s3_bucket_policy.x[2]"]!.refs).toEqual({ bucket: ["aws_s3_bucket.x[2]"] });
  });
});

describe("locateResources", () => {
  it("finds plan addresses with escaped keys, pretty or minified", async () => {
    const { locateResources } = await import("../../src/input/index.js");
    const doc = { planned_values: { root_module: { resources: [{ address: 'aws_s3_bucket.b["a\\"q"]', values: { note: '"address": "fake"' } }, { address: "aws_kms_key.k" }] } } };
    const pretty = locateResources(JSON.stringify(doc, null, 2), "plan");
    expect(pretty.get('aws_s3_bucket.b["a\\"q"]')).toBe(6);
    expect(pretty.get("aws_kms_key.k")).toBe(12);
    expect(pretty.has("fake")).toBe(false);
    const mini = locateResources(JSON.stringify(doc), "plan");
    expect([...mini.values()]).toEqual([1, 1]);
  });
});

describe("several inputs", () => {
  it("keeps stack names unique across inputs", async () => {
    const docs = await loadInputs([PLAN, PLAN]);
    expect(docs.map((d) => d.stack)).toEqual(["plan-modules", `plan-modules (${PLAN})`]);
  });
});

describe("account of a plan's provider", () => {
  it("reads allowed_account_ids (literal 12-digit ids only)", () => {
    const plan = JSON.parse(readFileSync(PLAN, "utf8"));
    plan.configuration.provider_config.aws.expressions.allowed_account_ids = { constant_value: ["111122223333", "not-an-id"] };
    const d = normalizeDocument(plan, "p.json");
    expect(d.providers.aws!.account_ids).toEqual(["111122223333"]);
  });
});
