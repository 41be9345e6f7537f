import { CLASSIFICATION_TAG, CLASS_RANK, ZONE_RANK, ZONE_TAG, parseClassification, parseZone } from "./tags.js";
import type {
  Classification,
  Diagnostic,
  InputFormat,
  InputSource,
  Json,
  LoadOptions,
  NormalizedInput,
  NormalizedResource,
  ProviderInfo,
  Zone,
} from "./types.js";

export interface AssembleArgs {
  format: InputFormat;
  stack: string;
  source: InputSource;
  resources: NormalizedResource[];
  providers: Record<string, ProviderInfo>;
  variables?: Record<string, Json>;
  diagnostics?: Diagnostic[];
}

/** Key under which a resource is listed in `by_type` / `related`: `data.<type>` for data sources. */
export function typeKey(r: { mode: string; type: string }): string {
  return r.mode === "data" ? `data.${r.type}` : r.type;
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export function assemble(args: AssembleArgs, opts: LoadOptions): NormalizedInput {
  const diagnostics: Diagnostic[] = args.diagnostics ?? [];
  // Resources get integer ids in address order; the graph works on ids.
  const list = [...args.resources].sort((a, b) => cmp(a.address, b.address));
  const n = list.length;
  const idOf = new Map<string, number>();
  const resources: Record<string, NormalizedResource> = {};
  for (let i = 0; i < n; i++) {
    const r = list[i]!;
    idOf.set(r.address, i);
    resources[r.address] = r;
  }

  // Adjacency (undirected) over resolved references; references to unknown addresses are dropped.
  const adj: number[][] = new Array(n);
  for (let i = 0; i < n; i++) adj[i] = [];
  for (let i = 0; i < n; i++) {
    const r = list[i]!;
    const refs: Record<string, string[]> = {};
    for (const path of Object.keys(r.refs).sort(cmp)) {
      const ids: number[] = [];
      for (const t of r.refs[path]!) {
        const j = idOf.get(t);
        if (j !== undefined && j !== i) ids.push(j);
      }
      if (ids.length === 0) continue;
      const u = uniqueSortedIds(ids);
      refs[path] = u.map((j) => list[j]!.address);
      for (const j of u) {
        adj[i]!.push(j);
        adj[j]!.push(i);
      }
    }
    r.refs = refs;
  }
  for (let i = 0; i < n; i++) if (adj[i]!.length > 1) adj[i] = uniqueSortedIds(adj[i]!);

  // Zone and classification from tags.
  const zone: Array<Zone | null> = new Array(n).fill(null);
  const cls: Array<Classification | null> = new Array(n).fill(null);
  for (let i = 0; i < n; i++) {
    const r = list[i]!;
    r.zone = null;
    r.classification = null;
    r.zone_source = null;
    r.classification_source = null;
    const zt = r.tags[ZONE_TAG];
    if (zt !== undefined) {
      const z = parseZone(zt);
      if (z) {
        zone[i] = r.zone = z;
        r.zone_source = "tag";
      } else {
        diagnostics.push({
          address: r.address,
          message_ja: `タグ ${ZONE_TAG} の値「${zt}」は区分として認識できません(mynumber / lgwan / internet またはその日本語名)。`,
          message_en: `tag ${ZONE_TAG} value "${zt}" is not a known zone (mynumber / lgwan / internet or the Japanese names)`,
        });
      }
    }
    const ct = r.tags[CLASSIFICATION_TAG];
    if (ct !== undefined) {
      const c = parseClassification(ct);
      if (c) {
        cls[i] = r.classification = c;
        r.classification_source = "tag";
      } else {
        diagnostics.push({
          address: r.address,
          message_ja: `タグ ${CLASSIFICATION_TAG} の値「${ct}」は重要性分類として認識できません(I〜IV)。`,
          message_en: `tag ${CLASSIFICATION_TAG} value "${ct}" is not a known classification (I-IV)`,
        });
      }
    }
  }
  const isData = list.map((r) => r.mode === "data");
  for (const i of propagate(zone, adj, isData, ZONE_RANK)) {
    list[i]!.zone = zone[i]!;
    list[i]!.zone_source = "inherited";
  }
  for (const i of propagate(cls, adj, isData, CLASS_RANK)) {
    list[i]!.classification = cls[i]!;
    list[i]!.classification_source = "inherited";
  }
  if (opts.defaultZone) {
    for (const r of list) {
      if (r.zone === null) {
        r.zone = opts.defaultZone;
        r.zone_source = "default";
      }
    }
  }

  // by_type and related.
  const typeKeys = list.map(typeKey);
  // no prototype: a resource type named "constructor" is a plain key (found by fuzzing)
  const byType: Record<string, string[]> = Object.create(null) as Record<string, string[]>;
  for (let i = 0; i < n; i++) (byType[typeKeys[i]!] ??= []).push(list[i]!.address); // list is sorted
  const related: Record<string, Record<string, string[]>> = {};
  for (let i = 0; i < n; i++) {
    const ns = adj[i]!;
    if (ns.length === 0) continue;
    const byT: Record<string, string[]> = Object.create(null) as Record<string, string[]>;
    for (const j of ns) (byT[typeKeys[j]!] ??= []).push(list[j]!.address); // ns is sorted
    related[list[i]!.address] = ns.length > 1 ? sortKeys(byT) : byT;
  }

  const out: NormalizedInput = {
    format: args.format,
    stack: args.stack,
    source: args.source,
    resources,
    by_type: sortKeys(byType),
    related,
    providers: args.providers,
    diagnostics,
  };
  if (args.variables !== undefined) out.variables = args.variables;
  return out;
}

function uniqueSortedIds(ids: number[]): number[] {
  if (ids.length < 2) return ids;
  ids.sort((a, b) => a - b);
  let k = 1;
  for (let i = 1; i < ids.length; i++) if (ids[i] !== ids[k - 1]) ids[k++] = ids[i]!;
  ids.length = k;
  return ids;
}

/**
 * Multi-source BFS: every resource without its own value takes the value of the nearest resource
 * that has one, following references in both directions. When neighbours at the same distance
 * disagree, the strictest value wins (mynumber > lgwan > internet; I > II > III > IV).
 * Data sources take a value but do not relay it (they are often shared by the whole stack:
 * aws_caller_identity, aws_region, a policy document used in several zones).
 * Fills `values` in place and returns the ids that received an inherited value.
 */
function propagate<V extends string>(values: Array<V | null>, adj: number[][], isData: boolean[], rank: Record<V, number>): number[] {
  const inherited: number[] = [];
  const done = values.map((v) => v !== null);
  let frontier: number[] = [];
  for (let i = 0; i < values.length; i++) if (values[i] !== null && !isData[i]) frontier.push(i);
  while (frontier.length > 0) {
    const touched: number[] = [];
    for (const i of frontier) {
      const v = values[i]!;
      for (const j of adj[i]!) {
        if (done[j]) continue;
        const cur = values[j];
        if (cur === null) {
          values[j] = v;
          touched.push(j);
        } else if (rank[v] > rank[cur!]) values[j] = v;
      }
    }
    const next: number[] = [];
    for (const j of touched) {
      done[j] = true;
      inherited.push(j);
      if (!isData[j]) next.push(j);
    }
    frontier = next;
  }
  return inherited;
}

export function sortKeys<T>(o: Record<string, T>): Record<string, T> {
  const out: Record<string, T> = {};
  for (const k of Object.keys(o).sort(cmp)) out[k] = o[k]!;
  return out;
}

/** Flattens a Terraform tags value (a map of strings) to Record<string,string>. */
export function tagMap(v: Json | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  if (v && typeof v === "object" && !Array.isArray(v)) {
    for (const [k, x] of Object.entries(v)) {
      if (typeof x === "string") out[k] = x;
      else if (typeof x === "number" || typeof x === "boolean") out[k] = String(x);
    }
  }
  return out;
}
