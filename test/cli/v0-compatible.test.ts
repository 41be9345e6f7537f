/**
 * `--v0-compatible` (as OPA 1.x has it) on sanso eval, test, build and check, and a directory's
 * `.manifest` (`rego_version`, `file_rego_versions`) choosing the Rego version file by file; a v0
 * file read as v1 fails with the parse error's file:line:col and a hint naming the flag.
 */
import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { buildCli, sanso } from "./helpers.js";
import { tempDir } from "../tmp.js";

let root: string;

/** Writes files (path → text) under a fresh directory and returns it. */
function tree(name: string, files: Record<string, string>): string {
  const dir = join(root, name);
  for (const [p, text] of Object.entries(files)) {
    mkdirSync(join(dir, p, ".."), { recursive: true });
    writeFileSync(join(dir, p), text);
  }
  return dir;
}

const POLICY_V0 = `package authz

default allow = false

allow { input.user == "admin" }

deny[msg] {
  not allow
  msg := sprintf("%s may not %s", [input.user, input.method])
}

grade = "a" { input.score > 90 } else = "b"
`;

const TESTS_V0 = `package authz

test_admin_allowed { allow with input as {"user": "admin"} }

test_guest_denied {
  deny["guest may not GET"] with input as {"user": "guest", "method": "GET"}
}
`;

// in v1: `in` without an import, which a v0 module cannot use
const POLICY_V1 = `package modern

ok if "b" in input.xs
`;

const valueOf = (stdout: string) => (JSON.parse(stdout) as { result: Array<{ expressions: Array<{ value: unknown }> }> }).result[0]!.expressions[0]!.value;

beforeAll(() => {
  buildCli();
  root = tempDir("sanso-v0-");
});

describe("--v0-compatible", () => {
  it("sanso eval reads v0 policies with the flag", async () => {
    const dir = tree("eval", { "authz.rego": POLICY_V0 });
    const input = join(dir, "input.json");
    writeFileSync(input, JSON.stringify({ user: "guest", method: "GET", score: 95 }));
    const r = await sanso(["eval", "--v0-compatible", "-d", dir, "-i", input, "data.authz"]);
    expect(r.code, r.stderr).toBe(0);
    expect(valueOf(r.stdout)).toEqual({ allow: false, deny: ["guest may not GET"], grade: "a" });
  });

  it("sanso test runs v0 tests with the flag", async () => {
    const dir = tree("test", { "authz.rego": POLICY_V0, "authz_test.rego": TESTS_V0 });
    const r = await sanso(["test", "--v0-compatible", "-v", dir]);
    expect(r.code, r.stdout + r.stderr).toBe(0);
    expect(r.stdout).toContain("PASS data.authz.test_admin_allowed");
    expect(r.stdout).toContain("2 passed, 0 failed");
  });

  it("sanso build compiles v0 policies with the flag", async () => {
    const dir = tree("build", { "authz.rego": POLICY_V0 });
    const out = join(root, "v0-bundle.tar.gz");
    const r = await sanso(["build", "--v0-compatible", "-e", "authz/allow", "-o", out, dir]);
    expect(r.code, r.stderr).toBe(0);
    expect(existsSync(out)).toBe(true);
  });

  it("without the flag, a v0 file fails at file:line:col with a hint to use it (exit 2)", async () => {
    const dir = tree("noflag", { "authz.rego": POLICY_V0, "authz_test.rego": TESTS_V0 });
    const file = join(dir, "authz.rego");
    for (const args of [["eval", "-d", dir, "data.authz"], ["test", dir], ["build", "-e", "authz/allow", "-o", join(root, "x.tar.gz"), dir]]) {
      const r = await sanso(args);
      expect(r.code, args[0]).toBe(2);
      expect(r.stderr).toContain(`${file}:5:7: \`if\` keyword is required before rule body`);
      expect(r.stderr).toMatch(/hint: .*--v0-compatible/);
      expect(r.stderr).not.toMatch(/^\s+at /m);
    }
  });

  it("is documented in each command's --help", async () => {
    for (const cmd of ["build", "eval", "test", "check"]) {
      const r = await sanso([cmd, "--help"]);
      expect(r.stdout, cmd).toContain("--v0-compatible");
    }
  });
});

describe("a .manifest in a policy directory", () => {
  it("rego_version 0 reads the directory as v0 without the flag", async () => {
    const dir = tree("manifest0", { ".manifest": JSON.stringify({ revision: "", rego_version: 0 }), "authz.rego": POLICY_V0, "authz_test.rego": TESTS_V0 });
    const e = await sanso(["eval", "-d", dir, "data.authz.allow"]);
    expect(e.code, e.stderr).toBe(0);
    expect(valueOf(e.stdout)).toBe(false);
    const t = await sanso(["test", dir]);
    expect(t.code, t.stdout + t.stderr).toBe(0);
    expect(t.stdout).toContain("2 passed, 0 failed");
  });

  it("file_rego_versions chooses per file, over rego_version and over the flag", async () => {
    const dir = tree("mixed", {
      ".manifest": JSON.stringify({ rego_version: 1, file_rego_versions: { "/legacy/*.rego": 0 } }),
      "legacy/authz.rego": POLICY_V0,
      "modern.rego": POLICY_V1,
    });
    const input = join(root, "mixed-input.json");
    writeFileSync(input, JSON.stringify({ user: "admin", xs: ["a", "b"] }));
    for (const flag of [[], ["--v0-compatible"]]) {
      const r = await sanso(["eval", ...flag, "-d", dir, "-i", input, "[data.authz.allow, data.modern.ok]"]);
      expect(r.code, r.stderr).toBe(0);
      expect(valueOf(r.stdout)).toEqual([true, true]);
    }
  });

  it("a bad rego_version is an error naming the manifest (exit 2)", async () => {
    const dir = tree("badmanifest", { ".manifest": JSON.stringify({ rego_version: 2 }), "authz.rego": POLICY_V0 });
    const r = await sanso(["eval", "-d", dir, "data.authz"]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`${join(dir, ".manifest")}: rego_version must be 0 or 1, not 2`);
  });
});

describe("sanso check --v0-compatible --policies", () => {
  const LOCAL_V0 = `package sanso.local.tagged_v0

import future.keywords.in
import data.sanso.lib

# METADATA
# title: バケットに予算管理タグを付ける
# custom:
#   id: LOCAL-V0-COST-CENTER
#   title_en: Buckets carry city:cost-center
#   article: 第18条第1項
#   article_text: |-
#     【第18条第1項】情報セキュリティ管理者は、その所管する情報資産について管理責任を有する。
#   severity: low
#   remediation: city:cost-center タグを付けてください。
#   remediation_en: Tag the bucket with city:cost-center.
rule := rego.metadata.rule().custom

scope[a] { some a in lib.live("aws_s3_bucket") }

findings[lib.finding(rule, v)] {
  a := scope[_]
  not is_string(lib.tag(a, "city:cost-center"))
  v := lib.violation(a, sprintf("%s に city:cost-center がありません。", [a]), sprintf("%s has no city:cost-center tag.", [a]))
}

checked[rule.id] = sort(scope)

unverified[rule.id] = []
`;

  it("reads the local rules as v0 (the built-in library stays v1) and fires them", async () => {
    const local = tree("check-local", { "tagged.rego": LOCAL_V0 });
    const stack = join(root, "bucket.cdk.tf.json");
    writeFileSync(
      stack,
      JSON.stringify({
        "//": { metadata: { backend: "local", stackName: "v0", version: "0.21.0" } },
        provider: { aws: [{ region: "ap-northeast-1" }] },
        resource: { aws_s3_bucket: { files: { "//": { metadata: { path: "v0/Files", uniqueId: "files" } }, bucket: "v0-files", tags: { "sanso:zone": "lgwan", "sanso:classification": "II" } } } },
      }),
    );
    const cache = join(root, "cache");
    const r = await sanso(["check", stack, "--v0-compatible", "--policies", local, "-f", "json"], { env: { SANSO_CACHE_DIR: cache } });
    expect(r.code, r.stderr).toBe(1);
    const findings = (JSON.parse(r.stdout) as { findings: Array<{ rule: string }> }).findings;
    expect(findings.map((f) => f.rule)).toContain("LOCAL-V0-COST-CENTER");

    const without = await sanso(["check", stack, "--policies", local, "-f", "json"], { env: { SANSO_CACHE_DIR: cache } });
    expect(without.code).toBe(2);
    expect(without.stderr).toContain(`${join(local, "tagged.rego")}:19:10: \`if\` keyword is required before rule body`);
    expect(without.stderr).toMatch(/hint: .*--v0-compatible/);
  }, 120_000);
});
