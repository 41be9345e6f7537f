import { parentModule, parseAddress, splitAddress } from "./address.js";
import { assemble, tagMap } from "./assemble.js";
import { ALWAYS_BLOCK_NAMES, TYPE_MIXED_BLOCK_NAMES } from "./aws-blocks.generated.js";
import { accountIds, isObject } from "./cdktf.js";
import { InputError } from "./errors.js";
import { withoutNulls } from "./without-nulls.js";
import type { Action, Json, JsonObject, LoadOptions, NormalizedInput, NormalizedResource, ProviderInfo } from "./types.js";

/** `terraform show -json` plan format versions this reader understands. */
export const SUPPORTED_PLAN_FORMATS = ["0.1", "0.2", "1.0", "1.1", "1.2"] as const;

export interface PlanContext {
  file: string;
  stack: string;
}

export function looksLikePlan(doc: JsonObject): boolean {
  return "format_version" in doc && ("planned_values" in doc || "resource_changes" in doc);
}

/** Terraform action list -> one action. */
export function actionOf(actions: Json | undefined): Action | null {
  if (!Array.isArray(actions) || actions.length === 0) return null;
  const a = actions.filter((x): x is string => typeof x === "string");
  const has = (x: string) => a.includes(x);
  if ((has("create") && has("delete")) || (has("create") && has("forget"))) return "replace";
  if (has("delete") || has("forget")) return "delete";
  if (has("create")) return "create";
  if (has("update")) return "update";
  if (has("read")) return "read";
  if (has("no-op")) return "no-op";
  return "update";
}

/** Does the tree hold a `true` leaf? */
function hasTrue(v: Json | undefined): boolean {
  if (v === true) return true;
  if (Array.isArray(v)) {
    for (const e of v) if (hasTrue(e)) return true;
    return false;
  }
  if (isObject(v)) {
    for (const k in v) if (hasTrue(v[k])) return true;
  }
  return false;
}

/** Keeps only `true` leaves; arrays keep their positions (null where nothing is left). */
export function pruneTrue(v: Json | undefined): Json | undefined {
  if (v === true) return true;
  if (!hasTrue(v)) return undefined;
  if (Array.isArray(v)) return v.map((e) => pruneTrue(e) ?? null);
  const out: JsonObject = {};
  const o = v as JsonObject;
  for (const k in o) {
    const p = pruneTrue(o[k]);
    if (p !== undefined) out[k] = p;
  }
  return out;
}

function asTree(v: Json | undefined): JsonObject {
  const p = pruneTrue(v);
  return isObject(p) ? p : {};
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

interface ModuleConfig {
  /** Module path without keys: "" for root, `module.a.module.b`. */
  path: string;
  body: JsonObject;
  /** For child modules: the call in the parent module (its `expressions` feed `var.*`). */
  call: JsonObject | null;
  parentPath: string | null;
}

interface Instance {
  r: NormalizedResource;
  key: string | null;
  /** Module instance address ("" at root). */
  mi: string;
  modulePath: string;
  rel: string;
  providerName: string | null;
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

  // ---- configuration: modules, providers
  const config = isObject(doc.configuration) ? doc.configuration : null;
  const modules = new Map<string, ModuleConfig>();
  const configResources = new Map<string, { res: JsonObject; module: ModuleConfig }>();
  if (config && isObject(config.root_module)) {
    const stack: ModuleConfig[] = [{ path: "", body: config.root_module, call: null, parentPath: null }];
    while (stack.length) {
      const m = stack.pop()!;
      modules.set(m.path, m);
      if (Array.isArray(m.body.resources)) {
        for (const res of m.body.resources) {
          if (!isObject(res) || typeof res.address !== "string") continue;
          configResources.set(m.path ? `${m.path}.${res.address}` : res.address, { res, module: m });
        }
      }
      if (isObject(m.body.module_calls)) {
        for (const [name, call] of Object.entries(m.body.module_calls)) {
          if (!isObject(call) || !isObject(call.module)) continue;
          const path = m.path ? `${m.path}.module.${name}` : `module.${name}`;
          stack.push({ path, body: call.module, call, parentPath: m.path });
        }
      }
    }
  }

  const providers: Record<string, ProviderInfo> = {};
  if (config && isObject(config.provider_config)) {
    for (const [key, pc] of Object.entries(config.provider_config)) {
      if (!isObject(pc)) continue;
      const ex = isObject(pc.expressions) ? pc.expressions : {};
      providers[key] = {
        name: typeof pc.name === "string" ? pc.name : key.replace(/^.*:/, "").replace(/\..*$/, ""),
        alias: typeof pc.alias === "string" ? pc.alias : null,
        region: constantString(ex.region, variables),
        default_tags: defaultTags(ex.default_tags),
        account_ids: accountIds(isObject(ex.allowed_account_ids) ? ex.allowed_account_ids.constant_value : undefined),
      };
    }
  }
  const providerFor = (key: string | null, providerName: string | null): string | null => {
    if (key !== null) {
      if (key in providers) return key;
      const short = key.replace(/^.*:/, "");
      if (short in providers) return short;
    }
    if (providerName) {
      const n = providerName.replace(/^.*\//, "");
      if (n in providers) return n;
    }
    return null;
  };

  // ---- instances: planned_values, then resource_changes (deletes, deferred reads), prior_state data
  const instances = new Map<string, Instance>();
  const addInstance = (r: JsonObject, moduleAddr: string | null, values: Json | undefined): Instance | undefined => {
    const address = r.address;
    if (typeof address !== "string" || instances.has(address)) return undefined;
    const sp = splitAddress(address);
    const mode = r.mode === "data" || sp.mode === "data" ? "data" : "managed";
    const mi = typeof moduleAddr === "string" && moduleAddr ? moduleAddr : sp.module ?? "";
    const inst: Instance = {
      key: sp.key,
      mi,
      modulePath: sp.modulePath,
      rel: sp.rel,
      providerName: typeof r.provider_name === "string" ? r.provider_name : null,
      r: {
        address,
        type: typeof r.type === "string" ? r.type : sp.type,
        name: typeof r.name === "string" ? r.name : sp.name,
        mode,
        module: mi || null,
        values: isObject(values) ? withoutNulls(values) : {},
        unknown: {},
        computed: {},
        sensitive: asTree(r.sensitive_values),
        refs: Object.create(null) as Record<string, string[]>, // attribute paths are plain keys ("constructor")
        tags: {},
        zone: null,
        classification: null,
        zone_source: null,
        classification_source: null,
        region: null,
        provider: null,
        source: { construct: null, file },
        action: mode === "data" ? "read" : null,
      },
    };
    instances.set(address, inst);
    return inst;
  };
  const walkModule = (m: Json | undefined, fn: (r: JsonObject, moduleAddr: string | null) => void) => {
    const stack: Json[] = m === undefined ? [] : [m];
    while (stack.length) {
      const mod = stack.pop();
      if (!isObject(mod)) continue;
      const maddr = typeof mod.address === "string" ? mod.address : null;
      if (Array.isArray(mod.resources)) for (const r of mod.resources) if (isObject(r)) fn(canonical(r, maddr), maddr);
      if (Array.isArray(mod.child_modules)) stack.push(...mod.child_modules);
    }
  };
  const planned = isObject(doc.planned_values) ? doc.planned_values : {};
  walkModule(planned.root_module, (r, maddr) => void addInstance(r, maddr, r.values));

  for (const rc of Array.isArray(doc.resource_changes) ? doc.resource_changes : []) {
    if (!isObject(rc) || typeof rc.address !== "string" || !isObject(rc.change)) continue;
    if (rc.deposed !== undefined) continue; // an old object of a replaced resource
    const ch = rc.change;
    const action = actionOf(ch.actions);
    let inst = instances.get(rc.address);
    if (!inst) {
      const vals = action === "delete" ? ch.before : ch.after;
      inst = addInstance(rc, typeof rc.module_address === "string" ? rc.module_address : null, vals ?? undefined);
      if (!inst) continue;
    } else if (Object.keys(inst.r.values).length === 0 && isObject(ch.after)) {
      inst.r.values = withoutNulls(ch.after);
    }
    inst.r.action = action;
    if (action !== "delete") inst.r.unknown = asTree(ch.after_unknown);
    const sens = asTree(action === "delete" ? ch.before_sensitive : ch.after_sensitive);
    if (Object.keys(sens).length) inst.r.sensitive = sens;
    if (!inst.providerName && typeof rc.provider_name === "string") inst.providerName = rc.provider_name;
  }

  const prior = isObject(doc.prior_state) && isObject(doc.prior_state.values) ? doc.prior_state.values : {};
  walkModule(prior.root_module, (r, maddr) => {
    if (r.mode === "data") addInstance(r, maddr, r.values);
  });

  // ---- indexes for reference resolution
  const byModuleRel = new Map<string, Instance[]>(); // `${mi}|${rel}` -> instances
  const childModules = new Map<string, Set<string>>(); // `${parentMi}|${call}` -> module instances
  for (const inst of instances.values()) {
    const k = `${inst.mi}|${inst.rel}`;
    let l = byModuleRel.get(k);
    if (!l) byModuleRel.set(k, (l = []));
    l.push(inst);
    let mi = inst.mi;
    while (mi) {
      const { parent, call } = parentModule(mi);
      const pk = `${parent ?? ""}|${call}`;
      let s = childModules.get(pk);
      if (!s) childModules.set(pk, (s = new Set()));
      if (s.has(mi)) break;
      s.add(mi);
      mi = parent ?? "";
    }
  }

  const memo = new Map<string, string[]>();
  const resolving = new Set<string>();

  /** Resolves a list of Terraform reference strings made in module instance `mi` (path `mpath`). */
  /** Resolves Terraform reference strings made in module instance `mi` (module path `mpath`). */
  const resolve = (list: string[], mi: string, mpath: string, fromKey: string | null): string[] => {
    const out: string[] = [];
    for (const ref of compileRefs(list)) {
      if (ref.kind === "var") {
        out.push(...resolveVar(ref.name, mi, mpath));
        continue;
      }
      if (ref.kind === "module") {
        out.push(...resolveModule(ref.call, ref.key, ref.output, mi, mpath));
        continue;
      }
      const cands = byModuleRel.get(`${mi}|${ref.rel}`);
      if (!cands) continue;
      if (ref.key !== null) {
        const want = `${mi ? `${mi}.` : ""}${ref.rel}[${ref.key}]`;
        const hit = instances.get(want);
        if (hit) out.push(hit.r.address);
        else for (const c of cands) out.push(c.r.address);
        continue;
      }
      if (fromKey !== null && cands.length > 1) {
        // `aws_x.y[count.index]` / `each.key` chains: the instance with the same key.
        const same = instances.get(`${mi ? `${mi}.` : ""}${ref.rel}[${fromKey}]`);
        if (same) {
          out.push(same.r.address);
          continue;
        }
      }
      for (const c of cands) out.push(c.r.address);
    }
    return out;
  };

  const resolveVar = (name: string, mi: string, mpath: string): string[] => {
    if (!mi) return [];
    const memoKey = `var|${mi}|${name}`;
    const hit = memo.get(memoKey);
    if (hit) return hit;
    if (resolving.has(memoKey)) return [];
    resolving.add(memoKey);
    const m = modules.get(mpath);
    let result: string[] = [];
    if (m?.call && isObject(m.call.expressions) && m.call.expressions[name] !== undefined && m.parentPath !== null) {
      const refs: string[] = [];
      collectRefs(m.call.expressions[name], refs);
      const { parent, key } = parentModule(mi);
      result = resolve(refs, parent ?? "", m.parentPath, key);
    }
    resolving.delete(memoKey);
    memo.set(memoKey, result);
    return result;
  };

  const resolveModule = (call: string, callKey: string | null, output: string | null, mi: string, mpath: string): string[] => {
    const memoKey = `mod|${mi}|${call}|${callKey}|${output}`;
    const hit = memo.get(memoKey);
    if (hit) return hit;
    if (resolving.has(memoKey)) return [];
    resolving.add(memoKey);
    const childPath = mpath ? `${mpath}.module.${call}` : `module.${call}`;
    const child = modules.get(childPath);
    const result: string[] = [];
    const outputs = child && isObject(child.body.outputs) ? child.body.outputs : {};
    const names = output !== null ? [output] : Object.keys(outputs);
    for (const cmi of childModules.get(`${mi}|${call}`) ?? []) {
      if (callKey !== null && parentModule(cmi).key !== callKey) continue;
      for (const o of names) {
        const od = outputs[o];
        if (!isObject(od)) continue;
        const refs: string[] = [];
        collectRefs(od.expression, refs);
        result.push(...resolve(refs, cmi, childPath, null));
      }
    }
    resolving.delete(memoKey);
    memo.set(memoKey, result);
    return result;
  };

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

const mixedBlockCache = new Map<string, Set<string>>();
/**
 * Could `name` be a nested block of resources of this type (`data.<type>` for data sources)?
 * Names the AWS provider never uses for a block are arguments; names of other providers'
 * resources are judged by the same tables (a name that is a block in AWS stays a block).
 */
export function mayBeBlock(typeKey: string): (name: string) => boolean {
  let mixed = mixedBlockCache.get(typeKey);
  if (!mixed) {
    // own keys only: a resource type named "constructor" is not Object.prototype's (found by fuzzing)
    mixed = new Set((Object.hasOwn(TYPE_MIXED_BLOCK_NAMES, typeKey) ? TYPE_MIXED_BLOCK_NAMES[typeKey]! : "").split(" ").filter(Boolean));
    mixedBlockCache.set(typeKey, mixed);
  }
  const m = mixed;
  return (name) => ALWAYS_BLOCK_NAMES.has(name) || m.has(name);
}

/** Is this configuration node an expression (rather than a nested block's body)? */
function isExpression(node: Json | undefined): boolean {
  return isObject(node) && ((Array.isArray(node.references) && node.references.every((x) => typeof x === "string")) || "constant_value" in node);
}

/**
 * Splits a resource's unknown tree by the configuration's `expressions`: a leaf whose argument
 * (or an enclosing argument) has an expression stays unknown (decided by the configuration, known
 * after apply); a leaf whose argument has none is computed by the provider (its default). A
 * nested block missing from the configuration stays unknown: Terraform leaves `dynamic` blocks
 * out of the configuration representation, so its absence proves nothing.
 */
export function splitUnknown(unknown: JsonObject, expressions: JsonObject, isBlock: (name: string) => boolean): { unknown: JsonObject; computed: JsonObject } {
  const keep: JsonObject = {};
  const computed: JsonObject = {};
  for (const [k, u] of Object.entries(unknown)) {
    const e = expressions[k];
    if (e === undefined || e === null) {
      if (isBlock(k)) keep[k] = u;
      else computed[k] = u;
      continue;
    }
    if (isExpression(e) || u === true) {
      keep[k] = u;
      continue;
    }
    // a nested block written in the configuration: its instances, one by one
    const eb = Array.isArray(e) ? e : [e];
    if (Array.isArray(u)) {
      const ku: Json[] = [];
      const cu: Json[] = [];
      let anyKeep = false;
      let anyComputed = false;
      u.forEach((item, i) => {
        const body = eb[i];
        if (isObject(item) && isObject(body) && !isExpression(body)) {
          const s = splitUnknown(item, body, isBlock);
          const hk = Object.keys(s.unknown).length > 0;
          const hc = Object.keys(s.computed).length > 0;
          ku.push(hk ? s.unknown : null);
          cu.push(hc ? s.computed : null);
          anyKeep ||= hk;
          anyComputed ||= hc;
        } else {
          ku.push(item);
          cu.push(null);
          anyKeep ||= item !== null;
        }
      });
      if (anyKeep) keep[k] = ku;
      if (anyComputed) computed[k] = cu;
    } else if (isObject(u) && isObject(eb[0]) && !isExpression(eb[0])) {
      const s = splitUnknown(u, eb[0], isBlock);
      if (Object.keys(s.unknown).length) keep[k] = s.unknown;
      if (Object.keys(s.computed).length) computed[k] = s.computed;
    } else {
      keep[k] = u;
    }
  }
  return { unknown: keep, computed };
}

/** A resource reference `aws_x.y...` / `data.aws_x.y...`; null for var/local/module/each/... */
function resourceRef(parts: ReturnType<typeof parseAddress>): { rel: string; key: string | null } | null {
  const head = parts[0]?.name;
  if (!head) return null;
  if (head === "data") {
    if (parts.length < 3) return null;
    return { rel: `data.${parts[1]!.name}.${parts[2]!.name}`, key: literalKey(parts[2]!.key) };
  }
  if (NON_RESOURCE_ROOTS.has(head) || parts.length < 2) return null;
  return { rel: `${head}.${parts[1]!.name}`, key: literalKey(parts[1]!.key) };
}

/** An instance key that names one instance (`0`, `"k"`); `count.index`, `each.key` -> null. */
function literalKey(key: string | null): string | null {
  if (key === null) return null;
  return /^\d+$/.test(key) || /^"(?:[^"\\]|\\.)*"$/.test(key) ? key : null;
}

const NON_RESOURCE_ROOTS = new Set(["var", "local", "module", "each", "count", "path", "self", "terraform", "resource", "ephemeral"]);

/** Every string in `references` arrays below an expression node. */
function collectRefs(v: Json | undefined, out: string[]): void {
  if (Array.isArray(v)) for (const e of v) collectRefs(e, out);
  else if (isObject(v)) {
    if (Array.isArray(v.references)) {
      for (const s of v.references) if (typeof s === "string") out.push(s);
    }
    for (const [k, e] of Object.entries(v)) if (k !== "references" && k !== "constant_value") collectRefs(e, out);
  }
}

/** Walks configuration `expressions`, reporting reference lists per attribute dot path. */
function walkExpressions(node: Json, path: string, fn: (path: string, refs: string[]) => void): void {
  if (Array.isArray(node)) {
    node.forEach((e, i) => walkExpressions(e, path ? `${path}.${i}` : String(i), fn));
    return;
  }
  if (!isObject(node)) return;
  const isExpr = (Array.isArray(node.references) && node.references.every((s) => typeof s === "string")) || "constant_value" in node;
  if (isExpr) {
    if (Array.isArray(node.references) && node.references.length) fn(path, node.references as string[]);
    return;
  }
  for (const [k, v] of Object.entries(node)) walkExpressions(v, path ? `${path}.${k}` : k, fn);
}

function constantString(expr: Json | undefined, variables: Record<string, Json>): string | null {
  if (!isObject(expr)) return null;
  if (typeof expr.constant_value === "string") return expr.constant_value;
  if (Array.isArray(expr.references)) {
    for (const r of expr.references) {
      if (typeof r === "string" && r.startsWith("var.")) {
        const v = variables[r.slice(4)];
        if (typeof v === "string") return v;
      }
    }
  }
  return null;
}

function defaultTags(expr: Json | undefined): Record<string, string> {
  const block = Array.isArray(expr) ? expr[0] : expr;
  if (!isObject(block) || !isObject(block.tags)) return {};
  return tagMap(block.tags.constant_value);
}

/**
 * Terraform 0.12 wrote module resources in prior_state with a module-relative address and the
 * instance key only in `index`; make the address absolute and keyed.
 */
function canonical(r: JsonObject, moduleAddr: string | null): JsonObject {
  let address = r.address;
  if (typeof address !== "string") return r;
  const orig = address;
  if (moduleAddr && !address.startsWith(`${moduleAddr}.`)) address = `${moduleAddr}.${address}`;
  if (r.index !== undefined && r.index !== null && !address.endsWith("]")) {
    address += typeof r.index === "number" ? `[${r.index}]` : `[${JSON.stringify(r.index)}]`;
  }
  return address === orig ? r : { ...r, address };
}

type Ref =
  | { kind: "var"; name: string }
  | { kind: "module"; call: string; key: string | null; output: string | null }
  | { kind: "res"; rel: string; key: string | null };

const compiledRefs = new WeakMap<string[], Ref[]>();

/**
 * Parses a `references` list once. Terraform lists `aws_x.y[0].id`, `aws_x.y[0]` and `aws_x.y`
 * for one reference: the indexed form names the instance and the bare one is then dropped;
 * likewise `module.m` next to `module.m.output`.
 */
function compileRefs(list: string[]): Ref[] {
  const hit = compiledRefs.get(list);
  if (hit) return hit;
  const parsed = list.map((s) => parseAddress(s));
  const indexed = new Set<string>();
  const moduleSpecific = new Set<string>();
  for (const parts of parsed) {
    const r = resourceRef(parts);
    if (r && r.key !== null) indexed.add(r.rel);
    if (parts[0]?.name === "module" && parts.length >= 3) moduleSpecific.add(parts[1]!.name);
  }
  const out: Ref[] = [];
  const seen = new Set<string>();
  for (const parts of parsed) {
    const head = parts[0]?.name;
    let ref: Ref | null = null;
    if (head === "var" && parts.length >= 2) ref = { kind: "var", name: parts[1]!.name };
    else if (head === "module" && parts.length >= 2) {
      if (parts.length < 3 && moduleSpecific.has(parts[1]!.name)) continue;
      ref = { kind: "module", call: parts[1]!.name, key: literalKey(parts[1]!.key), output: parts[2]?.name ?? null };
    } else {
      const r = resourceRef(parts);
      if (!r || (r.key === null && indexed.has(r.rel))) continue;
      ref = { kind: "res", ...r };
    }
    const id = JSON.stringify(ref);
    if (seen.has(id)) continue;
    seen.add(id);
    out.push(ref);
  }
  compiledRefs.set(list, out);
  return out;
}

const exprRefCache = new WeakMap<JsonObject, Array<[string, string[], boolean]>>();

/**
 * The reference lists of a configuration resource, per attribute path, computed once per
 * configuration resource: `[path, references, keyed]`, where keyed lists may match instance keys.
 */
function exprRefs(res: JsonObject): Array<[string, string[], boolean]> {
  const hit = exprRefCache.get(res);
  if (hit) return hit;
  const out: Array<[string, string[], boolean]> = [];
  if (isObject(res.expressions)) walkExpressions(res.expressions, "", (path, list) => out.push([path, list, true]));
  for (const [metaKey, exprKey] of [
    ["count", "count_expression"],
    ["for_each", "for_each_expression"],
  ] as const) {
    const list: string[] = [];
    collectRefs(res[exprKey], list);
    if (list.length) out.push([metaKey, list, false]);
  }
  exprRefCache.set(res, out);
  return out;
}
