import { existsSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { loadInputs } from "../../src/input/index.js";
import type { NormalizedInput } from "../../src/input/index.js";
import { sharedPath } from "../shared-dir.js";

// Real plans from other projects (see ../shared/iac-samples/SOURCE.md). Absent in a fresh clone.
const DIR = sharedPath("iac-samples/plan-json");
const present = existsSync(DIR);

const load = async (name: string): Promise<NormalizedInput> => (await loadInputs([join(DIR, name)]))[0]!;

/** file -> [resources, of which data sources, of which in modules] */
const COUNTS: Record<string, [number, number, number]> = {
  "checkov__terraform__image_referencer__resources__aws__codebuild_tfplan.json": [3, 0, 0],
  "checkov__terraform__parser__resources__plan_after_unknown__tfplan.json": [1, 0, 0],
  "checkov__terraform__parser__resources__plan_tags_variety__tfplan.json": [3, 0, 0],
  "checkov__terraform__runner__resources__plan__tfplan.json": [59, 4, 0],
  "checkov__terraform__runner__resources__plan_change_keys__tfplan.json": [2, 0, 0],
  "checkov__terraform__runner__resources__plan_nested_child_modules_with_connections__tfplan.json": [10, 1, 8],
  "checkov__terraform__runner__resources__plan_with_deleted_resources__tfplan.json": [1, 0, 0],
  "checkov__terraform__runner__resources__plan_with_iam_policies__tfplan.json": [8, 1, 0],
  "regula__aws__s3__inputs__bucket_sse_infra.json": [4, 0, 0],
  "regula__aws__security_group__inputs__ingress_anywhere_infra.json": [5, 0, 0],
  "regula__aws__vpc__inputs__flow_log_infra.json": [6, 0, 0],
  "terraform-compliance__functional__test_issue-127__plan.out.json": [39, 33, 32],
  "terraform-compliance__functional__test_issue-158__plan.out.json": [29, 0, 29],
  "terraform-compliance__functional__test_issue_401__plan.out.json": [1, 0, 0],
  "terraform-compliance__functional__test_issue_522__plan.out.json": [23, 8, 0],
};

describe.skipIf(!present)("shared real-world plans", () => {
  it("reads every plan without error", async () => {
    const files = readdirSync(DIR).filter((f) => f.endsWith(".json")).sort();
    expect(files.length).toBeGreaterThan(0);
    for (const f of files) {
      const d = await load(f);
      expect(d.format).toBe("plan");
      const rs = Object.values(d.resources);
      const expected = COUNTS[f];
      if (expected) {
        expect([rs.length, rs.filter((r) => r.mode === "data").length, rs.filter((r) => r.module !== null).length], f).toEqual(expected);
      }
      // No sanso tags in these plans: no zone, no classification.
      expect(rs.every((r) => r.zone === null && r.classification === null), f).toBe(true);
      // every ref target exists and related is symmetric
      for (const r of rs) {
        for (const targets of Object.values(r.refs)) {
          for (const t of targets) {
            expect(d.resources[t], `${f}: ${r.address} -> ${t}`).toBeDefined();
            const back = Object.values(d.related[t] ?? {}).flat();
            expect(back, `${f}: related[${t}]`).toContain(r.address);
          }
        }
      }
      const byType = Object.values(d.by_type).flat().sort();
      expect(byType).toEqual(Object.keys(d.resources).sort());
    }
  });

  it("regula bucket SSE: the KMS-encrypted bucket is joined to its key; unknown key id kept", async () => {
    const d = await load("regula__aws__s3__inputs__bucket_sse_infra.json");
    expect(d.source.format_version).toBe("0.1");
    expect(d.by_type.aws_s3_bucket).toEqual(["aws_s3_bucket.aes_encrypted", "aws_s3_bucket.kms_encrypted", "aws_s3_bucket.unencrypted"]);
    const kms = d.resources["aws_s3_bucket.kms_encrypted"]!;
    expect(kms.refs).toEqual({ "server_side_encryption_configuration.0.rule.0.apply_server_side_encryption_by_default.0.kms_master_key_id": ["aws_kms_key.key"] });
    expect(d.related["aws_s3_bucket.kms_encrypted"]).toEqual({ aws_kms_key: ["aws_kms_key.key"] });
    expect(d.related["aws_kms_key.key"]).toEqual({ aws_s3_bucket: ["aws_s3_bucket.kms_encrypted"] });
    expect(kms.unknown).toMatchObject({
      server_side_encryption_configuration: [{ rule: [{ apply_server_side_encryption_by_default: [{ kms_master_key_id: true }] }] }],
    });
    expect(d.resources["aws_s3_bucket.aes_encrypted"]!.values.server_side_encryption_configuration).toEqual([
      { rule: [{ apply_server_side_encryption_by_default: [{ sse_algorithm: "AES256" }] }] },
    ]);
    // the plan lists kms_master_key_id and bucket_key_enabled as null: arguments not set are absent, as in cdk.tf.json
    expect(JSON.stringify(d.resources["aws_s3_bucket.aes_encrypted"]!.values)).not.toContain("null");
    expect(d.related["aws_s3_bucket.unencrypted"]).toBeUndefined();
    expect(d.resources["aws_s3_bucket.unencrypted"]!.region).toBe("us-east-1");
  });

  it("nested child modules: module addresses, split bucket resources joined inside each module", async () => {
    const d = await load("checkov__terraform__runner__resources__plan_nested_child_modules_with_connections__tfplan.json");
    const sub = "module.s3_module.module.s3_submodule";
    expect(d.resources[`${sub}.aws_s3_bucket.submodule_bucket`]!.module).toBe(sub);
    expect(d.related[`${sub}.aws_s3_bucket.submodule_bucket`]).toEqual({
      aws_s3_bucket_public_access_block: [`${sub}.aws_s3_bucket_public_access_block.submodule_bucket`],
    });
    expect(d.resources["module.s3_bucket.aws_s3_bucket_public_access_block.this[0]"]!.refs).toEqual({
      bucket: ["module.s3_bucket.aws_s3_bucket.this[0]"],
    });
    expect(d.resources["aws_s3_bucket_public_access_block.root"]!.refs).toEqual({ bucket: ["aws_s3_bucket.root_bucket"] });
    expect(d.resources["module.s3_bucket.data.aws_canonical_user_id.this"]!.mode).toBe("data");
  });

  it("deleted resources: replace (create-before-destroy) and delete actions", async () => {
    const d = await load("checkov__terraform__runner__resources__plan_with_deleted_resources__tfplan.json");
    expect(d.resources["aws_secretsmanager_secret.default"]!.action).toBe("replace");
    const d2 = await load("terraform-compliance__functional__test_issue_522__plan.out.json");
    const deleted = Object.values(d2.resources).filter((r) => r.action === "delete").map((r) => r.address);
    expect(deleted).toEqual([
      "aws_cloudwatch_event_rule.Metricos_custom_alert_schedule_frequent[0]",
      "aws_cloudwatch_event_target.Metricos_custom_alert_event_target_frequent[0]",
    ]);
    // a deleted resource keeps its before-values
    expect(d2.resources[deleted[0]!]!.values).toHaveProperty("schedule_expression");
    const actions = new Set(Object.values(d2.resources).map((r) => r.action));
    expect([...actions].sort()).toEqual(["create", "delete", "no-op", "read", "update"]);
  });

  it("after_unknown: a value unknown until apply is marked, its planned value absent", async () => {
    const d = await load("checkov__terraform__parser__resources__plan_after_unknown__tfplan.json");
    const cf = d.resources["aws_cloudfront_distribution.cloudfront"]!;
    expect(cf.unknown).toEqual({ logging_config: [{ bucket: true }] });
    expect(cf.values.logging_config).toEqual([{ include_cookies: false, prefix: "cloudfront" }]);
  });

  it("Terraform 0.12 prior_state: module data sources get absolute, keyed addresses", async () => {
    const d = await load("terraform-compliance__functional__test_issue-127__plan.out.json");
    expect(d.by_type["data.null_data_source"]).toHaveLength(32);
    expect(d.by_type["data.null_data_source"]![0]).toBe("module.tagsmod.data.null_data_source.tags_as_list_of_maps[0]");
    expect(d.resources["aws_autoscaling_group.example"]!.refs).toMatchObject({
      availability_zones: ["data.aws_availability_zones.all"],
      launch_configuration: ["aws_launch_configuration.example"],
      load_balancers: ["aws_elb.example"],
    });
  });

  it("IAM policies: policy documents from data sources are joined to the policies using them", async () => {
    const d = await load("checkov__terraform__runner__resources__plan_with_iam_policies__tfplan.json");
    expect(d.related["data.aws_iam_policy_document.fail_1"]).toEqual({
      aws_iam_role_policy: ["aws_iam_role_policy.fail_1"],
      aws_iam_user_policy: ["aws_iam_user_policy.fail_3"],
    });
    expect(d.resources["data.aws_iam_policy_document.fail_1"]!.values).toHaveProperty("json");
  });

  it("module with count instances (terraform-aws-modules/vpc)", async () => {
    const d = await load("terraform-compliance__functional__test_issue-158__plan.out.json");
    expect(d.resources["module.vpc.aws_route_table_association.private[2]"]!.refs).toEqual({
      route_table_id: ["module.vpc.aws_route_table.private[2]"],
      subnet_id: ["module.vpc.aws_subnet.private[2]"],
    });
    expect(d.resources["module.vpc.aws_vpc.this[0]"]!.region).toBe("eu-west-1");
  });

  it("defaultZone gives untagged real-world resources a zone", async () => {
    const [d] = await loadInputs([join(DIR, "regula__aws__vpc__inputs__flow_log_infra.json")], { defaultZone: "internet" });
    expect(Object.values(d!.resources).every((r) => r.zone === "internet" && r.zone_source === "default")).toBe(true);
    expect(d!.related["aws_vpc.valid_vpc"]).toEqual({ aws_flow_log: ["aws_flow_log.valid_vpc_flow_log"] });
    expect(d!.related["aws_vpc.invalid_vpc"]).toBeUndefined();
  });
});
