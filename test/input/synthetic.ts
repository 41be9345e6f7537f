/**
 * A synthetic `terraform show -json` plan with `units * 5` resources, for performance checks:
 * per unit a KMS key, a bucket, its SSE configuration (referencing both), its public access
 * block and its bucket policy, all as `count` instances; every tenth bucket carries a zone tag.
 */
export function syntheticPlan(units: number): Record<string, unknown> {
  const resources: unknown[] = [];
  const changes: unknown[] = [];
  const add = (type: string, i: number, values: Record<string, unknown>, unknown: Record<string, unknown>) => {
    const address = `${type}.x[${i}]`;
    resources.push({ address, mode: "managed", type, name: "x", index: i, provider_name: "registry.terraform.io/hashicorp/aws", schema_version: 0, values, sensitive_values: {} });
    changes.push({ address, mode: "managed", type, name: "x", index: i, provider_name: "registry.terraform.io/hashicorp/aws", change: { actions: ["create"], before: null, after: values, after_unknown: unknown, before_sensitive: false, after_sensitive: {} } });
  };
  for (let i = 0; i < units; i++) {
    const zone = i % 10 === 0 ? { "sanso:zone": i % 20 === 0 ? "mynumber" : "インターネット接続系", "sanso:classification": "II" } : null;
    add("aws_kms_key", i, { enable_key_rotation: true, deletion_window_in_days: 30 }, { arn: true, id: true });
    add("aws_s3_bucket", i, { bucket: `bucket-${i}`, tags: zone }, { arn: true, id: true, tags_all: true });
    add("aws_s3_bucket_server_side_encryption_configuration", i, { rule: [{ apply_server_side_encryption_by_default: [{ sse_algorithm: "aws:kms" }] }] }, { bucket: true, rule: [{ apply_server_side_encryption_by_default: [{ kms_master_key_id: true }] }] });
    add("aws_s3_bucket_public_access_block", i, { block_public_acls: true, block_public_policy: true, ignore_public_acls: true, restrict_public_buckets: true }, { bucket: true });
    add("aws_s3_bucket_policy", i, {}, { bucket: true, policy: true });
  }
  const cfg = (type: string, expressions: Record<string, unknown>) => ({
    address: `${type}.x`, mode: "managed", type, name: "x", provider_config_key: "aws", expressions, schema_version: 0,
    count_expression: { references: ["var.n"] },
  });
  const bucketRef = { references: ["aws_s3_bucket.x[count.index].id", "aws_s3_bucket.x"] };
  return {
    format_version: "1.2",
    terraform_version: "1.5.7",
    variables: { n: { value: units } },
    planned_values: { root_module: { resources } },
    resource_changes: changes,
    configuration: {
      provider_config: { aws: { name: "aws", expressions: { region: { constant_value: "ap-northeast-1" } } } },
      root_module: {
        resources: [
          cfg("aws_kms_key", { enable_key_rotation: { constant_value: true } }),
          cfg("aws_s3_bucket", { bucket: { references: ["count.index"] } }),
          cfg("aws_s3_bucket_server_side_encryption_configuration", {
            bucket: bucketRef,
            rule: [{ apply_server_side_encryption_by_default: [{ kms_master_key_id: { references: ["aws_kms_key.x[count.index].arn", "aws_kms_key.x"] }, sse_algorithm: { constant_value: "aws:kms" } }] }],
          }),
          cfg("aws_s3_bucket_public_access_block", { bucket: bucketRef }),
          cfg("aws_s3_bucket_policy", { bucket: bucketRef, policy: { references: ["aws_s3_bucket.x[count.index].arn", "aws_s3_bucket.x"] } }),
        ],
      },
    },
  };
}
