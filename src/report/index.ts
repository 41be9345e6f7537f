/**
 * sanso reports: findings -> text, json, sarif, junit, markdown, html.
 * Every renderer is `(report, { lang, color }) => string`; the same report gives the same bytes.
 */
import { renderHtml } from "./html.js";
import { renderJson } from "./json.js";
import { renderJunit } from "./junit.js";
import { renderMarkdown, renderMarkdownSummary } from "./markdown.js";
import { renderSarif } from "./sarif.js";
import { renderText } from "./text.js";
import type { RenderOptions, Report } from "./types.js";

export * from "./types.js";
export { atOrAbove, buildReport, compareArticles, compareFindings, isFailing, summarize } from "./build.js";
export type { ReportInput, RuleInput } from "./build.js";
export { canonicalReport, renderJson } from "./json.js";
export { renderText } from "./text.js";
export { renderSarif, EXCEPTION_RULE_ID } from "./sarif.js";
export { renderJunit } from "./junit.js";
export { renderMarkdown, renderMarkdownSummary, GITHUB_COMMENT_LIMIT, MARKDOWN_SUMMARY_LIMIT } from "./markdown.js";
export { groupFindings, resourcesOf, resourceCount } from "./build.js";
export { renderHtml } from "./html.js";

export type ReportFormat = "text" | "json" | "sarif" | "junit" | "markdown" | "html";
export const REPORT_FORMATS: readonly ReportFormat[] = ["text", "json", "sarif", "junit", "markdown", "html"];

/** File name extension conventionally used for each format. */
export const REPORT_EXTENSIONS: Record<ReportFormat, string> = {
  text: ".txt",
  json: ".json",
  sarif: ".sarif",
  junit: ".xml",
  markdown: ".md",
  html: ".html",
};

export const renderers: Record<ReportFormat, (report: Report, opts: RenderOptions) => string> = {
  text: renderText,
  json: renderJson,
  sarif: renderSarif,
  junit: renderJunit,
  markdown: renderMarkdown,
  html: renderHtml,
};

/**
 * Renders `report` in `format`. Defaults: Japanese, no colour. `summary` with `markdown`: the
 * summary for a pull-request comment (renderMarkdownSummary), pointing at `reportUrl`.
 */
export function render(format: ReportFormat, report: Report, opts: Partial<RenderOptions> & { summary?: boolean } = {}): string {
  const o: RenderOptions = {
    lang: opts.lang ?? "ja",
    color: opts.color ?? false,
    ...(opts.baseDir ? { baseDir: opts.baseDir } : {}),
    ...(opts.reportUrl ? { reportUrl: opts.reportUrl } : {}),
  };
  if (format === "markdown" && opts.summary) return renderMarkdownSummary(report, o);
  return renderers[format](report, o);
}
