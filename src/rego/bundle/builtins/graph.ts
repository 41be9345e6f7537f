// graph.reachable_paths (graph.reachable is native in the runtime).

import { type Impl, isObject, regoCompare, typeFail, valueEqual } from "./common.js";
import { regoText } from "./sprintf.js";

/** A node's edges: the SDK gives objects with non-string keys their keys in Rego text. */
const edgesOf = (graph: Record<string, unknown>, node: unknown): unknown[] | undefined => {
  const key = typeof node === "string" ? node : regoText(node);
  if (!Object.prototype.hasOwnProperty.call(graph, key)) return undefined;
  const e = graph[key];
  return Array.isArray(e) ? e : [];
};

/** Every path from the initial nodes until a leaf, a node outside the graph or a cycle, as OPA. */
function reachablePaths(g: unknown, initial: unknown): unknown[][] {
  if (!isObject(g)) throw typeFail(1, "object", g);
  if (!Array.isArray(initial)) throw typeFail(2, "{array, set}", initial);
  const out: unknown[][] = [];
  const add = (p: unknown[]) => {
    if (!out.some((q) => valueEqual(q, p))) out.push(p);
  };
  const walk = (root: unknown, path: unknown[], reached: unknown[]): void => {
    const edges = edgesOf(g, root);
    if (!edges) return add(path);
    const here = [...path, root];
    if (edges.length === 0) return add(here);
    const seen = [...reached, root];
    for (const n of edges) {
      if (seen.some((x) => valueEqual(x, n))) add(here);
      else walk(n, here, seen);
    }
  };
  for (const node of initial) {
    const edges = edgesOf(g, node);
    if (!edges) continue;
    if (edges.length === 0) add([node]);
    else for (const n of edges) walk(n, [node], [node]);
  }
  return out.sort(regoCompare);
}

export const graphBuiltins: Record<string, Impl> = {
  "graph.reachable_paths": reachablePaths,
};
