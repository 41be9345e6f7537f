import { AMBIGUOUS_NAMES, BLOCK_NAMES, TYPE_BLOCK_NAMES } from "./aws-blocks.generated.js";
import { assemble, tagMap } from "./assemble.js";
import { InputError } from "./errors.js";
import { referencedAddresses } from "./refs.js";
import type { Json, JsonObject, LoadOptions, NormalizedInput, NormalizedResource, ProviderInfo } from "./types.js";
import { userStackTrace } from "./stack-trace.js";
import { withoutNulls } from "./without-nulls.js";

/** Meta-arguments that are not resource arguments (absent from a plan's values). */
const META_ARGS = new Set(["//", "provider", "depends_on", "lifecycle", "count", "for_each", "provisioner", "connection"]);

export interface CdktfContext {
  file: string;
  stack?: string;
  format: "cdktf.out" | "cdk.tf.json";
}

export function isObject(v: Json | undefined): v is JsonObject {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

/** True when the JSON looks like Terraform JSON configuration (cdk.tf.json from cdktf / cdktn). */
export function looksLikeCdktf(doc: JsonObject): boolean {
  if ("format_version" in doc) return false;
  return ["resource", "data", "provider", "terraform"].some((k) => isObject(doc[k])) ||
    (isObject(doc["//"]) && isObject((doc["//"] as JsonObject).metadata));
}

const typeBlockCache = new Map<string, Set<string>>();
function blockTest(typeKey: string): (name: string) => boolean {
  let extra = typeBlockCache.get(typeKey);
  if (!extra) {
    // own keys only: a resource type named "constructor" is not Object.prototype's (found by fuzzing)
    extra = new Set((Object.hasOwn(TYPE_BLOCK_NAMES, typeKey) ? TYPE_BLOCK_NAMES[typeKey]! : "").split(" ").filter(Boolean));
    typeBlockCache.set(typeKey, extra);
  }
  const e = extra;
  return (name) => (AMBIGUOUS_NAMES.has(name) ? e.has(name) : BLOCK_NAMES.has(name));
}

/** Literal account ids of `allowed_account_ids` (interpolations are not account ids yet). */
export function accountIds(v: Json | undefined): string[] {
  const list = Array.isArray(v) ? v : typeof v === "string" ? [v] : [];
  return [...new Set(list.filter((x): x is string => typeof x === "string" && /^\d{12}$/.test(x.trim())).map((x) => x.trim()))].sort();
}

function literal(v: Json | undefined): string | null {
  return typeof v === "string" && !v.includes("${") ? v : null;
}

function providerTags(cfg: JsonObject): Record<string, string> {
  let dt = cfg.default_tags;
  if (Array.isArray(dt)) dt = dt[0];
  return isObject(dt) ? tagMap(dt.tags) : {};
}

export function normalizeCdktf(doc: JsonObject, ctx: CdktfContext, opts: LoadOptions): NormalizedInput {
  const file = ctx.file;
  const meta = isObject(doc["//"]) && isObject((doc["//"] as JsonObject).metadata) ? ((doc["//"] as JsonObject).metadata as JsonObject) : {};
  const stack = ctx.stack ?? (typeof meta.stackName === "string" ? meta.stackName : "stack");

  // Providers: `provider.<name>` is an array of configurations (cdktf) or one object (hand-written).
  const providers: Record<string, ProviderInfo> = {};
  if (doc.provider !== undefined && !isObject(doc.provider)) throw new InputError(file, "malformed cdk.tf.json: `provider` is not an object");
  for (const [pname, cfgs] of Object.entries((doc.provider as JsonObject | undefined) ?? {})) {
    for (const cfg of Array.isArray(cfgs) ? cfgs : [cfgs]) {
      if (!isObject(cfg)) continue;
      const alias = literal(cfg.alias);
      providers[alias ? `${pname}.${alias}` : pname] = {
        name: pname,
        alias,
        region: literal(cfg.region),
        default_tags: providerTags(cfg),
        account_ids: accountIds(cfg.allowed_account_ids),
      };
    }
  }

  // Every declared address first, so that references can be checked against it.
  const decl: Array<{ mode: "managed" | "data"; type: string; name: string; body: JsonObject }> = [];
  for (const [section, mode] of [
    ["resource", "managed"],
    ["data", "data"],
  ] as const) {
    const sec = doc[section];
    if (sec === undefined) continue;
    if (!isObject(sec)) throw new InputError(file, `malformed cdk.tf.json: \`${section}\` is not an object`);
    for (const [type, byName] of Object.entries(sec)) {
      if (!isObject(byName)) throw new InputError(file, `malformed cdk.tf.json: \`${section}.${type}\` is not an object`);
      for (const [name, body] of Object.entries(byName)) {
        if (!isObject(body)) throw new InputError(file, `malformed cdk.tf.json: \`${section}.${type}.${name}\` is not an object`);
        decl.push({ mode, type, name, body });
      }
    }
  }
  const known = new Set(decl.map((d) => (d.mode === "data" ? `data.${d.type}.${d.name}` : `${d.type}.${d.name}`)));
  const isKnown = (a: string) => known.has(a);

  const resources: NormalizedResource[] = [];
  for (const d of decl) {
    const address = d.mode === "data" ? `data.${d.type}.${d.name}` : `${d.type}.${d.name}`;
    // no prototype: attribute paths such as "constructor" are plain keys (found by fuzzing)
    const refs: Record<string, string[]> = Object.create(null) as Record<string, string[]>;
    const addRefs = (path: string, s: string) => {
      const found = referencedAddresses(s, isKnown);
      if (found.length) (refs[path] ??= []).push(...found);
    };
    const isBlock = blockTest(d.mode === "data" ? `data.${d.type}` : d.type);
    const values = withoutNulls(normalizeBlock(d.body, "", isBlock, addRefs, true));
    for (const metaKey of ["count", "for_each"]) {
      const v = d.body[metaKey];
      if (typeof v === "string") addRefs(metaKey, v);
    }
    const nodeMeta = isObject(d.body["//"]) && isObject((d.body["//"] as JsonObject).metadata) ? ((d.body["//"] as JsonObject).metadata as JsonObject) : {};
    const providerKey = literal(d.body.provider) ?? (d.type.includes("_") ? d.type.slice(0, d.type.indexOf("_")) : d.type);
    const prov = providers[providerKey];
    const tags = { ...(prov?.default_tags ?? {}), ...tagMap(values.tags_all), ...tagMap(values.tags) };
    resources.push({
      address,
      type: d.type,
      name: d.name,
      mode: d.mode,
      module: null,
      values,
      unknown: {},
      computed: {},
      sensitive: {},
      refs,
      tags,
      zone: null,
      classification: null,
      zone_source: null,
      classification_source: null,
      region: literal(values.region) ?? prov?.region ?? null,
      provider: prov ? providerKey : null,
      source: { construct: typeof nodeMeta.path === "string" ? nodeMeta.path : null, file },
      action: null,
    });
    // where the user's code created it (constructs/source-location.ts): the one frame
    // src/check/run.ts turns into the finding's `source`
    const trace = userStackTrace(nodeMeta.stackTrace);
    if (trace) (resources[resources.length - 1]!.source as NormalizedResource["source"] & { stackTrace?: string[] }).stackTrace = trace;
  }

  let variables: Record<string, Json> | undefined;
  if (isObject(doc.variable)) {
    variables = {};
    for (const [k, v] of Object.entries(doc.variable)) variables[k] = isObject(v) && "default" in v ? v.default! : null;
  }

  return assemble(
    {
      format: "cdktf",
      stack,
      source: { file, format: ctx.format, ...(typeof meta.version === "string" ? { tool_version: meta.version } : {}) },
      resources,
      providers,
      ...(variables ? { variables } : {}),
    },
    opts,
  );
}

/**
 * Copies a block body, dropping `//` comments (and meta-arguments at the top), wrapping
 * single-object nested blocks in an array (the plan's shape), and collecting the references of
 * every string under the attribute path it belongs to.
 */
function normalizeBlock(
  body: JsonObject,
  path: string,
  isBlock: (name: string) => boolean,
  addRefs: (path: string, s: string) => void,
  top: boolean,
): JsonObject {
  const out: JsonObject = {};
  for (const [k, v] of Object.entries(body)) {
    if (k === "//" || (top && META_ARGS.has(k))) continue;
    const p = path ? `${path}.${k}` : k;
    if (isObject(v) && isBlock(k)) {
      out[k] = [normalizeBlock(v, `${p}.0`, isBlock, addRefs, false)];
    } else if (Array.isArray(v) && v.length > 0 && v.every((e) => isObject(e))) {
      out[k] = v.map((e, i) => normalizeBlock(e as JsonObject, `${p}.${i}`, isBlock, addRefs, false));
    } else {
      collectStrings(v, p, addRefs);
      out[k] = isObject(v) ? stripComments(v) : v;
    }
  }
  return out;
}

function collectStrings(v: Json, path: string, addRefs: (path: string, s: string) => void): void {
  if (typeof v === "string") addRefs(path, v);
  else if (Array.isArray(v)) for (const e of v) collectStrings(e, path, addRefs);
  else if (isObject(v)) for (const e of Object.values(v)) collectStrings(e, path, addRefs);
}

function stripComments(v: JsonObject): JsonObject {
  if (!("//" in v)) return v;
  const { "//": _c, ...rest } = v;
  return rest;
}
