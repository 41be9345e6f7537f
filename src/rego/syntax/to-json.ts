// A module as OPA's JSON AST: what `opa parse --format json` prints and `rego.parse_module`
// returns (OPA 1.x; the shape of its ast package's JSON marshalling as of v1.12, without
// locations and comments, which OPA leaves out unless asked).
//
//   module   {"package": {"path": [terms]}, "imports": [...], "rules": [...]}   (empty lists left out)
//   import   {"path": term, "alias": "x"}
//   rule     {"default": true, "head": head, "body": [exprs], "else": rule}
//   head     {"name": "p", "ref": [terms], "args": [terms], "key": term, "value": term, "assign": true}
//   expr     {"index": i, "negated": true, "terms": term | [operator, args...] | {"symbols": [...]}
//             | {"key", "value", "domain", "body"}, "with": [{"target": term, "value": term}]}
//   term     {"type": "null" | "boolean" | "number" | "string" | "var" | "ref" | "array" | "set"
//             | "object" | "arraycomprehension" | "setcomprehension" | "objectcomprehension"
//             | "call" | "templatestring", "value": ...}
//
// As OPA's parser writes them: `input` and `data` standing alone are references; a wildcard is
// `$0`, `$1`, ...; a rule without a body has the body `true`, a rule without a value the value
// `true` (except a multi-value rule); a call's operator is a reference (`count`, `time.now_ns`,
// `data.lib.f`); `some x in xs` is a declaration of the call `internal.member_2(x, xs)`. The AST
// is sanso's: a v0 module gives the JSON of its v1 form, as OPA's does for a module it parsed as v0.
// A null is {"type": "null", "value": {}}; a template string's value is {"parts": [terms and
// exprs], "multi_line": bool}.

import { isTemplateExpr, type Annotation, type Body, type Expr, type Module, type Rule, type Term } from "./ast.ts";

export type JsonValue = null | boolean | number | string | JsonValue[] | { [k: string]: JsonValue } | BigNumber;

/** An integer literal beyond 2^53, kept as written (its digits are lost in a double). */
export class BigNumber {
  constructor(readonly raw: string) {}
  toJSON(): number {
    return Number(this.raw);
  }
}

export interface ToJsonOptions {
  /** The JSON of a METADATA annotation; without it, the module's annotations are left out. */
  annotation?: (a: Annotation) => JsonValue;
}

const term = (type: string, value: JsonValue): JsonValue => ({ type, value });
const ref = (names: string[]): JsonValue => term("ref", names.map((n, i) => (i === 0 ? term("var", n) : term("string", n))));

/** A wildcard `$_3` as OPA names it (`$3`). */
const varName = (name: string): string => (name.startsWith("$_") ? `$${name.slice(2)}` : name);

function number(raw: string): JsonValue {
  const n = Number(raw);
  return /^-?\d+$/.test(raw) && !Number.isSafeInteger(n) ? new BigNumber(raw) : n;
}

export function termToJson(t: Term): JsonValue {
  switch (t.type) {
    case "null": return term("null", {}); // OPA's Null is an empty struct
    case "boolean": return term("boolean", t.value);
    case "number": return term("number", number(t.raw));
    case "string": return term("string", t.value);
    case "var":
      return t.name === "input" || t.name === "data" ? term("ref", [term("var", t.name)]) : term("var", varName(t.name));
    case "ref": {
      const head = t.head.type === "var" ? term("var", varName(t.head.name)) : termToJson(t.head);
      return term("ref", [head, ...t.path.map(termToJson)]);
    }
    case "array": return term("array", t.items.map(termToJson));
    case "set": return term("set", t.items.map(termToJson));
    case "object": return term("object", t.entries.map(([k, v]) => [termToJson(k), termToJson(v)]));
    case "arraycompr": return term("arraycomprehension", { term: termToJson(t.term), body: bodyToJson(t.body) });
    case "setcompr": return term("setcomprehension", { term: termToJson(t.term), body: bodyToJson(t.body) });
    case "objectcompr": return term("objectcomprehension", { key: termToJson(t.key), value: termToJson(t.value), body: bodyToJson(t.body) });
    case "call": return term("call", [ref(t.op), ...t.args.map(termToJson)]);
    case "template":
      return term("templatestring", {
        multi_line: t.multiLine,
        parts: t.parts.map((p) => (isTemplateExpr(p) ? exprToJson(p, 0) : termToJson(p))),
      });
  }
}

function exprToJson(e: Expr, index: number): JsonValue {
  const out: { [k: string]: JsonValue } = { index };
  if (e.negated) out.negated = true;
  const b = e.body;
  switch (b.type) {
    case "term":
      out.terms = b.term.type === "call" ? [ref(b.term.op), ...b.term.args.map(termToJson)] : termToJson(b.term);
      break;
    case "some":
      out.terms = { symbols: b.vars.map(termToJson) };
      break;
    case "somein": {
      const call: Term = b.key
        ? { type: "call", op: ["internal", "member_3"], args: [b.key, b.value, b.collection], loc: b.value.loc }
        : { type: "call", op: ["internal", "member_2"], args: [b.value, b.collection], loc: b.value.loc };
      out.terms = { symbols: [termToJson(call)] };
      break;
    }
    case "every":
      out.terms = { key: b.key ? termToJson(b.key) : null, value: termToJson(b.value), domain: termToJson(b.domain), body: bodyToJson(b.body) };
      break;
  }
  if (e.with.length) out.with = e.with.map((w) => ({ target: termToJson(w.target), value: termToJson(w.value) }));
  return out;
}

export function bodyToJson(body: Body): JsonValue[] {
  return body.map(exprToJson);
}

const TRUE: Term = { type: "boolean", value: true, loc: { file: "", line: 0, col: 0 } };

function ruleToJson(r: Rule): JsonValue {
  const h = r.head;
  const head: { [k: string]: JsonValue } = {};
  const first = h.ref[0];
  if (h.ref.length === 1 && first?.type === "var") head.name = first.name;
  head.ref = h.ref.map((t, i) => (i === 0 && t.type === "var" ? term("var", t.name) : termToJson(t)));
  if (h.args) head.args = h.args.map(termToJson);
  if (h.key) head.key = termToJson(h.key);
  if (h.value) head.value = termToJson(h.value);
  else if (h.kind !== "partial_set") head.value = termToJson(TRUE);
  if (h.assign) head.assign = true;
  const out: { [k: string]: JsonValue } = {};
  if (r.default) out.default = true;
  out.head = head;
  out.body = r.body.length ? bodyToJson(r.body) : bodyToJson([{ loc: r.loc, negated: false, with: [], body: { type: "term", term: TRUE } }]);
  if (r.else) out.else = ruleToJson(r.else);
  return out;
}

/** The module as OPA's JSON AST. */
export function moduleToJson(m: Module, opts: ToJsonOptions = {}): JsonValue {
  const out: { [k: string]: JsonValue } = {
    package: { path: [term("var", "data"), ...m.package.map((p) => term("string", p))] },
  };
  if (m.imports.length) {
    out.imports = m.imports.map((imp): JsonValue => {
      const path = imp.path.length === 1 ? termToJson({ type: "var", name: imp.path[0]!, loc: imp.loc }) : ref(imp.path);
      return imp.alias === undefined ? { path } : { path, alias: imp.alias };
    });
  }
  if (opts.annotation && m.annotations.length) out.annotations = m.annotations.map(opts.annotation);
  if (m.rules.length) out.rules = m.rules.map(ruleToJson);
  return out;
}
