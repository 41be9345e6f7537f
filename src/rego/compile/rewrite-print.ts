/**
 * `print(a, b, …)` is rewritten, as OPA's compiler does, into
 * `internal.print([{$p0 | $p0 = a}, {$p1 | $p1 = b}, …])`: each argument becomes the set of its
 * values, empty when it is undefined (printed as `<undefined>`), so printing never makes a body
 * fail and never changes a result. The JavaScript builtin writes the lines (bundle/builtins/print.ts).
 */
import type { Expr, Module, Term } from "../syntax/ast.js";
import { rewriteBottomUp } from "../syntax/rewrite.js";

export function rewritePrint(modules: Module[]): void {
  let n = 0;
  const replace = (o: Record<string, unknown>): unknown => {
    if (o.type === "call" && Array.isArray(o.op) && o.op.length === 1 && o.op[0] === "print") {
      const call = o as unknown as Extract<Term, { type: "call" }>;
      const loc = call.loc;
      const sets: Term[] = call.args.map((arg) => {
        const v: Term = { type: "var", name: `$print${n++}`, loc };
        const body: Expr[] = [{ loc, negated: false, with: [], body: { type: "term", term: { type: "call", op: ["eq"], args: [v, arg], loc } } }];
        return { type: "setcompr", term: v, body, loc };
      });
      return { type: "call", op: ["internal", "print"], args: [{ type: "array", items: sets, loc }], loc } satisfies Term;
    }
    return o;
  };
  for (const m of modules) {
    // a package's own function named print is called as written
    const shadowed = m.rules.some((r) => r.head.ref[0]?.type === "var" && r.head.ref[0].name === "print");
    if (!shadowed) for (const r of m.rules) rewriteBottomUp(r, replace);
  }
}
