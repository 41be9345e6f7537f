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

/**
 * Finishes a normalized document: zone and classification (tags, then inheritance along
 * references in both directions, then the default zone), `by_type` and `related`.
 * Linear in resources + references (plus sorting of the per-key lists).
 */
export function assemble(args: AssembleArgs, opts: LoadOptions): NormalizedInput {
  const diagnostics: Diagnostic[] = args.diagnostics ?? [];
  const resources: Record<string, NormalizedResource> = {};
  const list = [...args.resources].sort((a, b) => cmp(a.address, b.address));
  for (const r of list) resources[r.address] = r;

  // Adjacency (undirected) over resolved references; drop references to unknown addresses.
  const adj = new Map<string, Set<string>>();
  const link = (a: string, b: string) => {
    let s = adj.get(a);
    if (!s) adj.set(a, (s = new Set()));
    s.add(b);
  };
  for (const r of list) {
    for (const path of Object.keys(r.refs)) {
      const targets = r.refs[path]!.filter((t) => t in resources && t !== r.address);
      r.refs[path] = [...new Set(targets)].sort(cmp);
      if (r.refs[path]!.length === 0) delete r.refs[path];
      for (const t of targets) {
        link(r.address, t);
        link(t, r.address);
      }
    }
  }

  // Zone and classification from tags.
  for (const r of list) {
    r.zone = null;
    r.classification = null;
    r.zone_source = null;
    r.classification_source = null;
    const zt = r.tags[ZONE_TAG];
    if (zt !== undefined) {
      const z = parseZone(zt);
      if (z) {
        r.zone = z;
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
        r.classification = c;
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

  propagate<Zone>(
    list,
    adj,
    resources,
    (r) => r.zone,
    (r, z) => {
      r.zone = z;
      r.zone_source = "inherited";
    },
    ZONE_RANK,
  );
  propagate<Classification>(
    list,
    adj,
    resources,
    (r) => r.classification,
    (r, c) => {
      r.classification = c;
      r.classification_source = "inherited";
    },
    CLASS_RANK,
  );
  if (opts.defaultZone) {
    for (const r of list) {
      if (r.zone === null) {
        r.zone = opts.defaultZone;
        r.zone_source = "default";
      }
    }
  }

  // by_type and related.
  const byType: Record<string, string[]> = {};
  for (const r of list) (byType[typeKey(r)] ??= []).push(r.address); // list is sorted
  const related: Record<string, Record<string, string[]>> = {};
  for (const r of list) {
    const ns = adj.get(r.address);
    if (!ns) continue;
    const byT: Record<string, string[]> = {};
    for (const n of [...ns].sort(cmp)) (byT[typeKey(resources[n]!)] ??= []).push(n);
    related[r.address] = sortKeys(byT);
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

/**
 * Multi-source BFS: every resource without its own value takes the value of the nearest resource
 * that has one, following references in both directions. When neighbours at the same distance
 * disagree, the strictest value wins (mynumber > lgwan > internet; I > II > III > IV).
 * Data sources take a value but do not relay it.
 */
function propagate<V extends string>(
  list: NormalizedResource[],
  adj: Map<string, Set<string>>,
  resources: Record<string, NormalizedResource>,
  get: (r: NormalizedResource) => V | null,
  set: (r: NormalizedResource, v: V) => void,
  rank: Record<V, number>,
): void {
  // Data sources receive a value but do not pass it on: they are often shared by the whole stack
  // (aws_caller_identity, aws_region, aws_iam_policy_document used by several zones).
  const done = new Set<string>();
  let frontier: NormalizedResource[] = [];
  for (const r of list) {
    if (get(r) === null) continue;
    done.add(r.address);
    if (r.mode !== "data") frontier.push(r);
  }
  while (frontier.length > 0) {
    const best = new Map<string, V>();
    for (const r of frontier) {
      const v = get(r)!;
      const ns = adj.get(r.address);
      if (!ns) continue;
      for (const n of ns) {
        if (done.has(n)) continue;
        const cur = best.get(n);
        if (cur === undefined || rank[v] > rank[cur]) best.set(n, v);
      }
    }
    const next: NormalizedResource[] = [];
    for (const [addr, v] of best) {
      const r = resources[addr]!;
      set(r, v);
      done.add(addr);
      if (r.mode !== "data") next.push(r);
    }
    frontier = next;
  }
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
