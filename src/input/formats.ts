/**
 * The input formats sanso reads, as a table: how a parsed JSON document is recognized, normalized
 * into the document of types.ts, and how resource lines are found in its text. Documents that are
 * recognizably something else (state, a provider schema, a cdktf manifest) are refused with what
 * to pass instead. A new format is one entry here and its reader module.
 */
import { basename } from "node:path";
import { isObject, looksLikeCdktf, normalizeCdktf } from "./cdktf.js";
import { InputError } from "./errors.js";
import { locateCdktf, locatePlan } from "./locate.js";
import { looksLikePlan, normalizePlan, SUPPORTED_PLAN_FORMATS } from "./plan.js";
import type { InputFormat, JsonObject, LoadOptions, NormalizedInput } from "./types.js";

export interface InputFormatReader {
  format: InputFormat;
  /** Is the document of this format? (The first entry that says yes reads it.) */
  detect(doc: JsonObject): boolean;
  /** The normalized document; `stack` names it when the caller knows the name (cdktf.out). */
  normalize(doc: JsonObject, file: string, opts: LoadOptions, stack?: string): NormalizedInput;
  /** Line (1-based) of each resource address in the file's text. */
  locate(text: string): Map<string, number>;
}

export const INPUT_FORMATS: readonly InputFormatReader[] = [
  {
    format: "plan",
    detect: looksLikePlan,
    normalize: (doc, file, opts, stack) => normalizePlan(doc, { file, stack: stack ?? planStackName(file) }, opts),
    locate: locatePlan,
  },
  {
    format: "cdktf",
    // (a document with format_version that is no plan is refused below, even with cdktf sections)
    detect: (doc) => !("format_version" in doc) && looksLikeCdktf(doc),
    normalize: (doc, file, opts, stack) => normalizeCdktf(doc, { file, format: "cdk.tf.json", ...(stack ? { stack } : {}) }, opts),
    locate: locateCdktf,
  },
];

/** Documents that are not inputs but are often passed by mistake, with what to do instead. */
const NOT_INPUTS: ReadonlyArray<{ detect(doc: JsonObject): boolean; problem(doc: JsonObject): string }> = [
  {
    detect: (doc) => "format_version" in doc && isObject(doc.values),
    problem: () => "this is Terraform state (terraform show -json without a plan), not a plan; run `terraform plan -out tfplan && terraform show -json tfplan`",
  },
  {
    detect: (doc) => "format_version" in doc && "provider_schemas" in doc,
    problem: () => "this is a provider schema (terraform providers schema -json), not a plan",
  },
  {
    detect: (doc) => "format_version" in doc,
    problem: (doc) =>
      `has format_version ${JSON.stringify(doc.format_version)} but neither planned_values nor resource_changes: not a terraform show -json plan (supported format versions ${SUPPORTED_PLAN_FORMATS.join(", ")})`,
  },
  {
    detect: (doc) => "version" in doc && isObject(doc.stacks),
    problem: () => "this is a cdktf.out manifest.json; pass the cdktf.out directory instead",
  },
];

/** The reader of a parsed document; an InputError naming the file when no format reads it. */
export function readerFor(doc: JsonObject, file: string): InputFormatReader {
  // a plan has format_version too: formats are tried before the refusals
  const reader = INPUT_FORMATS.find((f) => f.detect(doc));
  if (reader) return reader;
  const refused = NOT_INPUTS.find((n) => n.detect(doc));
  if (refused) throw new InputError(file, refused.problem(doc));
  throw new InputError(file, "not a cdk.tf.json (no resource/data/provider/terraform sections) nor a terraform show -json plan (no format_version)");
}

function planStackName(file: string): string {
  return basename(file).replace(/\.json$/i, "") || "plan";
}
