/**
 * `sanso normalize`: the document the policies read, so that `sanso eval` on the policies gives
 * what `sanso check` finds (evaluating them on a raw cdk.tf.json or plan finds nothing).
 */
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { buildCli, ROOT, sanso } from "./helpers.js";
import { tempDir } from "../tmp.js";

let dir: string;
const dir_ = () => dir;
let app: string;

beforeAll(async () => {
  buildCli();
  dir = tempDir("sanso-normalize-");
  app = join(dir, "out");
  const r = await sanso(["synth", "--output", app]);
  expect(r.code, r.stderr).toBe(0);
});

describe("sanso normalize", () => {
  it("writes one stack's document; sanso eval of the policies on it finds what sanso check finds", async () => {
    const input = join(dir, "demo.json");
    const n = await sanso(["normalize", app, "--stack", "demo-noncompliant", "-o", input]);
    expect(n.code, n.stderr).toBe(0);
    const doc = JSON.parse(readFileSync(input, "utf8")) as { format: string; stack: string; resources: Record<string, unknown>; by_type: object };
    expect(doc).toMatchObject({ format: "cdktf", stack: "demo-noncompliant" });
    expect(Object.keys(doc.resources).length).toBeGreaterThan(50);
    const ev = await sanso(["eval", "-d", join(ROOT, "policies"), "-i", input, "[concat(\" \", [f.rule, f.resource]) | some f in data.sanso.main.findings]"]);
    expect(ev.code, ev.stderr).toBe(0);
    const raw = (JSON.parse(ev.stdout) as { result: Array<{ expressions: Array<{ value: string[] }> }> }).result[0]!.expressions[0]!.value;
    const check = await sanso(["check", join(app, "stacks/demo-noncompliant/cdk.tf.json"), "-f", "json"]);
    // sanso check groups the findings of one cause into one finding listing its resources: the
    // same rule and resource pairs
    type F = { rule: string; resource: string; resources?: Array<{ resource: string }> };
    const checked = (JSON.parse(check.stdout) as { findings: F[] }).findings.flatMap((f) => (f.resources ?? [f]).map((r) => `${f.rule} ${r.resource}`));
    expect(raw.length).toBeGreaterThan(10);
    expect([...new Set(raw)].sort()).toEqual([...new Set(checked)].sort());
  });

  it("sanso eval normalizes a raw cdk.tf.json or cdktf.out (--stack) first; other JSON is refused for sanso's policies", async () => {
    const query = "count(data.sanso.main.findings)";
    const count = (stdout: string) => (JSON.parse(stdout) as { result: Array<{ expressions: Array<{ value: number }> }> }).result[0]!.expressions[0]!.value;
    const file = await sanso(["eval", "-d", join(ROOT, "policies"), "-i", join(app, "stacks/demo-noncompliant/cdk.tf.json"), query]);
    expect(file.code, file.stderr).toBe(0);
    expect(file.stderr).toMatch(/normalized the cdktf stack demo-noncompliant/);
    const dir = await sanso(["eval", "-d", join(ROOT, "policies"), "-i", app, "--stack", "demo-noncompliant", query]);
    expect(count(dir.stdout)).toBe(count(file.stdout));
    expect(count(file.stdout)).toBeGreaterThan(10);
    const several = await sanso(["eval", "-d", join(ROOT, "policies"), "-i", app, query]);
    expect(several.code).toBe(2);
    expect(several.stderr).toMatch(/4 stacks \(.*\): choose one with --stack/);
    const other = join(dir_(), "other.json");
    writeFileSync(other, '{"a": 1}');
    const refused = await sanso(["eval", "-d", join(ROOT, "policies"), "-i", other, query]);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/not a normalized input, nor a cdk\.tf\.json, cdktf\.out or plan/);
  });

  it("several stacks: an array; an unknown --stack or --zone is a usage error (exit 2)", async () => {
    const all = await sanso(["normalize", app]);
    expect(all.code, all.stderr).toBe(0);
    expect((JSON.parse(all.stdout) as Array<{ stack: string }>).map((d) => d.stack).sort()).toEqual(["demo-noncompliant", "gcas-jumin", "internet-shinsei", "lgwan-groupware"]);
    const none = await sanso(["normalize", app, "--stack", "nope"]);
    expect(none.code).toBe(2);
    expect(none.stderr).toMatch(/--stack nope: no such stack/);
    const zone = await sanso(["normalize", app, "--zone", "dmz"]);
    expect(zone.code).toBe(2);
    expect(zone.stderr).toMatch(/--zone must be mynumber, lgwan or internet, not "dmz"/);
  });
});
