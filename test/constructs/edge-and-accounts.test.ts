import { describe, expect, it } from "vitest";
import {
  MyNumberZone,
  AccountBaseline,
  AuditTrail,
  OperatorRole,
  PublicEdge,
  SecureBucket,
  SecureDesktop,
  TAG,
  ZoneTransfer,
} from "../../constructs/index.js";
import { CERT, internet, lgwan, mynumber, newStack } from "./fixtures.js";
import { policy, Tf } from "./tf.js";

describe("PublicEdge", () => {
  const stack = newStack();
  const zone = internet(stack);
  new PublicEdge(zone, "Edge", { certificateArn: CERT });
  const tf = Tf.synth(stack);
  const [lb] = tf.ofType("aws_lb");

  it("is an internet-facing ALB with access logs", () => {
    expect(lb.values.internal).toBe(false);
    expect(lb.values.load_balancer_type).toBe("application");
    expect(lb.values.drop_invalid_header_fields).toBe(true);
    expect(lb.values.access_logs.enabled).toBe(true);
    const logBucket = tf.ofType("aws_s3_bucket").find((b) => b.values.tags[TAG.logRole] === "alb-access-logs")!;
    expect(lb.values.access_logs.bucket).toBe(`\${${logBucket.address}.id}`);
    const [sse] = tf.referencing(logBucket, "aws_s3_bucket_server_side_encryption_configuration");
    expect(sse.values.rule[0].apply_server_side_encryption_by_default.sse_algorithm).toBe("AES256");
    expect(tf.referencing(logBucket, "aws_s3_bucket_public_access_block")).toHaveLength(1);
    expect(tf.ofType("aws_s3_bucket_logging").some((l) => l.values.bucket === `\${${logBucket.address}.id}`)).toBe(true);
  });

  it("serves HTTPS with an explicit TLS 1.2+ policy and redirects HTTP", () => {
    const listeners = tf.referencing(lb, "aws_lb_listener");
    expect(listeners).toHaveLength(2);
    const https = listeners.find((l) => l.values.protocol === "HTTPS")!;
    expect(https.values.ssl_policy).toBe("ELBSecurityPolicy-TLS13-1-2-2021-06");
    const http = listeners.find((l) => l.values.protocol === "HTTP")!;
    expect(http.values.default_action[0].type).toBe("redirect");
    expect(http.values.default_action[0].redirect).toMatchObject({ protocol: "HTTPS", status_code: "HTTP_301" });
    const [tg] = tf.ofType("aws_lb_target_group");
    expect(tg.values.protocol).toBe("HTTPS");
  });

  it("has a WAF web ACL with managed rules and a rate-based rule, associated to the ALB, logging", () => {
    const [acl] = tf.ofType("aws_wafv2_web_acl");
    expect(acl.values.scope).toBe("REGIONAL");
    const statements = acl.values.rule.map((r: any) => r.statement);
    expect(statements.some((s: any) => s.rate_based_statement?.limit > 0)).toBe(true);
    expect(statements.filter((s: any) => s.managed_rule_group_statement?.vendor_name === "AWS").length).toBeGreaterThanOrEqual(3);
    const [assoc] = tf.ofType("aws_wafv2_web_acl_association");
    expect(tf.refs(assoc).sort()).toEqual([lb.address, acl.address].sort());
    const [logging] = tf.ofType("aws_wafv2_web_acl_logging_configuration");
    const lg = tf.byAddress.get(tf.refs(logging).find((a) => a.startsWith("aws_cloudwatch_log_group"))!)!;
    expect(lg.values.name).toMatch(/^aws-waf-logs-/);
    expect(lg.values.retention_in_days).toBeGreaterThanOrEqual(365);
    expect(lg.values.kms_key_id).toMatch(/aws_kms_key/);
  });

  it("rejects TLS policies outside the allow-list", () => {
    const s = newStack();
    const z = internet(s);
    expect(() => new PublicEdge(z, "E", { certificateArn: CERT, sslPolicy: "ELBSecurityPolicy-2016-08" as never })).toThrow(
      /allow-list/,
    );
  });

  it("exists only in the internet zone", () => {
    const s = newStack();
    expect(() => new PublicEdge(mynumber(s), "E", { certificateArn: CERT })).toThrow(/InternetZone/);
    expect(() => new PublicEdge(lgwan(s), "E", { certificateArn: CERT })).toThrow(/InternetZone/);
  });
});

describe("SecureDesktop", () => {
  const settings = (tf: Tf) =>
    Object.fromEntries(tf.ofType("aws_appstream_stack")[0].values.user_settings.map((u: any) => [u.action, u.permission]));

  it("disables copy-out, download, upload and printing, without storage connectors or internet", () => {
    const stack = newStack();
    const zone = mynumber(stack);
    new SecureDesktop(zone, "Desk", { imageName: "img" });
    const tf = Tf.synth(stack);
    expect(settings(tf)).toMatchObject({
      CLIPBOARD_COPY_TO_LOCAL_DEVICE: "DISABLED",
      FILE_DOWNLOAD: "DISABLED",
      FILE_UPLOAD: "DISABLED",
      PRINTING_TO_LOCAL_DEVICE: "DISABLED",
    });
    const [st] = tf.ofType("aws_appstream_stack");
    expect(st.values.storage_connectors).toBeUndefined();
    expect(st.values.application_settings.enabled).toBe(false);
    const [fleet] = tf.ofType("aws_appstream_fleet");
    expect(fleet.values.enable_default_internet_access).toBe(false);
    expect(fleet.values.vpc_config.subnet_ids).toHaveLength(2);
    expect(tf.ofType("aws_appstream_fleet_stack_association")).toHaveLength(1);
  });

  it("needs the zone's dedicated line and is not offered in the internet zone", () => {
    const stack = newStack();
    const bare = new MyNumberZone(stack, "Bare", { owner: "市民課", cidrBlock: "10.40.0.0/16" });
    expect(() => new SecureDesktop(bare, "Desk", { imageName: "img" })).toThrow(/DedicatedLine first/);
    expect(() => new SecureDesktop(internet(stack), "Desk", { imageName: "img" })).toThrow(/MyNumber and LGWAN/);
  });

  it("allows printing only with an approved exception, recorded as a tag", () => {
    const stack = newStack();
    const zone = mynumber(stack);
    new SecureDesktop(zone, "Desk", { imageName: "img", printingException: "EXC-2025-010" });
    const tf = Tf.synth(stack);
    expect(settings(tf).PRINTING_TO_LOCAL_DEVICE).toBe("ENABLED");
    expect(settings(tf).CLIPBOARD_COPY_TO_LOCAL_DEVICE).toBe("DISABLED");
    expect(tf.ofType("aws_appstream_stack")[0].values.tags[TAG.exception]).toBe("EXC-2025-010");
  });
});

describe("AccountBaseline and platforms", () => {
  const build = (platform: "gcas" | "standalone") => {
    const stack = newStack(platform);
    const zone = mynumber(stack);
    new OperatorRole(zone, "Op", { description: "ops", trustedPrincipalArns: ["arn:aws:iam::111122223333:root"] });
    const baseline = new AccountBaseline(stack, "Baseline", { logArchive: zone.logArchive });
    new AuditTrail(stack, "Trail", { logArchive: zone.logArchive });
    return { tf: Tf.synth(stack), baseline };
  };
  const ACCOUNT_SERVICES = [
    "aws_guardduty_detector",
    "aws_securityhub_account",
    "aws_config_configuration_recorder",
    "aws_config_delivery_channel",
  ];

  it("gcas: creates no GuardDuty, Security Hub, Config or IAM user", () => {
    const { tf, baseline } = build("gcas");
    expect(baseline.created).toBe(false);
    for (const type of [...ACCOUNT_SERVICES, "aws_iam_user", "aws_iam_user_login_profile", "aws_iam_access_key"]) {
      expect(tf.ofType(type), type).toHaveLength(0);
    }
    const [trail] = tf.ofType("aws_cloudtrail");
    expect(trail.values.is_organization_trail).toBe(false);
  });

  it("standalone: creates GuardDuty, Security Hub and a Config recorder with delivery channel", () => {
    const { tf, baseline } = build("standalone");
    expect(baseline.created).toBe(true);
    for (const type of [...ACCOUNT_SERVICES, "aws_config_configuration_recorder_status"]) {
      expect(tf.ofType(type), type).toHaveLength(1);
    }
    expect(tf.ofType("aws_guardduty_detector")[0].values.enable).toBe(true);
    expect(tf.ofType("aws_securityhub_standards_subscription")).toHaveLength(1);
    const [channel] = tf.ofType("aws_config_delivery_channel");
    expect(channel.values.s3_kms_key_arn).toMatch(/aws_kms_key/);
    expect(tf.ofType("aws_iam_user")).toHaveLength(0);
  });
});

describe("AuditTrail", () => {
  it("records all regions with log file validation and a CMK into the Object Lock archive", () => {
    const stack = newStack("gcas");
    const zone = mynumber(stack);
    const docs = new SecureBucket(zone, "Docs", { classification: "I", owner: "市民課" });
    new AuditTrail(stack, "Trail", { logArchive: zone.logArchive, dataEventBuckets: [docs] });
    const tf = Tf.synth(stack);
    const [trail] = tf.ofType("aws_cloudtrail");
    expect(trail.values).toMatchObject({
      is_multi_region_trail: true,
      include_global_service_events: true,
      enable_log_file_validation: true,
      enable_logging: true,
      kms_key_id: `\${aws_kms_key.${zone.key.key.friendlyUniqueId}.arn}`,
      s3_bucket_name: `\${aws_s3_bucket.${zone.logArchive.bucket.bucket.friendlyUniqueId}.id}`,
    });
    const selectors = trail.values.advanced_event_selector;
    expect(selectors[0].field_selector[0]).toMatchObject({ field: "eventCategory", equals: ["Management"] });
    expect(JSON.stringify(selectors[1])).toContain(`aws_s3_bucket.${docs.bucket.friendlyUniqueId}.arn`);
  });
});

describe("OperatorRole", () => {
  it("requires MFA and sessions of at most one hour", () => {
    const stack = newStack();
    const zone = mynumber(stack);
    new OperatorRole(zone, "Admin", {
      description: "admins",
      trustedPrincipalArns: ["arn:aws:iam::111122223333:root"],
      managedPolicyArns: ["arn:aws:iam::aws:policy/AdministratorAccess"],
      administrative: true,
    });
    const tf = Tf.synth(stack);
    const role = tf.ofType("aws_iam_role").find((r) => r.values.tags[TAG.principalKind] === "human")!;
    expect(role.values.max_session_duration).toBeLessThanOrEqual(3600);
    expect(role.values.tags[TAG.privileged]).toBe("true");
    const trust = policy(role.values.assume_role_policy).Statement[0];
    expect(trust.Condition.Bool["aws:MultiFactorAuthPresent"]).toBe("true");
    expect(() =>
      new OperatorRole(zone, "Long", {
        description: "x",
        trustedPrincipalArns: ["arn:aws:iam::1:root"],
        maxSessionDurationSeconds: 43200,
      }),
    ).toThrow(/3600/);
    expect(() =>
      new OperatorRole(zone, "Star", {
        description: "x",
        trustedPrincipalArns: ["arn:aws:iam::1:root"],
        inlinePolicy: [{ Effect: "Allow", Action: "iam:*", Resource: "*" }],
      }),
    ).toThrow(/least privilege/);
    expect(() =>
      new OperatorRole(zone, "Ja", { description: "住民記録", trustedPrincipalArns: ["arn:aws:iam::1:root"] }),
    ).toThrow(/Latin-1/);
  });
});

describe("ZoneTransfer", () => {
  it("is readable only through the LGWAN zone's S3 endpoint and writable only by the application", () => {
    const stack = newStack();
    const from = internet(stack);
    const to = lgwan(stack);
    const t = new ZoneTransfer(from, "ToLgwan", {
      to,
      classification: "III",
      owner: "デジタル推進課",
      writerRoleArns: ["arn:aws:iam::1:role/app"],
    });
    const tf = Tf.synth(stack);
    const bucket = tf.byAddress.get(`aws_s3_bucket.${t.bucket.bucket.friendlyUniqueId}`)!;
    expect(bucket.values.tags[TAG.zone]).toBe("internet");
    const [pol] = tf.referencing(bucket, "aws_s3_bucket_policy");
    const st = policy(pol.values.policy).Statement;
    const read = st.find((s) => s.Sid === "ReadOnlyThroughTheLgwanEndpoint");
    expect(read.Condition.StringNotEquals["aws:SourceVpce"]).toBe(`\${aws_vpc_endpoint.${to.s3Endpoint.friendlyUniqueId}.id}`);
    for (const type of ["aws_vpc_peering_connection", "aws_ec2_transit_gateway_vpc_attachment"]) {
      expect(tf.ofType(type)).toHaveLength(0);
    }
    expect(() => new ZoneTransfer(to, "Back", { to: from, classification: "III", owner: "x", writerRoleArns: ["a"] })).toThrow(
      /internet zone to the LGWAN zone/,
    );
  });
});
