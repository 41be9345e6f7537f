/**
 * A plan's resource instances: `planned_values`, then `resource_changes` (actions, unknown and
 * sensitive values, deletions and deferred reads), then the data sources of `prior_state`.
 */
import { splitAddress } from "./address.js";
import { isObject } from "./cdktf.js";
import type { Action, Json, JsonObject, NormalizedResource } from "./types.js";
import { withoutNulls } from "./without-nulls.js";

export interface Instance {
  r: NormalizedResource;
  key: string | null;
  /** Module instance address ("" at root). */
  mi: string;
  modulePath: string;
  rel: string;
  providerName: string | null;
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

/** Every resource instance of the plan by address, values normalized (withoutNulls). */
export function readInstances(doc: JsonObject, file: string): Map<string, Instance> {
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
  return instances;
}
