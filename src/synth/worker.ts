/**
 * The worker thread behind `SansoChecks` (src/synth/checker.ts). cdktf's `app.synth()` is
 * synchronous and sanso check's pipeline is not (reading inputs and bundles), so the check runs
 * here while the app's thread waits on an Atomics flag. It runs sanso check's own steps — policy
 * set, configuration, exceptions, loadInputs on cdktf.out, Evaluator, evaluateInputs,
 * assembleReport — so synth-time findings are those of `sanso check cdktf.out`. Everything that
 * does not depend on the synthesized stacks (policies, the Wasm instance, configuration, the
 * exceptions file) is prepared as soon as the worker starts, while the app is still building.
 */
import { workerData, type MessagePort } from "node:worker_threads";
import { loadPoliciesFor } from "../api/check.js";
import { loadConfig } from "../check/config.js";
import { CheckError } from "../check/errors.js";
import { Evaluator } from "../check/evaluate.js";
import { loadExceptions, parseExceptions, todayInJapan, type ExceptionEntry, type ExceptionsFile } from "../check/exceptions.js";
import { assembleReport, evaluateInputs, reportFails, uniqueStackNames } from "../check/run.js";
import { accountBaseline, type BaselineDeclaration } from "../check/baseline.js";
import { InputError, loadInputs, normalizeCdktf } from "../input/index.js";
import type { ExceptionProblem, Severity } from "../report/types.js";
import type { CodeException, SynthCheckReply, SynthCheckRequest, SynthCheckSettings } from "./protocol.js";

interface Prepared {
  evaluator: Evaluator;
  /** `account_baseline` of the configuration (who provides the account-level services). */
  declared: BaselineDeclaration | undefined;
  policySet: Awaited<ReturnType<typeof loadPoliciesFor>>;
  yaml: ExceptionsFile | null;
  failOn: Severity;
  defaultZone: ReturnType<typeof loadConfig>["defaultZone"];
}

const { settings, port, flag } = workerData as { settings: SynthCheckSettings; port: MessagePort; flag: Int32Array };

async function prepare(): Promise<Prepared> {
  const config = loadConfig(settings.config);
  const yaml = settings.exceptions ? loadExceptions(settings.exceptions) : null;
  const policySet = await loadPoliciesFor([...(settings.policies ?? []), ...(config.policies ?? [])]);
  const defaultZone = settings.defaultZone ?? config.defaultZone;
  const evaluator = new Evaluator(policySet, defaultZone ? { ...config.policy, default_zone: defaultZone } : config.policy);
  // instantiate the module (and warm it up) on an empty stack while the app is still being built
  await evaluator.evaluate(normalizeCdktf({ resource: {} }, { file: "(warm-up)", stack: "(warm-up)", format: "cdk.tf.json" }, {}));
  const declared = config.accountBaseline ? { ...config.accountBaseline, ...(config.file ? { file: config.file } : {}) } : undefined;
  return { evaluator, declared, policySet, yaml, failOn: settings.failOn ?? config.failOn ?? "low", defaultZone };
}

// started at once: it overlaps with the construction of the app
const prepared = prepare();
prepared.catch(() => {}); // reported with the first request

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/** A pattern matching what either matches (both are anchored). */
const either = (a: RegExp | undefined, b: RegExp): RegExp => (a ? new RegExp(`(?:${a.source})|(?:${b.source})`, "su") : b);

/**
 * The exceptions of the YAML file and those declared in code, as one list. An exception in code
 * covers the resources under its construct; one with the id and rule of a YAML entry is the same
 * exception (the YAML entry, now also covering the construct's resources).
 */
function mergeExceptions(yaml: ExceptionsFile | null, code: CodeException[]): { file: ExceptionsFile | null; owner: Map<string, string> } {
  if (code.length === 0) return { file: yaml, owner: new Map() };
  const entries: ExceptionEntry[] = [...(yaml?.entries ?? [])];
  const problems: ExceptionProblem[] = [...(yaml?.problems ?? [])];
  const owner = new Map<string, string>(); // exception id -> construct path, for code-only ids
  for (const c of code) {
    // validated exactly as a YAML entry; `resource` is named by the construct instead
    const parsed = parseExceptions([{ ...c.entry, resource: c.construct }], c.construct);
    problems.push(...parsed.problems);
    const e = parsed.entries[0];
    if (!e) continue;
    const covers = new RegExp(`^(?:${c.addresses.map(escape).join("|") || "(?!)"})$`, "u");
    const same = entries.find((x) => x.id === e.id);
    if (same && same.rule === e.rule) {
      same.resourceRe = either(same.resourceRe, covers);
      if (same.stackRe) same.stackRe = either(same.stackRe, new RegExp(`^${escape(c.stack)}$`, "u"));
      continue;
    }
    if (same) {
      problems.push({
        exception: e.id,
        file: c.construct,
        problem_ja: `例外 ${e.id} は ${same.rule} の例外として別に定義されています (ここではルール ${e.rule})。id を分けてください。`,
        problem_en: `exception ${e.id} is defined elsewhere for rule ${same.rule} (here for ${e.rule}); give them different ids`,
      });
      continue;
    }
    entries.push({ ...e, stack: c.stack, stackRe: new RegExp(`^${escape(c.stack)}$`, "u"), resourceRe: covers, index: entries.length + 1 });
    owner.set(e.id, c.construct);
  }
  return { file: { file: yaml?.file ?? "", entries, problems }, owner };
}

async function handle(req: SynthCheckRequest): Promise<SynthCheckReply> {
  const t0 = performance.now();
  const phases: Record<string, number> = {};
  try {
    const p = await prepared;
    phases.prepared = performance.now() - t0;
    const docs = await loadInputs([req.outdir], { stacks: req.stacks, ...(p.defaultZone ? { defaultZone: p.defaultZone } : {}) });
    phases.inputs = performance.now() - t0;
    // account-level facts across the stacks of the app (ART45, ART90), as sanso check does
    uniqueStackNames(docs);
    const baseline = accountBaseline(docs, p.declared);
    p.evaluator.setRun({ account_baseline: baseline.run });
    const evaluated = await evaluateInputs(docs, p.evaluator);
    phases.evaluated = performance.now() - t0;
    const { file, owner } = mergeExceptions(p.yaml, req.exceptions);
    const { report } = assembleReport({
      inputs: [req.outdir],
      docs,
      evaluated,
      policySet: p.policySet,
      exceptions: file,
      asOf: settings.asOf ?? todayInJapan(),
      failOn: p.failOn,
      coverage: false,
      accountBaseline: { ...(p.declared ? { declared: p.declared } : {}), claims: baseline.claims },
    });
    // problems of exceptions declared in code are reported at their construct
    const problems = report.exception_problems.map((x) => (x.exception && owner.has(x.exception) && x.file === (file?.file ?? "") ? { ...x, file: owner.get(x.exception)! } : x));
    return {
      ok: true,
      result: {
        failOn: p.failOn,
        stacks: docs.map((d) => d.stack),
        findings: report.findings,
        excepted: report.excepted,
        problems,
        failing: reportFails(report),
        ms: performance.now() - t0,
        phases,
      },
    };
  } catch (e) {
    const known = e instanceof CheckError || e instanceof InputError;
    return { ok: false, message: known ? (e as Error).message : `sanso checks failed: ${(e as Error)?.stack ?? String(e)}` };
  }
}

port.on("message", (req: SynthCheckRequest) => {
  void handle(req).then((reply) => {
    port.postMessage(reply);
    Atomics.store(flag, 0, 1);
    Atomics.notify(flag, 0);
  });
});
