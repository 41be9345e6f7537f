/**
 * `sanso init`: every zone × platform project synthesizes and passes `sanso check` as generated,
 * with the exact command its CI workflows run; files are never overwritten without --force.
 * The projects here link their node_modules to this clone's (sanso itself through its package
 * exports); test/package/e2e.test.ts installs a generated project from the packed tarball.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import YAML from "yaml";
import { beforeAll, describe, expect, it } from "vitest";
import { buildCli, ROOT, sanso } from "./helpers.js";
import { linkModules } from "./project.js";
import { tempDir } from "../tmp.js";

let dir: string;

/** stderr without Node's own warnings (the test environment may set both NO_COLOR and FORCE_COLOR). */
const ownLines = (stderr: string) => stderr.split("\n").filter((l) => l.trim() && !/^\(node:\d+\)|^\(Use `node/.test(l));

/** The `sanso check` arguments of a CI template's command line. */
function ciCheckArgs(line: string): string[] {
  const m = /npx sanso (check\b.*)$/.exec(line.trim());
  if (!m) throw new Error(`no sanso check in ${line}`);
  return m[1]!.split(/\s+/);
}

beforeAll(() => {
  buildCli();
  dir = tempDir("sanso-init-");
});

describe("sanso init", () => {
  for (const zone of ["mynumber", "lgwan", "internet"]) {
    for (const platform of ["gcas", "standalone"]) {
      it(`${zone} on ${platform}: synthesizes and checks clean with the GitHub workflow's command`, async () => {
        const project = join(dir, `${zone}-${platform}`);
        const r = await sanso(["init", project, "--zone", zone, "--platform", platform]);
        expect(r.code, r.stderr).toBe(0);
        linkModules(project);
        const workflow = YAML.parse(readFileSync(join(project, ".github/workflows/sanso.yml"), "utf8")) as { jobs: { check: { steps: Array<{ run?: string }> } } };
        const line = workflow.jobs.check.steps.map((s) => s.run ?? "").find((x) => x.includes("sanso check"))!;
        const check = await sanso(ciCheckArgs(line), { cwd: project });
        expect(check.code, check.stdout + check.stderr).toBe(0);
        expect(check.stdout).toMatch(/集計: 合格 — 違反 0 件/);
        const sarif = JSON.parse(readFileSync(join(project, "sanso.sarif"), "utf8")) as { runs: Array<{ results: unknown[] }> };
        expect(sarif.runs[0]!.results).toEqual([]);
        expect(existsSync(join(project, "sanso-report.html"))).toBe(true);
        // the Markdown summary for the run's page, pointing at the HTML report's artifact
        expect(readFileSync(join(project, "sanso-summary.md"), "utf8")).toContain("📄 完全なレポート: `sanso-report`");
        // the stack is named after the project and declares the platform
        const tf = JSON.parse(readFileSync(join(project, "cdktf.out/stacks", `${zone}-${platform}`, "cdk.tf.json"), "utf8")) as { provider: { aws: Array<{ default_tags: Array<{ tags: Record<string, string> }> }> } };
        expect(tf.provider.aws[0]!.default_tags[0]!.tags["sanso:platform"]).toBe(platform);
      });
    }
  }

  it("the GitLab job's command writes the JUnit report it declares", async () => {
    const project = join(dir, "gitlab");
    expect((await sanso(["init", project, "--zone", "lgwan"])).code).toBe(0);
    linkModules(project);
    const ci = YAML.parse(readFileSync(join(project, ".gitlab-ci.yml"), "utf8")) as { sanso: { script: string[]; artifacts: { reports: { junit: string } } } };
    const r = await sanso(ciCheckArgs(ci.sanso.script.find((l) => l.includes("sanso check"))!), { cwd: project });
    expect(r.code, r.stderr).toBe(0);
    expect(readFileSync(join(project, ci.sanso.artifacts.reports.junit), "utf8")).toMatch(/<testsuites[^>]*failures="0"/);
  });

  it("sanso synth runs the project's synth-time checks: a raw bucket stops it (exit 1) naming the construct", async () => {
    const project = join(dir, "synth-checks");
    expect((await sanso(["init", project, "--zone", "lgwan"])).code).toBe(0);
    linkModules(project);
    const ok = await sanso(["synth"], { cwd: project });
    expect(ok.code, ok.stderr).toBe(0);
    expect(ok.stderr).toMatch(/sanso: synth 時の検査 — 1 スタック、違反なし/);
    const main = readFileSync(join(project, "main.ts"), "utf8")
      .replace('import { App } from "cdktf";', 'import { App } from "cdktf";\nimport { S3Bucket } from "@cdktf/provider-aws/lib/s3-bucket/index.js";')
      .replace("app.synth();", 'new S3Bucket(zone, "Raw", { bucket: "city-raw", tags: { "sanso:classification": "II", "sanso:owner": "総務課" } });\napp.synth();');
    writeFileSync(join(project, "main.ts"), main);
    const bad = await sanso(["synth"], { cwd: project });
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/情報セキュリティポリシーに違反するため synth を中止しました[\s\S]*ART22-ENCRYPTED-AT-REST .* synth-checks\/Lgwan\/Raw/);
    expect(bad.stderr).not.toMatch(/\n\s+at /);
    // sanso check synthesizes with the app's checks off and reports the same violation itself
    const check = await sanso(["check", "-f", "json"], { cwd: project });
    expect(check.code).toBe(1);
    expect(check.stderr).not.toMatch(/synth を中止/);
    expect((JSON.parse(check.stdout) as { findings: Array<{ construct: string }> }).findings.map((f) => f.construct)).toContain("synth-checks/Lgwan/Raw");
  });

  it("a check that cannot run at synth (a missing exceptions file) stops sanso synth with exit 2 and one line", async () => {
    const project = join(dir, "synth-missing");
    expect((await sanso(["init", project, "--zone", "internet"])).code).toBe(0);
    linkModules(project);
    writeFileSync(join(project, "main.ts"), readFileSync(join(project, "main.ts"), "utf8").replace('exceptions: "exceptions.yaml"', 'exceptions: "no-such.yaml"'));
    const r = await sanso(["synth"], { cwd: project });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/sanso: SansoChecks\.of\(app\): no-such\.yaml: cannot read the exceptions file: no such file or directory/);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });

  it("refuses to overwrite existing files (exit 2, naming them) unless --force", async () => {
    const project = join(dir, "existing");
    mkdirSync(project);
    writeFileSync(join(project, "main.ts"), "// mine\n");
    const r = await sanso(["init", project, "--zone", "internet"]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/would overwrite .*existing\/main\.ts \(pass --force to overwrite\)/);
    expect(readFileSync(join(project, "main.ts"), "utf8")).toBe("// mine\n");
    expect(existsSync(join(project, "package.json"))).toBe(false);
    const forced = await sanso(["init", project, "--zone", "internet", "--force"]);
    expect(forced.code, forced.stderr).toBe(0);
    expect(readFileSync(join(project, "main.ts"), "utf8")).toMatch(/InternetZone/);
  });

  it("bad options exit 2 with a one-line message", async () => {
    const zone = await sanso(["init", join(dir, "x"), "--zone", "dmz"]);
    expect(zone.code).toBe(2);
    expect(ownLines(zone.stderr)).toEqual(['sanso: --zone must be mynumber, lgwan, internet, not "dmz"']);
    const platform = await sanso(["init", join(dir, "y"), "--platform", "azure"]);
    expect(platform.code).toBe(2);
    expect(ownLines(platform.stderr)).toEqual(['sanso: --platform must be gcas or standalone, not "azure"']);
  });

  it("package.json names the versions sanso is tested with, and --sanso sets how sanso is named", async () => {
    const project = join(dir, "spec");
    expect((await sanso(["init", project, "--sanso", "file:../sanso-0.1.0.tgz"])).code).toBe(0);
    const pkg = JSON.parse(readFileSync(join(project, "package.json"), "utf8")) as { name: string; dependencies: Record<string, string>; devDependencies: Record<string, string> };
    const own = JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")) as { peerDependencies: Record<string, string> };
    expect(pkg.name).toBe("spec");
    expect(pkg.devDependencies.sanso).toBe("file:../sanso-0.1.0.tgz");
    expect(pkg.dependencies).toEqual(own.peerDependencies);
  });
});
