/**
 * Issue 9 item 2: unknown is not unset. A plan marks an argument unknown (`after_unknown`) both
 * when the configuration gives an expression Terraform cannot evaluate before apply, and when the
 * configuration gives nothing and the provider computes the value (an Optional+Computed argument:
 * a backup vault without `kms_key_arn` gets the aws/backup key). Only the first is an open
 * question ("unverified"); the second is decided by the AWS default and must be judged like the
 * same argument missing from a cdk.tf.json.
 *
 * Each case takes a compliant plan of test/fixtures/policies/plan (generated from the scenario
 * stacks) and rewrites one argument the way `terraform show -json` shows it:
 *   - unset:  no expression in `configuration`, absent from `after`, `true` in `after_unknown`;
 *   - opaque: an expression naming a `local` (plan JSON cannot follow locals), absent from
 *             `after`, `true` in `after_unknown`.
 * Every affected rule must fire on "unset" and list the resource as unverified on "opaque".
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { normalizeDocument } from "../../src/input/index.js";
import { compilePolicies, FIXTURES, type Compiled, type Result } from "./policy.js";

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };
type Obj = { [k: string]: Json };

const readPlan = (name: string): Obj => JSON.parse(readFileSync(join(FIXTURES, "plan", `${name}.good.json`), "utf8")) as Obj;

const seg = (s: string): string | number => (/^\d+$/.test(s) ? Number(s) : s);

/** Sets (value !== undefined) or deletes the value at a dot path, creating objects/arrays on the way. */
function put(root: Obj, path: string, value: Json | undefined): void {
  const p = path.split(".").map(seg);
  let o: Json = root;
  for (let i = 0; i < p.length - 1; i++) {
    const k = p[i]!;
    const c = o as Record<string | number, Json>;
    if (c[k] === undefined || c[k] === null) c[k] = typeof p[i + 1] === "number" ? [] : {};
    o = c[k]!;
  }
  const last = p.at(-1)!;
  const c = o as Record<string | number, Json>;
  if (value === undefined) delete c[last];
  else c[last] = value;
}

function parts(plan: Obj, address: string) {
  const rc = (plan.resource_changes as Obj[]).find((r) => r.address === address)!;
  const pv = ((plan.planned_values as Obj).root_module as Obj).resources as Obj[];
  const planned = pv.find((r) => r.address === address)!;
  const cfg = (((plan.configuration as Obj).root_module as Obj).resources as Obj[]).find((r) => r.address === address)!;
  expect(rc && planned && cfg, address).toBeTruthy();
  return { change: rc.change as Obj, planned, cfg };
}

/** The argument as a plan shows it when the configuration does not set it and the provider computes it. */
function unset(plan: Obj, address: string, path: string): Obj {
  const { change, planned, cfg } = parts(plan, address);
  put(cfg.expressions as Obj, path, undefined);
  put(change.after as Obj, path, undefined);
  put(planned.values as Obj, path, undefined);
  put(change.after_unknown as Obj, path, true);
  return plan;
}

/** The argument as a plan shows it when the configuration sets it from something only known after apply. */
function opaque(plan: Obj, address: string, path: string): Obj {
  const { change, planned, cfg } = parts(plan, address);
  put(cfg.expressions as Obj, path, { references: ["local.from_elsewhere"] });
  put(change.after as Obj, path, undefined);
  put(planned.values as Obj, path, undefined);
  put(change.after_unknown as Obj, path, true);
  return plan;
}

/** A known constant argument. */
function constant(plan: Obj, address: string, path: string, value: Json): Obj {
  const { change, planned, cfg } = parts(plan, address);
  put(cfg.expressions as Obj, path, { constant_value: value });
  put(change.after as Obj, path, value);
  put(planned.values as Obj, path, value);
  put(change.after_unknown as Obj, path, undefined);
  return plan;
}

let compiled: Compiled;
const evaluate = (plan: Obj): Result => compiled.evaluate(normalizeDocument(plan as never, "mutated-plan.json"));
const fired = (r: Result, rule: string) => r.findings.filter((f) => f.rule === rule).map((f) => f.resource);

beforeAll(async () => {
  compiled = await compilePolicies();
});

interface Case {
  name: string;
  plan: string;
  address: string;
  path: string;
  /** The resource the rule reports (default `address`). */
  subject?: string;
  rules: string[];
  /** Makes the plan reach the case (e.g. an engine version where the default is not compliant). */
  prepare?: (plan: Obj) => Obj;
}

const CASES: Case[] = [
  { name: "backup vault without kms_key_arn (aws/backup key)", plan: "databases", address: "aws_backup_vault.main", path: "kms_key_arn", rules: ["ART43-BACKUP", "ART29-CMK"] },
  { name: "RDS instance without kms_key_id (aws/rds key)", plan: "databases", address: "aws_db_instance.jumin", path: "kms_key_id", rules: ["ART29-CMK"] },
  { name: "RDS master user secret without master_user_secret_kms_key_id", plan: "databases", address: "aws_db_instance.jumin", path: "master_user_secret_kms_key_id", rules: ["ART29-CMK"] },
  { name: "class I RDS instance without enabled_cloudwatch_logs_exports (no log export)", plan: "databases", address: "aws_db_instance.jumin", path: "enabled_cloudwatch_logs_exports", rules: ["ART27-CLASS-I-ACCESS-LOG"] },
  { name: "RDS instance without multi_az (single AZ)", plan: "databases", address: "aws_db_instance.jumin", path: "multi_az", rules: ["ART32-REDUNDANT"] },
  {
    name: "PostgreSQL 14 without parameter_group_name (the default group does not force TLS)",
    plan: "databases",
    address: "aws_db_instance.jumin",
    path: "parameter_group_name",
    rules: ["ART24-TLS-ONLY"],
    prepare: (p) => constant(p, "aws_db_instance.jumin", "engine_version", "14.12"),
  },
  { name: "EBS volume without kms_key_id (aws/ebs key)", plan: "mynumber-storage", address: "aws_ebs_volume.scratch", path: "kms_key_id", rules: ["ART29-CMK"] },
  { name: "EBS volume without encrypted (unencrypted)", plan: "mynumber-storage", address: "aws_ebs_volume.scratch", path: "encrypted", rules: ["ART22-ENCRYPTED-AT-REST"] },
  {
    name: "class II VPC whose subnet has no availability_zone (AWS picks one)",
    plan: "mynumber-network",
    address: "aws_subnet.jumin_c",
    path: "availability_zone",
    subject: "aws_vpc.jumin",
    rules: ["ART32-REDUNDANT"],
    prepare: (p) => {
      constant(p, "aws_vpc.jumin", "tags", { "sanso:zone": "mynumber", "sanso:classification": "II" });
      return constant(p, "aws_vpc.jumin", "tags_all", { "sanso:zone": "mynumber", "sanso:classification": "II" });
    },
  },
];

/**
 * Boolean arguments: set from something only known after apply (no reference the plan can
 * follow) is unverified, never a finding as if unset; truly unset is judged by the default.
 */
const FLAGS: Array<{ name: string; plan: string; address: string; path: string; rule: string; unsetFires: boolean }> = [
  { name: "ElastiCache transit_encryption_enabled (default off)", plan: "databases", address: "aws_elasticache_replication_group.sessions", path: "transit_encryption_enabled", rule: "ART24-TLS-ONLY", unsetFires: true },
  { name: "RDS auto_minor_version_upgrade (default on)", plan: "databases", address: "aws_db_instance.jumin", path: "auto_minor_version_upgrade", rule: "ART87-PATCHED", unsetFires: false },
  { name: "ElastiCache auto_minor_version_upgrade (default on)", plan: "databases", address: "aws_elasticache_replication_group.sessions", path: "auto_minor_version_upgrade", rule: "ART87-PATCHED", unsetFires: false },
];

describe.each(FLAGS)("boolean $name", (c) => {
  it("unset: judged by the default (a finding or a pass), never unverified", () => {
    const r = evaluate(unset(readPlan(c.plan), c.address, c.path));
    expect(fired(r, c.rule).includes(c.address)).toBe(c.unsetFires);
    expect(r.unverified[c.rule] ?? []).not.toContain(c.address);
  });

  it("opaque: unverified, no finding", () => {
    const r = evaluate(opaque(readPlan(c.plan), c.address, c.path));
    expect(fired(r, c.rule)).not.toContain(c.address);
    expect(r.unverified[c.rule] ?? []).toContain(c.address);
  });

  it("false: a finding", () => {
    const r = evaluate(constant(readPlan(c.plan), c.address, c.path, false));
    expect(fired(r, c.rule)).toContain(c.address);
  });
});

describe.each(CASES)("$name", (c) => {
  const subject = c.subject ?? c.address;
  const base = () => (c.prepare ? c.prepare(readPlan(c.plan)) : readPlan(c.plan));

  it("as configured: compliant", () => {
    const r = evaluate(base());
    for (const rule of c.rules) {
      expect(fired(r, rule), rule).toEqual([]);
      expect(r.checked[rule], rule).toContain(subject);
    }
  });

  it("unset (no expression, unknown in the plan): a finding, decided by the AWS default, not unverified", () => {
    const r = evaluate(unset(base(), c.address, c.path));
    for (const rule of c.rules) {
      expect(fired(r, rule), rule).toContain(subject);
      expect(r.unverified[rule] ?? [], rule).not.toContain(subject);
    }
  });

  it("opaque (an expression only known after apply): unverified, no finding", () => {
    const r = evaluate(opaque(base(), c.address, c.path));
    for (const rule of c.rules) {
      expect(fired(r, rule), rule).toEqual([]);
      expect(r.unverified[rule] ?? [], rule).toContain(subject);
    }
  });
});

describe("the normalizer keeps the two apart", () => {
  it("unknown holds what the configuration sets; computed what it leaves to the provider", () => {
    const doc = normalizeDocument(opaque(unset(readPlan("databases"), "aws_backup_vault.main", "kms_key_arn"), "aws_db_instance.jumin", "kms_key_id") as never, "p.json");
    expect(doc.resources["aws_backup_vault.main"]!.unknown).toEqual({});
    expect(doc.resources["aws_backup_vault.main"]!.computed).toEqual({ kms_key_arn: true, id: true });
    expect(doc.resources["aws_db_instance.jumin"]!.unknown).toMatchObject({ kms_key_id: true, master_user_secret_kms_key_id: true });
    expect(doc.resources["aws_db_instance.jumin"]!.computed).not.toHaveProperty("kms_key_id");
  });

  it("a nested block missing from the configuration stays unknown (it may be a dynamic block)", () => {
    const plan = readPlan("mynumber-storage");
    const { change } = parts(plan, "aws_ebs_volume.scratch");
    put(change.after_unknown as Obj, "ebs_block_device", true);
    const doc = normalizeDocument(plan as never, "p.json");
    expect(doc.resources["aws_ebs_volume.scratch"]!.unknown).toMatchObject({ ebs_block_device: true });
  });
});
