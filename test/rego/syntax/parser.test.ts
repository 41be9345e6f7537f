import { describe, expect, it } from "vitest";
import {
  parseModule,
  parseQuery,
  parseTerm,
  type Module,
  type Rule,
} from "../../../src/rego/syntax/index.ts";
import { parseErrors as errors, show, showBody, showRule } from "./show.ts";

const term = (src: string) => show(parseTerm(src));
const query = (src: string) => showBody(parseQuery(src));
const mod = (src: string): Module => parseModule(`package test\n\n${src}`, "t.rego");
const rules = (src: string) => mod(src).rules.map(showRule);
const rule = (src: string): Rule => mod(src).rules[0]!;

const modErr = (src: string) => errors(() => parseModule(src, "t.rego"));

describe("terms", () => {
  it("scalars", () => {
    expect(term("null")).toBe("null");
    expect(term("true")).toBe("true");
    expect(term("false")).toBe("false");
    expect(term("42")).toBe("42");
    expect(term('"a\\"b"')).toBe('"a\\"b"');
    expect(term("`raw\\n`")).toBe('"raw\\\\n"');
    expect(parseTerm("1.5e3")).toMatchObject({ type: "number", value: 1500, raw: "1.5e3" });
    expect(parseTerm("12345678901234567890")).toMatchObject({ type: "number", raw: "12345678901234567890" });
  });

  it("unary minus folds into number literals, else becomes minus(0, x)", () => {
    expect(parseTerm("-1")).toMatchObject({ type: "number", value: -1, raw: "-1" });
    expect(parseTerm("-2.5")).toMatchObject({ type: "number", value: -2.5, raw: "-2.5" });
    expect(term("-x")).toBe("minus(0, x)");
    expect(term("-x.y")).toBe('minus(0, x["y"])');
    expect(term("x-1")).toBe("minus(x, 1)");
    expect(term("x - -1")).toBe("minus(x, -1)");
    expect(term("[1, -2]")).toBe("[1, -2]");
  });

  it("vars and wildcards", () => {
    expect(parseTerm("x")).toEqual({ type: "var", name: "x", loc: { file: "<term>", line: 1, col: 1 } });
    const t = parseTerm("[_, _, a[_]]");
    expect(show(t)).toBe("[$_0, $_1, a[$_2]]");
    expect((t as { items: unknown[] }).items[0]).toMatchObject({ type: "var", name: "$_0", wildcard: true });
  });

  it("refs", () => {
    expect(term('a.b[c]["d"][0]')).toBe('a["b"][c]["d"][0]');
    expect(parseTerm("input.x")).toMatchObject({
      type: "ref",
      head: { type: "var", name: "input" },
      path: [{ type: "string", value: "x", loc: { col: 7 } }],
    });
    expect(term("data.x.y")).toBe('data["x"]["y"]');
    expect(term("f(x).y")).toBe('f(x)["y"]');
    expect(term("f(x).y[0].z")).toBe('f(x)["y"][0]["z"]');
    expect(term("[1,2][0]")).toBe("[1, 2][0]");
    expect(term('{"a": 1}.a')).toBe('{"a": 1}["a"]');
    expect(term("a[x + 1]")).toBe("a[plus(x, 1)]");
    expect(term("a[b[c]]")).toBe("a[b[c]]");
    expect(term("input.if")).toBe('input["if"]');
  });

  it("composites", () => {
    expect(term("[]")).toBe("[]");
    expect(term("[1, 2, 3,]")).toBe("[1, 2, 3]");
    expect(term("{}")).toBe("{}");
    expect(parseTerm("{}")).toMatchObject({ type: "object", entries: [] });
    expect(term("set()")).toBe("set()");
    expect(parseTerm("set()")).toMatchObject({ type: "set", items: [] });
    expect(term("{1, 2}")).toBe("{1, 2}");
    expect(term("{1}")).toBe("{1}");
    expect(term('{"a": 1, "b": [2]}')).toBe('{"a": 1, "b": [2]}');
    expect(term('{"foo": {1}}')).toBe('{"foo": {1}}');
    expect(term('{"foo": {{1}}}')).toBe('{"foo": {{1}}}');
    expect(term("{[1]: {2: 3}, x: y}")).toBe("{[1]: {2: 3}, x: y}");
    expect(term("{a + 1: b * 2}")).toBe("{plus(a, 1): mul(b, 2)}");
    expect(term("[a | b, c]")).toBe("[or(a, b), c]");
    expect(term("[\n  1,\n  2\n]")).toBe("[1, 2]");
  });

  it("comprehensions", () => {
    expect(term("[x | x := a[_]]")).toBe("[x | assign(x, a[$_0])]");
    expect(term("{x | some x in xs; x > 1}")).toBe("{x | some x in xs; gt(x, 1)}");
    expect(term("{k: v | some k, v in obj}")).toBe("{k: v | some k, v in obj}");
    expect(term("[x |\n  x := 1\n  x > 0\n]")).toBe("[x | assign(x, 1); gt(x, 0)]");
    expect(term("{1 | 2}")).toBe("{1 | 2}");
    expect(term("[[x, y] | x := 1; y := 2]")).toBe("[[x, y] | assign(x, 1); assign(y, 2)]");
    expect(parseTerm("{k: v | k := 1; v := 2}")).toMatchObject({ type: "objectcompr" });
  });

  it("calls", () => {
    expect(term("f(x)")).toBe("f(x)");
    expect(parseTerm("count(x)")).toMatchObject({ type: "call", op: ["count"] });
    expect(parseTerm("a.b.c(x)")).toMatchObject({ type: "call", op: ["a", "b", "c"] });
    expect(parseTerm("data.lib.f(x, y)")).toMatchObject({ type: "call", op: ["data", "lib", "f"] });
    expect(parseTerm('data.lib["f"](1)')).toMatchObject({ type: "call", op: ["data", "lib", "f"] });
    expect(parseTerm("time.now_ns()")).toMatchObject({ type: "call", op: ["time", "now_ns"], args: [] });
    expect(term('contains("abc", "b")')).toBe('contains("abc", "b")');
    expect(term("f(1,\n  2,\n)")).toBe("f(1, 2)");
    expect(term("f(k, v in xs)")).toBe("f(k, internal.member_2(v, xs))");
  });

  it("operator precedence and associativity", () => {
    expect(term("(1 + 2) * 3")).toBe("mul(plus(1, 2), 3)");
    expect(term("1 + 2 * 3")).toBe("plus(1, mul(2, 3))");
    expect(term("a - b - c")).toBe("minus(minus(a, b), c)");
    expect(term("a / b % c * d")).toBe("mul(rem(div(a, b), c), d)");
    expect(term("a | b & c")).toBe("or(a, and(b, c))");
    expect(term("a & b | c")).toBe("or(and(a, b), c)");
    expect(term("a + b & c")).toBe("and(plus(a, b), c)");
    expect(term("a == b | c")).toBe("equal(a, or(b, c))");
    expect(term("a < b == c")).toBe("equal(lt(a, b), c)");
    expect(term("a != b")).toBe("neq(a, b)");
    expect(term("a <= b")).toBe("lte(a, b)");
    expect(term("a >= b")).toBe("gte(a, b)");
    expect(term("a > b")).toBe("gt(a, b)");
    expect(term("x in xs")).toBe("internal.member_2(x, xs)");
    expect(term("1 + 1 in xs")).toBe("internal.member_2(plus(1, 1), xs)");
    expect(term("x in xs == true")).toBe("internal.member_2(x, equal(xs, true))");
    expect(term("(x in xs) == true")).toBe("equal(internal.member_2(x, xs), true)");
    expect(term("(k, v in xs)")).toBe("internal.member_3(k, v, xs)");
    expect(term("a in b in c")).toBe("internal.member_2(internal.member_2(a, b), c)");
  });

  it("infix call locations are those of the left operand", () => {
    expect(parseTerm("  a + b")).toMatchObject({ type: "call", loc: { line: 1, col: 3 } });
  });
});

describe("expressions and bodies", () => {
  it("assignment and unification", () => {
    expect(query("x := 1")).toBe("assign(x, 1)");
    expect(query("a = b")).toBe("eq(a, b)");
    expect(query("[a, b] := [1, 2]")).toBe("assign([a, b], [1, 2])");
    expect(query("x := y + 1 == 2")).toBe("assign(x, equal(plus(y, 1), 2))");
    expect(query("data.test.p = x")).toBe('eq(data["test"]["p"], x)');
    expect(query("x = data.testing.same_values")).toBe('eq(x, data["testing"]["same_values"])');
    expect(query("k, v in xs")).toBe("internal.member_3(k, v, xs)");
    expect(query("x := k, v in xs")).toBe("assign(x, internal.member_3(k, v, xs))");
  });

  it("separators: semicolons and newlines", () => {
    expect(query("x := 1; y = x + 1")).toBe("assign(x, 1); eq(y, plus(x, 1))");
    expect(query("x := 1\ny := 2\n\n z := 3")).toBe("assign(x, 1); assign(y, 2); assign(z, 3)");
    expect(query("x := 1 +\n  2")).toBe("assign(x, plus(1, 2))");
    expect(query("x := f(1,\n 2)")).toBe("assign(x, f(1, 2))");
    expect(query("x := {\n\"a\": 1\n}")).toBe('assign(x, {"a": 1})');
    expect(query("x := y\n[a] = z")).toBe("assign(x, y); eq([a], z)");
    expect(query("x := y\n(a) = z")).toBe("assign(x, y); eq(a, z)");
    expect(query("x := 1 # comment\ny := 2")).toBe("assign(x, 1); assign(y, 2)");
    expect(query("x := y\n  with input as 1")).toBe("assign(x, y) with input as 1");
  });

  it("not, with", () => {
    expect(query("not f(x)")).toBe("not f(x)");
    expect(query("not x == 1")).toBe("not equal(x, 1)");
    expect(query("p with input as {} with data.x.y as 1")).toBe('p with input as {} with data["x"]["y"] as 1');
    expect(query("f(1) with count as mock_count")).toBe("f(1) with count as mock_count");
    expect(query("not p with input.x as 1")).toBe('not p with input["x"] as 1');
    const [e] = parseQuery("x with input as 1");
    expect(e!.with[0]).toMatchObject({ target: { type: "var", name: "input" }, value: { type: "number" }, loc: { col: 3 } });
  });

  it("some", () => {
    expect(query("some x")).toBe("some x");
    expect(query("some x, y")).toBe("some x, y");
    expect(query("some x in xs")).toBe("some x in xs");
    expect(query("some k, v in xs")).toBe("some k, v in xs");
    expect(query("some [a, b] in pairs")).toBe("some [a, b] in pairs");
    expect(query("some x in [1, 2]; x > 1")).toBe("some x in [1, 2]; gt(x, 1)");
    expect(query("some x\nx = 1")).toBe("some x; eq(x, 1)");
    const [e] = parseQuery("some k, v in input.x");
    expect(e!.body).toMatchObject({
      type: "somein",
      key: { type: "var", name: "k" },
      value: { type: "var", name: "v" },
      collection: { type: "ref" },
    });
    expect(parseQuery("some x in xs")[0]!.body).not.toHaveProperty("key");
  });

  it("every", () => {
    expect(query("every x in xs { x > 0 }")).toBe("every x in xs { gt(x, 0) }");
    expect(query("every k, v in {\"a\": 1} {\n  k != v\n  v > 0\n}")).toBe(
      'every k, v in {"a": 1} { neq(k, v); gt(v, 0) }',
    );
    expect(query("every x in {1, 2} { x }")).toBe("every x in {1, 2} { x }");
  });

  it("expression locations", () => {
    const body = parseQuery("x := 1\n  not y", "q.rego");
    expect(body.map((e) => e.loc)).toEqual([
      { file: "q.rego", line: 1, col: 1 },
      { file: "q.rego", line: 2, col: 3 },
    ]);
  });
});

describe("modules", () => {
  it("package and imports", () => {
    const m = parseModule(
      'package a.b["c-d"]\n\nimport data.x.y\nimport data.x.y as z\nimport input.foo\nimport rego.v1\nimport future.keywords\nimport future.keywords.if\nimport data.q["r-s"]\n',
      "m.rego",
    );
    expect(m.file).toBe("m.rego");
    expect(m.package).toEqual(["a", "b", "c-d"]);
    expect(m.packageLoc).toEqual({ file: "m.rego", line: 1, col: 1 });
    expect(m.imports).toEqual([
      { path: ["data", "x", "y"], loc: { file: "m.rego", line: 3, col: 1 } },
      { path: ["data", "x", "y"], alias: "z", loc: { file: "m.rego", line: 4, col: 1 } },
      { path: ["input", "foo"], loc: { file: "m.rego", line: 5, col: 1 } },
      { path: ["rego", "v1"], loc: { file: "m.rego", line: 6, col: 1 } },
      { path: ["future", "keywords"], loc: { file: "m.rego", line: 7, col: 1 } },
      { path: ["future", "keywords", "if"], loc: { file: "m.rego", line: 8, col: 1 } },
      { path: ["data", "q", "r-s"], loc: { file: "m.rego", line: 9, col: 1 } },
    ]);
    expect(m.rules).toEqual([]);
    expect(m.annotations).toEqual([]);
  });

  it("constant rules", () => {
    expect(rules("p := 1\nq = 2\nr := {\"a\": [1, 2]}")).toEqual([
      "p := 1 {  }",
      "q = 2 {  }",
      'r := {"a": [1, 2]} {  }',
    ]);
    const r = rule("p := 1");
    expect(r).toMatchObject({ default: false, body: [], loc: { line: 3, col: 1 } });
    expect(r.head).toMatchObject({ kind: "complete", assign: true, loc: { line: 3, col: 1 } });
    expect(rule("p = 1").head.assign).toBe(false);
  });

  it("rules with if", () => {
    expect(rules("p if { x; y }")).toEqual(["p { x; y }"]);
    expect(rules("p if {\n  x\n  y\n}")).toEqual(["p { x; y }"]);
    expect(rules("p if x > 1")).toEqual(["p { gt(x, 1) }"]);
    expect(rules("p if not x")).toEqual(["p { not x }"]);
    expect(rules("p if x with input as 1")).toEqual(["p { x with input as 1 }"]);
    expect(rules("p if some x in y")).toEqual(["p { some x in y }"]);
    expect(rules("p := v if { v := 1 }")).toEqual(["p := v { assign(v, 1) }"]);
    expect(rules("p := v if v := 1")).toEqual(["p := v { assign(v, 1) }"]);
    expect(rules("p = x if x := 1\nq if p")).toEqual(["p = x { assign(x, 1) }", "q { p }"]);
    // As in OPA, a brace after a rule's `if` is first read as a single literal; only a set literal
    // (or a parse failure) makes it a `{ body }`.
    expect(rules("f(x) := 1 if {x: i | x := [\"a\"][i]}")).toEqual(['f(x) := 1 { {x: i | assign(x, ["a"][i])} }']);
    expect(rules("p if {\"a\": 1}")).toEqual(['p { {"a": 1} }']);
    expect(rules("p if {x | x := 1}")).toEqual(["p { {x | assign(x, 1)} }"]);
    expect(rules("p if {}")).toEqual(["p { {} }"]);
    expect(rules("p if { x }")).toEqual(["p { x }"]);
    expect(rules("p if { x == 1 }")).toEqual(["p { equal(x, 1) }"]);
    const r = rule("p if true");
    expect(r.head.value).toBeUndefined();
    expect(r.head.kind).toBe("complete");
  });

  it("multi-value (contains) rules", () => {
    expect(rules("p contains x if { x := 1 }")).toEqual(["p contains x { assign(x, 1) }"]);
    expect(rules('p contains "a"')).toEqual(['p contains "a" {  }']);
    expect(rules("p.q contains x if some x in y")).toEqual(['p["q"] contains x { some x in y }']);
    expect(rules("deny contains msg if {\n  msg := sprintf(\"%v\", [1])\n}")).toEqual([
      'deny contains msg { assign(msg, sprintf("%v", [1])) }',
    ]);
    const r = rule("p contains x if x := 1");
    expect(r.head).toMatchObject({ kind: "partial_set", key: { type: "var", name: "x" } });
    expect(r.head.value).toBeUndefined();
  });

  it("ref heads", () => {
    expect(rules("p[k] := v if { k := 1; v := 2 }")).toEqual(["p[k] := v { assign(k, 1); assign(v, 2) }"]);
    expect(rules("a.b[c].d := 1 if c := 2")).toEqual(['a["b"][c]["d"] := 1 { assign(c, 2) }']);
    expect(rules("p[q][r] if q := 1")).toEqual(["p[q][r] { assign(q, 1) }"]);
    expect(rules('p["a-b"] := 1')).toEqual(['p["a-b"] := 1 {  }']);
    expect(rules("p.q.r := 1")).toEqual(['p["q"]["r"] := 1 {  }']);
    const r = rule("p[x] if x := 1");
    expect(r.head).toMatchObject({ kind: "complete", ref: [{ name: "p" }, { type: "var", name: "x" }] });
    expect(r.head.value).toBeUndefined();
    expect(rule("p[k] := v if k := v").head.kind).toBe("complete");
  });

  it("default rules", () => {
    expect(rules("default p := 1\ndefault q = 2\ndefault f(_) := 1\ndefault a.b := {\"x\": [1]}")).toEqual([
      "default p := 1 {  }",
      "default q = 2 {  }",
      "default f($_0) := 1 {  }",
      'default a["b"] := {"x": [1]} {  }',
    ]);
    const r = rule("default allow := false");
    expect(r).toMatchObject({ default: true, body: [], loc: { line: 3, col: 1 }, head: { loc: { line: 3, col: 9 } } });
    expect(rules("default p := [x | x := 1]")).toEqual(["default p := [x | assign(x, 1)] {  }"]);
  });

  it("functions", () => {
    expect(rules("f(x) := y if { y := x + 1 }")).toEqual(["f(x) := y { assign(y, plus(x, 1)) }"]);
    expect(rules("f(x) if { x > 1 }")).toEqual(["f(x) { gt(x, 1) }"]);
    expect(rules("f(x, y) = z if z := x + y")).toEqual(["f(x, y) = z { assign(z, plus(x, y)) }"]);
    expect(rules("f(x) := x")).toEqual(["f(x) := x {  }"]);
    expect(rules('f([a, b], {"k": c}, 1, _) := a')).toEqual(['f([a, b], {"k": c}, 1, $_0) := a {  }']);
    expect(rules("a.b.f(x) := x")).toEqual(['a["b"]["f"](x) := x {  }']);
    const r = rule("f(x) := 1");
    expect(r.head).toMatchObject({ kind: "function", args: [{ type: "var", name: "x" }] });
  });

  it("else chains", () => {
    expect(rules("p := 1 if { a } else := 2 if { b } else := 3")).toEqual([
      "p := 1 { a } else := 2 { b } else := 3 {  }",
    ]);
    expect(rules("f(x) := 1 if { x } else := 2")).toEqual(["f(x) := 1 { x } else := 2 {  }"]);
    expect(rules("p if { a } else if { b }")).toEqual(["p { a } else { b }"]);
    expect(rules("p = 1 if { a } else = 2 if { b }")).toEqual(["p = 1 { a } else = 2 { b }"]);
    expect(rules("p := 1 if {\n  a\n}\nelse := 2 if b")).toEqual(["p := 1 { a } else := 2 { b }"]);
    const r = rule("f(x, _) := 1 if { x } else := 2 if { x } else := 3");
    expect(r.else!.head).toMatchObject({ kind: "function", assign: true, value: { type: "number", raw: "2" } });
    expect(r.else!.head.args!.map(show)).toEqual(["x", "$_1"]);
    expect(r.else!.else!.head.args!.map(show)).toEqual(["x", "$_2"]);
    expect(r.else!.loc).toMatchObject({ line: 3, col: 23 });
    expect(r.else!.head.loc).toMatchObject({ line: 3, col: 23 });
    expect(rule("p if { a } else if { b }").else!.head.value).toBeUndefined();
  });

  it("several rules, with blank lines and comments", () => {
    const src = `# leading comment
import rego.v1

default allow := false

# allow admins
allow if {
\tinput.user.role == "admin" # trailing
}

allow if input.user.name in {"alice", "bob"}

deny contains msg if {
\tsome r in input.resources
\tnot r.encrypted
\tmsg := sprintf("%s is not encrypted", [r.name])
}
`;
    expect(rules(src)).toEqual([
      "default allow := false {  }",
      'allow { equal(input["user"]["role"], "admin") }',
      'allow { internal.member_2(input["user"]["name"], {"alice", "bob"}) }',
      'deny contains msg { some r in input["resources"]; not r["encrypted"]; assign(msg, sprintf("%s is not encrypted", [r["name"]])) }',
    ]);
  });

  it("wildcards are numbered per module", () => {
    expect(rules("p if a[_]\nq if b[_][_]")).toEqual(["p { a[$_0] }", "q { b[$_1][$_2] }"]);
  });

  // how fast is scripts/bench-compile.ts's business; here, that a large module parses whole
  it("parses a 1000-line module", () => {
    const lines: string[] = ["package perf", "", "import rego.v1", ""];
    let n = 0;
    for (let k = 0; lines.length < 1000; k++, n++) {
      lines.push(`deny contains msg if {`);
      lines.push(`\tsome r in input.resources[_]`);
      lines.push(`\tr.type == "aws_s3_bucket"; not r.values.encrypted`);
      lines.push(`\tmsg := sprintf("%s: %v", [r.name, {x | x := r.tags[_]; x != ""}])`);
      lines.push(`}`);
      lines.push(`f${k}(x) := y if { y := (x + 1) * 2 - count([1, 2, 3]) } else := 0`);
      lines.push("");
    }
    const src = lines.join("\n");
    const mod = parseModule(src, "perf.rego");
    // every rule of every block: n partial-set rules and n functions
    expect(mod.rules.filter((r) => r.head.kind === "function")).toHaveLength(n);
    expect(mod.rules).toHaveLength(2 * n);
  });
});

describe("errors", () => {
  it("unexpected tokens, at the offending token", () => {
    expect(modErr("package test\n\np if {\n  x := 1\n")).toEqual(["t.rego:5:1: unexpected eof token"]);
    expect(modErr("package test\n\np if { x := }")).toEqual(["t.rego:3:13: unexpected } token"]);
    expect(modErr("package test\n\np if { x y }")).toEqual(["t.rego:3:10: unexpected ident token: expected \\n or ; or }"]);
    expect(modErr("package test\n\np := [1, 2")).toEqual(['t.rego:3:11: unexpected eof token: expected "," or "]"']);
    expect(modErr("package test\n\np := f(1 2)")).toEqual(['t.rego:3:10: unexpected number token: expected "," or ")"']);
    expect(modErr("package test\n\np := (1 + 2")).toEqual(["t.rego:3:12: non-terminated expression"]);
    expect(modErr("package test\n\np if true else if { }")).toEqual(["t.rego:3:21: found empty body"]);
    expect(modErr("package test\n\np := 1 +")).toEqual(["t.rego:3:9: unexpected eof token"]);
    expect(modErr("package test\n\np if { x := 1; }")).toEqual(["t.rego:3:16: unexpected } token"]);
  });

  it("rule name and head errors", () => {
    expect(modErr("package test\n\nfoo\n")).toEqual(["t.rego:3:1: var cannot be used for rule name"]);
    expect(modErr('package test\n\n"foo" := 1')).toEqual(["t.rego:3:1: string cannot be used for rule name"]);
    expect(modErr("package test\n\n1 = 1")).toEqual(["t.rego:3:1: number cannot be used for rule name"]);
    expect(modErr("package test\n\ntrue = 1")).toEqual(["t.rego:3:1: boolean cannot be used for rule name"]);
    expect(modErr("package test\n\nif := 1")).toEqual(["t.rego:3:1: unexpected if keyword"]);
    expect(modErr("package test\n\nin := 1")).toEqual(["t.rego:3:1: unexpected in keyword"]);
    expect(modErr("package test\n\np contains if { true }")).toEqual([
      "t.rego:3:12: unexpected if keyword: expected rule key term (e.g., p contains <VALUE> { ... })",
    ]);
    expect(modErr("package test\n\np := if { true }")).toEqual([
      "t.rego:3:6: unexpected if keyword: expected rule value term (e.g., p := <VALUE> { ... })",
    ]);
    expect(modErr("package test\n\nf(x) contains 1")).toEqual([
      "t.rego:3:6: unexpected contains keyword: the contains keyword can only be used with multi-value rule definitions (e.g., f contains <VALUE> { ... })",
    ]);
    expect(modErr("package test\n\np[x]\n")).toEqual(["t.rego:3:1: `contains` keyword is required for partial set rules"]);
  });

  it("v0 syntax is rejected", () => {
    expect(modErr("package test\n\np { true }")).toEqual(["t.rego:3:3: `if` keyword is required before rule body"]);
    expect(modErr("package test\n\np[x] { x := 1 }")).toEqual(["t.rego:3:6: `if` keyword is required before rule body"]);
    expect(modErr("package test\n\np if { a } { b }")).toEqual(["t.rego:3:12: unexpected { token"]);
  });

  it("else and default errors", () => {
    expect(modErr("package test\n\np contains 1 if { a } else := 2")).toEqual([
      "t.rego:3:23: else keyword cannot be used on multi-value rules",
    ]);
    expect(modErr("package test\n\np[x] := 1 if { x := 1 } else := 2")).toEqual([
      "t.rego:3:25: else keyword cannot be used on rules with variables in head",
    ]);
    expect(modErr("package test\n\np := 1 if { a } else")).toEqual([
      "t.rego:3:21: unexpected eof token: expected else value term",
    ]);
    expect(modErr("package test\n\ndefault p if { true }")).toEqual([
      "t.rego:3:11: unexpected if keyword: illegal default rule (must have a value)",
    ]);
    expect(modErr("package test\n\ndefault p := x")).toEqual(["t.rego:3:14: illegal default rule (value cannot contain var)"]);
    expect(modErr("package test\n\ndefault p := input.x")).toEqual([
      "t.rego:3:14: illegal default rule (value cannot contain ref)",
    ]);
    expect(modErr("package test\n\ndefault f(1) := 1")).toEqual([
      "t.rego:3:11: illegal default rule (arguments cannot contain number)",
    ]);
  });

  it("package and import errors", () => {
    expect(modErr("")).toEqual(["t.rego:1:1: empty module"]);
    expect(modErr("p := 1")).toEqual(["t.rego:1:1: package expected"]);
    expect(modErr("package")).toEqual(["t.rego:1:8: unexpected eof token: expected package path"]);
    expect(modErr("package a\nimport foo.bar")).toEqual([
      "t.rego:2:8: unexpected import path, must begin with one of: {data, future, input, rego}, got: foo",
    ]);
    expect(modErr("package a\nimport rego.v3")).toEqual(["t.rego:2:8: invalid import `rego.v3`, must be `rego.v1` or `rego.v2`"]);
    expect(modErr("package a\nimport future.keywords.foo")).toEqual([
      "t.rego:2:8: unexpected keyword, must be one of [contains every if in not]",
    ]);
    expect(modErr("package a\nimport rego.v1 as x")).toEqual(["t.rego:2:19: `rego` imports cannot be aliased"]);
  });

  it("expression-level errors", () => {
    expect(errors(() => parseQuery("not some x in xs"))).toEqual([
      "<query>:1:5: unexpected some keyword: illegal negation of 'some'",
    ]);
    expect(errors(() => parseQuery("every x in xs"))).toEqual(["<query>:1:14: unexpected eof token: missing body"]);
    expect(errors(() => parseQuery("every [a] in xs { a }"))).toEqual(["<query>:1:7: expected value to be a variable"]);
    expect(errors(() => parseQuery("some f(x)"))).toEqual([
      "<query>:1:10: unexpected eof token: expected `x in xs` or `x, y in xs` expression",
    ]);
    expect(errors(() => parseQuery("x with 1 as 2"))).toEqual(["<query>:1:8: unexpected number token: expected ident"]);
    expect(errors(() => parseQuery("x with input 2"))).toEqual(["<query>:1:14: unexpected number token: expected as keyword"]);
    expect(errors(() => parseQuery("a = b = c"))).toEqual(["<query>:1:7: unexpected = token: expected \\n or ; or eof"]);
    expect(errors(() => parseQuery("x [0]"))).toEqual(["<query>:1:3: unexpected [ token: expected \\n or ; or eof"]);
    expect(errors(() => parseQuery(""))).toEqual(["<query>:1:1: empty query"]);
    expect(errors(() => parseQuery('"a".b'))).toEqual(["<query>:1:4: illegal ref (head cannot be string)"]);
    expect(errors(() => parseQuery("x := [1, 2](0)"))).toEqual(["<query>:1:12: illegal call (operator must be a name)"]);
    expect(errors(() => parseTerm("1 2"))).toEqual(["<term>:1:3: unexpected number token: expected eof"]);
    expect(errors(() => parseQuery("[x | x := y, z]"))).toEqual(["<query>:1:12: unexpected , token: expected \\n or ; or ]"]);
  });

  it("reports several errors in one module, in file order", () => {
    const errs = modErr("package test\n\np if { x := }\n\nq := 1\n\nr if { y y }\n\ns := [\n");
    expect(errs).toEqual([
      "t.rego:3:13: unexpected } token",
      "t.rego:7:10: unexpected ident token: expected \\n or ; or }",
      "t.rego:10:1: unexpected eof token",
    ]);
  });
});
