/**
 * A synthetic normalized stack for cost measurements: `n` LGWAN systems, each with a bucket and
 * its split resources, a VPC with subnets, flow log, security group, instance and database.
 */
import type { NormalizedInput, NormalizedResource } from "../../src/input/types.js";

type R = Partial<NormalizedResource> & { address: string; type: string };

/** A normalized stack of `n` LGWAN systems: bucket with split resources, VPC, subnets, SG, instance, DB. */
export function syntheticStack(n: number): NormalizedInput {
  const rs: R[] = [];
  const tags = { "sanso:zone": "lgwan", "sanso:classification": "II", "sanso:owner": "総務課", "sanso:environment": "production" };
  const add = (type: string, name: string, values: Record<string, unknown>, refs: Record<string, string[]> = {}, extra: Partial<NormalizedResource> = {}) =>
    rs.push({ address: `${type}.${name}`, type, name, values: values as any, refs, ...extra });
  add("aws_kms_key", "zone", { enable_key_rotation: true });
  add("aws_s3_bucket", "logs", { bucket: "logs", object_lock_enabled: true }, {}, { classification: "III" });
  add("aws_s3_bucket_server_side_encryption_configuration", "logs", { rule: [{ apply_server_side_encryption_by_default: [{ sse_algorithm: "AES256" }] }] }, { bucket: ["aws_s3_bucket.logs"] });
  add("aws_s3_bucket_public_access_block", "logs", { block_public_acls: true, block_public_policy: true, ignore_public_acls: true, restrict_public_buckets: true }, { bucket: ["aws_s3_bucket.logs"] });
  add("aws_backup_selection", "all", { resources: ["*"], condition: [{ string_equals: [{ key: "aws:ResourceTag/sanso:classification", value: "II" }] }] });
  for (let i = 0; i < n; i++) {
    const b = `aws_s3_bucket.b${i}`;
    add("aws_s3_bucket", `b${i}`, { bucket: `bucket-${i}` }, {}, { classification: "II" });
    add("aws_s3_bucket_server_side_encryption_configuration", `b${i}`, { rule: [{ apply_server_side_encryption_by_default: [{ sse_algorithm: "aws:kms" }] }] },
      { bucket: [b], "rule.0.apply_server_side_encryption_by_default.0.kms_master_key_id": ["aws_kms_key.zone"] });
    add("aws_s3_bucket_public_access_block", `b${i}`, { block_public_acls: true, block_public_policy: true, ignore_public_acls: true, restrict_public_buckets: true }, { bucket: [b] });
    add("aws_s3_bucket_versioning", `b${i}`, { versioning_configuration: [{ status: "Enabled" }] }, { bucket: [b] });
    add("aws_s3_bucket_logging", `b${i}`, { target_bucket: "logs" }, { bucket: [b], target_bucket: ["aws_s3_bucket.logs"] });
    add("aws_s3_bucket_policy", `b${i}`, { policy: JSON.stringify({ Statement: [{ Effect: "Deny", Principal: "*", Action: "s3:*", Condition: { Bool: { "aws:SecureTransport": "false" } } }] }) }, { bucket: [b] });
    add("aws_vpc", `v${i}`, { cidr_block: "10.0.0.0/16" });
    add("aws_subnet", `s${i}a`, { availability_zone: "ap-northeast-1a" }, { vpc_id: [`aws_vpc.v${i}`] });
    add("aws_subnet", `s${i}c`, { availability_zone: "ap-northeast-1c" }, { vpc_id: [`aws_vpc.v${i}`] });
    add("aws_flow_log", `v${i}`, {}, { vpc_id: [`aws_vpc.v${i}`] });
    add("aws_security_group", `sg${i}`, {}, { vpc_id: [`aws_vpc.v${i}`] });
    add("aws_vpc_security_group_ingress_rule", `sg${i}`, { cidr_ipv4: "10.0.0.0/16", ip_protocol: "tcp", from_port: 443, to_port: 443 }, { security_group_id: [`aws_security_group.sg${i}`] });
    add("aws_instance", `i${i}`, { metadata_options: [{ http_tokens: "required" }], root_block_device: [{ encrypted: true }] }, { subnet_id: [`aws_subnet.s${i}a`], vpc_security_group_ids: [`aws_security_group.sg${i}`] });
    add("aws_db_instance", `db${i}`, { engine: "postgres", storage_encrypted: true, multi_az: true, username: "app_owner" }, { vpc_security_group_ids: [`aws_security_group.sg${i}`] }, { classification: "II" });
  }
  const resources: Record<string, NormalizedResource> = {};
  const byType: Record<string, string[]> = {};
  const related: Record<string, Record<string, string[]>> = {};
  const link = (a: string, b: string, t: string) => ((related[a] ??= {})[t] ??= []).push(b);
  for (const r of rs) {
    resources[r.address] = {
      name: "", mode: "managed", module: null, unknown: {}, computed: {}, sensitive: {}, tags, zone: "lgwan", zone_source: "tag",
      classification: r.classification ?? null, classification_source: r.classification ? "tag" : null,
      region: "ap-northeast-1", provider: "aws", source: { construct: null, file: "synthetic" }, action: "create",
      ...r, values: r.values ?? {}, refs: r.refs ?? {},
    } as NormalizedResource;
    (byType[r.type] ??= []).push(r.address);
  }
  for (const r of rs) {
    for (const targets of Object.values(r.refs ?? {})) {
      for (const t of targets) {
        link(r.address, t, resources[t]!.type);
        link(t, r.address, r.type);
      }
    }
  }
  return {
    format: "cdktf", stack: "synthetic", source: { file: "synthetic", format: "cdk.tf.json" }, resources, by_type: byType, related,
    providers: { aws: { name: "aws", alias: null, region: "ap-northeast-1", default_tags: { "sanso:environment": "production", "sanso:platform": "gcas" } } },
    diagnostics: [],
  };
}

