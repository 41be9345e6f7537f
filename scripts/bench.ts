/**
 * `npm run bench`: the whole of `sanso check` (JSON.parse, normalize, evaluate, report) on
 * synthetic `terraform show -json` plans of 1k, 10k and 50k resources with a realistic mix:
 * buckets with split configuration resources, security groups and rules, instances, databases,
 * VPCs with subnets and flow logs, IAM roles and policies, KMS keys, log groups, in three zones,
 * with a share of violations.
 *
 * Each size runs in a fresh process (so peak RSS is per size) on a plan file written beforehand.
 *
 *   npm run bench                       # 1k, 10k, 50k with policies/ (or the test policy if empty)
 *   npm run bench -- --sizes 1000,10000 --policies test/fixtures/check/policies --runs 3
 *   npm run bench -- --profile 10000    # CPU profile of one run (.cpuprofile in the temp dir)
 *   npm run bench -- --rules 10000      # Wasm time of every rule of the policies on a 10k plan
 *   npm run bench -- --startup          # only the start-up of the installed package (scripts/bench-startup.ts)
 *   npm run bench -- --no-startup       # skip it
 *   npm run bench -- --synth            # only what SansoChecks adds to synth (scripts/bench-synth.ts)
 *   npm run bench -- --process          # only the check as a process vs JSON.parse, compact and
 *                                       # real-shaped plans of 15k and 50k (scripts/bench-process.ts)
 *   npm run bench -- --no-process       # skip it
 *   npm run bench -- --wasm-profile 15000  # Wasm time by function, names kept (scripts/bench-wasm-profile.ts)
 *
 * Targets (2 cores): 10k resources under 1 s end to end; 50k at most 6x the 10k time; peak
 * RSS under 1 GB at 50k.
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { cpus, loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { CLASSIFICATIONS, ZONES as VOCABULARY_ZONES } from "../src/vocabulary.ts";

const here = fileURLToPath(import.meta.url);
const root = join(here, "../..");

// ---------------------------------------------------------------------------------------------
// The synthetic plan
// ---------------------------------------------------------------------------------------------

/** Resources per unit of the mix (see `syntheticPlan`). */
export const UNIT_SIZE = 25;

const ZONES = VOCABULARY_ZONES;
const CLASSES = CLASSIFICATIONS;

/**
 * A plan of about `resources` resources, in units of 25 (all `count` instances, with
 * configuration references through `count.index`, as a real plan has them):
 * VPC, 2 subnets, flow log, log group; KMS key; bucket + SSE configuration, public access block,
 * versioning, logging, policy; security group + 2 ingress rules + egress rule; 2 instances;
 * DB instance + subnet group; IAM role, policy, attachment; Secrets Manager secret; LB + listener.
 * About one unit in 7 carries violations (SSE-S3, SSH from anywhere, public DB, IMDSv1, `*` policy).
 */
export function syntheticPlan(resources: number): Record<string, unknown> {
  const units = Math.max(1, Math.round(resources / UNIT_SIZE));
  const planned: unknown[] = [];
  const changes: unknown[] = [];
  const add = (type: string, name: string, i: number, values: Record<string, unknown>, unknown: Record<string, unknown> = {}) => {
    const address = `${type}.${name}[${i}]`;
    planned.push({ address, mode: "managed", type, name, index: i, provider_name: "registry.terraform.io/hashicorp/aws", schema_version: 0, values, sensitive_values: {} });
    changes.push({
      address, mode: "managed", type, name, index: i, provider_name: "registry.terraform.io/hashicorp/aws",
      change: { actions: ["create"], before: null, after: values, after_unknown: { id: true, arn: true, tags_all: true, ...unknown }, before_sensitive: false, after_sensitive: {} },
    });
  };
  for (let i = 0; i < units; i++) {
    const zone = ZONES[i % 3]!;
    const cls = CLASSES[i % 4]!;
    const bad = i % 7 === 3;
    const tags = { "sanso:zone": zone, "sanso:classification": cls, "sanso:owner": `section-${i % 12}`, Name: `unit-${i}` };
    const cidr = `10.${(i >> 8) & 255}.${i & 255}.0/24`;
    add("aws_vpc", "main", i, { cidr_block: cidr, enable_dns_hostnames: true, enable_dns_support: true, instance_tenancy: "default", tags: { ...tags } });
    add("aws_subnet", "a", i, { cidr_block: cidr.replace(/\.0\/24$/, ".0/25"), availability_zone: "ap-northeast-1a", map_public_ip_on_launch: false, tags: { Name: `unit-${i}-a` } }, { vpc_id: true });
    add("aws_subnet", "c", i, { cidr_block: cidr.replace(/\.0\/24$/, ".128/25"), availability_zone: "ap-northeast-1c", map_public_ip_on_launch: false, tags: { Name: `unit-${i}-c` } }, { vpc_id: true });
    add("aws_cloudwatch_log_group", "flow", i, { name: `/vpc/unit-${i}/flow`, retention_in_days: bad ? 30 : 400, tags: { ...tags } }, { kms_key_id: true });
    add("aws_flow_log", "main", i, { traffic_type: "ALL", log_destination_type: "cloud-watch-logs", max_aggregation_interval: 600, tags: {} }, { vpc_id: true, log_destination: true, iam_role_arn: true });
    add("aws_kms_key", "data", i, { description: `unit ${i} data key`, enable_key_rotation: !bad, deletion_window_in_days: bad ? 7 : 30, key_usage: "ENCRYPT_DECRYPT", customer_master_key_spec: "SYMMETRIC_DEFAULT", is_enabled: true, tags: { ...tags } });
    add("aws_s3_bucket", "data", i, { bucket: `municipal-unit-${i}-data`, force_destroy: false, object_lock_enabled: false, tags: { ...tags } }, { bucket_domain_name: true, region: true });
    add("aws_s3_bucket_server_side_encryption_configuration", "data", i, {
      expected_bucket_owner: null,
      rule: [{ apply_server_side_encryption_by_default: [bad ? { sse_algorithm: "AES256", kms_master_key_id: null } : { sse_algorithm: "aws:kms" }], bucket_key_enabled: true }],
    }, { bucket: true, rule: [{ apply_server_side_encryption_by_default: [bad ? {} : { kms_master_key_id: true }] }] });
    add("aws_s3_bucket_public_access_block", "data", i, { block_public_acls: true, block_public_policy: true, ignore_public_acls: true, restrict_public_buckets: !bad }, { bucket: true });
    add("aws_s3_bucket_versioning", "data", i, { versioning_configuration: [{ status: "Enabled", mfa_delete: "Disabled" }] }, { bucket: true });
    add("aws_s3_bucket_logging", "data", i, { target_prefix: `unit-${i}/`, target_grant: [] }, { bucket: true, target_bucket: true });
    add("aws_s3_bucket_policy", "data", i, {}, { bucket: true, policy: true });
    const sshFromAnywhere = bad;
    add("aws_security_group", "app", i, { name: `unit-${i}-app`, description: "application servers", revoke_rules_on_delete: false, tags: { Name: `unit-${i}-app` } }, { vpc_id: true, ingress: true, egress: true });
    add("aws_vpc_security_group_ingress_rule", "https", i, { cidr_ipv4: zone === "internet" ? "0.0.0.0/0" : "10.0.0.0/8", from_port: 443, to_port: 443, ip_protocol: "tcp", description: "https" }, { security_group_id: true });
    add("aws_vpc_security_group_ingress_rule", "admin", i, { cidr_ipv4: sshFromAnywhere ? "0.0.0.0/0" : "10.10.0.0/16", from_port: 22, to_port: 22, ip_protocol: "tcp", description: "admin" }, { security_group_id: true });
    add("aws_vpc_security_group_egress_rule", "all", i, { cidr_ipv4: "10.0.0.0/8", ip_protocol: "-1", description: "internal" }, { security_group_id: true });
    for (const n of ["app1", "app2"]) {
      add("aws_instance", n, i, {
        ami: "ami-0123456789abcdef0", instance_type: "t3.medium", associate_public_ip_address: false, monitoring: true,
        metadata_options: [{ http_endpoint: "enabled", http_tokens: bad && n === "app2" ? "optional" : "required", http_put_response_hop_limit: 1 }],
        root_block_device: [{ encrypted: true, volume_size: 30, volume_type: "gp3", delete_on_termination: true }],
        tags: { ...tags, Name: `unit-${i}-${n}` },
      }, { subnet_id: true, vpc_security_group_ids: true, private_ip: true, root_block_device: [{ kms_key_id: true }] });
    }
    add("aws_db_subnet_group", "db", i, { name: `unit-${i}-db`, tags: {} }, { subnet_ids: true });
    add("aws_db_instance", "db", i, {
      identifier: `unit-${i}-db`, engine: "postgres", engine_version: "16.3", instance_class: "db.t4g.medium", allocated_storage: 50,
      storage_encrypted: true, multi_az: !bad, publicly_accessible: bad, auto_minor_version_upgrade: true, backup_retention_period: 7,
      deletion_protection: true, iam_database_authentication_enabled: true, manage_master_user_password: true, username: "app_owner",
      enabled_cloudwatch_logs_exports: ["postgresql", "upgrade"], skip_final_snapshot: false, tags: { ...tags },
    }, { kms_key_id: true, db_subnet_group_name: true, vpc_security_group_ids: true, endpoint: true, address: true });
    add("aws_iam_role", "app", i, {
      name: `unit-${i}-app`, max_session_duration: 3600, path: "/",
      assume_role_policy: JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Principal: { Service: "ec2.amazonaws.com" }, Action: "sts:AssumeRole" }] }),
      tags: { ...tags },
    });
    add("aws_iam_policy", "app", i, {
      name: `unit-${i}-app`, path: "/",
      policy: JSON.stringify({ Version: "2012-10-17", Statement: [bad ? { Effect: "Allow", Action: "*", Resource: "*" } : { Effect: "Allow", Action: ["s3:GetObject", "s3:PutObject"], Resource: `arn:aws:s3:::municipal-unit-${i}-data/*` }] }),
      tags: {},
    });
    add("aws_iam_role_policy_attachment", "app", i, {}, { role: true, policy_arn: true });
    add("aws_secretsmanager_secret", "db", i, { name: `unit-${i}/db`, recovery_window_in_days: 30, tags: { ...tags } }, { kms_key_id: true });
    add("aws_lb", "app", i, { name: `unit-${i}`, internal: zone !== "internet", load_balancer_type: "application", drop_invalid_header_fields: true, tags: { ...tags } }, { subnets: true, security_groups: true, dns_name: true });
    add("aws_lb_listener", "https", i, { port: 443, protocol: "HTTPS", ssl_policy: bad ? "ELBSecurityPolicy-2016-08" : "ELBSecurityPolicy-TLS13-1-2-2021-06", default_action: [{ type: "forward" }] }, { load_balancer_arn: true, certificate_arn: true, default_action: [{ target_group_arn: true }] });
  }

  const ref = (...r: string[]) => ({ references: r });
  const idx = (type: string, name: string, attr: string) => ref(`${type}.${name}[count.index].${attr}`, `${type}.${name}`);
  const cfg = (type: string, name: string, expressions: Record<string, unknown>) => ({
    address: `${type}.${name}`, mode: "managed", type, name, provider_config_key: "aws", expressions, schema_version: 0,
    count_expression: ref("var.units"),
  });
  const bucket = idx("aws_s3_bucket", "data", "id");
  const sg = idx("aws_security_group", "app", "id");
  const configuration = {
    provider_config: {
      aws: {
        name: "aws",
        full_name: "registry.terraform.io/hashicorp/aws",
        expressions: { region: { constant_value: "ap-northeast-1" }, default_tags: [{ tags: { constant_value: { "sanso:environment": "production", "sanso:platform": "standalone" } } }] },
      },
    },
    root_module: {
      resources: [
        cfg("aws_vpc", "main", {}),
        cfg("aws_subnet", "a", { vpc_id: idx("aws_vpc", "main", "id") }),
        cfg("aws_subnet", "c", { vpc_id: idx("aws_vpc", "main", "id") }),
        cfg("aws_cloudwatch_log_group", "flow", { kms_key_id: idx("aws_kms_key", "data", "arn") }),
        cfg("aws_flow_log", "main", { vpc_id: idx("aws_vpc", "main", "id"), log_destination: idx("aws_cloudwatch_log_group", "flow", "arn"), iam_role_arn: idx("aws_iam_role", "app", "arn") }),
        cfg("aws_kms_key", "data", {}),
        cfg("aws_s3_bucket", "data", {}),
        cfg("aws_s3_bucket_server_side_encryption_configuration", "data", { bucket, rule: [{ apply_server_side_encryption_by_default: [{ kms_master_key_id: idx("aws_kms_key", "data", "arn") }] }] }),
        cfg("aws_s3_bucket_public_access_block", "data", { bucket }),
        cfg("aws_s3_bucket_versioning", "data", { bucket }),
        cfg("aws_s3_bucket_logging", "data", { bucket, target_bucket: bucket }),
        cfg("aws_s3_bucket_policy", "data", { bucket, policy: idx("aws_s3_bucket", "data", "arn") }),
        cfg("aws_security_group", "app", { vpc_id: idx("aws_vpc", "main", "id") }),
        cfg("aws_vpc_security_group_ingress_rule", "https", { security_group_id: sg }),
        cfg("aws_vpc_security_group_ingress_rule", "admin", { security_group_id: sg }),
        cfg("aws_vpc_security_group_egress_rule", "all", { security_group_id: sg }),
        cfg("aws_instance", "app1", { subnet_id: idx("aws_subnet", "a", "id"), vpc_security_group_ids: sg, root_block_device: [{ kms_key_id: idx("aws_kms_key", "data", "arn") }] }),
        cfg("aws_instance", "app2", { subnet_id: idx("aws_subnet", "c", "id"), vpc_security_group_ids: sg, root_block_device: [{ kms_key_id: idx("aws_kms_key", "data", "arn") }] }),
        cfg("aws_db_subnet_group", "db", { subnet_ids: ref("aws_subnet.a[count.index].id", "aws_subnet.a", "aws_subnet.c[count.index].id", "aws_subnet.c") }),
        cfg("aws_db_instance", "db", { kms_key_id: idx("aws_kms_key", "data", "arn"), db_subnet_group_name: idx("aws_db_subnet_group", "db", "name"), vpc_security_group_ids: sg }),
        cfg("aws_iam_role", "app", {}),
        cfg("aws_iam_policy", "app", {}),
        cfg("aws_iam_role_policy_attachment", "app", { role: idx("aws_iam_role", "app", "name"), policy_arn: idx("aws_iam_policy", "app", "arn") }),
        cfg("aws_secretsmanager_secret", "db", { kms_key_id: idx("aws_kms_key", "data", "arn") }),
        cfg("aws_lb", "app", { subnets: ref("aws_subnet.a[count.index].id", "aws_subnet.a", "aws_subnet.c[count.index].id", "aws_subnet.c"), security_groups: sg }),
        cfg("aws_lb_listener", "https", { load_balancer_arn: idx("aws_lb", "app", "arn") }),
      ],
      variables: { units: {} },
    },
  };
  return {
    format_version: "1.2",
    terraform_version: "1.9.8",
    variables: { units: { value: units } },
    planned_values: { root_module: { resources: planned } },
    resource_changes: changes,
    configuration,
  };
}

// ---------------------------------------------------------------------------------------------
// One measured run (child process)
// ---------------------------------------------------------------------------------------------

interface RunResult {
  resources: number;
  inputMB: number;
  parseMs: number;
  normalizeMs: number;
  evaluateMs: number;
  reportMs: number;
  totalMs: number;
  /** CPU time (user + system) of the check: below totalMs when other processes compete for the cores. */
  cpuMs: number;
  processMs: number;
  policyLoadMs: number;
  findings: number;
  peakRssMB: number;
  detail: Record<string, number>;
}

async function runOne(planFile: string, bundle: string): Promise<RunResult> {
  const { decodeText, locateResources, normalizeDocument } = await import("../src/input/index.js");
  const { loadPolicySet, Evaluator, evaluateInputs, assembleReport } = await import("../src/check/index.js");
  const { render } = await import("../src/report/index.js");

  // The policy set is the bundle the parent compiled (what `sanso check` reads from its cache);
  // a bundle file keeps every size on the same policies while policies/ is being edited.
  const tp = performance.now();
  const set = await loadPolicySet({ bundle });
  const policyLoadMs = performance.now() - tp;

  // As loadInputs does it: the file's bytes, text and parsed JSON are dropped once normalized.
  const t0 = performance.now();
  const cpu0 = process.cpuUsage();
  let inputBytes = 0;
  let parseMs = 0;
  const doc = (() => {
    const bytes = readFileSync(planFile);
    inputBytes = bytes.length;
    const text = decodeText(bytes, planFile);
    const tr = performance.now();
    const json = JSON.parse(text);
    parseMs = performance.now() - tr;
    const d = normalizeDocument(json, planFile);
    const lines = locateResources(text, d.format);
    for (const r of Object.values(d.resources)) {
      const l = lines.get(r.address);
      if (l !== undefined) r.source.line = l;
    }
    return d;
  })();
  const t2 = performance.now();
  // One JSON.stringify of the input, handed to the SDK as an ArrayBuffer; the Wasm instance is
  // created on first use with its memory sized for the input.
  const evaluated = await evaluateInputs([doc], new Evaluator(set, {}));
  const t3 = performance.now();
  // Exceptions, the report model and the default text report (other formats timed apart below).
  const { report } = assembleReport({ inputs: [planFile], docs: [doc], evaluated, policySet: set, exceptions: null, asOf: "2026-01-01", failOn: "low" });
  render("text", report, { lang: "ja", color: false });
  const t4 = performance.now();
  const cpu = process.cpuUsage(cpu0);
  const formatMs: Record<string, number> = {};
  for (const f of ["json", "sarif", "junit", "html"] as const) {
    const t = performance.now();
    render(f, report, { lang: "ja", color: false });
    formatMs[f] = performance.now() - t;
  }
  return {
    resources: Object.keys(doc.resources).length,
    inputMB: inputBytes / 1e6,
    parseMs,
    normalizeMs: t2 - t0 - parseMs,
    evaluateMs: t3 - t2,
    reportMs: t4 - t3,
    totalMs: t4 - t0,
    cpuMs: (cpu.user + cpu.system) / 1000,
    processMs: performance.now(),
    policyLoadMs,
    findings: report.findings.length,
    peakRssMB: process.resourceUsage().maxRSS / 1024,
    detail: { stringifyMs: evaluated.stringifyMs, wasmMs: evaluated.evalMs, inputJsonMB: evaluated.inputBytes / 1e6, ...Object.fromEntries(Object.entries(formatMs).map(([k, v]) => [`${k}Ms`, v])) },
  };
}

// ---------------------------------------------------------------------------------------------
// Cost per rule (--rules): which policy constructs take the evaluation time
// ---------------------------------------------------------------------------------------------

/**
 * Compiles the policies with one entrypoint per rule of every package under sanso.articles and
 * sanso.lib (functions excepted) and evaluates each on the same input: the time of each rule
 * includes the rules it depends on (nothing is shared between evaluations), so the costly
 * construct is the cheapest rule that is slow.
 */
async function profileRules(policies: string | undefined, resources: number): Promise<void> {
  const { loadSources } = await import("../src/rego/sources.js");
  const { parseModule } = await import("../src/rego/syntax/index.js");
  const { compileSources } = await import("../src/rego/compile/index.js");
  const { loadPolicy } = await import("../src/rego/bundle/load.js");
  const { normalizeDocument } = await import("../src/input/index.js");
  const { memoryPagesFor } = await import("../src/check/index.js");
  const dir = policies ?? join(root, "policies");
  const src = loadSources([dir]);
  const eps = new Set<string>();
  for (const m of src.modules) {
    const mod = parseModule(m.text, m.file);
    const pkg = mod.package.join("/");
    for (const r of mod.rules) {
      if (r.head.kind === "function") continue;
      const name = r.head.ref[0];
      if (!name || name.type !== "var") continue;
      eps.add(`${pkg}/${name.name}`);
    }
  }
  const list = [...eps].sort();
  console.log(`compiling ${list.length} rule entrypoints of ${dir}…`);
  const t0 = performance.now();
  const compiled = compileSources(src.modules, { entrypoints: list });
  console.log(`compiled in ${(performance.now() - t0).toFixed(0)} ms`);
  const doc = normalizeDocument(JSON.parse(JSON.stringify(syntheticPlan(resources))), "plan.json");
  const text = Buffer.from(JSON.stringify(doc));
  const ab = text.buffer.slice(text.byteOffset, text.byteOffset + text.byteLength) as ArrayBuffer;
  const policy = await loadPolicy(compiled.wasm, memoryPagesFor(text.byteLength));
  policy.setData({ ...(src.data as object), sanso: { ...((src.data as { sanso?: object }).sanso ?? {}), config: {} } });
  const rows: Array<[string, number]> = [];
  for (const ep of list) {
    try {
      rows.push([ep, median(3, () => policy.evaluate(ab, ep))]);
    } catch (e) {
      rows.push([`${ep} (error: ${String((e as Error).message ?? e).slice(0, 60)})`, NaN]);
    }
  }
  // The cheapest rule is (almost) only the copy and parse of the input into Wasm memory.
  const baseline = Math.min(...rows.map((r) => r[1]).filter((x) => !Number.isNaN(x)));
  rows.sort((a, b) => (b[1] || 0) - (a[1] || 0));
  console.log(`\nWasm time per rule on ${Object.keys(doc.resources).length} resources, ${(text.byteLength / 1e6).toFixed(1)} MB input.`);
  console.log(`Every evaluation first parses the input: ${baseline.toFixed(0)} ms (the cheapest rule), subtracted below.`);
  for (const [ep, ms] of rows.slice(0, Number(arg("--top") ?? 40))) console.log(`  ${(ms - baseline).toFixed(1).padStart(8)} ms  ${ep}`);
}

function median(n: number, fn: () => unknown): number {
  const ts: number[] = [];
  for (let i = 0; i < n; i++) {
    const t = performance.now();
    fn();
    ts.push(performance.now() - t);
  }
  return ts.sort((a, b) => a - b)[Math.floor(n / 2)]!;
}

// ---------------------------------------------------------------------------------------------
// Driver
// ---------------------------------------------------------------------------------------------

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

function pad(s: string, n: number, right = false): string {
  return right ? s.padEnd(n) : s.padStart(n);
}

async function main(): Promise<void> {
  const one = arg("--one");
  let policies = arg("--policies");
  if (one) {
    const r = await runOne(one, arg("--bundle")!);
    process.stdout.write(`${JSON.stringify(r)}\n`);
    return;
  }
  if (process.argv.includes("--synth")) {
    const { benchSynth } = await import("./bench-synth.ts");
    benchSynth(root);
    return;
  }
  if (process.argv.includes("--startup")) {
    const { benchStartup } = await import("./bench-startup.ts");
    await benchStartup(root, syntheticPlan(20));
    return;
  }
  if (process.argv.includes("--process")) {
    const { benchProcess } = await import("./bench-process.ts");
    benchProcess(root, syntheticPlan, (arg("--sizes") ?? "15000,50000").split(",").map(Number), Number(arg("--runs") ?? 3));
    return;
  }
  if (process.argv.includes("--wasm-profile")) {
    const { benchWasmProfile } = await import("./bench-wasm-profile.ts");
    await benchWasmProfile(root, syntheticPlan, Number(arg("--wasm-profile") ?? 15000) || 15000, Number(arg("--top") ?? 30));
    return;
  }
  if (process.argv.includes("--rules")) {
    await profileRules(policies, Number(arg("--rules") ?? 10000) || 10000);
    return;
  }
  if (!policies) {
    const dir = join(root, "policies");
    const hasRego = (d: string): boolean =>
      readdirSync(d).some((f) => f.endsWith(".rego") || (statSync(join(d, f)).isDirectory() && hasRego(join(d, f))));
    if (!hasRego(dir)) policies = join(root, "test/fixtures/check/policies");
  }
  const sizes = (arg("--sizes") ?? arg("--profile") ?? "1000,10000,50000").split(",").map(Number);
  const runs = Number(arg("--runs") ?? 1);
  const profile = arg("--profile") !== undefined;

  // Compile (or find in the cache) once, outside the measured runs.
  const { loadPolicySet } = await import("../src/check/index.js");
  const { writeBundle } = await import("../src/rego/bundle/bundle.js");
  const set = await loadPolicySet(policies ? { policies } : {});
  const ruleCount = set.rules.length;

  const dir = mkdtempSync(join(tmpdir(), "sanso-bench-"));
  const bundleFile = join(dir, "bundle.tar.gz");
  writeFileSync(bundleFile, await writeBundle(set.bundle));
  console.log(`sanso check benchmark — policies: ${policies ?? join(root, "policies")} (${ruleCount} rules, ${set.version}${set.compiled ? `, compiled in ${Math.round(set.ms)} ms` : ", cached"})`);
  console.log(`node ${process.version}, ${cpus().length} CPUs (${cpus()[0]?.model ?? "?"}), load average ${loadavg().map((x) => x.toFixed(1)).join(" ")}; ${runs} run(s) per size, best shown; each run in a fresh process`);
  console.log("report = exceptions + report model + the text report (the default output)");
  console.log("");
  const header = ["resources", "input MB", "JSON.parse ms", "normalize ms", "evaluate ms", "report ms", "total ms", "(CPU ms)", "peak RSS MB", "findings"];
  const widths = header.map((h) => Math.max(h.length, 8));
  console.log(header.map((h, i) => pad(h, widths[i]!)).join("  "));
  const results: RunResult[] = [];
  try {
    for (const n of sizes) {
      const file = join(dir, `plan-${n}.json`);
      writeFileSync(file, JSON.stringify(syntheticPlan(n), null, 2));
      let best: RunResult | undefined;
      for (let k = 0; k < runs; k++) {
        const nodeArgs = ["--import", "tsx", ...(profile ? ["--cpu-prof", `--cpu-prof-dir=${dir}`] : []), here, "--one", file, "--bundle", bundleFile];
        const r = spawnSync(process.execPath, nodeArgs, { cwd: root, encoding: "utf8", maxBuffer: 1 << 26 });
        if (r.status !== 0) {
          console.error(r.stderr || r.stdout);
          throw new Error(`run for ${n} resources failed (exit ${r.status})`);
        }
        const res = JSON.parse(r.stdout.trim().split("\n").pop()!) as RunResult;
        if (!best || res.totalMs < best.totalMs) best = res;
      }
      const b = best!;
      results.push(b);
      const row = [
        String(b.resources), b.inputMB.toFixed(1), b.parseMs.toFixed(0), b.normalizeMs.toFixed(0), b.evaluateMs.toFixed(0),
        b.reportMs.toFixed(0), b.totalMs.toFixed(0), b.cpuMs.toFixed(0), b.peakRssMB.toFixed(0), String(b.findings),
      ];
      console.log(row.map((c, i) => pad(c, widths[i]!)).join("  "));
    }
    console.log("");
    for (const b of results) {
      console.log(
        `  ${b.resources} resources: evaluate = stringify ${b.detail.stringifyMs!.toFixed(0)} ms (${b.detail.inputJsonMB!.toFixed(1)} MB) + Wasm ${b.detail.wasmMs!.toFixed(0)} ms; ` +
          `report text + ${["json", "sarif", "junit", "html"].map((f) => `${f} ${b.detail[`${f}Ms`]!.toFixed(0)}`).join(", ")} ms; ` +
          `policy bundle read ${b.policyLoadMs.toFixed(0)} ms; process ${b.processMs.toFixed(0)} ms incl. Node/tsx start-up`,
      );
    }
    const at = (n: number) => results.find((r) => Math.abs(r.resources - n) / n < 0.05);
    const r10 = at(10000);
    const r50 = at(50000);
    if (r10 || r50) console.log("");
    if (r10) console.log(`  target 10k < 1000 ms end to end: ${r10.totalMs.toFixed(0)} ms ${r10.totalMs < 1000 ? "OK" : "MISSED"}`);
    if (r10 && r50) console.log(`  target 50k <= 6x 10k: ${(r50.totalMs / r10.totalMs).toFixed(1)}x ${r50.totalMs <= 6 * r10.totalMs ? "OK" : "MISSED"}`);
    if (r50) console.log(`  target peak RSS at 50k < 1024 MB: ${r50.peakRssMB.toFixed(0)} MB ${r50.peakRssMB < 1024 ? "OK" : "MISSED"}`);
    if (!profile && !process.argv.includes("--no-process")) {
      console.log("");
      const { benchProcess } = await import("./bench-process.ts");
      benchProcess(root, syntheticPlan, [15000, 50000], runs);
    }
    if (!profile && !process.argv.includes("--no-startup")) {
      console.log("");
      const { benchStartup } = await import("./bench-startup.ts");
      await benchStartup(root, syntheticPlan(20));
    }
    if (profile) console.log(`\n  CPU profiles: ${readdirSync(dir).filter((f) => f.endsWith(".cpuprofile")).map((f) => join(dir, f)).join(", ")}`);
  } finally {
    if (!profile) rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[1] && fileURLToPath(new URL(`file://${process.argv[1]}`)) === here) await main();
