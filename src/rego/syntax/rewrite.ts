// One walk for the passes that replace AST nodes (print calls, METADATA calls, calls of
// zero-argument rules): children first, then the node itself, so a replacement sees rewritten
// children and is not walked again.

/**
 * Rewrites `node` in place, bottom-up: the fields of every object are rewritten first, then the
 * object is passed to `replace`, whose result takes its place (return the object to keep it).
 * Locations and METADATA annotations are not entered.
 */
export function rewriteBottomUp(node: unknown, replace: (o: Record<string, unknown>) => unknown): unknown {
  if (Array.isArray(node)) {
    for (let i = 0; i < node.length; i++) node[i] = rewriteBottomUp(node[i], replace);
    return node;
  }
  if (!node || typeof node !== "object") return node;
  const o = node as Record<string, unknown>;
  for (const k of Object.keys(o)) if (k !== "loc" && k !== "annotations") o[k] = rewriteBottomUp(o[k], replace);
  return replace(o);
}
