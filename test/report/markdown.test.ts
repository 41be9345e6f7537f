import { describe, expect, it } from "vitest";
import { buildReport, render, renderMarkdown } from "../../src/report/index.js";
import { fixtureInput, fixtureReport, shuffledInput } from "./fixture.js";

/** Cells of a GFM table row (split on unescaped pipes). */
function cells(row: string): string[] {
  return row.slice(1, -1).split(/(?<!\\)\|/).map((c) => c.trim());
}

describe("markdown report", () => {
  const md = render("markdown", fixtureReport());

  it("opens with the verdict and a summary table", () => {
    const lines = md.split("\n");
    expect(lines[0]).toBe("## ❌ sanso 検査結果: 不合格");
    expect(md).toContain("| 🔴 重大 | 2 |");
    expect(md).toContain("| 例外 | 2 |");
    expect(md).toContain("| ⚠️ 例外設定の問題 | 2 |");
  });

  it("has one findings table per stack with a fixed number of columns", () => {
    for (const s of ["gov-mynumber", "lgwan-web", "tfplan"]) expect(md).toContain(`### スタック \`${s}\``);
    const rows = md.split("\n").filter((l) => /^\| (🔴|🟠|🟡|🔵) \S+ \| ART/.test(l));
    expect(rows).toHaveLength(6);
    for (const r of rows) expect(cells(r)).toHaveLength(6);
    const sse = rows.find((r) => r.includes("zone_records_sse"))!;
    // no source location: the construct path first, the generated file's line last
    expect(cells(sse)[3]).toBe("`gov-mynumber/zone/records/sse`<br>`aws_s3_bucket_server_side_encryption_configuration.zone_records_sse_1F6E0A77`<br>`cdktf.out/stacks/gov-mynumber/cdk.tf.json:210`");
  });

  it("escapes markup and table syntax in messages", () => {
    const row = md.split("\n").find((l) => l.includes("web_sg_5E6F7A8B"))!;
    expect(row).not.toContain("<script>");
    expect(row).toContain("&lt;script&gt;alert(\"x\")&lt;/script&gt; &amp; \\]\\]&gt;");
    const input = fixtureInput();
    input.findings[0] = { ...input.findings[0]!, message_ja: "a | b\nc *d* `e`", resource: "x|y" };
    const out = renderMarkdown(buildReport(input), { lang: "ja", color: false });
    const r = out.split("\n").find((l) => l.includes("a \\| b"))!;
    expect(cells(r)).toHaveLength(6);
    expect(r).toContain("a \\| b<br>c \\*d\\* \\`e\\`");
    expect(r).toContain("`x\\|y`");
  });

  it("lists excepted findings with approver and expiry, and exception problems", () => {
    expect(md).toContain("<details><summary>例外措置 (第93条) により除外された指摘 (2)</summary>");
    expect(md).toContain("| ART47\\-LOGS\\-KEPT | `gov-mynumber` | `aws_cloudwatch_log_group.zone_vpc_flow-logs_0D4C8B56` | EX\\-2025\\-003 |".replace(/\\-/g, "-"));
    expect(md).toContain("情報政策課長 &lt;佐藤&gt;");
    expect(md).toContain("- `sanso.exceptions.yaml` (EX-2024-011): 例外 EX-2024-011 は 2024-12-31 に期限切れです。");
  });

  it("caps the number of finding rows for pull-request comments", () => {
    const out = renderMarkdown(fixtureReport(), { lang: "ja", color: false, maxRows: 2 });
    expect(out.split("\n").filter((l) => /^\| (🔴|🟠|🟡|🔵) \S+ \| ART/.test(l))).toHaveLength(2);
    expect(out).toContain("ほか 4 件の指摘は省略しました。");
  });

  it("is deterministic", () => {
    expect(render("markdown", buildReport(shuffledInput()))).toBe(md);
  });

  it("shows the user's file:line first when the construct's source is known, in a finding and in a grouped finding's resources", () => {
    const input = fixtureInput();
    const i = input.findings.findIndex((f) => f.resource.includes("zone_records_sse"));
    input.findings[i] = { ...input.findings[i]!, source: { file: "main.ts", line: 42, column: 5 } };
    input.findings.push(
      ...["a", "b"].map((n, k) => ({
        rule: "ART99-REGION",
        article: "第99条",
        severity: "high" as const,
        stack: "tfplan",
        resource: `aws_s3_bucket.${n}`,
        construct: `city/${n}`,
        file: "cdktf.out/stacks/city/cdk.tf.json",
        line: 10 + k,
        ...(n === "a" ? { source: { file: "lib/buckets.ts", line: 7 } } : {}),
        cause: "provider.aws",
        message_ja: "リージョン外です。",
        message_en: "Outside the regions.",
      })),
    );
    const out = renderMarkdown(buildReport(input), { lang: "ja", color: false });
    const row = out.split("\n").find((l) => l.includes("zone_records_sse"))!;
    expect(cells(row)[3]).toBe("`main.ts:42`<br>`gov-mynumber/zone/records/sse`<br>`aws_s3_bucket_server_side_encryption_configuration.zone_records_sse_1F6E0A77`<br>`cdktf.out/stacks/gov-mynumber/cdk.tf.json:210`");
    const grouped = out.split("\n").find((l) => l.includes("provider.aws"))!;
    expect(cells(grouped)[3]).toContain("• `lib/buckets.ts:7` `aws_s3_bucket.a` `city/a` `cdktf.out/stacks/city/cdk.tf.json:10`");
    expect(cells(grouped)[3]).toContain("• `aws_s3_bucket.b` `city/b` `cdktf.out/stacks/city/cdk.tf.json:11`");
  });
});
