import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { sarifValidator } from "../report/sarif-schema.js";
import { beforeAll, describe, expect, it } from "vitest";
import { parseXml, type XmlElement } from "../report/xml.js";
import { buildCli, EXAMPLES, FIXTURE_POLICIES, FIXTURES, ROOT, sanso } from "./helpers.js";
import { tempDir } from "../tmp.js";

const TAGGED = join(FIXTURES, "tagged.cdk.tf.json");
const TAGGED_EXC = join(FIXTURES, "tagged-exceptions.yaml");
const POL = ["--policies", FIXTURE_POLICIES];
let app: string;

beforeAll(async () => {
  buildCli();
  app = join(tempDir("sanso-cli-app-"), "out");
  const r = await sanso(["synth", "--output", app]);
  expect(r.code, r.stderr).toBe(0);
});

const all = (e: XmlElement, name: string): XmlElement[] => [...(e.name === name ? [e] : []), ...e.children.flatMap((c) => all(c, name))];

describe("sanso synth", () => {
  it("synthesizes every stack of cdktf.json's app", () => {
    for (const s of ["gcas-jumin", "lgwan-groupware", "internet-shinsei", "demo-noncompliant"]) expect(existsSync(join(app, "stacks", s, "cdk.tf.json"))).toBe(true);
    expect(existsSync(join(app, "manifest.json"))).toBe(true);
  });
});

describe("sanso check", () => {
  it("text to stdout by default, Japanese, grouped by stack and article, no colour when not a terminal; exit 1 on findings", async () => {
    const r = await sanso(["check", app, ...POL, "--as-of", "2026-06-01"]);
    expect(r.code).toBe(1);
    expect(r.stdout).not.toMatch(/\x1b\[/);
    expect(r.stdout).toMatch(/^sanso 検査結果/);
    expect(r.stdout).toMatch(/■ スタック demo-noncompliant[\s\S]*第29条第6項\n\s+✖ 高 {2}ART29-CMK[\s\S]*コンストラクト: demo-noncompliant\/MynumberSseS3\n\s+リソース: aws_s3_bucket\.mynumber_sse_s3\n\s+ファイル: .*cdk\.tf\.json:\d+\n[\s\S]*対処: /);
    expect(r.stdout).toMatch(/■ スタック gcas-jumin .*\n\s+✔ 違反はありません。/);
    expect(r.stdout).toMatch(/集計: 不合格 — 違反 6 件/);
  });

  it("--lang en", async () => {
    const r = await sanso(["check", app, ...POL, "--lang", "en"]);
    expect(r.stdout).toMatch(/^sanso check report/);
    expect(r.stdout).toMatch(/Result: FAIL — 6 findings/);
  });

  it("examples/: config and exceptions (第93条): excepted finding, expired exception reported", async () => {
    const r = await sanso(["check", app, ...POL, "--config", join(EXAMPLES, "sanso.config.yaml"), "--exceptions", join(EXAMPLES, "exceptions.yaml"), "--as-of", "2026-06-01"]);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/■ 例外措置 \(第93条\) により除外された指摘: 1 件\n\s+◆ ART99-REGION {2}demo-noncompliant aws_s3_bucket\.other_region/);
    expect(r.stdout).toMatch(/承認者 情報セキュリティ管理者 総務部長 \/ 承認日 2025-10-01 \/ 有効期限 2027-03-31/);
    expect(r.stdout).toMatch(/■ 例外設定の問題: 1 件\n\s+! .*exceptions\.yaml \(EX-2024-007\): 例外 EX-2024-007 \(ART49-FIREWALL\) は 2025-03-31 に期限切れです/);
  });

  it("every format, each with its --output, in order; reports valid and consistent", async () => {
    const out = tempDir("sanso-cli-out-");
    const f = (n: string) => join(out, n);
    const r = await sanso([
      "check", app, ...POL, "--exceptions", join(EXAMPLES, "exceptions.yaml"), "--as-of", "2026-06-01",
      "-f", "json", "-o", f("r.json"), "-f", "sarif", "-o", f("r.sarif"), "-f", "junit", "-o", f("junit.xml"),
      "-f", "markdown", "-o", f("r.md"), "-f", "html", "-o", f("sub/r.html"), "-f", "text",
    ]);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/^sanso 検査結果/);
    expect(r.stderr).toMatch(/wrote the sarif report to .*r\.sarif/);

    const json = JSON.parse(readFileSync(f("r.json"), "utf8"));
    expect(json.summary).toMatchObject({ total: 5, excepted: 1, exception_problems: 1 });
    expect(json.rules.map((x: { id: string }) => x.id)).toEqual(["ART29-CMK", "ART49-FIREWALL", "ART99-REGION"]);

    const sarif = JSON.parse(readFileSync(f("r.sarif"), "utf8"));
    const validate = sarifValidator();
    expect(validate(sarif), JSON.stringify(validate.errors)).toBe(true);
    expect(sarif.version).toBe("2.1.0");

    const junit = parseXml(readFileSync(f("junit.xml"), "utf8"));
    const cases = all(junit, "testcase");
    // one testcase per rule x stack (3 rules, 4 stacks), plus the exceptions file's own case when there are problems
    const ruleCases = cases.filter((c) => /ART\d+/.test(`${c.attrs.classname} ${c.attrs.name}`));
    expect(ruleCases.length).toBe(12);
    expect(all(junit, "failure").length).toBeGreaterThanOrEqual(3);

    const md = readFileSync(f("r.md"), "utf8");
    expect(md).toMatch(/EX-2025-014/);
    const html = readFileSync(f("sub/r.html"), "utf8");
    expect(html).toMatch(/^<!DOCTYPE html>/);
    expect(html).toContain("EX-2025-014");
    expect(html).toContain("情報セキュリティ管理者 総務部長");
    expect(html).toContain("2027-03-31");
    expect(html).toContain("マイナンバー利用事務系のデータは、暗号化して保存し"); // the article text, quoted
    expect(html).toContain('id="coverage"');
    expect(html).not.toMatch(/<script|https?:\/\//);
  });

  it("format from the output's extension; - is standard output", async () => {
    const out = tempDir("sanso-cli-ext-");
    const r = await sanso(["check", TAGGED, ...POL, "-f", "json", "-o", "-", "-o", join(out, "a.sarif")]);
    expect(JSON.parse(readFileSync(join(out, "a.sarif"), "utf8")).version).toBe("2.1.0");
    expect(JSON.parse(r.stdout).schema_version).toBe(2);
  });

  it("JSON is deterministic (same input, same bytes)", async () => {
    const a = await sanso(["check", app, ...POL, "-f", "json", "--as-of", "2026-06-01", "--exceptions", join(EXAMPLES, "exceptions.yaml")]);
    const b = await sanso(["check", app, ...POL, "-f", "json", "--as-of", "2026-06-01", "--exceptions", join(EXAMPLES, "exceptions.yaml")]);
    expect(a.stdout.length).toBeGreaterThan(1000);
    expect(b.stdout).toBe(a.stdout);
  });

  it("exit 0 when nothing is at or above --fail-on; --quiet prints nothing", async () => {
    const base = ["check", TAGGED, ...POL, "--exceptions", TAGGED_EXC, "--as-of", "2026-02-01"];
    expect((await sanso(base)).code).toBe(1); // ART29-CMK (high)
    const crit = await sanso([...base, "--fail-on", "critical"]);
    expect(crit.code).toBe(0);
    expect(crit.stdout).toMatch(/集計: 合格/);
    const quiet = await sanso([...base, "--fail-on", "critical", "--quiet"]);
    expect(quiet).toEqual({ code: 0, stdout: "", stderr: "" });
    // the tagged exception expired: the critical finding is back
    expect((await sanso(["check", TAGGED, ...POL, "--exceptions", TAGGED_EXC, "--as-of", "2026-03-01", "--fail-on", "critical", "-q"])).code).toBe(1);
  });

  it("names the resources that could not be judged before apply on stderr", async () => {
    const r = await sanso(["check", join(FIXTURES, "plan-unknown-region.json"), ...POL]);
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/合否を判定できませんでした \(違反としては報告していません\): ART99-REGION aws_s3_bucket\.replica/);
    expect((await sanso(["check", join(FIXTURES, "plan-unknown-region.json"), ...POL, "-q"])).stderr).toBe("");
  });

  it("--zone and the config's default_zone reach untagged resources", async () => {
    const plan = join(ROOT, "test/fixtures/input/plan-modules.json");
    const count = async (args: string[]) => JSON.parse((await sanso(["check", plan, ...POL, "-f", "json", ...args])).stdout).rules.find((r: { id: string }) => r.id === "ART29-CMK").checked as number;
    expect(await count(["--zone", "mynumber"])).toBeGreaterThan(await count([]));
    expect(await count(["--zone", "マイナンバー利用事務系"])).toBe(await count(["--zone", "mynumber"]));
  });

  it("without inputs: synthesizes cdktf.json's app into cdktf.out/ and checks every stack", async () => {
    const r = await sanso(["check", ...POL, "-f", "json", "--as-of", "2026-06-01"]);
    expect(r.code).toBe(1);
    const json = JSON.parse(r.stdout);
    // named as the user would name it (relative to the working directory), not by an absolute path
    expect(json.generated_for).toEqual(["cdktf.out"]);
    expect(json.stacks.map((s: { name: string }) => s.name)).toEqual(["demo-noncompliant", "gcas-jumin", "internet-shinsei", "lgwan-groupware"]);
    expect(r.stderr).toMatch(/synthesized 4 stacks into .*cdktf\.out/);
  });

  it("--help names the options", async () => {
    const r = await sanso(["check", "--help"]);
    for (const o of ["--format", "--output", "--config", "--exceptions", "--fail-on", "--zone", "--lang", "--quiet", "--policies", "--bundle", "--as-of", "Exit codes: 0"]) expect(r.stdout).toContain(o);
    expect((await sanso(["synth", "--help"])).stdout).toContain("--output <dir>");
    expect((await sanso(["policies", "--help"])).stdout).toContain("--coverage");
    expect((await sanso(["--help"])).stdout).toMatch(/check \[options\] \[inputs\.\.\.\][\s\S]*synth[\s\S]*policies/);
  });
});

describe("sanso policies", () => {
  it("lists the rules: id, article, severity, title", async () => {
    const r = await sanso(["policies", ...POL]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/ART29-CMK\s+│ 第29条第6項\s+│ 高\s+│ マイナンバー利用事務系のデータは顧客管理鍵で暗号化する/);
    expect(r.stdout).toMatch(/3 ルール/);
    const en = await sanso(["policies", ...POL, "--lang", "en"]);
    expect(en.stdout).toMatch(/ART49-FIREWALL\s+│ 第49条\s+│ critical\s+│ Ingress from anywhere only to web ports/);
    const json = JSON.parse((await sanso(["policies", ...POL, "--json"])).stdout);
    expect(json.map((x: { id: string }) => x.id)).toEqual(["ART29-CMK", "ART49-FIREWALL", "ART99-REGION"]);
  });

  it("--coverage prints the article matrix", async () => {
    const r = await sanso(["policies", "--coverage", ...POL]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^第37条 研修 {2}\[IaC の対象外\]\n {4}研修は IaC に現れない$/m);
    expect(r.stdout).toMatch(/^第29条 マイナンバー利用事務系 {2}\[一部検査\] {2}ART29-CMK$/m);
    expect(r.stdout).toMatch(/4 条: 検査対象 2・一部検査 1・IaC の対象外 1/);
    const en = await sanso(["policies", "--coverage", ...POL, "--lang", "en"]);
    expect(en.stdout).toMatch(/4 articles: 2 enforced, 1 partially enforced, 1 outside IaC/);
    // a policy library (it defines sanso.main) without a coverage matrix
    const lib = tempDir("sanso-nocoverage-");
    writeFileSync(join(lib, "main.rego"), "package sanso.main\n\nimport rego.v1\n\nfindings := set()\n");
    const none = await sanso(["policies", "--coverage", "--policies", lib]);
    expect(none.code).toBe(2);
    expect(none.stderr).toMatch(/no coverage matrix \(coverage\.yaml\)/);
    // a directory that is neither a library nor local rules is refused as such
    const stray = await sanso(["policies", "--coverage", "--policies", join(ROOT, "test/fixtures/rego/example")]);
    expect(stray.code).toBe(2);
    expect(stray.stderr).toMatch(/no rule of these policies would be evaluated/);
  });
});
