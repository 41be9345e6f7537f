/**
 * The report model: what `src/check` produces and every renderer reads.
 * The JSON rendering of `Report` is documented in SCHEMA.md.
 */

import { SEVERITIES as VOCABULARY_SEVERITIES, type Classification, type Severity, type Zone } from "../vocabulary.js";

export type { Classification, Severity, Zone } from "../vocabulary.js";
/** Most severe first. */
export const SEVERITIES: readonly Severity[] = VOCABULARY_SEVERITIES;
export type Lang = "ja" | "en";

/** The user's source file and line that created a construct (from construct stack traces). */
export interface SourceLocation {
  file: string;
  line: number;
  column?: number;
}

/** A resource of a grouped finding: where it is, and its own message when it differs from the finding's. */
export interface FindingResource {
  resource: string;
  construct?: string;
  file?: string;
  line?: number;
  source?: SourceLocation;
  /** This resource's message, only when it differs from the finding's. */
  message_ja?: string;
  message_en?: string;
}

/**
 * One violation of one rule: by one resource, or — when the rule names a `cause` (a provider, a
 * shared security group, a missing baseline) — by every resource of a stack that shares it
 * (`resources`; `resource`, `construct`, `file`, `line` and `source` are then the first's).
 */
export interface Finding {
  /** Stable rule id, e.g. `ART29-CMK`. */
  rule: string;
  /** The clause cited, e.g. `第29条第6項`. */
  article: string;
  severity: Severity;
  /** Resource address in the normalized input. */
  resource: string;
  message_ja: string;
  message_en: string;
  /** cdktf construct path, when the input was a cdktf stack. */
  construct?: string;
  /** What to change (Japanese, or the only text given). */
  remediation?: string;
  /** English remediation, when the rule provides one. */
  remediation_en?: string;
  /** Stack (cdktf) or plan name the resource belongs to. */
  stack: string;
  /** Input file the resource was read from. */
  file?: string;
  /** Line of the resource in `file`. */
  line?: number;
  /** The user's source file and line that created the construct (from construct stack traces). */
  source?: SourceLocation;
  /** The root cause the rule names; findings of one stack, rule and cause are one finding. */
  cause?: string;
  /** Grouped finding (it has a `cause`): every resource it covers, sorted by address. */
  resources?: FindingResource[];
}

/** An approved exception (例外措置, 第93条), as written in the exceptions file. */
export interface ExceptionRecord {
  id: string;
  rule: string;
  /** Resource address pattern (`*` wildcards) the exception covers. */
  resource: string;
  reason: string;
  approver: string;
  /** Approval date, YYYY-MM-DD. */
  approved: string;
  /** Expiry date, YYYY-MM-DD. */
  expires: string;
}

export type ExceptedFinding = Finding & { exception: ExceptionRecord };

/**
 * A resource in a rule's scope that the rule could neither pass nor fail: its compliance depends
 * on values known only after apply (a plan's `after_unknown`). Listed, never counted as a pass.
 */
export interface UnverifiedResource {
  rule: string;
  stack: string;
  resource: string;
  construct?: string;
  file?: string;
  line?: number;
}

/** An exception entry that could not be applied: expired, malformed, unknown rule, ... */
export interface ExceptionProblem {
  /** The exception's id when it has one. */
  exception?: string;
  /** The exceptions file. */
  file: string;
  problem_ja: string;
  problem_en: string;
}

/**
 * Outcome of a rule on one stack: `fail` (findings), `unverified` (no findings, but resources whose
 * compliance depends on values known only after apply — never reported as a pass), `excepted`
 * (only excepted findings), `pass` (resources in scope, no findings), `not_applicable` (nothing in
 * scope).
 */
export type RuleStatus = "fail" | "unverified" | "excepted" | "pass" | "not_applicable";

export interface RuleStackResult {
  /** Resources the rule evaluated in this stack (in scope). */
  checked: number;
  /** Findings (a grouped finding counts once). */
  findings: number;
  /** Distinct resources those findings cover. */
  resources: number;
  excepted: number;
  /** Resources in scope the rule could not decide (values known only after apply). */
  unverified: number;
  status: RuleStatus;
}

/** Rule metadata (from the policies' METADATA annotations) with what it checked. */
export interface RuleInfo {
  id: string;
  title_ja: string;
  title_en: string;
  /** Clause(s) cited, e.g. `第29条第6項`. */
  article: string;
  /** The article's text (Japanese, quoted from the policy). */
  article_text: string;
  severity: Severity;
  /** Zones the rule applies to (empty: all). */
  zones: Zone[];
  /** Classifications the rule applies to (empty: all). */
  classes: Classification[];
  rationale: string;
  /** Resources in scope, over all stacks. */
  checked: number;
  /** Worst status over the stacks. */
  status: RuleStatus;
  /** Per stack name. */
  stacks: Record<string, RuleStackResult>;
}

export type CoverageStatus = "enforced" | "partial" | "outside";

/** One article of the policy and how far sanso enforces it. */
export interface CoverageRow {
  /** `第29条` */
  article: string;
  title: string;
  status: CoverageStatus;
  rules: string[];
  /** Why / what is left out (for partial and outside). */
  note: string;
}

export interface StackInfo {
  name: string;
  format: "cdktf" | "plan";
  file: string;
  resources: number;
}

/**
 * The run as a whole, at its `fail_on` severity: `fail` (findings at or above it, or exception
 * problems: exit code 1), `unverified` (not failing, but resources no rule could decide before
 * apply: exit code 0, never reported as a pass), `pass`.
 */
export type RunStatus = "fail" | "unverified" | "pass";

export interface Summary {
  status: RunStatus;
  by_severity: Record<Severity, number>;
  /** Rule id -> number of (non-excepted) findings; only rules with findings. */
  by_rule: Record<string, number>;
  /** Non-excepted findings (a finding grouped by cause counts once). */
  total: number;
  /** Distinct resources (per stack) the non-excepted findings cover. */
  resources: number;
  /** Excepted findings. */
  excepted: number;
  exception_problems: number;
  /** Resources (per rule and stack) whose compliance is known only after apply. */
  unverified: number;
  /** Rules whose status is `unverified`. */
  unverified_rules: number;
  /** For each possible `--fail-on` severity: would the run fail? */
  failing: Record<Severity, boolean>;
}

/** Account-level services ART45/ART90 ask of a standalone account. */
export type BaselineComponent = "trail" | "guardduty" | "securityhub" | "config";

/** Who provides a component to a stack that does not create it itself. */
export interface AccountBaselineClaim {
  stack: string;
  component: BaselineComponent;
  /** A stack of the run, or the configuration's reference to a baseline outside the run. */
  provided_by: string;
  /** `stack`: found in that input of the run; `declared`: the configuration says so (a claim). */
  kind: "stack" | "declared";
  /** The providing input, or the configuration file of a declaration. */
  file?: string;
}

export interface AccountBaseline {
  /** The configuration's `account_baseline`, when it has one. */
  declared?: { provided_by: string; components: BaselineComponent[]; file?: string };
  claims: AccountBaselineClaim[];
}

export interface Report {
  /** Version of this document's shape (2: findings grouped by cause, resource counts). */
  schema_version: 2;
  sanso_version: string;
  bundle_version: string;
  /** Only when the caller passes one: reports are otherwise byte-for-byte reproducible. */
  generated_at?: string;
  /** The input paths as given on the command line. */
  generated_for: string[];
  /** The severity at or above which the run fails. */
  fail_on: Severity;
  stacks: StackInfo[];
  findings: Finding[];
  excepted: ExceptedFinding[];
  exception_problems: ExceptionProblem[];
  /** What the rules could not decide before apply, in the order of findings. */
  unverified: UnverifiedResource[];
  rules: RuleInfo[];
  coverage?: CoverageRow[];
  /** Account baseline provided by other inputs of the run or declared elsewhere (ART45, ART90). */
  account_baseline?: AccountBaseline;
  summary: Summary;
}

export interface RenderOptions {
  lang: Lang;
  color: boolean;
  /** Directory that relative URIs (SARIF) are relative to; default: the current directory. */
  baseDir?: string;
  /** Where the full report is (a URL or an artifact name), for the Markdown summary. */
  reportUrl?: string;
}
