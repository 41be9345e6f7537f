/**
 * `rego.metadata.rule()` and `rego.metadata.chain()` are known when the policy is compiled, so, as
 * OPA's compiler does, each call is replaced by its value: a constant term built from the METADATA
 * annotations of the rule that contains the call.
 *
 *   rule()  → the annotation written for the rule with scope `rule`, or `{}` when there is none;
 *   chain() → the path from that rule outward: the rule (always first, `annotations` absent when it
 *             has none), its document-scoped annotation, its package's, then the `subpackages`
 *             annotations of the enclosing packages, nearest first. Each link is
 *             `{"path": [...without "data"], "annotations": {...}}`.
 *
 * An annotation object has OPA's keys: scope, title, description, entrypoint (only when true),
 * organizations, related_resources ({ref, description}), authors ({name, email}), schemas, custom.
 */
import type { Annotation, Location, Module, Rule, Term } from "../syntax/ast.js";
import { RegoError } from "../syntax/ast.js";
import { ruleStaticPath } from "../syntax/annotations.js";
import { rewriteBottomUp } from "../syntax/rewrite.js";

const RULE_OP = "rego.metadata.rule";
const CHAIN_OP = "rego.metadata.chain";

/** The two builtins this rewrite serves, declared as OPA's capabilities declare them. */
export const METADATA_BUILTIN_DECLS: Record<string, string> = { [CHAIN_OP]: "() -> A<a>", [RULE_OP]: "() -> a" };

/** A JSON value as a constant term located at `loc`. */
export function jsonTerm(v: unknown, loc: Location): Term {
  if (v === null || v === undefined) return { type: "null", loc };
  if (typeof v === "boolean") return { type: "boolean", value: v, loc };
  if (typeof v === "number") return { type: "number", value: v, raw: String(v), loc };
  if (typeof v === "string") return { type: "string", value: v, loc };
  if (Array.isArray(v)) return { type: "array", items: v.map((x) => jsonTerm(x, loc)), loc };
  if (v instanceof Date) return { type: "string", value: v.toISOString(), loc };
  const o = v as Record<string, unknown>;
  return { type: "object", entries: Object.keys(o).map((k) => [{ type: "string", value: k, loc }, jsonTerm(o[k], loc)]), loc };
}

/** `"Jane Doe <jane@example.org>"` → {name, email}, as OPA reads an author written as a string. */
function author(a: unknown): unknown {
  if (typeof a !== "string") return a;
  const m = /^(.*?)\s*<([^<>]+)>\s*$/.exec(a.trim());
  if (m) return m[1] ? { name: m[1], email: m[2] } : { email: m[2] };
  return a.includes("@") && !/\s/.test(a.trim()) ? { email: a.trim() } : { name: a.trim() };
}

/** A related resource written as a bare URL → {ref}. */
function relatedResource(r: unknown): unknown {
  return typeof r === "string" ? { ref: r } : r;
}

/** The annotation as the JSON object OPA's builtins return. */
export function annotationObject(a: Annotation): Record<string, unknown> {
  const o: Record<string, unknown> = { scope: a.scope };
  if (a.title) o.title = a.title;
  if (a.entrypoint) o.entrypoint = true;
  if (a.description) o.description = a.description;
  if (a.organizations?.length) o.organizations = a.organizations;
  if (a.related_resources?.length) o.related_resources = a.related_resources.map(relatedResource);
  if (a.authors?.length) o.authors = a.authors.map(author);
  if (a.schemas?.length) o.schemas = a.schemas;
  if (a.custom && Object.keys(a.custom).length) o.custom = a.custom;
  return o;
}

interface Scopes {
  document: Map<string, Annotation>;
  package: Map<string, Annotation>;
  subpackages: Map<string, Annotation>;
}

const key = (path: string[]) => JSON.stringify(path);

function collectScopes(modules: Module[]): Scopes {
  const s: Scopes = { document: new Map(), package: new Map(), subpackages: new Map() };
  for (const m of modules) {
    for (const a of m.annotations) {
      if (a.scope === "document") s.document.set(key(a.path), a);
      else if (a.scope === "package") s.package.set(key(a.path), a);
      else if (a.scope === "subpackages") s.subpackages.set(key(a.path), a);
    }
  }
  return s;
}

function chainOf(rule: Rule, m: Module, scopes: Scopes): unknown[] {
  const rulePath = ["data", ...m.package, ...ruleStaticPath(rule)];
  const pkgPath = ["data", ...m.package];
  const link = (path: string[], a?: Annotation) => (a ? { path: path.slice(1), annotations: annotationObject(a) } : { path: path.slice(1) });
  const own = rule.annotations?.find((a) => a.scope === "rule");
  const out: unknown[] = [link(rulePath, own)];
  const doc = scopes.document.get(key(rulePath));
  if (doc) out.push(link(rulePath, doc));
  const pkg = scopes.package.get(key(pkgPath));
  if (pkg) out.push(link(pkgPath, pkg));
  for (let n = pkgPath.length; n >= 1; n--) {
    const sub = scopes.subpackages.get(key(pkgPath.slice(0, n)));
    if (sub) out.push(link(pkgPath.slice(0, n), sub));
  }
  return out;
}

/** Replaces every `rego.metadata.rule()` / `rego.metadata.chain()` call in the modules' rules. */
export function rewriteMetadataCalls(modules: Module[]): void {
  let scopes: Scopes | undefined;
  for (const m of modules) {
    for (const rule of m.rules) {
      const replace = (o: Record<string, unknown>): unknown => {
        if (o.type !== "call" || !Array.isArray(o.op)) return o;
        const name = (o.op as string[]).join(".");
        if (name !== RULE_OP && name !== CHAIN_OP) return o;
        const call = o as unknown as Extract<Term, { type: "call" }>;
        if (call.args.length > 0) {
          throw new RegoError(call.loc, `${name}: arity mismatch\n\thave: (${call.args.map(() => "any").join(", ")})\n\twant: ()`, "rego_type_error");
        }
        scopes ??= collectScopes(modules);
        if (name === RULE_OP) {
          const own = rule.annotations?.find((a) => a.scope === "rule");
          return jsonTerm(own ? annotationObject(own) : {}, call.loc);
        }
        return jsonTerm(chainOf(rule, m, scopes), call.loc);
      };
      // an else link belongs to its rule: it sees the same metadata
      for (let r: Rule | undefined = rule; r; r = r.else) {
        rewriteBottomUp(r.head, replace);
        rewriteBottomUp(r.body, replace);
      }
    }
  }
}
