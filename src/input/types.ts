/**
 * The normalized input document: what every policy reads, whatever the Terraform source was.
 * See src/input/README.md for the field-by-field contract.
 */

import type { Classification, Zone } from "../vocabulary.js";

export type { Classification, Zone } from "../vocabulary.js";
export type Action = "create" | "update" | "delete" | "replace" | "no-op" | "read";
export type InputFormat = "cdktf" | "plan";

/** JSON value as it comes out of JSON.parse. */
export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
export type JsonObject = { [key: string]: Json };

export interface NormalizedResource {
  /** Full address: `aws_s3_bucket.b`, `module.m.aws_s3_bucket.b["k"]`, `data.aws_iam_policy_document.p`. */
  address: string;
  type: string;
  name: string;
  mode: "managed" | "data";
  /** Module instance address (`module.m`, `module.m[0].module.n`) or null in the root module. */
  module: string | null;
  /** Planned after-values (plan) or synthesized arguments (cdktf). */
  values: JsonObject;
  /**
   * Plan only: tree of `true` leaves for values unknown until apply that the configuration sets
   * (an expression the plan could not evaluate); `{}` for cdktf.
   */
  unknown: JsonObject;
  /**
   * Plan only: tree of `true` leaves for values unknown until apply that the configuration does
   * not set at all: the provider or AWS chooses them (its default), so for the policies they are
   * unset, as in a cdk.tf.json that omits them. `{}` for cdktf and when the plan has no
   * configuration for the resource.
   */
  computed: JsonObject;
  /** Plan only: tree of `true` leaves for sensitive values (never print these); `{}` for cdktf. */
  sensitive: JsonObject;
  /** Resolved references per attribute dot path (`bucket`, `rule.0.x.0.kms_master_key_id`). */
  refs: Record<string, string[]>;
  /** Effective tags: provider default tags, `tags_all`, then `tags` (later wins). */
  tags: Record<string, string>;
  zone: Zone | null;
  classification: Classification | null;
  /** Where the zone came from: its own tag, a related resource, the defaultZone option. */
  zone_source: "tag" | "inherited" | "default" | null;
  classification_source: "tag" | "inherited" | null;
  /** The resource's own `region` argument (provider v6) or its provider configuration's region. */
  region: string | null;
  /** Provider configuration key (`aws`, `aws.tokyo`); null when not known. */
  provider: string | null;
  /** cdktf construct path; the input file; the resource's line in it (when read from a file). */
  source: { construct: string | null; file: string; line?: number };
  action: Action | null;
}

export interface ProviderInfo {
  name: string;
  alias: string | null;
  region: string | null;
  /** Provider-level default tags (cdktf `default_tags`, plan configuration). */
  default_tags: Record<string, string>;
  /** AWS accounts the configuration may be applied to (`allowed_account_ids`); [] when not declared. */
  account_ids?: string[];
}

export interface InputSource {
  /** The file the stack/plan was read from. */
  file: string;
  /** `cdktf.out` (a stack read through manifest.json), `cdk.tf.json`, or `plan`. */
  format: "cdktf.out" | "cdk.tf.json" | "plan";
  /** Plan `format_version`. */
  format_version?: string;
  /** Plan `terraform_version`, or cdktf/cdktn version from the stack metadata. */
  tool_version?: string;
}

export interface Diagnostic {
  address: string | null;
  message_ja: string;
  message_en: string;
}

export interface NormalizedInput {
  format: InputFormat;
  stack: string;
  source: InputSource;
  resources: Record<string, NormalizedResource>;
  /** Addresses per resource type, sorted; data sources are keyed `data.<type>`. */
  by_type: Record<string, string[]>;
  /** Both directions of every reference: address -> type (`data.<type>` for data sources) -> addresses, sorted. */
  related: Record<string, Record<string, string[]>>;
  providers: Record<string, ProviderInfo>;
  variables?: Record<string, Json>;
  /** Things the normalizer noticed but that do not stop it (unrecognized zone tag values, ...). */
  diagnostics: Diagnostic[];
}

export interface LoadOptions {
  /** Zone of resources that neither carry nor inherit a zone tag. */
  defaultZone?: Zone;
  /**
   * Only these stacks of a cdktf.out (by manifest name); the others are not read. A name the
   * manifest does not list is an error naming the directory.
   */
  stacks?: readonly string[];
}
