/**
 * sanso check, end to end: configuration, exceptions, policies, inputs, evaluation, report.
 * Everything that makes the check impossible throws (CheckError, InputError): the CLI turns it
 * into a message naming the file and exit code 2. A check that could not run never yields a
 * report, so it can never be mistaken for a compliant one.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { loadInputs } from "../input/index.js";
import type { Diagnostic, NormalizedInput, Zone } from "../input/index.js";
import { buildReport, isFailing, type RuleInput } from "../report/build.js";
import type { AccountBaseline, Finding, Report, Severity, StackInfo, UnverifiedResource } from "../report/types.js";
import { accountBaseline } from "./baseline.js";
import { loadConfig, type SansoConfig } from "./config.js";
import { Evaluator, memoryPagesFor } from "./evaluate.js";
import { EvalWorker, inputFileBytes } from "./eval-worker-client.js";
import { applyExceptions, loadExceptions, todayInJapan, type ExceptionsFile } from "./exceptions.js";
import { loadPolicySet, PACKAGE_ROOT, type PolicySet } from "./policy.js";
import { userSourceLocation } from "../input/stack-trace.js";

export const SANSO_VERSION: string = (() => {
  try {
    return (JSON.parse(readFileSync(join(PACKAGE_ROOT, "package.json"), "utf8")) as { version: string }).version;
  } catch {
    return "0.0.0";
  }
})();

export interface CheckOptions {
  /** Input paths (cdktf.out directories, cdk.tf.json files, plan JSON files). */
  inputs: string[];
  /** Already normalized inputs (used instead of reading `inputs`; `inputs` still names them in the report). */
  docs?: NormalizedInput[];
  /** A configuration already read, or the path of one (default: sanso.config.yaml in cwd, if present). */
  config?: SansoConfig;
  configPath?: string;
  exceptionsPath?: string;
  /** Overrides the configuration's fail_on; default low. */
  failOn?: Severity;
  /** Overrides the configuration's default_zone. */
  defaultZone?: Zone;
  policies?: string;
  bundle?: string;
  cacheDir?: string;
  /** A policy set already loaded (tests, benchmarks). */
  policySet?: PolicySet;
  /** Day on which exception expiry is judged (YYYY-MM-DD); default today in Japan. */
  asOf?: string;
  /** Recorded in the report when given (reports are otherwise reproducible). */
  generatedAt?: string;
  /** Whether the coverage matrix goes into the report (default true, when the policies have one). */
  coverage?: boolean;
  onProgress?: (message: string) => void;
  onNote?: (message: string) => void;
}

export interface CheckTimings {
  policyMs: number;
  loadMs: number;
  stringifyMs: number;
  evalMs: number;
  exceptionsMs: number;
  reportMs: number;
  inputBytes: number;
}

export interface CheckResult {
  report: Report;
  /** 0: nothing at or above the failing severity and no exception problem; 1 otherwise. */
  exitCode: 0 | 1;
  config: SansoConfig;
  policySet: PolicySet;
  exceptions: ExceptionsFile | null;
  diagnostics: Array<Diagnostic & { stack: string; file: string }>;
  /**
   * Rule id -> stack -> addresses whose compliance the policies could not decide before apply
   * (values known only after apply): neither passed nor failed.
   */
  unverified: Map<string, Record<string, string[]>>;
  timings: CheckTimings;
  asOf: string;
}

/**
 * Does the report fail the run? Findings at or above `fail_on`, or any exception problem (an
 * expired, malformed or unused exception is itself a finding of the 第93条 process; the report's
 * summary counts it as failing at every threshold).
 */
export function reportFails(report: Report): boolean {
  return isFailing(report) || report.exception_problems.length > 0;
}

export async function runCheck(opts: CheckOptions): Promise<CheckResult> {
  const note = opts.onNote ?? (() => {});
  const config = opts.config ?? loadConfig(opts.configPath);
  const exceptions = opts.exceptionsPath ? loadExceptions(opts.exceptionsPath) : null;
  const failOn: Severity = opts.failOn ?? config.failOn ?? "low";
  const defaultZone = opts.defaultZone ?? config.defaultZone;
  const asOf = opts.asOf ?? todayInJapan();

  let policyMs = 0;
  const policies = async (): Promise<PolicySet> => {
    const tp = performance.now();
    const set =
      opts.policySet ??
      (await loadPolicySet({
        ...(opts.policies ? { policies: opts.policies } : {}),
        ...(opts.bundle ? { bundle: opts.bundle } : {}),
        ...(opts.cacheDir ? { cacheDir: opts.cacheDir } : {}),
        ...(opts.onProgress ? { onProgress: opts.onProgress } : {}),
        onNote: note,
      }));
    policyMs = performance.now() - tp;
    return set;
  };
  // A large input is evaluated on a worker thread that gets the policy ready while this thread
  // reads the input (eval-worker-client.ts): the policies are then loaded first.
  const inputFileSize = opts.docs ? 0 : inputFileBytes(opts.inputs);
  let policySet: PolicySet | undefined;
  let worker: EvalWorker | undefined;
  if (EvalWorker.wanted(inputFileSize)) {
    policySet = await policies();
    worker = EvalWorker.start(policySet.bundle.wasm, inputFileSize, memoryPagesFor);
  }

  const tl = performance.now();
  opts.onProgress?.("reading the inputs");
  let docs: NormalizedInput[];
  try {
    docs = opts.docs ?? (await loadInputs(opts.inputs, defaultZone ? { defaultZone } : {}));
  } catch (e) {
    worker?.close();
    throw e;
  }
  const loadMs = performance.now() - tl;
  policySet ??= await policies();

  // account-level facts across the inputs of the run (ART45, ART90)
  uniqueStackNames(docs);
  const declared = config.accountBaseline ? { ...config.accountBaseline, ...(config.file ? { file: config.file } : {}) } : undefined;
  const baseline = accountBaseline(docs, declared);
  for (const n of baseline.notes) note(n);
  const evaluator = new Evaluator(policySet, defaultZone ? { ...config.policy, default_zone: defaultZone } : config.policy, { account_baseline: baseline.run }, worker);
  let ev: EvaluatedInputs;
  try {
    ev = await evaluateInputs(docs, evaluator, opts.onProgress);
  } finally {
    worker?.close();
  }
  const assembled = assembleReport({
    inputs: opts.inputs,
    docs,
    evaluated: ev,
    policySet,
    exceptions,
    asOf,
    failOn,
    ...(opts.generatedAt ? { generatedAt: opts.generatedAt } : {}),
    coverage: opts.coverage !== false,
    accountBaseline: { ...(declared ? { declared } : {}), claims: baseline.claims },
    group: true,
  });
  const report = assembled.report;
  const diagnostics = ev.diagnostics;
  const { stringifyMs, evalMs, inputBytes } = ev;
  const { exceptionsMs, reportMs } = assembled;
  return {
    report,
    exitCode: reportFails(report) ? 1 : 0,
    config,
    policySet,
    exceptions,
    diagnostics,
    unverified: ev.unverified,
    timings: { policyMs, loadMs, stringifyMs, evalMs, exceptionsMs, reportMs, inputBytes },
    asOf,
  };
}

export interface EvaluatedInputs {
  findings: Finding[];
  /** Rule id -> stack -> resources in scope. */
  checked: Map<string, Record<string, number>>;
  /** Rule id -> stack -> addresses in scope whose compliance is known only after apply. */
  unverified: Map<string, Record<string, string[]>>;
  stacks: StackInfo[];
  diagnostics: Array<Diagnostic & { stack: string; file: string }>;
  stringifyMs: number;
  evalMs: number;
  inputBytes: number;
}

/** Evaluates every stack; findings get their stack, input file, line and construct path. */
export async function evaluateInputs(docs: NormalizedInput[], evaluator: Evaluator, onProgress?: (m: string) => void): Promise<EvaluatedInputs> {
  uniqueStackNames(docs);
  const out: EvaluatedInputs = { findings: [], checked: new Map(), unverified: new Map(), stacks: [], diagnostics: [], stringifyMs: 0, evalMs: 0, inputBytes: 0 };
  for (let i = 0; i < docs.length; i++) {
    const doc = docs[i]!;
    const resources = Object.keys(doc.resources).length;
    onProgress?.(`evaluating ${doc.stack} (${i + 1}/${docs.length}, ${resources} resources)`);
    const ev = await evaluator.evaluate(doc);
    out.stringifyMs += ev.stringifyMs;
    out.evalMs += ev.evalMs;
    out.inputBytes += ev.inputBytes;
    out.stacks.push({ name: doc.stack, format: doc.format, file: doc.source.file, resources });
    for (const d of doc.diagnostics ?? []) out.diagnostics.push({ ...d, stack: doc.stack, file: doc.source.file });
    for (const f of ev.findings) {
      const r = doc.resources[f.resource];
      const finding: Finding = { ...f, stack: doc.stack };
      const construct = f.construct ?? r?.source.construct ?? undefined;
      if (construct) finding.construct = construct;
      else delete finding.construct;
      finding.file = r?.source.file ?? doc.source.file;
      if (r?.source.line !== undefined) finding.line = r.source.line;
      const at = userSourceLocation((r?.source as { stackTrace?: unknown } | undefined)?.stackTrace);
      if (at) finding.source = at;
      out.findings.push(finding);
    }
    for (const [rule, addrs] of Object.entries(ev.checked)) {
      let m = out.checked.get(rule);
      if (!m) out.checked.set(rule, (m = {}));
      m[doc.stack] = new Set(addrs).size;
    }
    for (const [rule, addrs] of Object.entries(ev.unverified)) {
      if (addrs.length === 0) continue;
      let m = out.unverified.get(rule);
      if (!m) out.unverified.set(rule, (m = {}));
      m[doc.stack] = [...new Set(addrs)].sort();
    }
  }
  return out;
}

export interface AssembleOptions {
  inputs: string[];
  docs: NormalizedInput[];
  evaluated: EvaluatedInputs;
  policySet: PolicySet;
  exceptions: ExceptionsFile | null;
  asOf: string;
  failOn: Severity;
  generatedAt?: string;
  coverage?: boolean;
  accountBaseline?: AccountBaseline;
  /**
   * Group the findings that share stack, rule and cause into one finding listing its resources
   * (sanso check, the API). Default false: SansoChecks reports each finding at its construct.
   */
  group?: boolean;
}

/**
 * Applies the exceptions — per resource, before any grouping, so an exception covers exactly the
 * resources it names — and builds the report model (grouping by cause when `group`).
 */
export function assembleReport(o: AssembleOptions): { report: Report; exceptionsMs: number; reportMs: number } {
  const te = performance.now();
  const { policySet, evaluated } = o;
  const knownRules = new Set(policySet.rules.map((r) => r.id));
  for (const r of evaluated.checked.keys()) knownRules.add(r);
  const applied = applyExceptions(evaluated.findings, o.exceptions, { asOf: o.asOf, knownRules, inputs: o.docs });
  const exceptionsMs = performance.now() - te;

  const tr = performance.now();
  const catalogIds = new Set(policySet.rules.map((r) => r.id));
  const unverifiedCounts = (id: string) => Object.fromEntries(Object.entries(evaluated.unverified.get(id) ?? {}).map(([stack, addrs]) => [stack, addrs.length]));
  const rules: RuleInput[] = policySet.rules.map((r) => ({ ...r, checked: evaluated.checked.get(r.id) ?? {}, unverified: unverifiedCounts(r.id) }));
  // what could not be decided before apply, located like a finding
  const docByStack = new Map(o.docs.map((d) => [d.stack, d]));
  const unverified: UnverifiedResource[] = [];
  for (const [rule, per] of evaluated.unverified) {
    for (const [stack, addrs] of Object.entries(per)) {
      const doc = docByStack.get(stack);
      for (const resource of addrs) {
        const res = doc?.resources[resource];
        const u: UnverifiedResource = { rule, stack, resource };
        if (res?.source.construct) u.construct = res.source.construct;
        const file = res?.source.file ?? doc?.source.file;
        if (file) u.file = file;
        if (res?.source.line !== undefined) u.line = res.source.line;
        unverified.push(u);
      }
    }
  }
  for (const [id, per] of evaluated.checked) {
    if (catalogIds.has(id)) continue;
    const f = evaluated.findings.find((x) => x.rule === id);
    rules.push({ id, title_ja: id, title_en: id, article: f?.article ?? "", article_text: "", severity: f?.severity ?? "medium", zones: [], classes: [], rationale: "", checked: per });
  }
  const report = buildReport({
    sanso_version: SANSO_VERSION,
    bundle_version: policySet.version,
    ...(o.generatedAt ? { generated_at: o.generatedAt } : {}),
    generated_for: [...o.inputs],
    fail_on: o.failOn,
    stacks: evaluated.stacks,
    findings: applied.findings,
    excepted: applied.excepted,
    exception_problems: applied.problems,
    unverified,
    rules,
    ...(o.coverage !== false && policySet.coverage ? { coverage: policySet.coverage } : {}),
    ...(o.accountBaseline ? { account_baseline: o.accountBaseline } : {}),
    group: o.group === true,
  });
  return { report, exceptionsMs, reportMs: performance.now() - tr };
}

/** Two inputs with the same stack name (plans named alike in different folders) get `#2`, `#3`. */
export function uniqueStackNames(docs: NormalizedInput[]): void {
  const seen = new Map<string, number>();
  for (const d of docs) {
    const n = (seen.get(d.stack) ?? 0) + 1;
    seen.set(d.stack, n);
    if (n > 1) d.stack = `${d.stack}#${n}`;
  }
}
