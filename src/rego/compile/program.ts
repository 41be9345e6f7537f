// The program: every module's rules placed in one tree of documents under `data`.
//
// A rule's full head ref is its package path followed by its head ref. The leading constant
// part (the "prefix") names a node of the tree; what follows (the "rest", starting at the first
// variable or computed key) is filled in at run time:
//   package a; p := 1                → node a.p, leaf rule (complete)
//   package a; p contains x if ...   → node a.p, leaf rule (partial set)
//   package a; f(x) := y if ...      → node a.f, leaf rule (function)
//   package a; p[k] := v if ...      → node a.p is "generated": an object built from its rules
//   package a; p[q].r := i if ...    → node a.p generated; the rule inserts at [q, "r"]
// A generated node absorbs every rule at or below it, so `p.a.r := 0` beside `p[q].r := i`
// becomes one more insertion into p's object.

import type { Location, Module, Rule, RuleKind, Term } from "../syntax/ast.js";
import { RegoError } from "../syntax/ast.js";

export interface RuleDef {
  rule: Rule;
  module: Module;
  /** The package path (without "data"). */
  pkg: string[];
  /** Constant part of the full head ref (package path + head ref), without "data". */
  prefix: string[];
  /** The rest of the head ref, evaluated at run time. */
  rest: Term[];
}

export type LeafKind = RuleKind;

export class DocNode {
  readonly children = new Map<string, DocNode>();
  /** Rules whose full ref is exactly this node and has no dynamic rest. */
  leafDefs: RuleDef[] = [];
  leafKind?: LeafKind;
  /** Set when some rule's dynamic rest starts here: the node's value is built by insertions. */
  generated = false;
  /** For generated nodes: every rule at or below, with its path relative to this node. */
  genDefs: Array<{ def: RuleDef; relPath: Term[] }> = [];
  /** Absorbed into a generated ancestor. */
  absorbed = false;
  /** A package path: a document (possibly `{}`) even without rules. */
  isPackage = false;
  /** Rules or packages define this node or something below it: a virtual document. */
  virtual = false;
  constructor(readonly path: string[]) {}

  child(key: string): DocNode {
    let c = this.children.get(key);
    if (!c) {
      c = new DocNode([...this.path, key]);
      this.children.set(key, c);
    }
    return c;
  }

  get id(): string {
    return this.path.length === 0 ? "data" : "data." + this.path.join(".");
  }
}

export class Program {
  readonly root = new DocNode([]);
  /** Package path (joined with '.') → names of the rules defined in that package (first ref element). */
  readonly packageRules = new Map<string, Set<string>>();

  constructor(readonly modules: Module[]) {
    for (const m of modules) {
      const key = m.package.join(".");
      let names = this.packageRules.get(key);
      if (!names) this.packageRules.set(key, (names = new Set()));
      for (const r of m.rules) {
        const first = r.head.ref[0];
        if (first.type === "var") names.add(first.name);
      }
    }
    const errors: RegoError[] = [];
    for (const m of modules) {
      let node = this.root;
      for (const k of m.package) node = node.child(k);
      node.isPackage = true;
    }
    for (const m of modules) for (const r of m.rules) {
      try {
        this.place(m, r);
      } catch (e) {
        if (e instanceof RegoError) errors.push(e);
        else throw e;
      }
    }
    this.absorb(this.root, null, errors);
    this.checkLeaves(this.root, errors);
    this.markVirtual(this.root);
    if (errors.length) throw errors;
  }

  private place(m: Module, rule: Rule): void {
    const ref = rule.head.ref;
    const full: Term[] = [];
    for (const p of m.package) full.push({ type: "string", value: p, loc: m.packageLoc });
    const head = ref[0];
    if (head.type !== "var") throw new RegoError(rule.loc, "rule name must be a variable", "rego_parse_error");
    full.push({ type: "string", value: head.name, loc: head.loc });
    full.push(...ref.slice(1));
    const prefix: string[] = [];
    let i = 0;
    for (; i < full.length; i++) {
      const t = full[i];
      if (t.type !== "string") break;
      prefix.push(t.value);
    }
    const rest = full.slice(i);
    const def: RuleDef = { rule, module: m, pkg: m.package, prefix, rest };
    let node = this.root;
    for (const k of prefix) node = node.child(k);
    if (rest.length > 0) {
      if (rule.head.kind === "function") throw new RegoError(rule.loc, "functions must not have dynamic rule heads", "rego_type_error");
      node.generated = true;
      node.genDefs.push({ def, relPath: rest });
      return;
    }
    if (node.leafKind && node.leafKind !== rule.head.kind) {
      throw new RegoError(rule.loc, `conflicting rules ${node.id} found`, "rego_type_error");
    }
    node.leafKind = rule.head.kind;
    node.leafDefs.push(def);
  }

  /** Moves every rule below a generated node into that node's insertions. */
  private absorb(node: DocNode, gen: DocNode | null, errors: RegoError[]): void {
    if (gen) {
      node.absorbed = true;
      const rel = node.path.slice(gen.path.length);
      const relTerms = (loc: Location): Term[] => rel.map((s) => ({ type: "string", value: s, loc }) as Term);
      for (const d of node.leafDefs) {
        if (node.leafKind === "function") {
          errors.push(new RegoError(d.rule.loc, `rule ${node.id} conflicts with ${gen.id}`, "rego_type_error"));
          continue;
        }
        gen.genDefs.push({ def: d, relPath: relTerms(d.rule.loc) });
      }
      if (node !== gen) for (const g of node.genDefs) gen.genDefs.push({ def: g.def, relPath: [...relTerms(g.def.rule.loc), ...g.relPath] });
      if (node !== gen) { node.leafDefs = []; node.genDefs = []; node.leafKind = undefined; }
    } else if (node.generated) {
      gen = node;
      // Leaf rules exactly at the generated node (e.g. `p := {...}` beside `p[k] := v`) merge too.
      for (const d of node.leafDefs) node.genDefs.push({ def: d, relPath: [] });
      node.leafDefs = [];
      node.leafKind = undefined;
    }
    for (const c of node.children.values()) this.absorb(c, gen, errors);
  }

  private checkLeaves(node: DocNode, errors: RegoError[]): void {
    if (node.leafKind && node.children.size > 0 && !node.generated) {
      const d = node.leafDefs[0];
      const below = [...node.children.values()][0];
      errors.push(new RegoError(d.rule.loc, `rule ${node.id} conflicts with [${below.id}]`, "rego_type_error"));
    }
    for (const c of node.children.values()) this.checkLeaves(c, errors);
  }

  private markVirtual(node: DocNode): boolean {
    let v = !!node.leafKind || node.generated || node.isPackage;
    for (const c of node.children.values()) if (this.markVirtual(c)) v = true;
    node.virtual = v;
    return v;
  }

  /** The node at `path` (without "data"), or undefined. */
  find(path: string[]): DocNode | undefined {
    let node: DocNode | undefined = this.root;
    for (const k of path) {
      node = node.children.get(k);
      if (!node) return undefined;
    }
    return node;
  }
}
