import { describe, expect, it } from "vitest";
import {
  BackupPolicy,
  FlowLogs,
  LogArchive,
  SecureBucket,
  SecureLogGroup,
  TAG,
  ZoneDatabase,
  ZoneKey,
} from "../../constructs/index.js";
import { internet, lgwan, mynumber, newStack } from "./fixtures.js";
import { policy, Tf, TfResource } from "./tf.js";

/** The split S3 resources that reference `bucket`. */
function parts(tf: Tf, bucket: TfResource) {
  const one = (type: string) => {
    const found = tf.referencing(bucket, type).filter((r) => tf.refs(r)[0] === bucket.address || r.values.bucket === `\${${bucket.address}.id}`);
    return found;
  };
  return {
    sse: one("aws_s3_bucket_server_side_encryption_configuration"),
    pab: one("aws_s3_bucket_public_access_block"),
    versioning: one("aws_s3_bucket_versioning"),
    logging: tf.ofType("aws_s3_bucket_logging").filter((l) => l.values.bucket === `\${${bucket.address}.id}`),
    loggedInto: tf.ofType("aws_s3_bucket_logging").filter((l) => l.values.target_bucket === `\${${bucket.address}.id}`),
    policy: one("aws_s3_bucket_policy"),
    objectLock: one("aws_s3_bucket_object_lock_configuration"),
    lifecycle: one("aws_s3_bucket_lifecycle_configuration"),
    notification: one("aws_s3_bucket_notification"),
  };
}

describe("SecureBucket", () => {
  const stack = newStack();
  const zone = mynumber(stack);
  const docs = new SecureBucket(zone, "Documents", { classification: "I", owner: "市民課" });
  const tf = Tf.synth(stack);
  const bucket = tf.byAddress.get(`aws_s3_bucket.${docs.bucket.friendlyUniqueId}`)!;

  it("is encrypted with SSE-KMS and the zone key (split resource)", () => {
    const { sse } = parts(tf, bucket);
    expect(sse).toHaveLength(1);
    const rule = sse[0].values.rule[0];
    expect(rule.apply_server_side_encryption_by_default.sse_algorithm).toBe("aws:kms");
    expect(rule.apply_server_side_encryption_by_default.kms_master_key_id).toBe(
      `\${aws_kms_key.${zone.key.key.friendlyUniqueId}.arn}`,
    );
    expect(rule.bucket_key_enabled).toBe(true);
  });

  it("blocks all public access, disables ACLs, versions objects", () => {
    const { pab, versioning } = parts(tf, bucket);
    expect(pab).toHaveLength(1);
    for (const k of ["block_public_acls", "block_public_policy", "ignore_public_acls", "restrict_public_buckets"]) {
      expect(pab[0].values[k], k).toBe(true);
    }
    expect(versioning[0].values.versioning_configuration.status).toBe("Enabled");
    const [own] = tf.referencing(bucket, "aws_s3_bucket_ownership_controls");
    expect(own.values.rule.object_ownership).toBe("BucketOwnerEnforced");
  });

  it("denies requests without TLS", () => {
    const { policy: pol } = parts(tf, bucket);
    const statements = policy(pol[0].values.policy).Statement;
    const deny = statements.find((s) => s.Condition?.Bool?.["aws:SecureTransport"] === "false");
    expect(deny).toMatchObject({ Effect: "Deny", Principal: "*", Action: "s3:*" });
    expect(deny.Resource).toEqual([`\${${bucket.address}.arn}`, `\${${bucket.address}.arn}/*`]);
  });

  it("logs access into the zone's access-log bucket", () => {
    const { logging } = parts(tf, bucket);
    expect(logging).toHaveLength(1);
    expect(logging[0].values.target_bucket).toBe(`\${aws_s3_bucket.${zone.logArchive.accessLogBucket.bucket.friendlyUniqueId}.id}`);
  });

  it("is tagged with classification, owner and zone", () => {
    expect(bucket.values.tags).toMatchObject({
      [TAG.classification]: "I",
      [TAG.owner]: "市民課",
      [TAG.zone]: "mynumber",
      [TAG.environment]: "development",
    });
    expect(bucket.values.force_destroy).toBe(false);
  });

  it("accepts class I only inside a MyNumberZone", () => {
    const s = newStack();
    const l = lgwan(s);
    const i = internet(s);
    expect(() => new SecureBucket(l, "B", { classification: "I", owner: "x" })).toThrow(/only be stored inside a MyNumberZone/);
    expect(() => new SecureBucket(i, "B", { classification: "I", owner: "x" })).toThrow(/MyNumberZone/);
    expect(() => new SecureBucket(s, "B", { classification: "II", owner: "x" })).toThrow(/inside a zone/);
    expect(() => new ZoneDatabase(l, "D", {
      classification: "I", owner: "x", engine: "postgres", engineVersion: "16.4", masterUsername: "app_owner",
    })).toThrow(/MyNumberZone/);
    expect(() => new BackupPolicy(i, "Bk", { classification: "I", owner: "x" })).toThrow(/MyNumberZone/);
    expect(() => new LogArchive(l, "L", { classification: "I", owner: "x" })).toThrow(/MyNumberZone/);
  });

  it("requires a valid classification and owner", () => {
    const s = newStack();
    const l = lgwan(s);
    expect(() => new SecureBucket(l, "A", { classification: "V" as never, owner: "x" })).toThrow(/I, II, III, IV/);
    expect(() => new SecureBucket(l, "B", { classification: "II", owner: "" })).toThrow(/owner/);
  });

  it("cannot be opened through props", () => {
    const s = newStack();
    const l = lgwan(s);
    expect(
      () =>
        new SecureBucket(l, "Public", {
          classification: "IV",
          owner: "x",
          policyStatements: [{ Effect: "Allow", Principal: "*", Action: "s3:GetObject", Resource: "*" }],
        }),
    ).toThrow(/Principal "\*"/);
    expect(
      () =>
        new SecureBucket(l, "Star", {
          classification: "II",
          owner: "x",
          policyStatements: [{ Effect: "Allow", Principal: { AWS: "arn:aws:iam::1:root" }, Action: "*", Resource: "*" }],
        }),
    ).toThrow(/least privilege/);
  });

  it("signals every change of class IV (published) content", () => {
    const s = newStack();
    const i = internet(s);
    const pub = new SecureBucket(i, "Notices", { classification: "IV", owner: "広報課" });
    const t = Tf.synth(s);
    const b = t.byAddress.get(`aws_s3_bucket.${pub.bucket.friendlyUniqueId}`)!;
    const { notification, versioning } = parts(t, b);
    expect(notification[0].values.eventbridge).toBe(true);
    expect(versioning[0].values.versioning_configuration.status).toBe("Enabled");
  });
});

describe("every bucket of a zone", () => {
  it("has SSE-KMS, public access block, versioning, TLS-only policy and logging (or is the access-log sink)", () => {
    const stack = newStack();
    const zone = mynumber(stack);
    new SecureBucket(zone, "A", { classification: "I", owner: "市民課" });
    new SecureBucket(zone, "B", { classification: "II", owner: "市民課", glacierAfterDays: 30, expireAfterDays: 3650 });
    const tf = Tf.synth(stack);
    const buckets = tf.ofType("aws_s3_bucket");
    expect(buckets.length).toBe(4);
    let sinks = 0;
    for (const b of buckets) {
      const p = parts(tf, b);
      expect(p.sse, b.address).toHaveLength(1);
      expect(p.sse[0].values.rule[0].apply_server_side_encryption_by_default.sse_algorithm).toBe("aws:kms");
      expect(p.sse[0].values.rule[0].apply_server_side_encryption_by_default.kms_master_key_id).toMatch(/^\$\{aws_kms_key\./);
      expect(p.pab, b.address).toHaveLength(1);
      expect(p.versioning[0].values.versioning_configuration.status).toBe("Enabled");
      expect(policy(p.policy[0].values.policy).Statement.some((s) => s.Condition?.Bool?.["aws:SecureTransport"] === "false")).toBe(true);
      if (p.logging.length === 0) {
        sinks++;
        expect(b.values.tags[TAG.logRole]).toBe("s3-access-logs");
        expect(p.loggedInto.length).toBe(buckets.length - 1);
        const deny = policy(p.policy[0].values.policy).Statement.find((s) => s.Sid === "LogsAreNeverDeletedByPrincipals");
        expect(deny.Effect).toBe("Deny");
      }
    }
    expect(sinks).toBe(1);
  });
});

describe("LogArchive", () => {
  const stack = newStack();
  const zone = lgwan(stack);
  const tf = Tf.synth(stack);
  const archive = tf.byAddress.get(`aws_s3_bucket.${zone.logArchive.bucket.bucket.friendlyUniqueId}`)!;
  const sink = tf.byAddress.get(`aws_s3_bucket.${zone.logArchive.accessLogBucket.bucket.friendlyUniqueId}`)!;

  it("locks objects for at least 365 days and archives to Glacier", () => {
    expect(archive.values.object_lock_enabled).toBe(true);
    const { objectLock, lifecycle } = parts(tf, archive);
    expect(objectLock[0].values.rule.default_retention.days).toBeGreaterThanOrEqual(365);
    const transitions = lifecycle[0].values.rule.flatMap((r: any) => r.transition ?? []);
    expect(transitions.map((t: any) => t.storage_class)).toContain("GLACIER");
  });

  it("sends its own access logs to a separate bucket without Object Lock", () => {
    const { logging } = parts(tf, archive);
    expect(logging[0].values.target_bucket).toBe(`\${${sink.address}.id}`);
    expect(sink.values.object_lock_enabled).toBeUndefined();
    expect(parts(tf, sink).objectLock).toHaveLength(0);
  });

  it("lets CloudTrail, flow logs and Config deliver for this account only", () => {
    const st = policy(parts(tf, archive).policy[0].values.policy).Statement;
    const services = st.filter((s) => s.Effect === "Allow").map((s) => s.Principal.Service);
    expect(new Set(services)).toEqual(new Set(["cloudtrail.amazonaws.com", "delivery.logs.amazonaws.com", "config.amazonaws.com"]));
    for (const s of st.filter((x) => x.Effect === "Allow")) expect(s.Condition.StringEquals["aws:SourceAccount"]).toBeDefined();
  });

  it("rejects retention shorter than 365 days", () => {
    const s = newStack();
    const z = lgwan(s);
    expect(() => new LogArchive(z, "Short", { classification: "II", owner: "x", retentionDays: 90 })).toThrow(/365/);
  });
});

describe("ZoneKey", () => {
  it("rotates, waits 30 days before deletion, is AES-256 and separates administrators from users", () => {
    const stack = newStack();
    const zone = mynumber(stack);
    new ZoneKey(zone, "Extra", { administratorArns: ["arn:aws:iam::1:role/KeyAdmin"], userArns: ["arn:aws:iam::1:role/App"] });
    const tf = Tf.synth(stack);
    const keys = tf.ofType("aws_kms_key");
    expect(keys).toHaveLength(2);
    for (const k of keys) {
      expect(k.values.enable_key_rotation).toBe(true);
      expect(k.values.deletion_window_in_days).toBeGreaterThanOrEqual(30);
      expect(k.values.customer_master_key_spec).toBe("SYMMETRIC_DEFAULT");
      expect(k.values.key_usage).toBe("ENCRYPT_DECRYPT");
      const st = policy(k.values.policy).Statement;
      for (const s of st) {
        const actions = [s.Action].flat();
        expect(actions).not.toContain("kms:*");
        expect(actions).not.toContain("*");
      }
      const admin = st.find((s) => s.Sid === "KeyAdministrators");
      expect(admin.Action).not.toContain("kms:Decrypt");
      expect(admin.Action).not.toContain("kms:Encrypt");
      expect(admin.Action).toContain("kms:PutKeyPolicy");
      const usage = st.filter((s) => s.Sid === "KeyUsers" || s.Sid === "KeyUseThroughZoneServices");
      for (const u of usage) {
        expect(u.Action).toContain("kms:Decrypt");
        expect(u.Action).not.toContain("kms:PutKeyPolicy");
        expect(u.Action).not.toContain("kms:ScheduleKeyDeletion");
      }
    }
    const extra = keys.find((k) => policy(k.values.policy).Statement.some((s) => s.Sid === "KeyUsers"))!;
    const st = policy(extra.values.policy).Statement;
    expect(st.find((s) => s.Sid === "KeyAdministrators").Principal.AWS).toEqual(["arn:aws:iam::1:role/KeyAdmin"]);
    expect(st.find((s) => s.Sid === "KeyUsers").Principal.AWS).toEqual(["arn:aws:iam::1:role/App"]);
  });
});

describe("ZoneDatabase", () => {
  const make = (extra: Record<string, unknown> = {}) => {
    const stack = newStack();
    const zone = mynumber(stack);
    const db = new ZoneDatabase(zone, "Db", {
      classification: "I",
      owner: "市民課",
      engine: "postgres",
      engineVersion: "16.4",
      masterUsername: "jumin_owner",
      clientCidrs: ["172.16.0.0/20"],
      ...extra,
    });
    return { tf: Tf.synth(stack), zone, db };
  };

  it("is encrypted with the zone key, multi-AZ, private, TLS-only, logged and patched", () => {
    const { tf, zone } = make();
    const [db] = tf.ofType("aws_db_instance");
    const keyArn = `\${aws_kms_key.${zone.key.key.friendlyUniqueId}.arn}`;
    expect(db.values).toMatchObject({
      storage_encrypted: true,
      kms_key_id: keyArn,
      multi_az: true,
      publicly_accessible: false,
      manage_master_user_password: true,
      master_user_secret_kms_key_id: keyArn,
      auto_minor_version_upgrade: true,
      deletion_protection: true,
      skip_final_snapshot: false,
      copy_tags_to_snapshot: true,
    });
    expect(db.values.password).toBeUndefined();
    expect(db.values.enabled_cloudwatch_logs_exports).toEqual(["postgresql", "upgrade"]);
    const [pg] = tf.ofType("aws_db_parameter_group");
    expect(db.values.parameter_group_name).toBe(`\${${pg.address}.name}`);
    expect(pg.values.parameter).toContainEqual(expect.objectContaining({ name: "rds.force_ssl", value: "1" }));
    for (const lg of tf.ofType("aws_cloudwatch_log_group")) {
      expect(lg.values.retention_in_days).toBeGreaterThanOrEqual(365);
      expect(lg.values.kms_key_id).toBe(keyArn);
      expect(lg.values.name).toContain(db.values.identifier);
    }
    const [sg] = tf.ofType("aws_vpc_security_group_ingress_rule");
    expect(sg.values.cidr_ipv4).toBe("172.16.0.0/20");
    expect(sg.values.from_port).toBe(5432);
  });

  it("forces TLS on MySQL with require_secure_transport", () => {
    const stack = newStack();
    const zone = lgwan(stack);
    new ZoneDatabase(zone, "Db", {
      classification: "II",
      owner: "総務課",
      engine: "mysql",
      engineVersion: "8.0.39",
      masterUsername: "gw_owner",
    });
    const tf = Tf.synth(stack);
    const [pg] = tf.ofType("aws_db_parameter_group");
    expect(pg.values.family).toBe("mysql8.0");
    expect(pg.values.parameter).toContainEqual(expect.objectContaining({ name: "require_secure_transport", value: "1" }));
  });

  it("rejects default master user names", () => {
    for (const name of ["admin", "root", "postgres", "sa", "Admin"]) {
      expect(() => make({ masterUsername: name }), name).toThrow(/default privileged name/);
    }
  });

  it("is single-AZ only with an approved exception, recorded as a tag", () => {
    const { tf } = make({ singleAzException: "EXC-2025-007" });
    const [db] = tf.ofType("aws_db_instance");
    expect(db.values.multi_az).toBe(false);
    expect(db.values.tags[TAG.exception]).toBe("EXC-2025-007");
    expect(() => make({ singleAzException: "" })).toThrow(/approved exception/);
  });
});

describe("BackupPolicy", () => {
  it("uses a CMK vault and selects this zone's data stores by classification", () => {
    const stack = newStack();
    const zone = mynumber(stack);
    new BackupPolicy(zone, "Backup", { classification: "I", owner: "市民課" });
    const tf = Tf.synth(stack);
    const [vault] = tf.ofType("aws_backup_vault");
    expect(vault.values.kms_key_arn).toBe(`\${aws_kms_key.${zone.key.key.friendlyUniqueId}.arn}`);
    expect(tf.referencing(vault, "aws_backup_vault_lock_configuration")).toHaveLength(1);
    const selections = tf.ofType("aws_backup_selection");
    expect(selections).toHaveLength(2);
    const classes = selections.map((s) => {
      const eq = s.values.condition[0].string_equals;
      expect(eq).toContainEqual({ key: "aws:ResourceTag/sanso:zone", value: "mynumber" });
      return eq.find((e: any) => e.key === "aws:ResourceTag/sanso:classification").value;
    });
    expect(classes.sort()).toEqual(["I", "II"]);
    const [plan] = tf.ofType("aws_backup_plan");
    expect(plan.values.rule[0].target_vault_name).toBe(`\${${vault.address}.name}`);
  });
});

describe("FlowLogs and SecureLogGroup", () => {
  it("can write to an encrypted log group kept at least 365 days", () => {
    const stack = newStack();
    const zone = lgwan(stack);
    new FlowLogs(zone, "Extra", {
      vpcId: zone.vpc.id,
      destination: { logGroup: { classification: "II", owner: "総務課", retentionDays: 731 } },
    });
    const tf = Tf.synth(stack);
    const [lg] = tf.ofType("aws_cloudwatch_log_group");
    expect(lg.values.retention_in_days).toBe(731);
    expect(lg.values.kms_key_id).toMatch(/^\$\{aws_kms_key\./);
    expect(lg.values.tags[TAG.classification]).toBe("II");
    const flows = tf.ofType("aws_flow_log");
    expect(flows).toHaveLength(2);
    expect(flows.find((f) => f.values.log_destination_type === "cloud-watch-logs")!.values.log_destination).toBe(`\${${lg.address}.arn}`);
    expect(() => new SecureLogGroup(zone, "Short", { classification: "II", owner: "x", retentionDays: 90 })).toThrow(/365/);
  });
});
