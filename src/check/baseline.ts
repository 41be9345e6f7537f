/**
 * The account baseline across the inputs of one run (issue 9 item 4). ART45-CHANGE-TRAIL and
 * ART90-MONITORED ask a standalone account for a CloudTrail trail, GuardDuty, Security Hub and an
 * AWS Config recorder. An application stack or plan rarely creates them itself: another stack of
 * the same cdktf app, another plan given in the same run, or a baseline outside the run does.
 *
 * For each input that lacks a component, this finds who provides it:
 *   - another input of the run that creates it, in the same account: both declare the same
 *     `allowed_account_ids`, or neither declares one and exactly one input of the run creates
 *     the component (GuardDuty detectors, Security Hub accounts and Config recorders exist once
 *     per account and region, so two inputs creating one are two accounts: then nothing is
 *     assumed); regional components must cover every region the input uses;
 *   - else the configuration's `account_baseline.provided_by` (a stack of the run, which must
 *     then create it, or a reference to a baseline outside the run).
 * The policies receive the result at `data.sanso.run.account_baseline` and every report prints
 * it, so a reviewer sees the claim. Without either, the finding stays.
 */
import type { NormalizedInput } from "../input/index.js";
import type { AccountBaselineClaim, BaselineComponent } from "../report/types.js";

export const BASELINE_COMPONENTS: readonly BaselineComponent[] = ["trail", "guardduty", "securityhub", "config"];

/** The configuration's declaration (`account_baseline` in sanso.config.yaml). */
export interface BaselineDeclaration {
  provided_by: string;
  components: BaselineComponent[];
  /** The configuration file, for reports. */
  file?: string;
}

const REGIONAL: Record<BaselineComponent, boolean> = { trail: false, guardduty: true, securityhub: true, config: true };

function live(doc: NormalizedInput, type: string): string[] {
  return (doc.by_type[type] ?? []).filter((a) => doc.resources[a]?.action !== "delete" && doc.resources[a]?.mode === "managed");
}

const isFalse = (v: unknown) => v === false || (typeof v === "string" && v.trim().toLowerCase() === "false");

/** The addresses that provide each component in this input. */
export function componentsOf(doc: NormalizedInput): Record<BaselineComponent, string[]> {
  return {
    trail: live(doc, "aws_cloudtrail").filter((a) => !isFalse(doc.resources[a]!.values.enable_logging)),
    guardduty: live(doc, "aws_guardduty_detector").filter((a) => !isFalse(doc.resources[a]!.values.enable)),
    securityhub: live(doc, "aws_securityhub_account"),
    config: live(doc, "aws_config_configuration_recorder"),
  };
}

function accountOf(doc: NormalizedInput): string | null {
  const ids = new Set<string>();
  for (const p of Object.values(doc.providers)) if (p.name === "aws") for (const id of p.account_ids ?? []) ids.add(id);
  return ids.size === 1 ? [...ids][0]! : null;
}

function regionsOf(doc: NormalizedInput, addrs?: string[]): Set<string> {
  const out = new Set<string>();
  for (const a of addrs ?? Object.keys(doc.resources)) {
    const r = doc.resources[a]!;
    if (r.mode === "managed" && r.type.startsWith("aws_") && typeof r.region === "string") out.add(r.region);
  }
  return out;
}

function hasAwsResources(doc: NormalizedInput): boolean {
  return Object.values(doc.resources).some((r) => r.mode === "managed" && r.type.startsWith("aws_") && r.action !== "delete");
}

/** Stack name -> component -> who provides it, for the inputs that lack it. */
export type RunBaseline = Record<string, Partial<Record<BaselineComponent, { by: string; kind: "stack" | "declared" }>>>;

export interface BaselineResult {
  /** For data.sanso.run.account_baseline. */
  run: RunBaseline;
  /** For the reports. */
  claims: AccountBaselineClaim[];
  /** Problems with the declaration (a named stack that does not create the component). */
  notes: string[];
}

export function accountBaseline(docs: NormalizedInput[], declared?: BaselineDeclaration): BaselineResult {
  const info = docs.map((doc) => ({ doc, account: accountOf(doc), components: componentsOf(doc), regions: regionsOf(doc) }));
  const run: RunBaseline = {};
  const claims: AccountBaselineClaim[] = [];
  const notes: string[] = [];
  const byName = new Map(info.map((i) => [i.doc.stack, i]));

  for (const me of info) {
    if (!hasAwsResources(me.doc)) continue;
    for (const c of BASELINE_COMPONENTS) {
      if (me.components[c].length > 0) continue;
      const providers = info.filter((o) => o !== me && o.components[c].length > 0);
      const sameAccount = providers.filter((o) => (me.account !== null && o.account === me.account) || (me.account === null && o.account === null && providers.length === 1));
      const covering = sameAccount.find((o) => {
        if (!REGIONAL[c]) return true;
        const have = regionsOf(o.doc, o.components[c]);
        return [...me.regions].every((r) => have.has(r));
      });
      if (covering) {
        (run[me.doc.stack] ??= {})[c] = { by: covering.doc.stack, kind: "stack" };
        claims.push({ stack: me.doc.stack, component: c, provided_by: covering.doc.stack, kind: "stack", file: covering.doc.source.file });
        continue;
      }
      if (declared && declared.components.includes(c)) {
        const named = byName.get(declared.provided_by);
        if (named) {
          // a stack of this run is named: it must create the component
          if (named.components[c].length === 0) {
            notes.push(`account_baseline.provided_by names stack ${declared.provided_by}, which does not create ${c}: the finding on ${me.doc.stack} stays`);
            continue;
          }
          (run[me.doc.stack] ??= {})[c] = { by: named.doc.stack, kind: "stack" };
          claims.push({ stack: me.doc.stack, component: c, provided_by: named.doc.stack, kind: "stack", file: named.doc.source.file });
          continue;
        }
        (run[me.doc.stack] ??= {})[c] = { by: declared.provided_by, kind: "declared" };
        claims.push({ stack: me.doc.stack, component: c, provided_by: declared.provided_by, kind: "declared", ...(declared.file ? { file: declared.file } : {}) });
      }
    }
  }
  return { run, claims, notes };
}
