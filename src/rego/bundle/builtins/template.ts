// strings.render_template: Go's text/template as OPA runs it, for the
// template language policies use: {{.field.path}}, {{.}}, variables ($, $x := ...), if / else if /
// else, range (with `$i, $v :=`), with, comments, the {{- -}} trim markers, pipelines and
// parenthesized calls of the builtin functions and, or, not, len, index, eq, ne, lt, le, gt, ge,
// print, printf, println (others, and define/template/block, are errors).
//
// Values are printed as Go's fmt %v prints the JSON-decoded data OPA hands to the template:
// numbers as float64 (1, 1.5, 1e+21), arrays as [a b], objects as map[k:v], null as <no value>
// at the top level and <nil> inside a collection. A key the data does not have is printed as
// <undefined>, as OPA 1.x renders it (its conformance cases rendertemplate/missingkey).

import { builtinFail, type Impl, isObject, str, typeFail } from "./common.js";
import { goSprintf } from "./sprintf.js";

type Node =
  | { kind: "text"; text: string }
  | { kind: "print"; pipe: Pipe }
  | { kind: "assign"; name: string; pipe: Pipe }
  | { kind: "if" | "with"; pipe: Pipe; then: Node[]; else: Node[] }
  | { kind: "range"; pipe: Pipe; key?: string; value?: string; body: Node[]; else: Node[] };

interface Pipe {
  text: string; // for error messages: <.a.b>
  pos: number; // byte offset in the template
  cmds: Arg[][]; // commands joined by |; a command is a function and its arguments, or one operand
}

type Arg =
  | { kind: "field"; base: "dot" | string; path: string[] } // base: "dot" or a variable name ("$", "$x")
  | { kind: "literal"; value: unknown }
  | { kind: "func"; name: string }
  | { kind: "sub"; pipe: Pipe; path: string[] }; // (pipeline).field...

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

/** "template:LINE", as text/template's parse errors give it. */
const lineOf = (src: string, pos: number) => location(src, pos).replace(/:\d+$/, "");

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
    if (close < 0) throw new TemplateError(`template: ${lineOf(src, Buffer.byteLength(src.slice(0, open)))}: unclosed action`);
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

const FUNCS = new Set(["and", "or", "not", "len", "index", "eq", "ne", "lt", "le", "gt", "ge", "print", "printf", "println"]);

/** Parses an action's pipeline: commands separated by |, arguments by spaces, (sub-pipelines). */
function parsePipe(text: string, src: string, pos: number): Pipe {
  const fail = (msg: string): never => {
    throw new TemplateError(`template: ${lineOf(src, pos)}: ${msg}`);
  };
  let i = 0;
  const ws = () => {
    while (i < text.length && /\s/.test(text[i])) i++;
  };
  const fieldPath = (): string[] => {
    const m = /^(?:\.[A-Za-z_][A-Za-z0-9_]*)*/.exec(text.slice(i))!;
    i += m[0].length;
    return m[0] ? m[0].slice(1).split(".") : [];
  };
  const arg = (): Arg => {
    const rest = text.slice(i);
    let m: RegExpExecArray | null;
    if (rest[0] === "(") {
      i++;
      const inner = pipeline(")");
      if (text[i] !== ")") fail("unclosed left paren");
      i++;
      return { kind: "sub", pipe: inner, path: fieldPath() };
    }
    if (rest[0] === "." && !/^\.[A-Za-z_]/.test(rest)) {
      i++;
      return { kind: "field", base: "dot", path: [] };
    }
    if (rest[0] === ".") return { kind: "field", base: "dot", path: fieldPath() };
    if ((m = /^\$[A-Za-z0-9_]*/.exec(rest))) {
      i += m[0].length;
      return { kind: "field", base: m[0], path: fieldPath() };
    }
    if ((m = /^"(?:[^"\\]|\\.)*"/.exec(rest))) {
      i += m[0].length;
      return { kind: "literal", value: JSON.parse(m[0]) };
    }
    if ((m = /^`[^`]*`/.exec(rest))) {
      i += m[0].length;
      return { kind: "literal", value: m[0].slice(1, -1) };
    }
    if ((m = /^[+-]?\d+(\.\d+)?([eE][+-]?\d+)?(?![A-Za-z0-9_.])/.exec(rest))) {
      i += m[0].length;
      return { kind: "literal", value: Number(m[0]) };
    }
    if ((m = /^[A-Za-z_][A-Za-z0-9_]*/.exec(rest))) {
      i += m[0].length;
      if (m[0] === "true" || m[0] === "false") return { kind: "literal", value: m[0] === "true" };
      if (m[0] === "nil") return { kind: "literal", value: null };
      if (!FUNCS.has(m[0])) fail(`function "${m[0]}" not defined`);
      return { kind: "func", name: m[0] };
    }
    return fail(`unexpected "${rest[0]}" in command`);
  };
  const pipeline = (end: string): Pipe => {
    const start = i;
    const cmds: Arg[][] = [];
    let cmd: Arg[] = [];
    for (;;) {
      ws();
      if (i >= text.length || text[i] === end) break;
      if (text[i] === "|") {
        if (cmd.length === 0) fail("missing command");
        cmds.push(cmd);
        cmd = [];
        i++;
        continue;
      }
      cmd.push(arg());
    }
    if (cmd.length === 0) fail(cmds.length ? "missing command" : "missing value for command");
    cmds.push(cmd);
    return { text: text.slice(start, i).trim(), pos, cmds };
  };
  const p = pipeline("\u0000");
  return { ...p, text: text.trim() };
}

function parse(src: string): Node[] {
  const items = lex(src);
  let k = 0;
  const pipe = (text: string, pos: number): Pipe => parsePipe(text, src, pos);
  const err = (a: Action, msg: string): never => {
    throw new TemplateError(`template: ${lineOf(src, a.pos)}: ${msg}`);
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

/** The value of a key the data does not have (printed <undefined>, false in conditions). */
const UNDEFINED_KEY: unique symbol = Symbol("undefined key");

function goValue(v: unknown, nested: boolean): string {
  if (v === UNDEFINED_KEY) return "<undefined>";
  if (v === null || v === undefined) return nested ? "<nil>" : "<no value>";
  if (typeof v === "string") return v;
  if (typeof v === "number") return goFloat(v);
  if (typeof v === "boolean") return String(v);
  if (Array.isArray(v)) return `[${v.map((x) => goValue(x, true)).join(" ")}]`;
  const o = v as Record<string, unknown>;
  return `map[${Object.keys(o).sort().map((k) => `${k}:${goValue(o[k], true)}`).join(" ")}]`;
}

const goType = (v: unknown) => (typeof v === "string" ? "string" : typeof v === "number" ? "float64" : typeof v === "boolean" ? "bool" : Array.isArray(v) ? "[]interface {}" : "map[string]interface {}");

/** text/template's truth: false, 0, "", nil and empty collections are false. */
function truthy(v: unknown): boolean {
  if (v === null || v === undefined || v === UNDEFINED_KEY || v === false || v === 0 || v === "") return false;
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
  const at = (p: Pipe) => `template: ${location(src, p.pos)}: executing "template" at <${p.text}>`;
  const follow = (p: Pipe, cur: unknown, path: string[]): unknown => {
    for (const f of path) {
      if (cur === UNDEFINED_KEY) return UNDEFINED_KEY;
      if (isObject(cur)) {
        if (!Object.prototype.hasOwnProperty.call(cur, f)) return UNDEFINED_KEY;
        cur = cur[f];
      } else if (cur === null || cur === undefined) {
        throw new TemplateError(`${at(p)}: nil pointer evaluating interface {}.${f}`);
      } else {
        throw new TemplateError(`${at(p)}: can't evaluate field ${f} in type ${goType(cur)}`);
      }
    }
    return cur;
  };
  const evalArg = (p: Pipe, a: Arg, dot: unknown): unknown => {
    switch (a.kind) {
      case "literal":
        return a.value;
      case "field":
        return follow(p, a.base === "dot" ? dot : lookupVar(a.base, p), a.path);
      case "sub":
        return follow(p, evalPipe(a.pipe, dot), a.path);
      case "func":
        return call(p, a.name, [], dot);
    }
  };
  const call = (p: Pipe, name: string, args: unknown[], dot: unknown): unknown => {
    void dot;
    const fail = (msg: string): never => {
      throw new TemplateError(`${at(p)}: error calling ${name}: ${msg}`);
    };
    const argc = (n: number) => {
      if (args.length !== n) throw new TemplateError(`${at(p)}: wrong number of args for ${name}: want ${n} got ${args.length}`);
    };
    switch (name) {
      case "and":
        return args.length ? (args.find((x) => !truthy(x)) ?? args[args.length - 1]) : fail("missing arguments");
      case "or":
        return args.length ? (args.find((x) => truthy(x)) ?? args[args.length - 1]) : fail("missing arguments");
      case "not":
        argc(1);
        return !truthy(args[0]);
      case "len": {
        argc(1);
        const v = args[0];
        if (typeof v === "string") return Buffer.byteLength(v);
        if (Array.isArray(v)) return v.length;
        if (isObject(v)) return Object.keys(v).length;
        return fail(`len of type ${goType(v)}`);
      }
      case "index": {
        let cur = args[0];
        for (const k of args.slice(1)) {
          if (Array.isArray(cur) && typeof k === "number") {
            if (k < 0 || k >= cur.length) fail(`index out of range: ${k}`);
            cur = cur[k];
          } else if (isObject(cur) && typeof k === "string") cur = Object.prototype.hasOwnProperty.call(cur, k) ? cur[k] : null;
          else fail(`can't index item of type ${goType(cur)}`);
        }
        return cur;
      }
      case "eq":
      case "ne": {
        if (args.length < 2) fail("missing argument for comparison");
        const [a, ...bs] = args;
        for (const b of bs) if (typeof a !== typeof b && a !== null && b !== null) fail("incompatible types for comparison");
        const eq = bs.some((b) => a === b);
        return name === "eq" ? eq : (argc(2), !eq);
      }
      case "lt":
      case "le":
      case "gt":
      case "ge": {
        argc(2);
        const [a, b] = args;
        if (typeof a !== typeof b || (typeof a !== "number" && typeof a !== "string")) fail("incompatible types for comparison");
        const x = a as number | string;
        const y = b as number | string;
        return name === "lt" ? x < y : name === "le" ? x <= y : name === "gt" ? x > y : x >= y;
      }
      case "print":
      case "println": {
        const texts = args.map((x) => goValue(x, true));
        if (name === "println") return texts.join(" ") + "\n";
        // fmt.Sprint: a space between operands when neither is a string
        return texts.reduce((acc, t, k) => (k > 0 && typeof args[k] !== "string" && typeof args[k - 1] !== "string" ? `${acc} ${t}` : acc + t), "");
      }
      case "printf":
        if (typeof args[0] !== "string") fail("wrong type for value; expected string");
        return goSprintf(args[0] as string, args.slice(1));
    }
    return fail("unknown function");
  };
  const evalPipe = (p: Pipe, dot: unknown): unknown => {
    let value: unknown;
    p.cmds.forEach((cmd, ci) => {
      const [head, ...rest] = cmd;
      const final = ci > 0 ? [value] : [];
      if (head.kind === "func") {
        value = call(p, head.name, [...rest.map((a) => evalArg(p, a, dot)), ...final], dot);
      } else {
        if (rest.length || final.length) throw new TemplateError(`${at(p)}: can't give argument to non-function ${p.text}`);
        value = evalArg(p, head, dot);
      }
    });
    return value;
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
