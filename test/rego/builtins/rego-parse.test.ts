// rego.parse_module: a module's AST as OPA's JSON (src/rego/syntax/to-json.ts documents the shape:
// OPA 1.x's ast package marshalling, without locations), through a compiled policy; a module that
// does not parse is the builtin's error, undefined unless strict.
import { beforeAll, describe, expect, it } from "vitest";
import { BigIntValue } from "../../../src/rego/bundle/builtins/common.js";
import { regoParseBuiltins } from "../../../src/rego/bundle/builtins/rego-parse.js";
import { compileRules, type Evaluator } from "./helpers.js";

const v = (name: string) => ({ type: "var", value: name });
const s = (value: string) => ({ type: "string", value });
const n = (value: number) => ({ type: "number", value });
const ref = (...items: object[]) => ({ type: "ref", value: items });
const op = (...names: string[]) => ref(v(names[0]!), ...names.slice(1).map(s));
const call = (name: string[], ...args: object[]) => ({ type: "call", value: [op(...name), ...args] });
const input = (...path: string[]) => ref(v("input"), ...path.map(s));
const TRUE = { type: "boolean", value: true };
const TRUE_BODY = [{ index: 0, terms: TRUE }];

let lenient: Evaluator;
let strict: Evaluator;
beforeAll(async () => {
  const body = `ast := rego.parse_module(input.file, input.src)`;
  lenient = await compileRules(body, ["ast"]);
  strict = await compileRules(body, ["ast"], { strict: true });
}, 120_000);

const parse = (src: string, ev: Evaluator = lenient) => ev.value("ast", { file: "p.rego", src: `package a.b\n\n${src}\n` }) as { package: unknown; imports?: unknown[]; rules: unknown[] };

describe("rego.parse_module", () => {
  it("a module: package path from data, imports with aliases, rule with body", () => {
    const ast = parse('import data.lib.x as y\n\nallow if {\n\tinput.user == "admin"\n\tnot input.blocked\n\tcount(input.roles) > 0\n}');
    expect(ast.package).toEqual({ path: [v("data"), s("a"), s("b")] });
    expect(ast.imports).toEqual([{ path: ref(v("data"), s("lib"), s("x")), alias: "y" }]);
    expect(ast.rules).toEqual([
      {
        head: { name: "allow", ref: [v("allow")], value: TRUE },
        body: [
          { index: 0, terms: [op("equal"), input("user"), s("admin")] },
          { index: 1, negated: true, terms: input("blocked") },
          { index: 2, terms: [op("gt"), call(["count"], input("roles")), n(0)] },
        ],
      },
    ]);
  });

  it("a multi-value rule with some ... in, and a function", () => {
    const ast = parse("deny contains msg if {\n\tsome r in input.roles\n\tmsg := r\n}\n\nf(x) := x + 1");
    expect(ast.rules).toEqual([
      {
        head: { name: "deny", ref: [v("deny")], key: v("msg") },
        body: [
          { index: 0, terms: { symbols: [call(["internal", "member_2"], v("r"), input("roles"))] } },
          { index: 1, terms: [op("assign"), v("msg"), v("r")] },
        ],
      },
      { head: { name: "f", ref: [v("f")], args: [v("x")], value: call(["plus"], v("x"), n(1)), assign: true }, body: TRUE_BODY },
    ]);
  });

  it("default rules, every, with, comprehensions and wildcards", () => {
    const ast = parse('default d := false\n\nq := [x | x := input.xs[_]] if {\n\tevery k, z in input.m { z > k }\n\tdata.a.b.d with input as {"m": {}}\n}');
    expect(ast.rules).toEqual([
      { default: true, head: { name: "d", ref: [v("d")], value: { type: "boolean", value: false }, assign: true }, body: TRUE_BODY },
      {
        head: {
          name: "q",
          ref: [v("q")],
          value: { type: "arraycomprehension", value: { term: v("x"), body: [{ index: 0, terms: [op("assign"), v("x"), ref(v("input"), s("xs"), v("$0"))] }] } },
          assign: true,
        },
        body: [
          { index: 0, terms: { key: v("k"), value: v("z"), domain: input("m"), body: [{ index: 0, terms: [op("gt"), v("z"), v("k")] }] } },
          { index: 1, terms: ref(v("data"), s("a"), s("b"), s("d")), with: [{ target: ref(v("input")), value: { type: "object", value: [[s("m"), { type: "object", value: [] }]] } }] },
        ],
      },
    ]);
  });

  it("ref heads and else chains", () => {
    const ast = parse('p.q[k] := 1 if some k in ["a"]\n\ngrade := "a" if input.x > 9 else := "b"');
    const [refHead, grade] = ast.rules as Array<Record<string, unknown>>;
    expect(refHead!.head).toEqual({ ref: [v("p"), s("q"), v("k")], value: n(1), assign: true });
    expect(grade!.else).toEqual({ head: { name: "grade", ref: [v("grade")], value: s("b"), assign: true }, body: TRUE_BODY });
  });

  it("keeps an integer literal beyond 2^53 whole (as the digits the loader writes)", () => {
    const ast = regoParseBuiltins["rego.parse_module"]!("p.rego", "package a\n\nbig := 12345678901234567890\n") as { rules: Array<{ head: { value: { value: unknown } } }> };
    const big = ast.rules[0]!.head.value.value;
    expect(big).toBeInstanceOf(BigIntValue);
    expect((big as BigIntValue).digits).toBe("12345678901234567890");
  });

  it("and the module receives those digits", async () => {
    const ev = await compileRules(`t := sprintf("%v", [rego.parse_module("p.rego", "package a\\n\\nbig := 12345678901234567890\\n").rules[0].head.value.value])`, ["t"]);
    expect(ev.value("t")).toBe("12345678901234567890");
  }, 60_000);

  it("null, and template strings with their parts", () => {
    const ast = parse('t := $"a {input.x} {null}"') as { rules: Array<{ head: { value: unknown } }> };
    expect(ast.rules[0]!.head.value).toEqual({
      type: "templatestring",
      value: { multi_line: false, parts: [s("a "), { index: 0, terms: input("x") }, s(" "), { type: "null", value: {} }] },
    });
  });

  it("lists the module's METADATA annotations", () => {
    const ast = parse("# METADATA\n# title: Allow\n# custom:\n#   id: X-1\nallow := true") as { annotations?: unknown };
    expect(ast.annotations).toEqual([{ scope: "rule", title: "Allow", custom: { id: "X-1" } }]);
  });

  it("a parse error: undefined by default, OPA's error text in strict mode", () => {
    const src = { file: "bad.rego", src: "package x\n\np if {\n" };
    expect(lenient.value("ast", src)).toBeUndefined();
    expect(strict.error("ast", src)).toContain("eval_builtin_error: rego.parse_module: 1 error occurred: bad.rego:4: rego_parse_error: ");
    expect(strict.error("ast", { file: 1, src: "" })).toContain("eval_type_error: rego.parse_module: operand 1 must be string but got number");
  });
});
