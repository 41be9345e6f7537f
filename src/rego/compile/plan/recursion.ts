// The recursion check: a cycle in the call graph between planned functions (rules calling rules,
// functions calling functions) is OPA's rego_recursion_error, reported once, on the first cycle.

import type { Location } from "../../syntax/ast.js";
import { RegoError } from "../../syntax/ast.js";

export class CallGraph {
  private edges = new Map<string, Set<string>>();
  /** where each function is first called (the rule the error names) */
  private calledAt = new Map<string, Location>();

  /** `from` calls `to` (`from` is "" for the entrypoints and the check stage). */
  add(from: string, to: string, loc: Location | undefined): void {
    let s = this.edges.get(from);
    if (!s) this.edges.set(from, (s = new Set()));
    s.add(to);
    if (loc && !this.calledAt.has(to)) this.calledAt.set(to, loc);
  }

  /** The error for the first cycle found, if any. */
  recursion(): RegoError | undefined {
    const state = new Map<string, number>(); // 1 visiting, 2 done
    const stack: string[] = [];
    let error: RegoError | undefined;
    const visit = (n: string): boolean => {
      if (state.get(n) === 2) return false;
      if (state.get(n) === 1) {
        const cycle = [...stack.slice(stack.indexOf(n)), n].map((x) => x.replace(/^(doc|fn):/, "").replace(/\$.*$/, ""));
        const loc = this.calledAt.get(n) ?? { file: "", line: 0, col: 0 };
        error = new RegoError(loc, `rule ${cycle[0]} is recursive: ${cycle.join(" -> ")}`, "rego_recursion_error");
        return true;
      }
      state.set(n, 1);
      stack.push(n);
      for (const to of this.edges.get(n) ?? []) if (visit(to)) return true;
      stack.pop();
      state.set(n, 2);
      return false;
    };
    for (const n of this.edges.keys()) if (visit(n)) break;
    return error;
  }
}
