// Pre-1.0 Rego (v0), as OPA 1.x reads it with --v0-compatible: every v0 form gives the AST of its
// v1 form (so the compiler needs no change), the future keywords are names until imported, and
// errors keep file:line:col.
import { describe, expect, it } from "vitest";
import { parseModule, type Module } from "../../../src/rego/syntax/index.ts";
import { compileQuery, QUERY_ENTRYPOINT } from "../../../src/rego/compile/index.ts";
import { loadPolicy } from "../../../src/rego/bundle/load.ts";
import { parseErrors as errors, showRule } from "./show.ts";

const v0 = (src: string, file = "t.rego"): Module => parseModule(`package t\n\n${src}`, file, { regoVersion: 0 });
const v1 = (src: string, file = "t.rego"): Module => parseModule(`package t\n\n${src}`, file);

/** The module without source positions (v0 and v1 texts differ in layout, not in meaning). */
function shape(m: Module): unknown {
  return JSON.parse(JSON.stringify(m, (k, v) => (k === "loc" || k === "packageLoc" ? undefined : v)));
}


// [v0 text, the same policy in v1]
const FORMS: Array<[string, string]> = [
  ["p { input.a == 1 }", "p if { input.a == 1 }"],
  ["p = x { x := input.n }", "p = x if { x := input.n }"],
  ["p := 7 { input.a }", "p := 7 if { input.a }"],
  ["p = 7", "p = 7"],
  ["default allow = false\nallow { input.user == \"admin\" }", "default allow = false\nallow if { input.user == \"admin\" }"],
  ["default allow := false", "default allow := false"],
  ["f(x) = y { y := x + 1 }", "f(x) = y if { y := x + 1 }"],
  ["f(x) { x > 1 }", "f(x) if { x > 1 }"],
  ["f(_, y) = y { true }", "f(_, y) = y if { true }"],
  // as in OPA (both versions), a head without arguments is a rule, not a function
  ["input_review() = {\"a\": 1} { true }", "input_review = {\"a\": 1} if { true }"],
  ["p[x] { x := input.xs[_] }", "p contains x if { x := input.xs[_] }"],
  ["p[x] {\n  some x\n  input.xs[x]\n}", "p contains x if {\n  some x\n  input.xs[x]\n}"],
  ["p[k] = v { v := input.o[k] }", "p[k] = v if { v := input.o[k] }"],
  ["p[k] := v { v := input.o[k] }", "p[k] := v if { v := input.o[k] }"],
  ["p[1]", "p contains 1"],
  ["p.q", "p contains \"q\""],
  ["a.b.c { input.x }", "a.b.c if { input.x }"],
  ["a.b.c", "a.b.c = true"],
  ["accept(\"any\", _)\naccept(\"some\", x) = x > 0", "accept(\"any\", _) = true\naccept(\"some\", x) = x > 0"],
  ["msg() = m { m := \"x\" }\np { msg() == \"x\"; data.t.msg() == msg }", "msg = m if { m := \"x\" }\np if { msg == \"x\"; data.t.msg == msg }"],
  ["p = 1 { input.x } else = 2 { input.y } else = 3", "p = 1 if { input.x } else = 2 if { input.y } else = 3"],
  ["p { input.x } else { input.y }", "p if { input.x } else if { input.y }"],
  ["f(x) = \"big\" { x > 10 } else = \"small\"", "f(x) = \"big\" if { x > 10 } else = \"small\""],
  ["r { input.x } { input.y }", "r if { input.x }\nr if { input.y }"],
  ["r[x] { x := 1 } { x := 2 }", "r contains x if { x := 1 }\nr contains x if { x := 2 }"],
  ["import future.keywords.in\np { 1 in input.xs }", "import future.keywords.in\np if { 1 in input.xs }"],
  ["import future.keywords.every\nimport future.keywords.in\np { every x in input.xs { x > 0 } }", "import future.keywords.every\nimport future.keywords.in\np if { every x in input.xs { x > 0 } }"],
  ["import future.keywords\np contains x if { some x in input.xs }", "import future.keywords\np contains x if { some x in input.xs }"],
  ["import future.keywords.contains\np contains x { x := input.a }", "import future.keywords.contains\np contains x if { x := input.a }"],
  ["import future.keywords.if\np[x] if { x := input.a }", "import future.keywords.if\np[x] if { x := input.a }"],
  ["import future.keywords.if\np if input.a", "import future.keywords.if\np if input.a"],
  ["import rego.v1\np contains x if { x := 1 }", "import rego.v1\np contains x if { x := 1 }"],
  ["# METADATA\n# title: Deny\ndeny[msg] { msg := \"no\" }", "# METADATA\n# title: Deny\ndeny contains msg if { msg := \"no\" }"],
];

describe("v0 forms give the AST of their v1 form", () => {
  it.each(FORMS)("%s", (a, b) => {
    expect(shape(v0(a))).toEqual(shape(v1(b)));
  });

  it("the heads read as OPA reads them", () => {
    expect(v0("p[x] { x := 1 }").rules.map(showRule)).toEqual(["p contains x { assign(x, 1) }"]);
    expect(v0("p[\"a\"] = 1 { true }").rules[0]!.head.kind).toBe("complete");
    expect(v0("p.q { true }").rules[0]!.head.kind).toBe("partial_set");
    expect(v0("a.b.c[x] { x := 1 }").rules[0]!.head.kind).toBe("complete");
  });

  it("a v1 module parses the same with the v0 parser once it imports rego.v1", () => {
    const src = "import rego.v1\n\ndefault allow := false\nallow if input.ok\ndeny contains \"x\" if { not allow }\nf(x) := y if { y := x * 2 }";
    expect(shape(v0(src))).toEqual(shape(v1(src)));
  });
});

describe("v0 keywords", () => {
  it("in, every, contains and if are names until imported", () => {
    expect(v0("in := 1\nevery[x] { x := 2 }\ncontains { true }\nif = 3").rules.map(showRule)).toEqual([
      "in := 1 {  }",
      "every contains x { assign(x, 2) }",
      "contains { true }",
      "if = 3 {  }",
    ]);
    expect(v0("p { x := input.in; y := input.every[if] }").rules).toHaveLength(1);
  });

  it("an import makes them keywords, one by one or all at once", () => {
    expect(errors(() => v0("import future.keywords.in\nin := 1"))).toEqual(["t.rego:4:1: unexpected in keyword"]);
    expect(errors(() => v0("import future.keywords\nif := 1"))).toEqual(["t.rego:4:1: unexpected if keyword"]);
    // only the imported one
    expect(v0("import future.keywords.in\nevery := 1").rules).toHaveLength(1);
    expect(errors(() => v0("import future.keywords.foo"))).toEqual(["t.rego:3:8: unexpected keyword, must be one of [contains every if in not]"]);
  });

  it("they are always keywords in v1", () => {
    expect(errors(() => v1("in := 1"))).toEqual(["t.rego:3:1: unexpected in keyword"]);
  });

  it("import rego.v1 turns on the v1 rules for the module", () => {
    expect(errors(() => v0("import rego.v1\np { true }"))).toEqual(["t.rego:4:3: `if` keyword is required before rule body"]);
    expect(errors(() => v0("import rego.v1\np[x] if { x := 1 }\nq[x]"))).toEqual(["t.rego:5:1: `contains` keyword is required for partial set rules"]);
  });

  it("a future keyword used without its import: the error says which import", () => {
    expect(errors(() => v0("p { 1 in input.xs }"))).toEqual([
      "t.rego:3:7: unexpected ident token: expected \\n or ; or } (in Rego v0, `in` is a keyword only after `import future.keywords.in` or `import rego.v1`)",
    ]);
    expect(errors(() => v0("p { every x in input.xs { x > 0 } }"))).toEqual([
      "t.rego:3:11: unexpected ident token: expected \\n or ; or } (in Rego v0, `every` is a keyword only after `import future.keywords.every` or `import rego.v1`)",
    ]);
    expect(errors(() => v0("p if { true }"))).toEqual([
      "t.rego:3:1: var cannot be used for rule name (in Rego v0, `if` is a keyword only after `import future.keywords.if` or `import rego.v1`)",
    ]);
  });
});

describe("v0 errors keep file:line:col", () => {
  it("reports what OPA reports, where it is", () => {
    expect(errors(() => v0("p {\n}", "a/b.rego"))).toEqual(["a/b.rego:4:1: found empty body"]);
    expect(errors(() => v0("p[x] { x := 1 } else = 1 { true }"))).toEqual(["t.rego:3:17: else keyword cannot be used on multi-value rules"]);
    expect(errors(() => v0("p { false } else = 1 { true } { true }"))).toEqual(["t.rego:3:31: expected else keyword"]);
    expect(errors(() => v0("p"))).toEqual(["t.rego:3:1: var cannot be used for rule name"]);
    expect(errors(() => v0("default p"))).toEqual(["t.rego:3:10: unexpected eof token: illegal default rule (must have a value)"]);
  });

  it("a v0 module read as v1 fails at its first rule body", () => {
    expect(errors(() => v1("p { true }\nq[x] { x := 1 }"))).toEqual([
      "t.rego:3:3: `if` keyword is required before rule body",
      "t.rego:4:6: `if` keyword is required before rule body",
    ]);
  });
});

describe("v0 policies give the results of their v1 form", () => {
  const V0 = `package t

default allow = false

allow { input.user == "admin" }
allow { input.user == "ops"; input.method == "GET" }

deny[msg] { not allow; msg := sprintf("%s may not %s", [input.user, input.method]) }
deny["guest"] { input.user == "guest" }

tags[k] = v { some k; v := input.tags[k]; v != "" }

size(n) = "big" { n > 10 } else = "small" { true }
sizes = [size(n) | n := input.ns[_]]

grade = "a" { input.score > 90 } else = "b" { input.score > 50 } else = "c"
in = input.in
`;
  const V1 = `package t

default allow := false

allow if input.user == "admin"
allow if { input.user == "ops"; input.method == "GET" }

deny contains msg if { not allow; msg := sprintf("%s may not %s", [input.user, input.method]) }
deny contains "guest" if input.user == "guest"

tags[k] := v if { some k; v := input.tags[k]; v != "" }

size(n) := "big" if { n > 10 } else := "small"
sizes := [size(n) | some n in input.ns]

grade := "a" if { input.score > 90 } else := "b" if { input.score > 50 } else := "c"
`;
  const inputs = [
    { user: "admin", method: "POST", tags: { a: "1", b: "" }, ns: [1, 20], score: 95 },
    { user: "ops", method: "GET", tags: {}, ns: [], score: 60 },
    { user: "guest", method: "DELETE", tags: { x: "y" }, ns: [11], score: 10, in: [1] },
  ];

  async function evaluate(m: Module, input: unknown): Promise<Record<string, unknown>> {
    const c = compileQuery([m], "x = data.t", { optimize: false });
    const p = await loadPolicy(c.wasm);
    const rs = p.evaluate(input, QUERY_ENTRYPOINT) as Array<{ result: Array<{ x: Record<string, unknown> }> }>;
    return rs[0]!.result[0]!.x;
  }

  it.each(inputs.map((x, i) => [i, x] as const))("input %i", async (_i, input) => {
    const a = await evaluate(parseModule(V0, "v0.rego", { regoVersion: 0 }), input);
    const b = await evaluate(parseModule(V1, "v1.rego"), input);
    const { in: inRule, ...rest } = a;
    expect(rest).toEqual(b);
    // `in` is an ordinary rule name in v0
    expect(inRule).toEqual((input as { in?: unknown }).in);
    expect(Object.keys(b).sort()).toEqual(["allow", "deny", "grade", "sizes", "tags"]);
  });
});
