import { existsSync, readdirSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { TAG } from "../../constructs/index.js";
import { buildStack } from "../../stacks/app.js";
import { ARTICLE_RULE_IDS, DEMO_DESCRIPTION, DemoNoncompliantStack } from "../../stacks/demo-noncompliant.js";
import { policy, Tf, TfResource } from "../constructs/tf.js";
import { sharedPath } from "../shared-dir.js";
import { testApp } from "../constructs/fixtures.js";

const here = dirname(fileURLToPath(import.meta.url));
const ARTICLES = [sharedPath("ARTICLES.md")].find(existsSync);

const stack = buildStack("demo-noncompliant", testApp()) as DemoNoncompliantStack;
const tf = Tf.synth(stack);
const get = (address: string): TfResource => {
  const r = tf.byAddress.get(address);
  if (!r) throw new Error(`${address} missing`);
  return r;
};
const zone = (r: TfResource) => tf.zoneOf(r);
const bucketParts = (b: TfResource, type: string) => tf.ofType(type).filter((x) => x.values.bucket === `\${${b.address}.id}`);

/**
 * For each rule, a check that the demo's configuration really shows the violation (independent
 * of the policies, so that the demo cannot silently become compliant).
 */
const SHOWS: Record<(typeof ARTICLE_RULE_IDS)[number], () => boolean> = {
  "ART17-CLASSIFIED": () => get("aws_s3_bucket.unclassified").values.tags[TAG.classification] === undefined,
  "ART18-OWNER": () => get("aws_s3_bucket.unclassified").values.tags[TAG.owner] === undefined,
  "ART22-CLASS-I-ZONE": () => {
    const b = get("aws_s3_bucket.class1_in_internet");
    return b.values.tags[TAG.classification] === "I" && zone(b) === "internet";
  },
  "ART22-ENCRYPTED-AT-REST": () =>
    get("aws_db_instance.mynumber_db").values.storage_encrypted === false &&
    get("aws_ebs_volume.unencrypted").values.encrypted === false,
  "ART23-NOT-PUBLIC": () => {
    const b = get("aws_s3_bucket.public_class2");
    const [pab] = bucketParts(b, "aws_s3_bucket_public_access_block");
    const [acl] = bucketParts(b, "aws_s3_bucket_acl");
    return pab.values.block_public_policy === false && acl.values.acl === "public-read" &&
      get("aws_db_instance.mynumber_db").values.publicly_accessible === true;
  },
  "ART24-TLS-ONLY": () => {
    const [pol] = bucketParts(get("aws_s3_bucket.public_class2"), "aws_s3_bucket_policy");
    const noDeny = !policy(pol.values.policy).Statement.some((s) => s.Condition?.Bool?.["aws:SecureTransport"]);
    return noDeny && get("aws_lb_listener.internet_http_forward").values.default_action[0].type === "forward";
  },
  "ART25-PUBLIC-INTEGRITY": () => {
    const b = get("aws_s3_bucket.public_notices");
    return b.values.tags[TAG.classification] === "IV" &&
      bucketParts(b, "aws_s3_bucket_versioning")[0].values.versioning_configuration.status === "Suspended" &&
      bucketParts(b, "aws_s3_bucket_notification").length === 0;
  },
  "ART27-CLASS-I-ACCESS-LOG": () =>
    bucketParts(get("aws_s3_bucket.mynumber_sse_s3"), "aws_s3_bucket_logging").length === 0 &&
    get("aws_db_instance.mynumber_db").values.enabled_cloudwatch_logs_exports === undefined,
  "ART29-ISOLATED": () => {
    const vpc = get("aws_vpc.mynumber");
    return ["aws_internet_gateway", "aws_egress_only_internet_gateway", "aws_vpc_peering_connection"].every(
      (t) => tf.referencing(vpc, t).length > 0,
    ) && zone(get("aws_nat_gateway.mynumber")) === "mynumber";
  },
  "ART29-RESTRICTED-PATHS": () =>
    get("aws_security_group.mynumber_open").values.ingress[0].cidr_blocks.includes("0.0.0.0/0") &&
    get("aws_network_acl_rule.mynumber_any").values.protocol === "-1",
  "ART29-NO-PUBLIC-ENDPOINT": () =>
    get("aws_subnet.mynumber_public").values.map_public_ip_on_launch === true &&
    get("aws_instance.legacy_prod").values.associate_public_ip_address === true &&
    get("aws_lb.mynumber_public").values.internal === false,
  "ART29-MFA": () => {
    const role = get("aws_iam_role.mynumber_no_mfa");
    const st = policy(role.values.assume_role_policy).Statement[0];
    return !st.Condition && zone(role) === "mynumber" && tf.ofType("aws_iam_user_login_profile").length === 1;
  },
  "ART29-NO-EXPORT": () => {
    const s = get("aws_appstream_stack.mynumber_desktop").values.user_settings;
    return s.some((u: any) => u.action === "CLIPBOARD_COPY_TO_LOCAL_DEVICE" && u.permission === "ENABLED");
  },
  "ART29-DEDICATED-LINE": () => zone(get("aws_vpn_connection.mynumber_internet_vpn")) === "mynumber",
  "ART29-CMK": () => {
    const [sse] = bucketParts(get("aws_s3_bucket.mynumber_sse_s3"), "aws_s3_bucket_server_side_encryption_configuration");
    const key = get("aws_kms_key.weak").values;
    return sse.values.rule[0].apply_server_side_encryption_by_default.sse_algorithm === "AES256" &&
      key.enable_key_rotation === false && key.deletion_window_in_days < 30;
  },
  "ART29-STRONG-CRYPTO": () =>
    get("aws_lb_listener.internet_https_weak").values.ssl_policy === "ELBSecurityPolicy-2016-08" &&
    get("aws_lb_listener.internet_https_default_policy").values.ssl_policy === undefined &&
    get("aws_kms_key.rsa").values.customer_master_key_spec === "RSA_2048",
  "ART30-SEPARATED": () => {
    const vpc = get("aws_vpc.lgwan");
    return tf.referencing(vpc, "aws_internet_gateway").length === 1 &&
      tf.referencing(vpc, "aws_vpc_peering_connection").length === 1 &&
      tf.referencing(vpc, "aws_ec2_transit_gateway_vpc_attachment").length === 1;
  },
  "ART31-MONITORED": () =>
    tf.referencing(get("aws_vpc.internet"), "aws_flow_log").length === 0 &&
    tf.ofType("aws_wafv2_web_acl_association").length === 0 &&
    get("aws_guardduty_detector.disabled").values.enable === false,
  "ART32-REDUNDANT": () =>
    get("aws_db_instance.mynumber_db").values.multi_az === false &&
    tf.ofType("aws_subnet").filter((s) => zone(s) === "mynumber").length === 1,
  "ART34-LINE-REDUNDANT": () => tf.ofType("aws_dx_private_virtual_interface").length === 1,
  "ART43-BACKUP": () => tf.ofType("aws_backup_selection").length === 0 && !get("aws_backup_vault.no_cmk").values.kms_key_arn,
  "ART45-CHANGE-TRAIL": () => {
    const t = get("aws_cloudtrail.weak").values;
    return t.is_multi_region_trail === false && t.enable_log_file_validation === false && !t.kms_key_id;
  },
  "ART47-LOGS-KEPT": () =>
    tf.ofType("aws_flow_log").length === 0 &&
    get("aws_lb.internet_public").values.access_logs === undefined &&
    get("aws_cloudwatch_log_group.short").values.retention_in_days < 365,
  "ART47-LOGS-PROTECTED": () => {
    const b = get("aws_s3_bucket.trail_logs");
    return ["aws_s3_bucket_versioning", "aws_s3_bucket_object_lock_configuration", "aws_s3_bucket_public_access_block"].every(
      (t) => bucketParts(b, t).length === 0,
    );
  },
  "ART49-FIREWALL": () =>
    get("aws_security_group.internet_remote").values.ingress.some(
      (r: any) => r.cidr_blocks.includes("0.0.0.0/0") && r.from_port === 0 && r.to_port === 65535,
    ),
  "ART50-PUBLIC-IN-INTERNET-ZONE": () =>
    get("aws_lb.lgwan_public").values.internal === false && zone(get("aws_lb.lgwan_public")) === "lgwan",
  "ART51-WAF": () => tf.ofType("aws_lb").every((lb) => lb.values.internal === false) && tf.ofType("aws_wafv2_web_acl").length === 0,
  "ART54-TRANSIT-ENCRYPTION": () => get("aws_elasticache_replication_group.sessions").values.transit_encryption_enabled === false,
  "ART57-KEY-ROTATION": () => {
    const key = get("aws_kms_key.unrotated");
    return key.values.enable_key_rotation === false && zone(key) === "lgwan";
  },
  "ART64-KEY-NOT-PUBLIC": () => policy(get("aws_kms_key.open").values.policy).Statement.some((s) => s.Principal.AWS === "*" && !s.Condition),
  "ART64-LEAST-PRIVILEGE": () =>
    policy(get("aws_iam_policy.star").values.policy).Statement.some((s) => s.Action === "*" && s.Resource === "*"),
  "ART65-PRIVILEGED-IDS": () =>
    get("aws_db_instance.mynumber_db").values.username === "admin" &&
    get("aws_iam_user_policy_attachment.operator_admin").values.policy_arn.endsWith("/AdministratorAccess"),
  "ART66-REMOTE-ACCESS": () =>
    get("aws_security_group.internet_remote").values.ingress.some((r: any) => r.from_port === 22) &&
    get("aws_ec2_client_vpn_endpoint.no_logs").values.connection_log_options.enabled === false,
  "ART69-NO-PLAINTEXT-SECRETS": () =>
    typeof get("aws_db_instance.mynumber_db").values.password === "string" &&
    tf.ofType("aws_iam_access_key").length === 1 &&
    typeof get("aws_secretsmanager_secret_version.db").values.secret_string === "string",
  "ART70-PRIVILEGED-SESSION": () => get("aws_iam_role.mynumber_no_mfa").values.max_session_duration > 3600,
  "ART73-ENV-SEPARATED": () => {
    const declared = (stack as any).toTerraform()["//"].sanso.environment;
    const envs = new Set(
      tf.ofType("aws_instance").filter((i) => tf.refs(i).includes("aws_subnet.mynumber_public")).map((i) => i.values.tags[TAG.environment]),
    );
    return declared === undefined && envs.has("production") && envs.has("development");
  },
  "ART78-VM-HARDENED": () =>
    get("aws_instance.legacy_prod").values.metadata_options.http_tokens === "optional" &&
    get("aws_instance.legacy_prod").values.root_block_device.encrypted === false &&
    get("aws_launch_template.legacy").values.metadata_options.http_tokens === "optional",
  "ART87-PATCHED": () => get("aws_db_instance.mynumber_db").values.auto_minor_version_upgrade === false,
  "ART90-MONITORED": () =>
    tf.ofType("aws_securityhub_account").length === 0 &&
    tf.ofType("aws_config_delivery_channel").length === 0 &&
    get("aws_guardduty_detector.disabled").values.enable === false,
  "ART99-REGION": () =>
    tf.raw.provider.aws[0].region === "us-east-1" && get("aws_s3_bucket.other_region").values.region === "eu-west-1",
};

describe("demo-noncompliant", () => {
  it("is clearly labelled: description, metadata and the sanso:demo tag on every taggable resource", () => {
    const meta = (stack as any).toTerraform()["//"].sanso;
    expect(meta.demo).toBe("noncompliant");
    expect(meta.description).toBe(DEMO_DESCRIPTION);
    expect(tf.raw.provider.aws[0].default_tags[0].tags[TAG.demo]).toBe("noncompliant");
    for (const r of tf.resources) if (r.values.tags) expect(r.values.tags[TAG.demo], r.address).toBe("noncompliant");
  });

  it("breaks every ARTICLES.md rule at least once, at addresses that exist", () => {
    for (const id of ARTICLE_RULE_IDS) {
      const addresses = stack.violations[id] ?? [];
      expect(addresses.length, id).toBeGreaterThan(0);
      for (const a of addresses) expect(tf.byAddress.has(a), `${id}: ${a}`).toBe(true);
    }
    expect(Object.keys(stack.violations).sort()).toEqual([...ARTICLE_RULE_IDS].sort());
  });

  it.each(ARTICLE_RULE_IDS)("shows the violation of %s in its configuration", (id) => {
    expect(SHOWS[id]()).toBe(true);
  });

  it.skipIf(!ARTICLES)("lists every rule id of ARTICLES.md (and the library's further rules)", () => {
    const text = readFileSync(ARTICLES!, "utf8");
    const ids = [...text.matchAll(/^\| (ART[0-9A-Z-]+) \|/gm)].map((m) => m[1]);
    expect(ids.length).toBe(38);
    expect([...ARTICLE_RULE_IDS]).toEqual(expect.arrayContaining(ids));
  });

  it("is built from raw provider resources, not sanso constructs (the stack and its sections in stacks/demo/)", () => {
    const demoDir = join(here, "../../stacks/demo");
    const files = [join(here, "../../stacks/demo-noncompliant.ts"), ...readdirSync(demoDir).filter((f) => f.endsWith(".ts")).map((f) => join(demoDir, f))];
    expect(files.length).toBeGreaterThan(5);
    let providerImports = 0;
    for (const file of files) {
      const source = readFileSync(file, "utf8");
      expect(source, file).not.toMatch(/new (MyNumberZone|LgwanZone|InternetZone|SecureBucket|SansoStack)\(/);
      for (const m of source.matchAll(/from "(@cdktf\/provider-aws[^"]*)"/g)) {
        expect(m[1], file).toMatch(/^@cdktf\/provider-aws\/lib\/[a-z0-9-]+\/index\.js$/);
        providerImports++;
      }
    }
    expect(providerImports).toBeGreaterThan(40);
  });
});
