// Name resolution: what a variable or a call names, seen from a module. A name is global when it
// is `input`, `data`, a rule of the module's package or an import alias — unless the body
// declared it local (`some`, `:=`, function arguments).

import type { Module } from "../syntax/ast.js";
import type { Program } from "./program.js";
import { BUILTINS } from "./builtin-table.js";

/** Where a name is looked up: the module, and the variables declared local at that point. */
export interface Scope {
  mod: Module;
  declared: Set<string>;
}

export class Resolver {
  constructor(private readonly program: Program) {}

  private importPath(mod: Module, name: string): string[] | undefined {
    for (const imp of mod.imports) {
      const alias = imp.alias ?? imp.path[imp.path.length - 1];
      if ((imp.path[0] === "data" || imp.path[0] === "input") && alias === name) return imp.path;
    }
    return undefined;
  }

  private isPackageRule(mod: Module, name: string): boolean {
    return this.program.packageRules.get(mod.package.join("."))?.has(name) ?? false;
  }

  isGlobal(scope: Scope, name: string): boolean {
    if (scope.declared.has(name)) return false;
    if (name === "input" || name === "data") return true;
    if (this.isPackageRule(scope.mod, name)) return true;
    return this.importPath(scope.mod, name) !== undefined;
  }

  /** The absolute path a global name stands for: ["input", ...] or ["data", ...]. */
  globalPath(scope: Scope, name: string): string[] {
    if (name === "input" || name === "data") return [name];
    if (this.isPackageRule(scope.mod, name)) return ["data", ...scope.mod.package, name];
    return this.importPath(scope.mod, name)!;
  }

  /** A call's operator: a user function's data path or a builtin name. */
  resolveCall(scope: Scope, op: string[]): { path?: string[]; builtin?: string } {
    const head = op[0];
    if (head === "data") return { path: op };
    if (this.isPackageRule(scope.mod, head) && !scope.declared.has(head)) {
      return { path: ["data", ...scope.mod.package, ...op] };
    }
    const imp = this.importPath(scope.mod, head);
    if (imp && imp[0] === "data") return { path: [...imp, ...op.slice(1)] };
    return { builtin: op.join(".") };
  }

  functionArity(path: string[]): number | undefined {
    const node = this.program.find(path.slice(1));
    if (node?.leafKind === "function") return node.leafDefs[0].rule.head.args?.length ?? 0;
    return undefined;
  }

  /** Number of arguments a call takes (a call with one more passes its result to that argument). */
  callArity(scope: Scope, op: string[]): number | undefined {
    const r = this.resolveCall(scope, op);
    if (r.path) return this.functionArity(r.path);
    return BUILTINS.get(r.builtin!)?.arity;
  }
}
