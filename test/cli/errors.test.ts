// Each way a check cannot run: exit 2, one message naming the file and the problem, no stack
// trace (unless --debug), and never a report on stdout (a check that could not run is never
// reported as compliant).
import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { buildCli, EXAMPLES, FIXTURE_POLICIES, FIXTURES, sanso, type Run } from "./helpers.js";
import { tempDir } from "../tmp.js";

const dir = tempDir("sanso-cli-err-");
const file = (name: string, text: string | Buffer) => {
  const p = join(dir, name);
  writeFileSync(p, text);
  return p;
};
const PLAN = join(import.meta.dirname, "../fixtures/input/plan-modules.json");
const TAGGED = join(FIXTURES, "tagged.cdk.tf.json");

function expectUnusable(r: Run, ...parts: Array<string | RegExp>): void {
  expect(r.code, r.stderr).toBe(2);
  expect(r.stdout).toBe("");
  const lines = r.stderr.trim().split("\n");
  expect(lines[0]).toMatch(/^sanso: /);
  for (const p of parts) expect(r.stderr).toMatch(p instanceof RegExp ? p : new RegExp(p.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")));
  expect(r.stderr).not.toMatch(/^\s+at /m);
}

beforeAll(() => buildCli());

describe("sanso check: unusable inputs exit 2 with a clear message", () => {
  const truncated = JSON.stringify({ format_version: "1.2", planned_values: { root_module: { resources: [] } } }, null, 2);
  const cases: Array<[string, () => string[], Array<string | RegExp>]> = [
    ["a missing file", () => [join(dir, "nope.json")], [`${join(dir, "nope.json")}: no such file or directory`]],
    ["an empty file", () => [file("empty.json", "")], ["empty.json: the file is empty"]],
    ["malformed JSON", () => [file("malformed.json", '{"format_version": "1.2",, }')], [/malformed\.json: malformed JSON at line 1:\d+/]],
    ["a truncated file", () => [file("truncated.json", truncated.slice(0, truncated.length / 2))], [/truncated\.json: .*ends too early.*\(truncated file\?\)/]],
    ["JSON that is neither format", () => [file("other.json", '{"name": "not terraform", "items": [1, 2]}')], [/other\.json: not a cdk\.tf\.json .* nor a terraform show -json plan/]],
    ["a JSON array", () => [file("array.json", "[1, 2]")], [/array\.json: expected a JSON object .* found an array/]],
    ["a plan with an unknown format_version", () => [file("future.json", JSON.stringify({ format_version: "9.0", planned_values: { root_module: {} } }))], [/future\.json: unsupported plan format_version "9\.0"; supported versions are 0\.1, 0\.2, 1\.0, 1\.1, 1\.2/]],
    ["Terraform state instead of a plan", () => [file("state.json", JSON.stringify({ format_version: "1.0", values: { root_module: {} } }))], [/state\.json: this is Terraform state/]],
    ["a directory that is not a cdktf.out", () => { mkdirSync(join(dir, "notout"), { recursive: true }); return [join(dir, "notout")]; }, [/notout: not a cdktf\.out directory: manifest\.json is missing/]],
    ["a cdktf.out with a malformed manifest", () => { mkdirSync(join(dir, "badmanifest"), { recursive: true }); file("badmanifest/manifest.json", '{"stacks": '); return [join(dir, "badmanifest")]; }, [/badmanifest\/manifest\.json: .*(truncated|ends too early)/]],
    ["a cdktf.out whose stack file is missing", () => {
      mkdirSync(join(dir, "nostack"), { recursive: true });
      file("nostack/manifest.json", JSON.stringify({ version: "0.21.0", stacks: { app: { name: "app", synthesizedStackPath: "stacks/app/cdk.tf.json", workingDirectory: "stacks/app" } } }));
      return [join(dir, "nostack")];
    }, [/nostack\/stacks\/app\/cdk\.tf\.json: stack "app" listed in .*manifest\.json has no synthesized file/]],
    ["a cdktf.out that is a file", () => [file("cdktf.out", "not a directory")], [/cdktf\.out: malformed JSON at line 1:1/]],
    ["invalid UTF-8", () => [file("latin1.json", Buffer.from([0x7b, 0x22, 0xe9, 0x22, 0x3a, 0x31, 0x7d]))], [/latin1\.json: not valid UTF-8 text/]],
    // reading /dev/zero never ends; it is refused, not read
    ...(existsSync("/dev/zero") ? [["a character device (/dev/zero)", () => ["/dev/zero"], [/\/dev\/zero: (the input )?is a character device, not a regular file/]] as (typeof cases)[number]] : []),
  ];
  for (const [what, args, parts] of cases) {
    it(what, async () => {
      expectUnusable(await sanso(["check", ...args(), "--policies", FIXTURE_POLICIES]), ...parts);
    });
  }

  it("the first unusable input stops the check even when others are fine", async () => {
    expectUnusable(await sanso(["check", PLAN, join(dir, "nope.json"), "--policies", FIXTURE_POLICIES, "-f", "json"]), "nope.json: no such file or directory");
  });
});

describe("sanso check: unusable configuration, exceptions, policies and options exit 2", () => {
  it("a malformed configuration file", async () => {
    const bad = file("bad.config.yaml", "platform: gcas\nallowed_regions: [ap-northeast-1\n");
    expectUnusable(await sanso(["check", PLAN, "--config", bad, "--policies", FIXTURE_POLICIES]), `${bad}: malformed configuration file: YAML syntax error at line`);
    const wrong = file("wrong.config.yaml", "platform: aws\n");
    expectUnusable(await sanso(["check", PLAN, "--config", wrong, "--policies", FIXTURE_POLICIES]), `${wrong}: malformed configuration: platform must be gcas or standalone, found the string "aws"`);
    expectUnusable(await sanso(["check", PLAN, "--config", join(dir, "none.yaml"), "--policies", FIXTURE_POLICIES]), "none.yaml: cannot read the configuration file: no such file or directory");
  });

  it("a YAML alias bomb in the configuration names the file", async () => {
    const levels = Array.from({ length: 20 }, (_, i) => `l${i}: &l${i} [${i === 0 ? "*a, *a" : `*l${i - 1}, *l${i - 1}`}]`);
    const bomb = file("bomb.config.yaml", ["a: &a [x, x]", ...levels].join("\n") + "\n");
    expectUnusable(await sanso(["check", PLAN, "--config", bomb, "--policies", FIXTURE_POLICIES]), `${bomb}: malformed configuration file: Excessive alias count`);
  });

  it("a malformed sanso.config.yaml in the current directory", async () => {
    const cwd = tempDir("sanso-cwd-");
    writeFileSync(join(cwd, "sanso.config.yaml"), "fail_on: sometimes\n");
    expectUnusable(await sanso(["check", PLAN, "--policies", FIXTURE_POLICIES], { cwd }), /sanso\.config\.yaml: malformed configuration: fail_on must be one of critical, high, medium, low/);
  });

  it("a malformed exceptions file", async () => {
    const bad = file("bad.exceptions.yaml", "exceptions:\n  - id: EX-1\n   rule: R\n");
    expectUnusable(await sanso(["check", PLAN, "--exceptions", bad, "--policies", FIXTURE_POLICIES]), `${bad}: malformed exceptions file: YAML syntax error at line`);
    const notList = file("map.exceptions.yaml", "id: EX-1\nrule: ART49-FIREWALL\n");
    expectUnusable(await sanso(["check", PLAN, "--exceptions", notList, "--policies", FIXTURE_POLICIES]), /map\.exceptions\.yaml: malformed exceptions file: expected a list of exceptions/);
    expectUnusable(await sanso(["check", PLAN, "--exceptions", join(dir, "none.yaml"), "--policies", FIXTURE_POLICIES]), "cannot read the exceptions file: no such file or directory");
  });

  it("policies that do not compile, and unusable bundles", async () => {
    const pol = join(dir, "broken-policies");
    mkdirSync(pol, { recursive: true });
    writeFileSync(join(pol, "main.rego"), "package sanso.main\n\nimport rego.v1\n\nfindings contains f if {\n\tf := undefined_var\n}\n");
    expectUnusable(await sanso(["check", PLAN, "--policies", pol]), /do not compile:\n\s+.*main\.rego:6:\d+: /);
    expectUnusable(await sanso(["check", PLAN, "--bundle", file("bundle.tar.gz", "nope")]), /bundle\.tar\.gz: not a policy bundle/);
    expectUnusable(await sanso(["check", PLAN, "--policies", join(dir, "no-such-dir")]), /no-such-dir: no such file or directory/);
  });

  it("bad option values", async () => {
    expectUnusable(await sanso(["check", PLAN, "--fail-on", "urgent"]), '--fail-on must be critical, high, medium or low, not "urgent"');
    expectUnusable(await sanso(["check", PLAN, "--zone", "dmz"]), '--zone must be mynumber, lgwan or internet, not "dmz"');
    expectUnusable(await sanso(["check", PLAN, "--lang", "fr"]), '--lang must be ja or en, not "fr"');
    expectUnusable(await sanso(["check", PLAN, "--format", "pdf"]), 'unknown --format "pdf"');
    expectUnusable(await sanso(["check", PLAN, "--as-of", "2026-13-01"]), "--as-of must be a date YYYY-MM-DD");
    expectUnusable(await sanso(["check", PLAN, "-f", "json", "-f", "sarif"]), "only one report can go to standard output");
    expectUnusable(await sanso(["check", PLAN, "-o", join(dir, "report.pdf")]), "give its --format");
    const r = await sanso(["check", PLAN, "--no-such-option"]);
    expect(r.code).toBe(2); // a usage error: 1 would mean findings
    expect(r.stderr).toMatch(/unknown option '--no-such-option'/);
  });

  it("no input and no cdktf.json in the current directory", async () => {
    const cwd = tempDir("sanso-nocdktf-");
    expectUnusable(await sanso(["check", "--policies", FIXTURE_POLICIES], { cwd }), /cdktf\.json: no inputs were given and there is no cdktf\.json here/);
    writeFileSync(join(cwd, "cdktf.json"), "{ app: }");
    expectUnusable(await sanso(["check", "--policies", FIXTURE_POLICIES], { cwd }), /cdktf\.json: malformed cdktf\.json/);
    writeFileSync(join(cwd, "cdktf.json"), JSON.stringify({ app: "node -e \"process.exit(3)\"" }));
    expectUnusable(await sanso(["check", "--policies", FIXTURE_POLICIES], { cwd }), /the app command `node -e "process\.exit\(3\)"` failed \(exit 3\)/);
  });

  it("--debug adds the stack trace", async () => {
    const r = await sanso(["check", join(dir, "nope.json"), "--debug"]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^\s+at /m);
  });

  it("the examples are usable", async () => {
    // sanity: the examples themselves are usable
    const r = await sanso(["check", TAGGED, "--policies", FIXTURE_POLICIES, "--config", join(EXAMPLES, "sanso.config.yaml"), "--exceptions", join(EXAMPLES, "exceptions.yaml"), "-q"]);
    expect([0, 1]).toContain(r.code);
  });
});
