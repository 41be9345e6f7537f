/**
 * Where a finding is, in the order every report shows it: most useful in a pull request first.
 * The user's file and line that created the construct (when the app was synthesized with sanso's
 * constructs, which record it: constructs/source-location.ts), else the construct path; then the
 * resource's address and its line in the generated file (cdk.tf.json, usually not committed).
 */
import type { Lang } from "./types.js";

/** A finding, or one resource of a grouped finding. */
export interface Located {
  resource: string;
  construct?: string;
  file?: string;
  line?: number;
  source?: { file: string; line: number; column?: number };
}

export type PlaceKind = "source" | "construct" | "resource" | "generated";

export interface Place {
  kind: PlaceKind;
  text: string;
}

/** The label of the user's source line (the generated file keeps the reports' "file" label). */
export const SOURCE_LABEL: Record<Lang, string> = { ja: "作成箇所", en: "source" };

/** `main.ts:42`, `city/Lgwan/Raw`, `aws_s3_bucket.x`, `cdktf.out/stacks/city/cdk.tf.json:777`: those known, in that order. */
export function places(f: Located): Place[] {
  const out: Place[] = [];
  if (f.source) out.push({ kind: "source", text: `${f.source.file}:${f.source.line}` });
  if (f.construct) out.push({ kind: "construct", text: f.construct });
  out.push({ kind: "resource", text: f.resource });
  if (f.file) out.push({ kind: "generated", text: f.line ? `${f.file}:${f.line}` : f.file });
  return out;
}
