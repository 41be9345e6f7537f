/**
 * Plans shaped as `terraform show -json` really writes them: every argument of a resource's schema
 * is listed in `values` / `after` (null when not set, `[]` for an absent nested block), the
 * computed attributes are in `after_unknown`, `tags_all` is known when `tags` is, and
 * `after_sensitive` / `sensitive_values` mirror the nested structure. The compact bench plans list
 * only what is set, which makes normalizing and evaluating them look cheaper than real plans are.
 *
 * The schema is read from the installed @cdktf/provider-aws (a devDependency): each resource's
 * `synthesizeHclAttributes()` names its arguments and says which are blocks; the class's
 * attribute getters name the computed attributes.
 */
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";

interface ResourceSchema {
  /** Arguments that are plain attributes (null when unset). */
  attributes: string[];
  /** Arguments that are nested blocks (`[]` when absent). */
  blocks: string[];
  /** Map-typed arguments (`tags`, …): `{}` in the sensitivity mirrors. */
  maps: string[];
  /** Attributes only the provider knows after apply. */
  computed: string[];
}

const schemas = new Map<string, ResourceSchema>();

/** lib folder name of a resource type: aws_s3_bucket_policy → s3-bucket-policy. */
const libDir = (type: string) => type.replace(/^aws_/, "").replace(/_/g, "-");

export function resourceSchema(type: string): ResourceSchema {
  const known = schemas.get(type);
  if (known) return known;
  const require = createRequire(import.meta.url);
  const lib = join(dirname(require.resolve("@cdktf/provider-aws/package.json")), "lib");
  const src = readFileSync(join(lib, libDir(type), "index.js"), "utf8");
  // The resource class comes last in the file; its synthesizeHclAttributes is the last one.
  const start = src.lastIndexOf("synthesizeHclAttributes() {");
  const body = src.slice(start, src.indexOf("\n    }\n", start));
  const schema: ResourceSchema = { attributes: [], blocks: [], maps: [], computed: [] };
  for (const m of body.matchAll(/\n {12}([a-z0-9_]+): \{\n\s+value: [^\n]*\n\s+isBlock: (true|false),\n\s+type: "(\w+)"/g)) {
    const [, name, isBlock, kind] = m;
    if (name === "id" || name === "region") continue;
    if (isBlock === "true") schema.blocks.push(name!);
    else schema.attributes.push(name!);
    if (kind === "map") schema.maps.push(name!);
  }
  const classStart = src.lastIndexOf("extends cdktf.TerraformResource");
  const args = new Set([...schema.attributes, ...schema.blocks]);
  for (const m of src.slice(classStart).matchAll(/\.get\w*Attribute\('([a-z0-9_]+)'\)/g)) {
    if (!args.has(m[1]!) && !schema.computed.includes(m[1]!)) schema.computed.push(m[1]!);
  }
  schemas.set(type, schema);
  return schema;
}

type Json = Record<string, unknown>;

/** A resource's values as Terraform lists them: every argument, unset ones null or []. */
function fullValues(type: string, values: Json, defaultTags: Json): Json {
  const s = resourceSchema(type);
  const out: Json = {};
  for (const a of s.attributes) out[a] = a in values ? values[a] : null;
  for (const b of s.blocks) out[b] = b in values ? values[b] : [];
  for (const [k, v] of Object.entries(values)) if (!(k in out)) out[k] = v;
  if (s.attributes.includes("tags_all") || s.computed.includes("tags_all")) out.tags_all = { ...defaultTags, ...((values.tags as Json | undefined) ?? {}) };
  return out;
}

/** `after_sensitive` / `sensitive_values`: the nested structure, with no sensitive leaf. */
function sensitivity(type: string, values: Json): Json {
  const s = resourceSchema(type);
  const out: Json = {};
  for (const m of s.maps) out[m] = {};
  for (const b of s.blocks) out[b] = Array.isArray(values[b]) ? (values[b] as unknown[]).map(() => ({})) : [];
  if (s.attributes.includes("tags_all") || s.computed.includes("tags_all")) out.tags_all = {};
  return out;
}

/** A made-up value for a computed attribute of an existing resource. */
function computedValue(type: string, attr: string, address: string): unknown {
  if (attr === "region" || attr === "bucket_region") return "ap-northeast-1";
  if (attr === "arn" || attr.endsWith("_arn")) return `arn:aws:${type.split("_")[1]}:ap-northeast-1:123456789012:${address.replace(/[^a-z0-9]+/g, "-")}`;
  return `${attr}-${address.replace(/[^a-z0-9]+/g, "-")}`;
}

/**
 * The compact plan `plan` (from `syntheticPlan`) as Terraform writes a plan for infrastructure
 * that mostly exists already: nine resources in ten are unchanged (`no-op`, `before` = `after`
 * with every computed attribute known, and in `prior_state`), one in ten is created (computed
 * attributes unknown). Every resource lists its whole schema.
 */
export function realShapedPlan(plan: Json): Json {
  const provider = (plan.configuration as { provider_config: { aws: { expressions: { default_tags: Array<{ tags: { constant_value: Json } }> } } } }).provider_config.aws;
  const defaultTags = provider.expressions.default_tags[0]?.tags.constant_value ?? {};
  const existing = (i: number) => i % 10 !== 0;
  const full = new Map<string, Json>();
  (plan.resource_changes as Json[]).forEach((rc, i) => {
    const type = rc.type as string;
    const address = rc.address as string;
    const change = rc.change as Json;
    const after = fullValues(type, change.after as Json, defaultTags);
    const unknown = change.after_unknown as Json;
    const computed = resourceSchema(type).computed;
    if (existing(i)) {
      for (const c of computed) if (!(c in after) || after[c] === null) after[c] = computedValue(type, c, address);
      for (const k of Object.keys(unknown)) if (unknown[k] === true && after[k] === null) after[k] = computedValue(type, k, address);
      change.actions = ["no-op"];
      change.before = after;
      change.after_unknown = {};
      change.before_sensitive = sensitivity(type, after);
    } else {
      for (const c of computed) if (!(c in after)) unknown[c] = true;
      // an attribute unknown at plan time is absent from `after` (Terraform writes it only in after_unknown)
      for (const k of Object.keys(unknown)) if (unknown[k] === true && after[k] === null) delete after[k];
      change.before_sensitive = false;
    }
    change.after = after;
    change.after_sensitive = sensitivity(type, after);
    full.set(address, after);
  });
  const planned = (plan.planned_values as { root_module: { resources: Json[] } }).root_module.resources;
  const prior: Json[] = [];
  planned.forEach((r, i) => {
    const values = full.get(r.address as string) ?? fullValues(r.type as string, r.values as Json, defaultTags);
    r.values = values;
    r.sensitive_values = sensitivity(r.type as string, values);
    if (existing(i)) prior.push({ ...r });
  });
  plan.prior_state = { format_version: "1.0", terraform_version: plan.terraform_version, values: { root_module: { resources: prior } } };
  return plan;
}
