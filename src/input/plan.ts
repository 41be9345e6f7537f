/**
 * `terraform show -json` plans -> the normalized document. The plan's parts are read by their own
 * modules: plan-configuration.ts (modules, providers), plan-instances.ts (planned values, changes,
 * prior state), plan-references.ts (references between instances), plan-unknown.ts (unknown vs
 * computed values); here they are joined per instance and assembled.
 */
import { assemble } from "./assemble.js";
import { isObject } from "./cdktf.js";
import { InputError } from "./errors.js";
import { readConfiguration } from "./plan-configuration.js";
import { readInstances } from "./plan-instances.js";
import { exprRefs, referenceResolver } from "./plan-references.js";
import { mayBeBlock, splitUnknown } from "./plan-unknown.js";
import type { Json, JsonObject, LoadOptions, NormalizedInput } from "./types.js";

/** `terraform show -json` plan format versions this reader understands. */
export const SUPPORTED_PLAN_FORMATS = ["0.1", "0.2", "1.0", "1.1", "1.2"] as const;

export interface PlanContext {
  file: string;
  stack: string;
}

export function looksLikePlan(doc: JsonObject): boolean {
  return "format_version" in doc && ("planned_values" in doc || "resource_changes" in doc);
}


/** Merges tag maps (later wins) into one new object. */
function mergeTags(a: Record<string, string> | undefined, b: Json | undefined, c: Json | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  if (a) for (const k in a) out[k] = a[k]!;
  for (const t of [b, c]) {
    if (!isObject(t)) continue;
    for (const k in t) {
      const x = t[k];
      if (typeof x === "string") out[k] = x;
      else if (typeof x === "number" || typeof x === "boolean") out[k] = String(x);
    }
  }
  return out;
}

export function normalizePlan(doc: JsonObject, ctx: PlanContext, opts: LoadOptions): NormalizedInput {
  const file = ctx.file;
  const fv = doc.format_version;
  if (typeof fv !== "string" || !(SUPPORTED_PLAN_FORMATS as readonly string[]).includes(fv)) {
    throw new InputError(
      file,
      `unsupported plan format_version ${JSON.stringify(fv)}; supported versions are ${SUPPORTED_PLAN_FORMATS.join(", ")}`,
    );
  }
  for (const k of ["planned_values", "resource_changes", "configuration", "prior_state"] as const) {
    const v = doc[k];
    if (v === undefined || v === null) continue;
    if (k === "resource_changes" ? !Array.isArray(v) : !isObject(v)) {
      throw new InputError(file, `malformed plan: \`${k}\` is not ${k === "resource_changes" ? "an array" : "an object"}`);
    }
  }

  const variables: Record<string, Json> = {};
  if (isObject(doc.variables)) {
    for (const [k, v] of Object.entries(doc.variables)) variables[k] = isObject(v) && "value" in v ? v.value! : null;
  }

  const { modules, configResources, providers, providerFor } = readConfiguration(doc, variables);
  const instances = readInstances(doc, file);
  const resolve = referenceResolver(instances, modules);

  // ---- per instance: refs from configuration, tags, region, provider
  for (const inst of instances.values()) {
    const cfgKey = inst.modulePath ? `${inst.modulePath}.${inst.rel}` : inst.rel;
    const cfg = configResources.get(cfgKey);
    const r = inst.r;
    if (cfg) {
      for (const [path, list, keyed] of exprRefs(cfg.res)) {
        const found = resolve(list, inst.mi, inst.modulePath, keyed ? inst.key : null);
        if (found.length) (r.refs[path] ??= []).push(...found);
      }
    }
    // Unknown values the configuration does not set are the provider's (AWS's) defaults, not open
    // questions: a backup vault without kms_key_arn gets the aws/backup key.
    if (cfg && Object.keys(r.unknown).length) {
      const split = splitUnknown(r.unknown, isObject(cfg.res.expressions) ? cfg.res.expressions : {}, mayBeBlock(r.mode === "data" ? `data.${r.type}` : r.type));
      r.unknown = split.unknown;
      r.computed = split.computed;
    }
    const pkey = providerFor(cfg && typeof cfg.res.provider_config_key === "string" ? cfg.res.provider_config_key : null, inst.providerName);
    const prov = pkey ? providers[pkey] : undefined;
    r.provider = pkey;
    r.tags = mergeTags(prov?.default_tags, r.values.tags_all, r.values.tags);
    r.region = typeof r.values.region === "string" ? r.values.region : prov?.region ?? null;
  }

  return assemble(
    {
      format: "plan",
      stack: ctx.stack,
      source: {
        file,
        format: "plan",
        format_version: fv,
        ...(typeof doc.terraform_version === "string" ? { tool_version: doc.terraform_version } : {}),
      },
      resources: [...instances.values()].map((i) => i.r),
      providers,
      ...(Object.keys(variables).length ? { variables } : {}),
    },
    opts,
  );
}
