/** What the synth-time checker (the app's thread) and its worker say to each other. */
import type { ExceptedFinding, ExceptionProblem, Finding, Severity, Zone } from "../report/types.js";

/** Settings of `SansoChecks.of(app, …)`, read once by the worker. */
export interface SynthCheckSettings {
  /** sanso.config.yaml (default: the one in the current directory, if any). */
  config?: string;
  /** The YAML exceptions file (第93条). */
  exceptions?: string;
  /** Directories of local rules, as `sanso check --policies`. */
  policies?: string[];
  /** Lowest severity that fails synth (default: the configuration's fail_on, else low). */
  failOn?: Severity;
  /** Day exceptions are judged on (YYYY-MM-DD; default today in Japan). */
  asOf?: string;
  /** Zone of resources without a sanso:zone tag (default: the configuration's default_zone). */
  defaultZone?: Zone;
}

/** An exception declared in code on a construct: the fields of a YAML entry, plus what it covers. */
export interface CodeException {
  /** The construct path it was declared on (its problems are reported there). */
  construct: string;
  /** The stack of the construct. */
  stack: string;
  /** Terraform addresses of the resources under the construct. */
  addresses: string[];
  /** As in the YAML file: id, rule, reason, approver, approved, expires. */
  entry: Record<string, unknown>;
}

export interface SynthCheckRequest {
  /** The cdktf.out directory the app was synthesized into. */
  outdir: string;
  /** The stacks to check: those of the app that did not opt out (`SansoChecks.skip`). */
  stacks: string[];
  exceptions: CodeException[];
}

export interface SynthCheckResult {
  failOn: Severity;
  /** The stacks checked. */
  stacks: string[];
  findings: Finding[];
  excepted: ExceptedFinding[];
  problems: ExceptionProblem[];
  failing: boolean;
  /** Milliseconds the worker spent on this request (reading the stacks, evaluating, exceptions). */
  ms: number;
  /** Milliseconds from the request to the end of each step (prepared, inputs, evaluated). */
  phases: Record<string, number>;
}

export type SynthCheckReply = { ok: true; result: SynthCheckResult } | { ok: false; message: string };
