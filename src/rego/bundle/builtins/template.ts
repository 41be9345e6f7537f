// strings.render_template: Go's text/template as OPA runs it (missingkey=error), for the
// template language policies use: {{.field.path}}, {{.}}, variables ($, $x := ...), if / else if /
// else, range (with `$i, $v :=`), with, comments and the {{- -}} trim markers. Functions and
// method calls are not supported (an error names them).
//
// Values are printed as Go's fmt %v prints the JSON-decoded data OPA hands to the template:
// numbers as float64 (1, 1.5, 1e+21), arrays as [a b], objects as map[k:v], null as <no value>
// at the top level and <nil> inside a collection.

import { builtinFail, type Impl, isObject, str, typeFail } from "./common.js";

type Node =
  | { kind: "text"; text: string }
  | { kind: "print"; pipe: Pipe }
  | { kind: "assign"; name: string; pipe: Pipe }
  | { kind: "if" | "with"; pipe: Pipe; then: Node[]; else: Node[] }
  | { kind: "range"; pipe: Pipe; key?: string; value?: string; body: Node[]; else: Node[] };

interface Pipe {
  text: string; // for error messages: <.a.b>
  pos: number; // byte offset in the template
  operand: Operand;
}

type Operand =
  | { kind: "field"; base: "dot" | string; path: string[] } // base: "dot" or a variable name ("$", "$x")
  | { kind: "literal"; value: unknown };

class TemplateError {
  constructor(readonly message: string) {}
}

/** "template:LINE:COL" for a byte offset, as text/template's ErrorContext. */
function location(src: string, pos: number): string {
  const before = Buffer.from(src, "utf8").subarray(0, pos);
  const lastNl = before.lastIndexOf(0x0a);
  const line = 1 + before.filter((b) => b === 0x0a).length;
  return `template:${line}:${pos - lastNl - 1}`;
}

// ------------------------------------------------------------------ parsing

interface Action {
  body: string;
  pos: number; // byte offset of the body
}

function lex(src: string): Array<string | Action> {
  const out: Array<string | Action> = [];
  let i = 0;
  let trimNext = false;
  while (i < src.length) {
    const open = src.indexOf("{{", i);
    let text = open < 0 ? src.slice(i) : src.slice(i, open);
    if (trimNext) text = text.replace(/^[ \t\r\n]+/, "");
    trimNext = false;
    if (open < 0) {
      if (text) out.push(text);
      break;
    }
    let start = open + 2;
    if (/^- [\s\S]/.test(src.slice(start)) || /^-[\t\r\n]/.test(src.slice(start))) {
      text = text.replace(/[ \t\r\n]+$/, "");
      start += 1;
    }
    if (text) out.push(text);
    let close: number;
    if (src.slice(start).trimStart().startsWith("/*")) {
      const endComment = src.indexOf("*/", start);
      if (endComment < 0) throw new TemplateError(`template: template:1: unclosed comment`);
      close = src.indexOf("}}", endComment);
      if (close < 0) throw new TemplateError(`template: template:1: unclosed action`);
      if (src[close - 1] === "-" && /[ \t\r\n]/.test(src[close - 2] ?? "")) trimNext = true;
      i = close + 2;
      continue;
    }
    close = findClose(src, start);
    if (close < 0) throw new TemplateError(`template: ${location(src, Buffer.byteLength(src.slice(0, open)))}: unclosed action`);
    let end = close;
    if (src[close - 1] === "-" && /[ \t\r\n]/.test(src[close - 2] ?? "")) {
      trimNext = true;
      end = close - 1;
    }
    const raw = src.slice(start, end);
    const lead = raw.length - raw.trimStart().length;
    out.push({ body: raw.trim(), pos: Buffer.byteLength(src.slice(0, start + lead)) });
    i = close + 2;
  }
  return out;
}

/** The "}}" closing an action, skipping quoted strings. */
function findClose(src: string, from: number): number {
  for (let i = from; i < src.length; i++) {
    const c = src[i];
    if (c === '"' || c === "`") {
      const q = c;
      i++;
      while (i < src.length && src[i] !== q) i += src[i] === "\\" && q === '"' ? 2 : 1;
      continue;
    }
    if (c === "}" && src[i + 1] === "}") return i;
  }
  return -1;
}

function parseOperand(text: string, src: string, pos: number): Operand {
  const t = text.trim();
  const undefinedFn = (name: string): never => {
    throw new TemplateError(`template: ${location(src, pos)}: function "${name}" not defined`);
  };
  if (t === ".") return { kind: "field", base: "dot", path: [] };
  if (/^(\.[A-Za-z_][A-Za-z0-9_]*)+$/.test(t)) return { kind: "field", base: "dot", path: t.slice(1).split(".") };
  const v = /^(\$[A-Za-z0-9_]*)((?:\.[A-Za-z_][A-Za-z0-9_]*)*)$/.exec(t);
  if (v) return { kind: "field", base: v[1], path: v[2] ? v[2].slice(1).split(".") : [] };
  if (/^"(?:[^"\\]|\\.)*"$/.test(t)) return { kind: "literal", value: JSON.parse(t) };
  if (/^`[^`]*`$/.test(t)) return { kind: "literal", value: t.slice(1, -1) };
  if (/^-?\d+(\.\d+)?([eE][+-]?\d+)?$/.test(t)) return { kind: "literal", value: Number(t) };
  if (t === "true" || t === "false") return { kind: "literal", value: t === "true" };
  if (t === "nil") throw new TemplateError(`template: ${location(src, pos)}: nil is not a command`);
  const word = /^[A-Za-z_][A-Za-z0-9_]*/.exec(t);
  if (word) undefinedFn(word[0]);
  throw new TemplateError(`template: ${location(src, pos)}: unexpected "${t}" in command`);
}

function parse(src: string): Node[] {
  const items = lex(src);
  let k = 0;
  const pipe = (text: string, pos: number): Pipe => ({ text, pos, operand: parseOperand(text, src, pos) });
  const err = (a: Action, msg: string): never => {
    throw new TemplateError(`template: ${location(src, a.pos)}: ${msg}`);
  };
  // Parses nodes until {{end}} / {{else ...}}; returns the nodes and the action that stopped them.
  const list = (top: boolean): { nodes: Node[]; stop?: Action } => {
    const nodes: Node[] = [];
    while (k < items.length) {
      const it = items[k++];
      if (typeof it === "string") {
        nodes.push({ kind: "text", text: it });
        continue;
      }
      const b = it.body;
      if (b === "end" || b === "else" || b.startsWith("else ")) {
        if (top) err(it, `unexpected {{${b.split(" ")[0]}}}`);
        return { nodes, stop: it };
      }
      const kw = /^(if|with|range)\s+([\s\S]*)$/.exec(b);
      if (kw) {
        nodes.push(block(kw[1] as "if" | "with" | "range", kw[2], it));
        continue;
      }
      if (b === "if" || b === "with" || b === "range") err(it, `missing value for ${b}`);
      const assign = /^(\$[A-Za-z0-9_]+)\s*:?=\s*([\s\S]+)$/.exec(b);
      if (assign) {
        nodes.push({ kind: "assign", name: assign[1], pipe: pipe(assign[2], it.pos + b.indexOf(assign[2])) });
        continue;
      }
      if (/^(define|template|block|break|continue)\b/.test(b)) err(it, `{{${b.split(/\s/)[0]}}} is not supported by sanso`);
      nodes.push({ kind: "print", pipe: pipe(b, it.pos) });
    }
    if (!top) throw new TemplateError(`template: template:1: unexpected EOF`);
    return { nodes };
  };
  const block = (kind: "if" | "with" | "range", rest: string, at: Action): Node => {
    let key: string | undefined;
    let value: string | undefined;
    let expr = rest;
    if (kind === "range") {
      const decl = /^(\$[A-Za-z0-9_]+)(?:\s*,\s*(\$[A-Za-z0-9_]+))?\s*:=\s*([\s\S]+)$/.exec(rest);
      if (decl) {
        if (decl[2]) {
          key = decl[1];
          value = decl[2];
        } else value = decl[1];
        expr = decl[3];
      }
    }
    const p = pipe(expr, at.pos + at.body.indexOf(expr));
    const body = list(false);
    let elseNodes: Node[] = [];
    if (body.stop!.body === "else") {
      const e = list(false);
      if (e.stop!.body !== "end") err(e.stop!, "expected end; found " + e.stop!.body);
      elseNodes = e.nodes;
    } else if (body.stop!.body.startsWith("else ")) {
      // {{else if x}} / {{else with x}}: a nested block that shares this one's {{end}}
      const m = /^else\s+(if|with)\s+([\s\S]*)$/.exec(body.stop!.body);
      if (!m) err(body.stop!, `unexpected ${body.stop!.body}`);
      elseNodes = [block(m![1] as "if" | "with", m![2], { body: body.stop!.body.slice(5).trim(), pos: body.stop!.pos + 5 })];
    }
    if (kind === "range") return { kind, pipe: p, key, value, body: body.nodes, else: elseNodes };
    return { kind, pipe: p, then: body.nodes, else: elseNodes };
  };
  return list(true).nodes;
}

// ------------------------------------------------------------------ execution

/** Go's %v of a float64. */
function goFloat(n: number): string {
  if (Number.isInteger(n) && Math.abs(n) < 1e21) return n.toString();
  const abs = Math.abs(n);
  if (abs !== 0 && (abs < 1e-4 || abs >= 1e21)) {
    const [m, e] = n.toExponential().split("e");
    const exp = parseInt(e, 10);
    return `${m}e${exp < 0 ? "-" : "+"}${String(Math.abs(exp)).padStart(2, "0")}`;
  }
  return n.toString();
}

function goValue(v: unknown, nested: boolean): string {
  if (v === null || v === undefined) return nested ? "<nil>" : "<no value>";
  if (typeof v === "string") return v;
  if (typeof v === "number") return goFloat(v);
  if (typeof v === "boolean") return String(v);
  if (Array.isArray(v)) return `[${v.map((x) => goValue(x, true)).join(" ")}]`;
  const o = v as Record<string, unknown>;
  return `map[${Object.keys(o).sort().map((k) => `${k}:${goValue(o[k], true)}`).join(" ")}]`;
}

/** text/template's truth: false, 0, "", nil and empty collections are false. */
function truthy(v: unknown): boolean {
  if (v === null || v === undefined || v === false || v === 0 || v === "") return false;
  if (Array.isArray(v)) return v.length > 0;
  if (isObject(v)) return Object.keys(v).length > 0;
  return true;
}

function execute(src: string, nodes: Node[], data: unknown): string {
  let out = "";
  const vars: Array<Map<string, unknown>> = [new Map([["$", data]])];
  const lookupVar = (name: string, p: Pipe): unknown => {
    for (let i = vars.length - 1; i >= 0; i--) if (vars[i].has(name)) return vars[i].get(name);
    throw new TemplateError(`template: ${location(src, p.pos)}: undefined variable: ${name}`);
  };
  const evalPipe = (p: Pipe, dot: unknown): unknown => {
    const o = p.operand;
    if (o.kind === "literal") return o.value;
    let cur = o.base === "dot" ? dot : lookupVar(o.base, p);
    for (const f of o.path) {
      if (isObject(cur)) {
        if (!Object.prototype.hasOwnProperty.call(cur, f)) {
          throw new TemplateError(`template: ${location(src, p.pos)}: executing "template" at <${p.text}>: map has no entry for key "${f}"`);
        }
        cur = cur[f];
      } else if (cur === null || cur === undefined) {
        throw new TemplateError(`template: ${location(src, p.pos)}: executing "template" at <${p.text}>: nil pointer evaluating interface {}.${f}`);
      } else {
        const t = typeof cur === "string" ? "string" : typeof cur === "number" ? "float64" : typeof cur === "boolean" ? "bool" : "[]interface {}";
        throw new TemplateError(`template: ${location(src, p.pos)}: executing "template" at <${p.text}>: can't evaluate field ${f} in type ${t}`);
      }
    }
    return cur;
  };
  const run = (list: Node[], dot: unknown): void => {
    for (const n of list) {
      switch (n.kind) {
        case "text":
          out += n.text;
          break;
        case "print":
          out += goValue(evalPipe(n.pipe, dot), false);
          break;
        case "assign":
          vars[vars.length - 1].set(n.name, evalPipe(n.pipe, dot));
          break;
        case "if":
        case "with": {
          const v = evalPipe(n.pipe, dot);
          vars.push(new Map());
          if (truthy(v)) run(n.then, n.kind === "with" ? v : dot);
          else run(n.else, dot);
          vars.pop();
          break;
        }
        case "range": {
          const v = evalPipe(n.pipe, dot);
          let entries: Array<[unknown, unknown]>;
          if (Array.isArray(v)) entries = v.map((x, i) => [i, x]);
          else if (isObject(v)) entries = Object.keys(v).sort().map((k) => [k, v[k]]);
          else if (v === null || v === undefined) entries = [];
          else throw new TemplateError(`template: ${location(src, n.pipe.pos)}: range can't iterate over ${goValue(v, false)}`);
          if (entries.length === 0) {
            vars.push(new Map());
            run(n.else, dot);
            vars.pop();
            break;
          }
          for (const [key, val] of entries) {
            const scope = new Map<string, unknown>();
            if (n.key) scope.set(n.key, key);
            if (n.value) scope.set(n.value, val);
            vars.push(scope);
            run(n.body, val);
            vars.pop();
          }
          break;
        }
      }
    }
  };
  run(nodes, data);
  return out;
}

function renderTemplate(t: unknown, vars: unknown): string {
  const src = str(t, 1);
  if (!isObject(vars)) throw typeFail(2, "object", vars);
  try {
    return execute(src, parse(src), vars);
  } catch (e) {
    if (e instanceof TemplateError) throw builtinFail(e.message);
    throw e;
  }
}

export const templateBuiltins: Record<string, Impl> = {
  "strings.render_template": renderTemplate,
};
