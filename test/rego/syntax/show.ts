// A compact, unambiguous printer for AST assertions in tests.
// Refs print as head["str"][var]; calls as op(args); sets as {a, b} / set(); objects as {k: v}.
import { expect } from "vitest";
import { isTemplateExpr, RegoErrors, type Body, type Expr, type Rule, type Term } from "../../../src/rego/syntax/index.ts";

export function show(t: Term): string {
  switch (t.type) {
    case "null": return "null";
    case "boolean": return String(t.value);
    case "number": return t.raw;
    case "string": return JSON.stringify(t.value);
    case "var": return t.name;
    case "ref": return show(t.head) + t.path.map((p) => `[${show(p)}]`).join("");
    case "array": return `[${t.items.map(show).join(", ")}]`;
    case "set": return t.items.length ? `{${t.items.map(show).join(", ")}}` : "set()";
    case "object": return `{${t.entries.map(([k, v]) => `${show(k)}: ${show(v)}`).join(", ")}}`;
    case "arraycompr": return `[${show(t.term)} | ${showBody(t.body)}]`;
    case "setcompr": return `{${show(t.term)} | ${showBody(t.body)}}`;
    case "objectcompr": return `{${show(t.key)}: ${show(t.value)} | ${showBody(t.body)}}`;
    case "call": return `${t.op.join(".")}(${t.args.map(show).join(", ")})`;
    case "template": return `$${t.multiLine ? "`" : '"'}${t.parts.map((p) => (isTemplateExpr(p) ? `{${showExpr(p)}}` : p.type === "string" ? p.value : `{${show(p)}}`)).join("")}${t.multiLine ? "`" : '"'}`;
  }
}

export function showExpr(e: Expr): string {
  let s = e.negated ? "not " : "";
  const b = e.body;
  switch (b.type) {
    case "term": s += show(b.term); break;
    case "some": s += `some ${b.vars.map(show).join(", ")}`; break;
    case "somein": s += `some ${b.key ? show(b.key) + ", " : ""}${show(b.value)} in ${show(b.collection)}`; break;
    case "every":
      s += `every ${b.key ? show(b.key) + ", " : ""}${show(b.value)} in ${show(b.domain)} { ${showBody(b.body)} }`;
      break;
  }
  for (const w of e.with) s += ` with ${show(w.target)} as ${show(w.value)}`;
  return s;
}

export function showBody(b: Body): string {
  return b.map(showExpr).join("; ");
}

/** `[default ]ref[(args)][ contains key][ :=|= value] { body }[ else[ :=|= value] { body }]...` */
export function showRule(r: Rule): string {
  const h = r.head;
  let s = r.default ? "default " : "";
  s += h.ref.map((t, i) => (i === 0 ? show(t) : `[${show(t)}]`)).join("");
  if (h.args) s += `(${h.args.map(show).join(", ")})`;
  if (h.key) s += ` contains ${show(h.key)}`;
  return s + showTail(r);
}

function showTail(r: Rule): string {
  let s = r.head.value ? ` ${r.head.assign ? ":=" : "="} ${show(r.head.value)}` : "";
  s += ` { ${showBody(r.body)} }`;
  if (r.else) s += " else" + showTail(r.else);
  return s;
}

/** The error messages (file:line:col: detail) of a failing parse; every one is a rego_parse_error. */
export function parseErrors(f: () => unknown): string[] {
  try {
    f();
  } catch (e) {
    if (e instanceof RegoErrors) {
      for (const x of e.errors) expect(x.code).toBe("rego_parse_error");
      return e.errors.map((x) => x.message);
    }
    throw e;
  }
  throw new Error("expected a parse error");
}
