/**
 * References between a plan's resource instances, from the configuration's `references` lists:
 * `aws_x.y` / `aws_x.y[0]`, `var.*` followed through module calls, `module.m.out` through the
 * outputs of every instance of the module (see src/input/README.md, "References").
 */
import { parentModule, parseAddress } from "./address.js";
import { isObject } from "./cdktf.js";
import type { ModuleConfig } from "./plan-configuration.js";
import type { Instance } from "./plan-instances.js";
import type { Json, JsonObject } from "./types.js";

/** Resolves reference strings made in module instance `mi` (module path `mpath`) to addresses. */
export type Resolve = (list: string[], mi: string, mpath: string, fromKey: string | null) => string[];

export function referenceResolver(instances: Map<string, Instance>, modules: Map<string, ModuleConfig>): Resolve {
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
  return resolve;
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
export function exprRefs(res: JsonObject): Array<[string, string[], boolean]> {
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
