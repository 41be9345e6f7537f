/**
 * `--policies DIR` adds a municipality's own rules (packages under sanso.local) to the built-in
 * library: they fire and pass like built-in rules, appear in every report and in `sanso policies`,
 * and a directory whose rules would never be evaluated is refused (exit 2), never a silent pass.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { join, relative } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { buildCli, EXAMPLES, FIXTURE_POLICIES, sanso } from "./helpers.js";
import { tempDir } from "../tmp.js";

const LOCAL = join(EXAMPLES, "local-policies");
const RULE = "LOCAL-COST-CENTER";
let dir: string;

/** A one-bucket cdk.tf.json; `tags` on the bucket. */
function stack(name: string, tags: Record<string, string>): string {
  const file = join(dir, `${name}.cdk.tf.json`);
  writeFileSync(
    file,
    JSON.stringify({
      "//": { metadata: { backend: "local", stackName: name, version: "0.21.0" } },
      provider: { aws: [{ region: "ap-northeast-1" }] },
      resource: { aws_s3_bucket: { files: { "//": { metadata: { path: `${name}/Files`, uniqueId: "files" } }, bucket: `${name}-files`, tags } } },
    }),
  );
  return file;
}

const findingsOf = (stdout: string) => (JSON.parse(stdout) as { findings: Array<{ rule: string; resource: string; construct: string | null }> }).findings;

beforeAll(() => {
  buildCli();
  dir = tempDir("sanso-local-");
});

describe("sanso check --policies <local rules>", () => {
  it("fires a local rule beside the built-in ones, with its METADATA in the report", async () => {
    const r = await sanso(["check", stack("untagged", { "sanso:zone": "lgwan", "sanso:classification": "II" }), "--policies", LOCAL, "-f", "json"]);
    expect(r.code, r.stderr).toBe(1);
    const findings = findingsOf(r.stdout);
    expect(findings.filter((f) => f.rule === RULE)).toEqual([expect.objectContaining({ resource: "aws_s3_bucket.files", construct: "untagged/Files" })]);
    // the built-in library still runs: the bare bucket has no encryption configuration, among others
    expect(findings.some((f) => f.rule.startsWith("ART"))).toBe(true);
    const rule = (JSON.parse(r.stdout) as { rules: Array<{ id: string; article: string; severity: string; checked: number }> }).rules.find((x) => x.id === RULE);
    expect(rule).toMatchObject({ article: "第18条第1項", severity: "low", checked: 1 });
  });

  it("passes the local rule when the tag is there (checked, no finding), in every format", async () => {
    const file = stack("tagged", { "sanso:zone": "lgwan", "sanso:classification": "II", "city:cost-center": "1234" });
    const r = await sanso(["check", file, "--policies", LOCAL, "-f", "json"]);
    expect(findingsOf(r.stdout).filter((f) => f.rule === RULE)).toEqual([]);
    const rule = (JSON.parse(r.stdout) as { rules: Array<{ id: string; status: string; checked: number }> }).rules.find((x) => x.id === RULE);
    expect(rule).toMatchObject({ status: "pass", checked: 1 });
    const sarif = await sanso(["check", stack("untagged2", {}), "--policies", LOCAL, "-f", "sarif"]);
    expect(sarif.stdout).toContain(`"ruleId": "${RULE}"`);
    const junit = await sanso(["check", file, "--policies", LOCAL, "-f", "junit"]);
    expect(junit.stdout).toContain(RULE);
  });

  it("sanso.config.yaml `policies` adds them too (relative to the file), for check and policies", async () => {
    const cwd = join(dir, "with-config");
    mkdirSync(cwd);
    writeFileSync(join(cwd, "sanso.config.yaml"), `policies: [${JSON.stringify(relative(cwd, LOCAL))}]\n`);
    const r = await sanso(["check", stack("configured", {}), "-f", "json"], { cwd });
    expect(r.code, r.stderr).toBe(1);
    expect(findingsOf(r.stdout).map((f) => f.rule)).toContain(RULE);
    const list = await sanso(["policies", "--json"], { cwd });
    expect((JSON.parse(list.stdout) as Array<{ id: string }>).map((x) => x.id)).toContain(RULE);
    writeFileSync(join(cwd, "sanso.config.yaml"), "policies: 3\n");
    const bad = await sanso(["check", stack("configured2", {})], { cwd });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/sanso\.config\.yaml: malformed configuration: policies must be a list of directories/);
  });

  it("sanso policies lists the local rules with the built-in ones", async () => {
    const r = await sanso(["policies", "--policies", LOCAL, "--json"]);
    expect(r.code, r.stderr).toBe(0);
    const ids = (JSON.parse(r.stdout) as Array<{ id: string }>).map((x) => x.id);
    expect(ids).toContain(RULE);
    expect(ids).toContain("ART29-CMK");
  });

  it("refuses rules that would never be evaluated, and two policy libraries (exit 2)", async () => {
    const stray = join(dir, "stray");
    mkdirSync(stray);
    writeFileSync(join(stray, "rule.rego"), "package city.rules\n\nimport rego.v1\n\ndeny contains 1 if true\n");
    const r = await sanso(["check", stack("s1", {}), "--policies", stray]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/stray: no rule of these policies would be evaluated: local rules must be in a package under sanso\.local\. .*found city\.rules/);
    const two = await sanso(["check", stack("s2", {}), "--policies", FIXTURE_POLICIES, "--policies", FIXTURE_POLICIES]);
    expect(two.code).toBe(2);
    expect(two.stderr).toMatch(/defines package sanso\.main, as .* does/);
  });

  it("the example's unit tests pass with the built-in library (sanso test)", async () => {
    const r = await sanso(["test", join(EXAMPLES, "../policies"), LOCAL, "-r", "^data\\.sanso\\.local_test\\.", "-v"]);
    expect(r.code, r.stdout + r.stderr).toBe(0);
    expect(r.stdout).toMatch(/^3 passed, 0 failed$/m);
  });

  it("a directory defining package sanso.main replaces the built-in library", async () => {
    const r = await sanso(["policies", "--policies", FIXTURE_POLICIES, "--json"]);
    const ids = (JSON.parse(r.stdout) as Array<{ id: string }>).map((x) => x.id);
    expect(ids.sort()).toEqual(["ART29-CMK", "ART49-FIREWALL", "ART99-REGION"]);
  });
});
