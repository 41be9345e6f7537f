/**
 * sanso as its users get it: `npm pack`, then the tarball installed with --ignore-scripts (npm 11
 * runs no dependency's install scripts) into a temporary project that has no access to this
 * repository's sources. From there, with the commands a user types:
 *   1. a plain-JavaScript ESM app and a TypeScript app (type-checked with tsc, NodeNext and
 *      bundler resolution) import `sanso/constructs`, synthesize, and `sanso check` exits 0;
 *   2. a raw unencrypted S3Bucket added to the app makes it exit 1, naming the construct path;
 *   3. `sanso check plan.json` on a real plan works, with the prebuilt policies (nothing compiled);
 *      the programmatic API (`import { check } from "sanso"`) gives the same findings;
 *   4. local rules (`--policies`) compile inside the installed package;
 *   5. a `sanso init` project, installed with npm, synthesizes (checking itself at synth with
 *      SansoChecks) and checks clean.
 * One install is shared by all of them; the init project has its own (it is a separate project).
 */
import { execFile } from "node:child_process";
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { sharedPath } from "../shared-dir.js";
import { tempDir } from "../tmp.js";

const ROOT = join(import.meta.dirname, "../..");
const OWN = JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")) as {
  version: string;
  devDependencies: Record<string, string>;
  scripts: Record<string, string>;
};
const SHARED_PLANS = sharedPath("iac-samples/plan-json");
/** A real `terraform show -json` plan: a shared sample when ../shared is there, else a fixture. */
const REAL_PLAN = existsSync(join(SHARED_PLANS, "checkov__terraform__runner__resources__plan__tfplan.json"))
  ? join(SHARED_PLANS, "checkov__terraform__runner__resources__plan__tfplan.json")
  : join(ROOT, "test/fixtures/check/plan-unknown-region.json");

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs a command (no shell) in `cwd`, with an environment free of this repository's settings. */
function run(cmd: string, args: string[], cwd: string, env: Record<string, string> = {}): Promise<Run> {
  return new Promise((resolve) => {
    execFile(
      cmd,
      args,
      { cwd, env: { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? "", npm_config_cache: process.env.npm_config_cache ?? "", ...env }, maxBuffer: 1 << 26, encoding: "utf8", timeout: 300_000 },
      (err, stdout, stderr) => {
        const code = err ? (typeof (err as { code?: unknown }).code === "number" ? (err as { code: number }).code : -1) : 0;
        resolve({ code, stdout, stderr });
      },
    );
  });
}

const npm = (args: string[], cwd: string) => run("npm", ["--no-audit", "--no-fund", "--loglevel=error", ...args], cwd);
const exact = (dep: string) => `${dep}@${OWN.devDependencies[dep]}`;

let work: string;
let tarball: string;
let app: string;
/** `node node_modules/.bin/sanso …` in `cwd`, as a user's script would run it. */
const sanso = (args: string[], cwd: string, env: Record<string, string> = {}) => run(process.execPath, [join(app, "node_modules/.bin/sanso"), ...args], cwd, env);

const JS_APP = `// A plain-JavaScript cdktf app using sanso's constructs.
import { App } from "cdktf";
import { S3Bucket } from "@cdktf/provider-aws/lib/s3-bucket/index.js";
import { AccountBaseline, AuditTrail, BackupPolicy, LgwanZone, OperatorRole, SansoStack, SecureBucket } from "sanso/constructs";

const app = new App();
const stack = new SansoStack(app, "e2e-js", { platform: "standalone", environment: "production", region: "ap-northeast-1" });
const zone = new LgwanZone(stack, "Lgwan", {
  owner: "総務課",
  cidrBlock: "10.20.0.0/16",
  dedicatedLine: {
    amazonSideAsn: 64520,
    premisesPrefixes: ["172.20.0.0/20"],
    connections: [
      { connectionId: "dxcon-tokyo0001", location: "EqTY2", vlan: 120, bgpAsn: 65010 },
      { connectionId: "dxcon-osaka0001", location: "EqOS1", vlan: 121, bgpAsn: 65010 },
    ],
  },
});
new OperatorRole(zone, "Operator", {
  description: "operators",
  trustedPrincipalArns: ["arn:aws:iam::111122223333:root"],
  managedPolicyArns: ["arn:aws:iam::aws:policy/ReadOnlyAccess"],
});
const files = new SecureBucket(zone, "SharedFiles", { classification: "II", owner: "総務課" });
new BackupPolicy(zone, "Backup", { classification: "II", owner: "総務課", classes: ["II"] });
new AuditTrail(stack, "AuditTrail", { logArchive: zone.logArchive, dataEventBuckets: [files] });
new AccountBaseline(stack, "AccountBaseline", { logArchive: zone.logArchive });
// a class II bucket made with the provider's raw resource: no encryption, no public access block
if (process.env.ADD_RAW_BUCKET) new S3Bucket(zone, "RawBucket", { bucket: "city-raw-bucket", tags: { "sanso:classification": "II", "sanso:owner": "総務課" } });
app.synth();
`;

const TS_APP = `// A TypeScript cdktf app using sanso's constructs (type-checked with tsc --noEmit).
import { App } from "cdktf";
import { InternetZone, OperatorRole, PublicEdge, SansoStack, SecureBucket, BackupPolicy, AuditTrail, AccountBaseline, type InternetZoneProps } from "sanso/constructs";

const app = new App();
const stack: SansoStack = new SansoStack(app, "e2e-ts", { platform: "gcas", environment: "production", region: "ap-northeast-1" });
const props: InternetZoneProps = { owner: "デジタル推進課", cidrBlock: "10.30.0.0/16" };
const zone = new InternetZone(stack, "Internet", props);
new PublicEdge(zone, "Edge", { certificateArn: "arn:aws:acm:ap-northeast-1:444455556666:certificate/00000000-0000-0000-0000-000000000000" });
new OperatorRole(zone, "Operator", {
  description: "operators",
  trustedPrincipalArns: ["arn:aws:iam::111122223333:root"],
  managedPolicyArns: ["arn:aws:iam::aws:policy/ReadOnlyAccess"],
});
new SecureBucket(zone, "Assets", { classification: "IV", owner: "デジタル推進課" });
new BackupPolicy(zone, "Backup", { classification: "II", owner: "デジタル推進課", classes: ["II"] });
new AuditTrail(stack, "AuditTrail", { logArchive: zone.logArchive });
new AccountBaseline(stack, "AccountBaseline", { logArchive: zone.logArchive });
app.synth();
`;

const TS_API = `// The programmatic API, type-checked: check a plan and read the report model.
import { check, render, type CheckResult, type Finding } from "sanso";

const result: CheckResult = await check({ inputs: [process.argv[2]!], asOf: "2026-06-01" });
const findings: Finding[] = result.report.findings;
console.log(JSON.stringify({ exitCode: result.exitCode, rules: findings.map((f) => f.rule).sort(), text: render("text", result.report).length > 0 }));
`;

function tsconfig(resolution: "NodeNext" | "bundler"): string {
  return JSON.stringify({
    compilerOptions: { target: "ES2022", module: resolution === "bundler" ? "ESNext" : "NodeNext", moduleResolution: resolution, strict: true, noEmit: true, skipLibCheck: false, types: ["node"] },
    include: ["*.ts"],
  });
}

beforeAll(async () => {
  work = tempDir("sanso-e2e-");
  const pack = await npm(["pack", "--json", "--pack-destination", work], ROOT);
  expect(pack.code, pack.stderr).toBe(0);
  const [info] = JSON.parse(pack.stdout.slice(pack.stdout.indexOf("["))) as Array<{ filename: string; size: number; entryCount: number }>;
  tarball = join(work, info!.filename);
  console.log(`sanso e2e: ${info!.filename}, ${(info!.size / 1024).toFixed(0)} kB packed, ${info!.entryCount} files`);

  app = join(work, "app");
  mkdirSync(app);
  writeFileSync(join(app, "package.json"), JSON.stringify({ name: "city-infra", version: "1.0.0", private: true, type: "module" }));
  const install = await npm(
    ["install", "--ignore-scripts", "--prefer-offline", tarball, exact("cdktf"), exact("constructs"), exact("@cdktf/provider-aws"), exact("tsx"), exact("typescript"), exact("@types/node")],
    app,
  );
  expect(install.code, install.stderr).toBe(0);
}, 600_000);

describe("the packed package", () => {
  it("ships built code and no install script; sources and build tools stay behind", () => {
    const pkgDir = join(app, "node_modules/sanso");
    const pkg = JSON.parse(readFileSync(join(pkgDir, "package.json"), "utf8")) as { scripts?: Record<string, string>; dependencies: Record<string, string> };
    for (const hook of ["preinstall", "install", "postinstall"]) expect(pkg.scripts?.[hook]).toBeUndefined();
    for (const tool of ["tsx", "esbuild", "assemblyscript", "typescript", "cdktf", "constructs", "@cdktf/provider-aws"]) expect(Object.keys(pkg.dependencies)).not.toContain(tool);
    expect(existsSync(join(pkgDir, "src/cli"))).toBe(false);
    expect(existsSync(join(pkgDir, "src/rego/runtime/runtime.wasm"))).toBe(true);
    expect(readdirSync(join(pkgDir, "dist/policies")).sort()).toEqual([expect.stringMatching(/^bundle-[0-9a-f]+\.tar\.gz$/), expect.stringMatching(/^coverage-[0-9a-f]+\.json$/)]);
    expect(existsSync(join(app, "node_modules/tsx/package.json"))).toBe(true); // the user's own, for their TS app
  });
});

describe("a cdktf app using sanso/constructs", () => {
  it("JavaScript: synthesizes and checks clean (exit 0)", async () => {
    const dir = join(app, "js");
    mkdirSync(dir);
    writeFileSync(join(dir, "app.mjs"), JS_APP);
    writeFileSync(join(dir, "cdktf.json"), JSON.stringify({ language: "typescript", app: "node app.mjs" }));
    const r = await sanso(["check"], dir);
    expect(r.code, r.stdout + r.stderr).toBe(0);
    expect(r.stdout).toMatch(/集計: 合格 — 違反 0 件/);
  });

  it("JavaScript: a raw unencrypted S3Bucket fails the check (exit 1), naming its construct path", async () => {
    const r = await sanso(["check", "-f", "json"], join(app, "js"), { ADD_RAW_BUCKET: "1" });
    expect(r.code, r.stderr).toBe(1);
    const findings = (JSON.parse(r.stdout) as { findings: Array<{ rule: string; construct: string | null }> }).findings;
    const raw = findings.filter((f) => f.construct === "e2e-js/Lgwan/RawBucket").map((f) => f.rule);
    expect(raw).toEqual(expect.arrayContaining(["ART22-ENCRYPTED-AT-REST", "ART23-NOT-PUBLIC"]));
    expect(r.stderr).not.toMatch(/\n\s+at /); // no stack trace
    // the app sanso synthesized is named as the user would: cdktf.out/…, not an absolute path
    expect(r.stdout).toContain('"cdktf.out/stacks/e2e-js/cdk.tf.json"');
    expect(r.stdout).not.toContain(join(app, "js", "cdktf.out"));
  });

  it("TypeScript: type-checks (NodeNext and bundler resolution), synthesizes through tsx and checks clean", async () => {
    const dir = join(app, "ts");
    mkdirSync(dir);
    writeFileSync(join(dir, "main.ts"), TS_APP);
    writeFileSync(join(dir, "api.ts"), TS_API);
    writeFileSync(join(dir, "cdktf.json"), JSON.stringify({ language: "typescript", app: "npx tsx main.ts" }));
    const tsc = join(app, "node_modules/typescript/bin/tsc");
    for (const resolution of ["NodeNext", "bundler"] as const) {
      writeFileSync(join(dir, "tsconfig.json"), tsconfig(resolution));
      const t = await run(process.execPath, [tsc, "-p", dir], dir);
      expect(t.code, `${resolution}: ${t.stdout}${t.stderr}`).toBe(0);
    }
    const r = await sanso(["check"], dir);
    expect(r.code, r.stdout + r.stderr).toBe(0);
    expect(r.stdout).toMatch(/■ スタック e2e-ts/);
  });
});

describe("checking plans in CI", () => {
  it("sanso check plan.json uses the prebuilt policies (nothing compiled, no cache written)", async () => {
    const plan = join(work, "plan.json");
    cpSync(REAL_PLAN, plan);
    const r = await sanso(["check", plan, "-f", "json", "--as-of", "2026-06-01"], app);
    expect(r.code, r.stderr).toBe(1);
    const report = JSON.parse(r.stdout) as { findings: Array<{ rule: string }>; rules: unknown[]; coverage: unknown[] };
    expect(report.findings.length).toBeGreaterThan(0);
    expect(report.coverage).toHaveLength(104); // the matrix, from its prebuilt JSON
    expect(report.rules.length).toBeGreaterThanOrEqual(38);
    expect(r.stderr).not.toMatch(/compil/);
    expect(existsSync(join(app, "node_modules/.cache/sanso"))).toBe(false);

    // a large plan's evaluation worker (dist/js/eval-worker.js) runs from the installed package:
    // forced on this small plan, the same report
    const onWorker = await sanso(["check", plan, "-f", "json", "--as-of", "2026-06-01"], app, { SANSO_EVAL_WORKER: "on" });
    expect(onWorker.code, onWorker.stderr).toBe(1);
    expect(onWorker.stdout).toBe(r.stdout);

    // the programmatic API, compiled TypeScript run by the user's tsx: the same findings
    const api = await run(process.execPath, [join(app, "node_modules/tsx/dist/cli.mjs"), join(app, "ts/api.ts"), plan], join(app, "ts"));
    expect(api.code, api.stderr).toBe(0);
    const out = JSON.parse(api.stdout) as { exitCode: number; rules: string[]; text: boolean };
    expect(out).toEqual({ exitCode: 1, rules: report.findings.map((f) => f.rule).sort(), text: true });
  });

  it("checking with the built-in policies never loads the compiler (binaryen may even be missing)", async () => {
    const binaryen = join(app, "node_modules/binaryen");
    renameSync(binaryen, `${binaryen}.away`);
    try {
      const r = await sanso(["check", join(app, "ts/cdktf.out"), "-q"], app);
      expect(r.code, r.stderr).toBe(0);
    } finally {
      renameSync(`${binaryen}.away`, binaryen);
    }
  });

  // checks the TypeScript app synthesized above
  it("local rules (--policies) compile inside the installed package and are cached in the project's node_modules", async () => {
    const local = join(work, "city-rules");
    cpSync(join(app, "node_modules/sanso/examples/local-policies"), local, { recursive: true });
    const r = await sanso(["check", join(app, "ts/cdktf.out"), "--policies", local, "-f", "json"], app);
    expect(r.code, r.stderr).toBe(1);
    const rules = (JSON.parse(r.stdout) as { findings: Array<{ rule: string }> }).findings.map((f) => f.rule);
    expect(new Set(rules)).toEqual(new Set(["LOCAL-COST-CENTER"]));
    expect(readdirSync(join(app, "node_modules/.cache/sanso"))).toEqual([expect.stringMatching(/^bundle-/)]);
  });
});

describe("sanso init", () => {
  it("writes a project that installs with npm, type-checks, synthesizes and checks clean", async () => {
    const r = await sanso(["init", "juki-system", "--zone", "mynumber", "--platform", "standalone", "--sanso", `file:${tarball}`], work);
    expect(r.code, r.stderr).toBe(0);
    const project = join(work, "juki-system");
    const install = await npm(["install", "--ignore-scripts", "--prefer-offline"], project);
    expect(install.code, install.stderr).toBe(0);
    const typecheck = await npm(["run", "--silent", "typecheck"], project);
    expect(typecheck.code, typecheck.stdout + typecheck.stderr).toBe(0);
    // its main.ts checks itself at synth (SansoChecks: the worker thread of the installed package)
    const synth = await npm(["run", "synth"], project);
    expect(synth.code, synth.stdout + synth.stderr).toBe(0);
    expect(synth.stderr).toMatch(/sanso: synth 時の検査 — 1 スタック、違反なし/);
    const check = await run("npx", ["sanso", "check", "--exceptions", "exceptions.yaml"], project);
    expect(check.code, check.stdout + check.stderr).toBe(0);
    expect(check.stdout).toMatch(/■ スタック juki-system[\s\S]*集計: 合格 — 違反 0 件/);
  });
});
