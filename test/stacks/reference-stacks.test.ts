import { describe, expect, it } from "vitest";
import { TerraformResource } from "cdktf";
import { TAG, ZoneBase } from "../../constructs/index.js";
import { buildStack, StackName } from "../../stacks/app.js";
import { policy, resourcesUnder, Tf, TfResource } from "../constructs/tf.js";
import { testApp } from "../constructs/fixtures.js";

const REFERENCE: { name: StackName; platform: "gcas" | "standalone"; zones: string[] }[] = [
  { name: "gcas-jumin", platform: "gcas", zones: ["mynumber"] },
  { name: "lgwan-groupware", platform: "standalone", zones: ["lgwan"] },
  { name: "internet-shinsei", platform: "standalone", zones: ["internet", "lgwan"] },
];

const DATA_STORES = [
  "aws_s3_bucket",
  "aws_db_instance",
  "aws_rds_cluster",
  "aws_ebs_volume",
  "aws_dynamodb_table",
  "aws_efs_file_system",
  "aws_elasticache_replication_group",
  "aws_backup_vault",
  "aws_cloudwatch_log_group",
  "aws_sns_topic",
  "aws_sqs_queue",
  "aws_secretsmanager_secret",
];

const bucketRef = (b: TfResource) => `\${${b.address}.id}`;

describe.each(REFERENCE)("$name", ({ name, platform, zones }) => {
  const stack = buildStack(name, testApp());
  const tf = Tf.synth(stack);

  it("declares its environment and platform, in an allowed region", () => {
    const provider = tf.raw.provider.aws[0];
    expect(provider.region).toBe("ap-northeast-1");
    expect(provider.default_tags[0].tags).toMatchObject({ [TAG.environment]: "production", [TAG.platform]: platform });
    const meta = (stack as any).toTerraform()["//"].sanso;
    expect(meta).toMatchObject({ environment: "production", platform });
    for (const r of tf.resources) {
      if (r.values.tags) expect(r.values.tags[TAG.environment], r.address).toBe("production");
      expect(r.values.region, r.address).toBeUndefined();
    }
  });

  it("has the expected zones, and every resource created in a zone carries its sanso:zone", () => {
    const zoneConstructs = stack.node.findAll().filter((c): c is ZoneBase => c instanceof ZoneBase);
    expect(zoneConstructs.map((z) => z.zoneName).sort()).toEqual([...zones].sort());
    for (const zone of zoneConstructs) {
      for (const r of resourcesUnder(zone)) {
        const res = tf.byAddress.get(`${r.terraformResourceType}.${r.friendlyUniqueId}`)!;
        if ("tagsInput" in r) {
          expect((r as TerraformResource & { tagsInput?: Record<string, string> }).tagsInput?.[TAG.zone], res.address).toBe(zone.zoneName);
        } else {
          expect(tf.zoneOf(res), res.address).toBe(zone.zoneName);
        }
      }
    }
  });

  it("gives MyNumber and LGWAN VPCs no internet gateway, NAT, egress-only gateway, peering or transit route", () => {
    const isolated = tf.ofType("aws_vpc").filter((v) => ["mynumber", "lgwan"].includes(v.values.tags[TAG.zone]));
    expect(isolated.length).toBeGreaterThan(0);
    for (const vpc of isolated) {
      for (const type of ["aws_internet_gateway", "aws_nat_gateway", "aws_egress_only_internet_gateway"]) {
        expect(tf.referencing(vpc, type), `${type} on ${vpc.address}`).toHaveLength(0);
      }
    }
    for (const type of ["aws_vpc_peering_connection", "aws_ec2_transit_gateway_vpc_attachment", "aws_vpn_connection", "aws_nat_gateway"]) {
      expect(tf.ofType(type), type).toHaveLength(0);
    }
    for (const route of tf.ofType("aws_route")) {
      const rt = tf.byAddress.get(tf.refs(route).find((a) => a.startsWith("aws_route_table."))!)!;
      expect(tf.zoneOf(rt)).toBe("internet");
    }
  });

  it("keeps every KMS key rotating, AES-256, with a deletion window of at least 30 days", () => {
    const keys = tf.ofType("aws_kms_key");
    expect(keys.length).toBe(zones.length);
    for (const k of keys) {
      expect(k.values.enable_key_rotation).toBe(true);
      expect(k.values.deletion_window_in_days).toBeGreaterThanOrEqual(30);
      expect(k.values.customer_master_key_spec).toBe("SYMMETRIC_DEFAULT");
    }
  });

  it("gives every bucket encryption, public access block, versioning and logging resources that reference it", () => {
    const buckets = tf.ofType("aws_s3_bucket");
    const logging = tf.ofType("aws_s3_bucket_logging");
    for (const b of buckets) {
      const refs = (type: string) => tf.ofType(type).filter((r) => r.values.bucket === bucketRef(b));
      const [sse] = refs("aws_s3_bucket_server_side_encryption_configuration");
      const byDefault = sse.values.rule[0].apply_server_side_encryption_by_default;
      if (b.values.tags[TAG.logRole] === "alb-access-logs") {
        expect(byDefault.sse_algorithm).toBe("AES256"); // ELB access logs support SSE-S3 only
        expect(b.values.tags[TAG.zone]).toBe("internet");
      } else {
        expect(byDefault.sse_algorithm, b.address).toBe("aws:kms");
        expect(byDefault.kms_master_key_id).toMatch(/^\$\{aws_kms_key\.[^.]+\.arn\}$/);
      }
      const [pab] = refs("aws_s3_bucket_public_access_block");
      expect(pab.values).toMatchObject({
        block_public_acls: true,
        block_public_policy: true,
        ignore_public_acls: true,
        restrict_public_buckets: true,
      });
      expect(refs("aws_s3_bucket_versioning")[0].values.versioning_configuration.status).toBe("Enabled");
      const statements = policy(refs("aws_s3_bucket_policy")[0].values.policy).Statement;
      expect(statements.some((s) => s.Effect === "Deny" && s.Condition?.Bool?.["aws:SecureTransport"] === "false")).toBe(true);
      const own = logging.filter((l) => l.values.bucket === bucketRef(b));
      const sink = logging.filter((l) => l.values.target_bucket === bucketRef(b));
      expect(own.length + sink.length, `${b.address} has no logging resource`).toBeGreaterThan(0);
    }
  });

  it("records flow logs for every VPC", () => {
    for (const vpc of tf.ofType("aws_vpc")) expect(tf.referencing(vpc, "aws_flow_log"), vpc.address).toHaveLength(1);
  });

  it("connects every dedicated line at two or more Direct Connect locations", () => {
    const gateways = tf.ofType("aws_dx_gateway");
    expect(gateways.length).toBe(zones.filter((z) => z !== "internet").length);
    for (const gw of gateways) {
      const vifs = tf.referencing(gw, "aws_dx_private_virtual_interface");
      expect(new Set(vifs.map((v) => v.values.tags[TAG.dxLocation])).size).toBeGreaterThanOrEqual(2);
    }
  });

  it("runs databases multi-AZ, encrypted, private, TLS-only, without a literal password", () => {
    for (const db of tf.ofType("aws_db_instance")) {
      expect(db.values).toMatchObject({
        multi_az: true,
        storage_encrypted: true,
        publicly_accessible: false,
        manage_master_user_password: true,
        auto_minor_version_upgrade: true,
      });
      expect(db.values.password).toBeUndefined();
      const pg = tf.byAddress.get(tf.refs(db).find((a) => a.startsWith("aws_db_parameter_group."))!)!;
      const forced = pg.values.parameter.some(
        (p: any) => (p.name === "rds.force_ssl" || p.name === "require_secure_transport") && p.value === "1",
      );
      expect(forced).toBe(true);
    }
  });

  it("classifies and owns every data store; class I only in the MyNumber zone", () => {
    for (const type of DATA_STORES) {
      for (const r of tf.ofType(type)) {
        const cls = r.values.tags?.[TAG.classification];
        expect(["I", "II", "III", "IV"], r.address).toContain(cls);
        expect(r.values.tags[TAG.owner], r.address).toBeTruthy();
        if (cls === "I") expect(r.values.tags[TAG.zone]).toBe("mynumber");
      }
    }
  });

  it("backs up class I-II stores of each zone into a CMK vault", () => {
    const selections = tf.ofType("aws_backup_selection");
    for (const zone of zones) {
      const selected = selections
        .map((s) => s.values.condition[0].string_equals)
        .filter((eq: any[]) => eq.some((e) => e.key === "aws:ResourceTag/sanso:zone" && e.value === zone))
        .map((eq: any[]) => eq.find((e) => e.key === "aws:ResourceTag/sanso:classification").value);
      for (const type of ["aws_s3_bucket", "aws_db_instance"]) {
        for (const r of tf.ofType(type).filter((x) => x.values.tags[TAG.zone] === zone)) {
          const cls = r.values.tags[TAG.classification];
          if (cls === "I" || cls === "II") expect(selected, `${r.address} not backed up`).toContain(cls);
        }
      }
    }
    for (const v of tf.ofType("aws_backup_vault")) expect(v.values.kms_key_arn).toMatch(/aws_kms_key/);
  });

  it("opens nothing to 0.0.0.0/0 except 80/443 on the PublicEdge load balancer", () => {
    const lbSgs = new Set(tf.ofType("aws_lb").flatMap((lb) => tf.refs(lb)));
    for (const rule of tf.ofType("aws_vpc_security_group_ingress_rule")) {
      if (rule.values.cidr_ipv4 !== "0.0.0.0/0") continue;
      expect([80, 443]).toContain(rule.values.from_port);
      expect(rule.values.to_port).toBe(rule.values.from_port);
      expect(lbSgs.has(tf.refs(rule)[0])).toBe(true);
    }
    for (const rule of [...tf.ofType("aws_vpc_security_group_ingress_rule"), ...tf.ofType("aws_vpc_security_group_egress_rule")]) {
      expect(rule.values.ip_protocol).not.toBe("-1");
    }
  });

  it("requires MFA on roles people assume and limits every role's sessions to one hour", () => {
    for (const role of tf.ofType("aws_iam_role")) {
      expect(role.values.max_session_duration, role.address).toBeLessThanOrEqual(3600);
      for (const st of policy(role.values.assume_role_policy).Statement) {
        if (st.Principal.AWS) expect(st.Condition.Bool["aws:MultiFactorAuthPresent"], role.address).toBe("true");
      }
    }
    expect(tf.ofType("aws_iam_user")).toHaveLength(0);
    expect(tf.ofType("aws_iam_access_key")).toHaveLength(0);
  });

  it("keeps log groups encrypted at least 365 days", () => {
    for (const lg of tf.ofType("aws_cloudwatch_log_group")) {
      expect(lg.values.retention_in_days).toBeGreaterThanOrEqual(365);
      expect(lg.values.kms_key_id).toMatch(/aws_kms_key/);
    }
  });

  it("keeps a multi-region, validated, CMK-encrypted trail", () => {
    const [trail] = tf.ofType("aws_cloudtrail");
    expect(trail.values).toMatchObject({
      is_multi_region_trail: true,
      enable_log_file_validation: true,
      is_organization_trail: false,
    });
    expect(trail.values.kms_key_id).toMatch(/aws_kms_key/);
  });

  it(`follows the ${platform} platform rules for GuardDuty, Security Hub and Config`, () => {
    const types = ["aws_guardduty_detector", "aws_securityhub_account", "aws_config_configuration_recorder", "aws_config_delivery_channel"];
    for (const type of types) expect(tf.ofType(type), type).toHaveLength(platform === "gcas" ? 0 : 1);
  });
});

describe("gcas-jumin specifics", () => {
  const tf = Tf.synth(buildStack("gcas-jumin", testApp()));
  it("forbids copy-out from its desktops", () => {
    const [st] = tf.ofType("aws_appstream_stack");
    const perms = Object.fromEntries(st.values.user_settings.map((u: any) => [u.action, u.permission]));
    expect(perms.CLIPBOARD_COPY_TO_LOCAL_DEVICE).toBe("DISABLED");
    expect(perms.FILE_DOWNLOAD).toBe("DISABLED");
    expect(perms.PRINTING_TO_LOCAL_DEVICE).toBe("DISABLED");
  });
  it("records data events of its class I bucket", () => {
    const [trail] = tf.ofType("aws_cloudtrail");
    expect(JSON.stringify(trail.values.advanced_event_selector)).toContain("AWS::S3::Object");
  });
});

describe("internet-shinsei specifics", () => {
  const tf = Tf.synth(buildStack("internet-shinsei", testApp()));
  it("faces the internet only through the WAF-protected ALB", () => {
    const lbs = tf.ofType("aws_lb");
    expect(lbs).toHaveLength(1);
    const [assoc] = tf.ofType("aws_wafv2_web_acl_association");
    expect(tf.refs(assoc)).toContain(lbs[0].address);
    expect(tf.ofType("aws_internet_gateway")).toHaveLength(1);
    const [igw] = tf.ofType("aws_internet_gateway");
    expect(tf.zoneOf(igw)).toBe("internet");
  });
  it("hands data to LGWAN only through the transfer bucket read via the LGWAN S3 endpoint", () => {
    const transfer = tf.ofType("aws_s3_bucket").find((b) => b.values.tags[TAG.transferTo] === "lgwan")!;
    expect(transfer.values.tags[TAG.zone]).toBe("internet");
    const pol = tf.ofType("aws_s3_bucket_policy").find((p) => p.values.bucket === bucketRef(transfer))!;
    const endpoint = policy(pol.values.policy).Statement.find((s) => s.Sid === "ReadOnlyThroughTheLgwanEndpoint").Condition
      .StringNotEquals["aws:SourceVpce"];
    const ep = tf.byAddress.get(endpoint.slice(2, -4))!;
    expect(ep.values.tags[TAG.zone]).toBe("lgwan");
  });
});
