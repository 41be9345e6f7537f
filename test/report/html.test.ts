import { execFileSync } from "node:child_process";
import { existsSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { buildReport, render } from "../../src/report/index.js";
import { fixtureInput, fixtureReport, shuffledInput } from "./fixture.js";
import { tempDir } from "../tmp.js";

describe("html report", () => {
  const html = render("html", fixtureReport());

  it("is one Japanese document with inline CSS and no external resources", () => {
    expect(html.startsWith("<!DOCTYPE html>\n<html lang=\"ja\">")).toBe(true);
    expect(html).toContain('<meta charset="utf-8">');
    expect(html).toMatch(/<style>[\s\S]+<\/style>/);
    expect(html).not.toMatch(/<script|<link|<img|<iframe|@import|url\(/i);
    expect(html).not.toMatch(/(src|href)="(https?:)?\/\//i);
    expect(html).toContain("default-src 'none'");
    expect(render("html", fixtureReport(), { lang: "en" })).toContain('<html lang="en">');
  });

  it("escapes everything that comes from the report", () => {
    expect(html).not.toContain("<script>alert");
    expect(html).toContain("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; ]]&gt;");
    expect(html).toContain("情報政策課長 &lt;佐藤&gt;");
    expect(html).toContain("module.records[&quot;b&quot;].aws_s3_bucket.b");
    const input = fixtureInput();
    input.stacks[0] = { ...input.stacks[0]!, name: '"><img src=x onerror=alert(1)>' };
    for (const f of input.findings) if (f.stack === "lgwan-web") f.stack = input.stacks[0].name;
    const out = render("html", buildReport(input));
    expect(out).not.toContain("<img");
    expect(out).toContain("&quot;&gt;&lt;img src=x onerror=alert(1)&gt;");
  });

  it("quotes the article text with each group of findings, and shows per-article and per-rule results", () => {
    expect(html).toContain("<blockquote>第29条第6項 情報システム・セキュリティ管理者は、マイナンバー利用事務系の情報システムをガバメントクラウドにおいて利用する場合は");
    expect(html).toContain("<h2>条項別の指摘</h2>");
    expect(html).toContain('<h2 id="rules">ルール別の結果</h2>');
    expect(html).toMatch(/ART90-MONITORED[\s\S]*?対象なし/);
    expect(html).toContain("6件中 違反2・例外0");
  });

  it("lists exceptions with approver and expiry, exception problems and the coverage matrix", () => {
    expect(html).toMatch(/EX-2025-003[\s\S]*?フローログは S3 のログアーカイブ[\s\S]*?CISO 山田太郎<\/td><td class="nowrap">2025-01-10<\/td><td class="nowrap">2026-03-31/);
    expect(html).toContain("12 行目の例外に approver がありません。");
    expect(html).toContain('<h2 id="coverage">条項ごとの対応状況</h2>');
    expect(html).toContain('<span class="st outside">IaC の対象外</span>');
    const noCoverage = render("html", buildReport({ ...fixtureInput(), coverage: undefined }));
    expect(noCoverage).not.toContain('id="coverage"');
  });

  it("is deterministic", () => {
    expect(render("html", buildReport(shuffledInput()))).toBe(html);
  });

  // Renders the page in headless Chromium where it is installed (a visual check is done by hand;
  // here: the page loads and paints without the browser failing).
  const chromium = ["/usr/bin/chromium", "/usr/bin/chromium-browser"].find((p) => existsSync(p));
  it.skipIf(!chromium)("renders in headless Chromium", () => {
    const dir = tempDir("sanso-html-");
    const page = join(dir, "report.html");
    writeFileSync(page, html);
    const png = join(dir, "shot.png");
    execFileSync(chromium!, ["--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars", "--window-size=1200,1600", `--screenshot=${png}`, `file://${page}`], {
      stdio: "ignore",
      timeout: 60_000,
    });
    expect(existsSync(png)).toBe(true);
  });
});
