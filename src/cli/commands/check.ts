// `sanso check [inputs...]`: evaluate the policies on cdktf.out / cdk.tf.json / plan JSON inputs
// (or on the app of cdktf.json, synthesized first) and write reports. Exit 0 compliant, 1
// findings at or above the failing severity (or exception problems), 2 the check could not run.

import type { Command } from "commander";
import { extname, isAbsolute, relative } from "node:path";
import pc from "picocolors";
import { parseZone } from "../../input/index.js";
import type { Zone } from "../../input/index.js";
import { render, REPORT_FORMATS, type ReportFormat } from "../../report/index.js";
import type { Lang, Severity } from "../../report/types.js";
import { loadConfig, parseSeverity } from "../../check/config.js";
import { parseDate } from "../../check/exceptions.js";
import { Progress } from "../../check/progress.js";
import { runCheck } from "../../check/run.js";
import { synthesize } from "../../check/synth.js";
import { assertSafeInvocation } from "../../check/guard.js";
import { writeReports, type ReportFile } from "../../check/write-report.js";
import { loadPoliciesFor } from "../../api/check.js";
import { action, UsageError } from "../errors.js";

export interface CheckCliOptions {
  format: string[];
  output: string[];
  config?: string;
  exceptions?: string;
  failOn?: string;
  zone?: string;
  lang: string;
  quiet?: boolean;
  policies: string[];
  v0Compatible?: boolean;
  bundle?: string;
  asOf?: string;
  color: boolean;
  summary?: boolean;
  reportUrl?: string;
}

const collect = (v: string, prev: string[]) => [...prev, v];

const EXT_FORMAT: Record<string, ReportFormat> = {
  ".txt": "text",
  ".json": "json",
  ".sarif": "sarif",
  ".xml": "junit",
  ".md": "markdown",
  ".markdown": "markdown",
  ".html": "html",
  ".htm": "html",
};

export function parseLang(v: string | undefined): Lang {
  const l = (v ?? "ja").trim().toLowerCase();
  if (l === "ja" || l === "en") return l;
  throw new UsageError(`--lang must be ja or en, not "${v}"`);
}

/** Format names that are the Markdown summary (for a pull-request comment). */
const SUMMARY_FORMATS = new Set(["markdown-summary", "md-summary"]);

export function parseFormat(v: string): ReportFormat {
  const f = v.trim().toLowerCase();
  if (f === "md" || SUMMARY_FORMATS.has(f)) return "markdown";
  if (f === "xml") return "junit";
  if ((REPORT_FORMATS as readonly string[]).includes(f)) return f as ReportFormat;
  throw new UsageError(`unknown --format "${v}" (${[...REPORT_FORMATS, "markdown-summary"].join(", ")})`);
}

export interface PlannedOutput {
  format: ReportFormat;
  output: string | null;
  /** The Markdown summary (markdown-summary, or markdown with --summary). */
  summary?: boolean;
}

/**
 * Pairs formats and outputs in order; extra outputs take their format from the extension.
 * `summary` (--summary) makes every Markdown report the summary.
 */
export function planOutputs(formats: string[], outputs: string[], summary = false): PlannedOutput[] {
  const out: PlannedOutput[] = [];
  const n = Math.max(formats.length, outputs.length);
  for (let i = 0; i < n; i++) {
    const o = outputs[i] && outputs[i] !== "-" ? outputs[i]! : null;
    let format: ReportFormat;
    if (formats[i] !== undefined) format = parseFormat(formats[i]!);
    else {
      const f = EXT_FORMAT[extname(o ?? "").toLowerCase()];
      if (!f) throw new UsageError(`--output ${outputs[i]}: give its --format (the extension does not name one)`);
      format = f;
    }
    const isSummary = format === "markdown" && (summary || (formats[i] !== undefined && SUMMARY_FORMATS.has(formats[i]!.trim().toLowerCase())));
    out.push({ format, output: o, ...(isSummary ? { summary: true } : {}) });
  }
  if (out.length === 0) out.push({ format: "text", output: null });
  if (summary && !out.some((x) => x.summary)) throw new UsageError("--summary applies to a markdown report: give --format markdown");
  if (out.filter((x) => x.output === null).length > 1) {
    throw new UsageError("only one report can go to standard output; give the others an --output <path> (in the order of --format)");
  }
  return out;
}

export function registerCheck(program: Command): void {
  program
    .command("check")
    .description("check cdktf.out directories, cdk.tf.json files or `terraform show -json` plans against the policies (no input: synthesize the app of cdktf.json first)")
    .argument("[inputs...]", "cdktf.out directory, cdk.tf.json, or plan JSON (default: synthesize cdktf.json's app into cdktf.out/)")
    .option("-f, --format <format>", `report format: ${REPORT_FORMATS.join(", ")}, markdown-summary (repeatable; default text)`, collect, [])
    .option("-o, --output <path>", "file for the report of the --format at the same position (repeatable; - or none: standard output)", collect, [])
    .option("-c, --config <file>", "configuration (default: sanso.config.yaml in the current directory, if present)")
    .option("-e, --exceptions <file>", "approved exceptions, 第93条 例外措置 (YAML)")
    .option("--fail-on <severity>", "lowest severity that fails the check: critical, high, medium, low (default: config fail_on, else low)")
    .option("--zone <zone>", "zone of resources without a sanso:zone tag: mynumber, lgwan, internet (default: config default_zone)")
    .option("--lang <lang>", "report language: ja or en", "ja")
    .option("-q, --quiet", "no progress or notes on stderr and no default text report; the exit code tells the result")
    .option("--policies <dir>", "your own rules (packages under sanso.local.), added to the built-in policies; a directory with package sanso.main replaces them (repeatable)", collect, [])
    .option("--v0-compatible", "read the --policies directories (never the built-in policies) as pre-1.0 Rego (v0), as OPA 1.x --v0-compatible; a directory's .manifest (rego_version, file_rego_versions) decides for its own files")
    .option("--bundle <file>", "prebuilt policy bundle (sanso build, opa build -t wasm) instead of the built-in policies")
    .option("--as-of <date>", "judge exception expiry on this day, YYYY-MM-DD (default: today, Japan time)")
    .option("--no-color", "no colour in the text report (colour is used only on a terminal)")
    .option("--summary", "markdown reports are the summary for a pull-request comment (under GitHub's 65,536 characters): counts by severity and rule, the top findings, a pointer to the full report")
    .option("--report-url <url>", "where the full report is (a URL or an artifact name), linked from the markdown summary")
    .addHelpText(
      "after",
      `
Exit codes: 0 no finding at or above --fail-on, 1 findings (or exception problems), 2 the check could not run.

Examples:
  sanso check                                   synthesize cdktf.json's app, check every stack
  sanso check cdktf.out --exceptions exceptions.yaml
  sanso check plan.json --format sarif --output sanso.sarif --format text
  sanso check cdktf.out --policies city-rules/     the built-in rules and the city's own
  sanso check cdktf.out -f html -o report.html -f junit -o junit.xml --lang en
  sanso check cdktf.out -f markdown-summary -o comment.md --report-url "$RUN_URL" -f html -o report.html
                                                a PR comment that fits GitHub's limit, and the full report

Findings that share a cause (a provider in a forbidden region, one security group, a missing
baseline) are one finding listing its resources; counts say findings and resources.`,
    )
    .action(action(async (inputs: string[], opts: CheckCliOptions) => {
      // print() in a policy writes only with --debug (and in sanso eval / sanso test)
      if (!process.argv.includes("--debug") && process.env.SANSO_PRINT === undefined) process.env.SANSO_PRINT = "off";
      return checkCommand(inputs, opts);
    }));
}

export async function checkCommand(inputs: string[], opts: CheckCliOptions): Promise<number> {
  const lang = parseLang(opts.lang);
  const outputs = planOutputs(opts.format, opts.output, !!opts.summary);
  if (opts.reportUrl !== undefined && !opts.reportUrl.trim()) throw new UsageError("--report-url needs a URL or an artifact name");
  let failOn: Severity | undefined;
  if (opts.failOn !== undefined) {
    failOn = parseSeverity(opts.failOn);
    if (!failOn) throw new UsageError(`--fail-on must be critical, high, medium or low, not "${opts.failOn}"`);
  }
  let zone: Zone | undefined;
  if (opts.zone !== undefined) {
    zone = parseZone(opts.zone);
    if (!zone) throw new UsageError(`--zone must be mynumber, lgwan or internet, not "${opts.zone}"`);
  }
  if (opts.asOf !== undefined && !parseDate(opts.asOf)) throw new UsageError(`--as-of must be a date YYYY-MM-DD, not "${opts.asOf}"`);
  const quiet = !!opts.quiet;
  const progress = Progress.forStderr(quiet);
  const notes: string[] = [];
  const note = (m: string) => {
    if (!quiet) notes.push(m);
  };
  const flushNotes = () => {
    progress.done();
    for (const m of notes.splice(0)) process.stderr.write(`sanso: ${m}\n`);
  };

  try {
    let paths = inputs;
    if (paths.length === 0) {
      progress.step("synthesizing the cdktf app", true);
      // the app's own synth-time checks (SansoChecks) stay off: this check evaluates the output
      const s = await synthesize({ checks: false });
      note(`synthesized ${s.stacks.length} stack${s.stacks.length === 1 ? "" : "s"} into ${s.outdir} (${Math.round(s.ms)} ms)`);
      // as the user would name it: reports show cdktf.out/stacks/…/cdk.tf.json, not an absolute path
      const rel = relative(process.cwd(), s.outdir);
      paths = [rel && !rel.startsWith("..") && !isAbsolute(rel) ? rel : s.outdir];
    }
    // before anything is read: inputs are regular files or directories, no report overwrites one
    assertSafeInvocation({ inputs: paths, outputs: outputs.map((o) => o.output), reads: [opts.config, opts.exceptions, opts.bundle, ...opts.policies] });
    // the configuration first: its `policies` are added to those of the command line
    const config = loadConfig(opts.config);
    const local = [...opts.policies, ...(config.policies ?? [])];
    const policySet = opts.bundle ? undefined : await loadPoliciesFor(local, { ...(opts.v0Compatible ? { v0Compatible: true } : {}), onProgress: (m) => progress.step(m, true), onNote: note });
    const result = await runCheck({
      config,
      inputs: paths,
      ...(opts.exceptions ? { exceptionsPath: opts.exceptions } : {}),
      ...(failOn ? { failOn } : {}),
      ...(zone ? { defaultZone: zone } : {}),
      ...(policySet ? { policySet } : {}),
      // with a bundle, a --policies directory still supplies the coverage matrix
      ...(opts.bundle ? { bundle: opts.bundle, ...(opts.policies[0] ? { policies: opts.policies[0] } : {}) } : {}),
      ...(opts.asOf ? { asOf: opts.asOf } : {}),
      onProgress: (m) => progress.step(m, /compiling/.test(m)),
      onNote: note,
    });
    if (result.policySet.compiled) note(`compiled the policies in ${result.policySet.origin} (${Math.round(result.policySet.ms)} ms, cached for next time)`);
    if (result.config.unknownKeys.length) {
      note(`${result.config.file}: settings not known to sanso passed to the policies as they are: ${result.config.unknownKeys.join(", ")}`);
    }
    if (result.unverified.size > 0) {
      const parts = [...result.unverified].sort(([a], [b]) => (a < b ? -1 : 1)).map(([rule, per]) => {
        const addrs = Object.entries(per).flatMap(([stack, l]) => l.map((a) => (result.report.stacks.length > 1 ? `${stack}:${a}` : a)));
        return `${rule} ${addrs.slice(0, 3).join(", ")}${addrs.length > 3 ? ` (+${addrs.length - 3})` : ""}`;
      });
      note(
        lang === "ja"
          ? `apply 後にしか分からない値のため、次のリソースは合否を判定できませんでした (違反としては報告していません): ${parts.join("; ")}`
          : `these resources could not be judged before apply (values known only after apply; not reported as violations): ${parts.join("; ")}`,
      );
    }
    for (const d of result.diagnostics) note(`${d.file}${d.address ? ` ${d.address}` : ""}: ${lang === "ja" ? d.message_ja : d.message_en}`);
    flushNotes();

    // known before any report is written: a reader closing the pipe early does not change it
    process.exitCode = result.exitCode;
    // every file report is rendered, then written all or nothing; then standard output
    const files: ReportFile[] = [];
    let stdout: string | undefined;
    for (const { format, output, summary } of outputs) {
      if (output === null && quiet && opts.format.length === 0) continue;
      const color = format === "text" && output === null && opts.color !== false && pc.isColorSupported && !!process.stdout.isTTY;
      const text = render(format, result.report, { lang, color, ...(summary ? { summary } : {}), ...(opts.reportUrl ? { reportUrl: opts.reportUrl } : {}) });
      if (output === null) stdout = text;
      else files.push({ path: output, text, format: summary ? "markdown summary" : format });
    }
    writeReports(files);
    if (!quiet) for (const f of files) process.stderr.write(`sanso: wrote the ${f.format} report to ${f.path}\n`);
    if (stdout !== undefined) process.stdout.write(stdout);
    return result.exitCode;
  } finally {
    progress.done();
  }
}
