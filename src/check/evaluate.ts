/**
 * Evaluates the policy bundle on normalized inputs with the official OPA Wasm SDK
 * (@open-policy-agent/opa-wasm): the module is instantiated once, the configuration is set as
 * data once, and each stack is one evaluation. The input is handed to the SDK as an ArrayBuffer
 * of JSON text (one JSON.stringify, no second one inside the SDK).
 */
import { loadPolicy, type LoadedPolicy } from "../rego/bundle/load.js";
import type { NormalizedInput } from "../input/index.js";
import { SEVERITIES, type Finding, type Severity } from "../report/types.js";
import { CheckError } from "./errors.js";
import type { EvalWorker } from "./eval-worker-client.js";
import type { PolicyConfig } from "./config.js";
import { CHECKED_ENTRYPOINT, COMBINED_ENTRYPOINT, FINDINGS_ENTRYPOINT, UNVERIFIED_ENTRYPOINT, type PolicySet } from "./policy.js";

/** A finding as the policy returns it (the contract), before sanso adds stack and location. */
export type RawFinding = Omit<Finding, "stack" | "file" | "line">;

export interface Evaluation {
  findings: RawFinding[];
  /** Rule id -> addresses in scope. */
  checked: Record<string, string[]>;
  /** Rule id -> addresses in scope whose compliance is known only after apply (optional in the contract). */
  unverified: Record<string, string[]>;
  /** Milliseconds: JSON.stringify of the input, and the Wasm evaluation (with result parsing). */
  stringifyMs: number;
  evalMs: number;
  inputBytes: number;
}

const PAGE = 64 * 1024;

/**
 * Initial Wasm memory for an input of `bytes` of JSON: room for the text, its parsed values and
 * the evaluation (measured: about 12x the input), so that the first evaluation does not grow the
 * memory step by step. Pages never touched cost no RSS.
 */
export function memoryPagesFor(bytes: number): number {
  return Math.min(65536, Math.max(5, Math.ceil((bytes * 12) / PAGE) + 16));
}

/**
 * Merges the configuration into the bundle's data at `sanso.config`, and facts about the whole
 * run (the account baseline other inputs provide) at `sanso.run`.
 */
export function policyData(bundleData: unknown, config: PolicyConfig, run?: Record<string, unknown>): Record<string, unknown> {
  const data = bundleData && typeof bundleData === "object" && !Array.isArray(bundleData) ? { ...(bundleData as Record<string, unknown>) } : {};
  const sanso = data.sanso && typeof data.sanso === "object" && !Array.isArray(data.sanso) ? { ...(data.sanso as Record<string, unknown>) } : {};
  const base = sanso.config && typeof sanso.config === "object" && !Array.isArray(sanso.config) ? (sanso.config as Record<string, unknown>) : {};
  sanso.config = { ...base, ...config };
  if (run) sanso.run = run;
  data.sanso = sanso;
  return data;
}

function errorText(e: unknown): string {
  if (e instanceof Error) return e.message;
  if (typeof e === "string") return e;
  return String(e);
}

export class Evaluator {
  private policy: LoadedPolicy | undefined;
  private pages = 0;
  /** Data not yet sent to the worker (sent with the next evaluation). */
  private workerDataStale = true;

  constructor(
    private readonly set: PolicySet,
    private readonly config: PolicyConfig,
    /** Facts about the whole run, at data.sanso.run (see baseline.ts). */
    private run?: Record<string, unknown>,
    /** Evaluate on this worker thread (large inputs, eval-worker-client.ts) instead of in this thread. */
    private readonly worker?: EvalWorker,
  ) {}

  /**
   * Sets the facts about the run (data.sanso.run) for the evaluations that follow: for an
   * evaluator made before the inputs were known (it keeps its module; only the data is set again).
   */
  setRun(run: Record<string, unknown> | undefined): void {
    this.run = run;
    this.workerDataStale = true;
    if (!this.policy) return;
    try {
      this.policy.setData(policyData(this.set.bundle.data, this.config, this.run));
    } catch (e) {
      throw new CheckError(this.set.origin, `the policy data cannot be loaded: ${errorText(e)}`);
    }
  }

  /** Instantiates the module (once), sized for an input of `bytes`. */
  private async instance(bytes: number): Promise<LoadedPolicy> {
    if (this.policy) return this.policy;
    this.pages = memoryPagesFor(bytes);
    let policy: LoadedPolicy;
    try {
      policy = await loadPolicy(this.set.bundle.wasm, this.pages);
    } catch (e) {
      throw new CheckError(this.set.origin, `the policy module cannot be loaded: ${errorText(e)}`);
    }
    try {
      policy.setData(policyData(this.set.bundle.data, this.config, this.run));
    } catch (e) {
      throw new CheckError(this.set.origin, `the policy data cannot be loaded: ${errorText(e)}`);
    }
    this.policy = policy;
    return policy;
  }

  /** Evaluates one stack. `text` may be given when the caller already has the input's JSON. */
  async evaluate(input: NormalizedInput, text?: string): Promise<Evaluation> {
    const t0 = performance.now();
    // The JSON text is not kept: only its UTF-8 bytes live on (then their copy in Wasm memory).
    const buf = Buffer.from(text ?? JSON.stringify(input), "utf8");
    // The SDK wants an ArrayBuffer; a Buffer may be a view on a shared pool.
    const ab = buf.byteOffset === 0 && buf.byteLength === buf.buffer.byteLength ? (buf.buffer as ArrayBuffer) : buf.buffer.slice(buf.byteOffset, buf.byteOffset + buf.byteLength) as ArrayBuffer;
    const t1 = performance.now();
    const where = `${input.source.file}${input.source.format === "cdktf.out" ? ` (stack ${input.stack})` : ""}`;
    if (this.worker) return this.evaluateOnWorker(this.worker, ab, where, t0, t1);
    const policy = await this.instance(buf.byteLength);
    let findingsDoc: unknown;
    let checkedDoc: unknown = {};
    let unverifiedDoc: unknown = {};
    try {
      const eps = this.set.bundle.entrypoints;
      if (COMBINED_ENTRYPOINT in eps) {
        const rs = policy.evaluate(ab, COMBINED_ENTRYPOINT) as Array<{ result: { findings: unknown; checked: unknown; unverified?: unknown } }>;
        findingsDoc = rs[0]?.result?.findings ?? [];
        checkedDoc = rs[0]?.result?.checked ?? {};
        unverifiedDoc = rs[0]?.result?.unverified ?? {};
      } else {
        const rs = policy.evaluate(ab, FINDINGS_ENTRYPOINT) as Array<{ result: unknown }>;
        findingsDoc = rs[0]?.result ?? [];
        if (CHECKED_ENTRYPOINT in eps) {
          const rc = policy.evaluate(ab, CHECKED_ENTRYPOINT) as Array<{ result: unknown }>;
          checkedDoc = rc[0]?.result ?? {};
        }
        if (UNVERIFIED_ENTRYPOINT in eps) {
          const ru = policy.evaluate(ab, UNVERIFIED_ENTRYPOINT) as Array<{ result: unknown }>;
          unverifiedDoc = ru[0]?.result ?? {};
        }
      }
    } catch (e) {
      throw new CheckError(where, `policy evaluation failed: ${errorText(e)}`);
    }
    const t2 = performance.now();
    return {
      findings: validateFindings(findingsDoc, where, this.set),
      checked: validateChecked(checkedDoc, where, CHECKED_ENTRYPOINT),
      unverified: validateChecked(unverifiedDoc, where, UNVERIFIED_ENTRYPOINT),
      stringifyMs: t1 - t0,
      evalMs: t2 - t1,
      inputBytes: buf.byteLength,
    };
  }

  private async evaluateOnWorker(worker: EvalWorker, input: ArrayBuffer, where: string, t0: number, t1: number): Promise<Evaluation> {
    const inputBytes = input.byteLength;
    const eps = this.set.bundle.entrypoints;
    const names = COMBINED_ENTRYPOINT in eps ? [COMBINED_ENTRYPOINT] : [FINDINGS_ENTRYPOINT, ...[CHECKED_ENTRYPOINT, UNVERIFIED_ENTRYPOINT].filter((e) => e in eps)];
    const data = this.workerDataStale ? policyData(this.set.bundle.data, this.config, this.run) : undefined;
    let results: unknown[];
    try {
      results = await worker.evaluate(input, names, data);
      this.workerDataStale = false;
    } catch (e) {
      if ((e as { stage?: string }).stage === "data") throw new CheckError(this.set.origin, errorText(e));
      if (/cannot be loaded/.test(errorText(e))) throw new CheckError(this.set.origin, errorText(e));
      throw new CheckError(where, `policy evaluation failed: ${errorText(e)}`);
    }
    const first = (i: number) => (results[i] as Array<{ result?: unknown }> | undefined)?.[0]?.result;
    let findingsDoc: unknown;
    let checkedDoc: unknown = {};
    let unverifiedDoc: unknown = {};
    if (names[0] === COMBINED_ENTRYPOINT) {
      const r = first(0) as { findings?: unknown; checked?: unknown; unverified?: unknown } | undefined;
      findingsDoc = r?.findings ?? [];
      checkedDoc = r?.checked ?? {};
      unverifiedDoc = r?.unverified ?? {};
    } else {
      findingsDoc = first(0) ?? [];
      names.forEach((n, i) => {
        if (n === CHECKED_ENTRYPOINT) checkedDoc = first(i) ?? {};
        if (n === UNVERIFIED_ENTRYPOINT) unverifiedDoc = first(i) ?? {};
      });
    }
    const t2 = performance.now();
    return {
      findings: validateFindings(findingsDoc, where, this.set),
      checked: validateChecked(checkedDoc, where, CHECKED_ENTRYPOINT),
      unverified: validateChecked(unverifiedDoc, where, UNVERIFIED_ENTRYPOINT),
      stringifyMs: t1 - t0,
      evalMs: t2 - t1,
      inputBytes,
    };
  }
}

function validateFindings(doc: unknown, where: string, set: PolicySet): RawFinding[] {
  if (!Array.isArray(doc)) {
    throw new CheckError(where, `the policy's ${FINDINGS_ENTRYPOINT} is not a set of findings (${typeof doc})`);
  }
  const meta = new Map(set.rules.map((r) => [r.id, r]));
  const out: RawFinding[] = [];
  for (const f of doc) {
    if (!f || typeof f !== "object" || Array.isArray(f)) {
      throw new CheckError(where, `the policy returned a finding that is not an object: ${JSON.stringify(f)}`);
    }
    const o = f as Record<string, unknown>;
    const rule = typeof o.rule === "string" && o.rule ? o.rule : undefined;
    const resource = typeof o.resource === "string" && o.resource ? o.resource : undefined;
    if (!rule || !resource) {
      throw new CheckError(where, `the policy returned a finding without ${!rule ? "rule" : "resource"}: ${JSON.stringify(f).slice(0, 300)}`);
    }
    const m = meta.get(rule);
    const sev = typeof o.severity === "string" && (SEVERITIES as readonly string[]).includes(o.severity) ? (o.severity as Severity) : m?.severity;
    if (!sev) {
      throw new CheckError(where, `rule ${rule} returned a finding with severity ${JSON.stringify(o.severity)} (expected ${SEVERITIES.join(", ")})`);
    }
    const text = (k: string) => (typeof o[k] === "string" && o[k] !== "" ? (o[k] as string) : undefined);
    const message_ja = text("message_ja") ?? text("message") ?? m?.title_ja ?? rule;
    const message_en = text("message_en") ?? text("message") ?? m?.title_en ?? rule;
    const finding: RawFinding = {
      rule,
      article: text("article") ?? m?.article ?? "",
      severity: sev,
      resource,
      message_ja,
      message_en,
    };
    const construct = text("construct");
    if (construct) finding.construct = construct;
    const rem = text("remediation") ?? text("remediation_ja");
    if (rem) finding.remediation = rem;
    const remEn = text("remediation_en");
    if (remEn) finding.remediation_en = remEn;
    // the root cause the rule names (a provider, a shared security group, a missing baseline):
    // findings of one stack, rule and cause are grouped into one finding by the report
    const cause = text("cause");
    if (cause) finding.cause = cause;
    out.push(finding);
  }
  return out;
}

function validateChecked(doc: unknown, where: string, entrypoint: string): Record<string, string[]> {
  if (doc === undefined || doc === null) return {};
  if (typeof doc !== "object" || Array.isArray(doc)) {
    throw new CheckError(where, `the policy's ${entrypoint} is not an object of rule id -> addresses`);
  }
  const out: Record<string, string[]> = {};
  for (const [rule, v] of Object.entries(doc as Record<string, unknown>)) {
    if (!Array.isArray(v)) throw new CheckError(where, `the policy's ${entrypoint}["${rule}"] is not an array of addresses`);
    out[rule] = v.filter((x): x is string => typeof x === "string");
  }
  return out;
}
