/**
 * `SansoChecks.of(app)`: sanso's policies at `app.synth()`, as cdk-nag does for AWS CDK. After the
 * app's stacks are synthesized, they are checked exactly as `sanso check cdktf.out` checks them
 * (src/synth: same policies, normalization and exceptions, in a worker thread created once per
 * app), each finding is attached to the construct that made the resource — an error at or above
 * `failOn`, a warning below, an info for an applied exception — and synth fails with the list.
 *
 * Why the app's `synth` is wrapped: cdktf applies an app's aspects to no stack and offers no hook
 * between the stacks' synthesis and the end of `app.synth()`, and the check reads the files cdktf
 * writes (so that it is the check `sanso check` runs, line numbers and all).
 */
import { writeFileSync } from "node:fs";
import { App, Annotations, TerraformDataSource, TerraformResource, TerraformStack } from "cdktf";
import type { IConstruct } from "constructs";
import { parseZone } from "../src/input/tags.js";
import type { Lang, Severity } from "../src/report/types.js";
import { SEVERITIES } from "../src/vocabulary.js";
import { SynthChecker, SynthCheckError, type CodeException, type SynthCheckResult } from "../src/synth/checker.js";
import { exceptedMessage, failsSynth, failureText, findingMessage, passText, problemMessage } from "../src/synth/format.js";
import { SansoConstructError } from "./core.js";

/** `sanso check` sets this to `off` when it synthesizes an app: it checks the output itself. */
export const SYNTH_CHECKS_ENV = "SANSO_SYNTH_CHECKS";
/** `sanso synth` names a file here; the checks write their outcome to it. */
export const SYNTH_STATUS_ENV = "SANSO_SYNTH_STATUS";

export interface SansoChecksProps {
  /** sanso.config.yaml (default: the one in the current directory, if any). */
  readonly config?: string;
  /** The exceptions file (第93条 例外措置), as `sanso check --exceptions`. */
  readonly exceptions?: string;
  /** Directories of the municipality's own rules, as `sanso check --policies`. */
  readonly policies?: string[];
  /** Lowest severity that fails synth: critical, high, medium, low (default: config fail_on, else low). */
  readonly failOn?: Severity;
  /** Language of the messages (default ja). */
  readonly lang?: Lang;
  /** Zone of resources without a sanso:zone tag (default: config default_zone). */
  readonly zone?: string;
  /** Day exceptions are judged on, YYYY-MM-DD (default: today in Japan). */
  readonly asOf?: string;
  /**
   * On violations, throw a SansoChecksFailure from `app.synth()` (tests, programs) instead of
   * printing the list to stderr and setting the exit code to 1 (the default: no stack trace for a
   * policy violation).
   */
  readonly throwOnFailure?: boolean;
}

/** An approved exception (第93条 例外措置) declared on a construct: the fields of an exceptions-file entry. */
export interface SansoExceptionProps {
  /** The approval's identifier (e.g. the number of the approval document). */
  readonly id: string;
  /** The rule excepted (`sanso policies` lists them). */
  readonly rule: string;
  readonly reason: string;
  readonly approver: string;
  /** Approval date, YYYY-MM-DD. */
  readonly approved: string;
  /** Last day of validity, YYYY-MM-DD (Japan time). */
  readonly expires: string;
}

/** Thrown by `app.synth()` (with `throwOnFailure`) when the app violates the policy. */
export class SansoChecksFailure extends Error {
  constructor(
    message: string,
    readonly result: SynthCheckResult,
  ) {
    super(message);
    this.name = "SansoChecksFailure";
  }
}

/** Exceptions declared on constructs, stacks left out, and the checks of each app. */
const exceptionsOn = new WeakMap<IConstruct, SansoExceptionProps[]>();
const skippedStacks = new WeakMap<IConstruct, string>();
const checksOf = new WeakMap<App, SansoChecks>();

/** The Terraform addresses of the resources (and data sources) under a construct. */
function addressesUnder(scope: IConstruct): string[] {
  const out: string[] = [];
  for (const c of scope.node.findAll()) {
    if (c instanceof TerraformResource) out.push(`${c.terraformResourceType}.${c.friendlyUniqueId}`);
    else if (c instanceof TerraformDataSource) out.push(`data.${c.terraformResourceType}.${c.friendlyUniqueId}`);
  }
  return out;
}

export class SansoChecks {
  /**
   * Checks the app at `app.synth()`. Call once, anywhere before `app.synth()`; a second call
   * returns the first instance. Does nothing when sanso check itself synthesizes the app.
   */
  static of(app: App, props: SansoChecksProps = {}): SansoChecks {
    let checks = checksOf.get(app);
    if (!checks) checksOf.set(app, (checks = new SansoChecks(app, props)));
    return checks;
  }

  /**
   * Declares an approved exception (第93条) on a construct: it covers the findings of `rule` on
   * the resources under the construct, and is judged as an exceptions-file entry is (an expired
   * or malformed one, one naming an unknown rule or matching nothing, is an exception problem).
   * The same id and rule in the exceptions file is the same exception.
   */
  static except(scope: IConstruct, exception: SansoExceptionProps): void {
    const list = exceptionsOn.get(scope) ?? [];
    list.push({ ...exception });
    exceptionsOn.set(scope, list);
  }

  /** Leaves a stack out of the synth-time checks (it is still checked by `sanso check`). */
  static skip(stack: TerraformStack, reason: string): void {
    if (!reason || !reason.trim()) throw new SansoConstructError(stack, "SansoChecks.skip needs a reason");
    skippedStacks.set(stack, reason.trim());
  }

  /** The outcome of the last check (undefined before `app.synth()` or when checks are off). */
  result?: SynthCheckResult;
  private readonly checker?: SynthChecker;
  private readonly lang: Lang;

  private constructor(
    private readonly app: App,
    private readonly props: SansoChecksProps,
  ) {
    this.lang = props.lang ?? "ja";
    const bad = (problem: string) => new SansoConstructError(undefined, `SansoChecks.of(app): ${problem}`);
    if (props.lang !== undefined && props.lang !== "ja" && props.lang !== "en") throw bad(`lang must be ja or en, not ${JSON.stringify(props.lang)}`);
    if (props.failOn !== undefined && !SEVERITIES.includes(props.failOn)) throw bad(`failOn must be critical, high, medium or low, not ${JSON.stringify(props.failOn)}`);
    const zone = props.zone === undefined ? undefined : parseZone(props.zone);
    if (props.zone !== undefined && !zone) throw bad(`zone must be mynumber, lgwan or internet, not ${JSON.stringify(props.zone)}`);
    if (process.env[SYNTH_CHECKS_ENV] === "off") return;
    try {
      this.checker = new SynthChecker({
        ...(props.config ? { config: props.config } : {}),
        ...(props.exceptions ? { exceptions: props.exceptions } : {}),
        ...(props.policies ? { policies: [...props.policies] } : {}),
        ...(props.failOn ? { failOn: props.failOn } : {}),
        ...(props.asOf ? { asOf: props.asOf } : {}),
        ...(zone ? { defaultZone: zone } : {}),
      });
    } catch (e) {
      throw bad((e as Error).message);
    }
    const synth = app.synth.bind(app);
    app.synth = () => {
      synth();
      this.run();
    };
  }

  private run(): void {
    const all = this.app.node.findAll();
    const stacks: string[] = [];
    const exceptions: CodeException[] = [];
    for (const c of all) {
      if (c instanceof TerraformStack && !skippedStacks.has(c)) stacks.push(c.node.id);
      for (const e of exceptionsOn.get(c) ?? []) {
        exceptions.push({ construct: c.node.path, stack: TerraformStack.of(c).node.id, addresses: addressesUnder(c), entry: { ...e } });
      }
    }
    let result: SynthCheckResult;
    try {
      result = this.checker!.check({ outdir: this.app.outdir, stacks, exceptions });
    } catch (e) {
      if (!(e instanceof SynthCheckError)) throw e;
      const message = `SansoChecks.of(app): ${e.message}`;
      if (this.props.throwOnFailure) throw new SansoConstructError(undefined, message);
      // a check that could not run: a message and exit code 2 (as sanso check), not a stack trace
      process.stderr.write(`sanso: ${message}\n`);
      process.exitCode = 2;
      return;
    }
    // the worker stays (unreferenced: it does not keep the process alive) for another synth
    this.result = result;

    // each finding on the construct that made the resource
    const byPath = new Map(all.map((c) => [c.node.path, c]));
    const at = (path: string | undefined) => (path && byPath.get(path)) || this.app;
    for (const f of result.findings) {
      const a = Annotations.of(at(f.construct));
      if (failsSynth(f, result)) a.addError(findingMessage(f, this.lang));
      else a.addWarning(findingMessage(f, this.lang));
    }
    for (const f of result.excepted) Annotations.of(at(f.construct)).addInfo(exceptedMessage(f, this.lang));
    for (const p of result.problems) Annotations.of(at(p.file)).addError(problemMessage(p, this.lang));

    const status = process.env[SYNTH_STATUS_ENV];
    if (status) writeFileSync(status, JSON.stringify({ failing: result.failing, findings: result.findings.length, problems: result.problems.length }));
    if (!result.failing) {
      process.stderr.write(passText(result, this.lang));
      return;
    }
    const text = failureText(result, this.lang);
    if (this.props.throwOnFailure) throw new SansoChecksFailure(text, result);
    process.stderr.write(text);
    process.exitCode = 1;
  }
}
