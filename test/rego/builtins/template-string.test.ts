// Template strings, compiled and evaluated: the lowering of compile/rewrite-template.ts and the
// builtin internal.template_string. Expected values follow OPA's builtinTemplateString (parts
// written as print writes them, <undefined> for an undefined expression, a conflict error for an
// expression with several values), in lenient and strict mode alike.
import { beforeAll, describe, expect, it } from "vitest";
import { compileRules, type Evaluator } from "./helpers.js";

const body = `
arith := $"foo {1 + 2} bar"
refs := $"x={input.x} missing={input.missing}"
values := $"{ {"c"} } {set()} {[1, "a"]} {{"d": "e"}} {4.2} {input.big} {null} {true} {"s"}"
literals := $"{12345678901234567890} {1.50} {false}"
many := $"{input.arr[_]}"
raw := $\`multi
line {input.x}\`
nested := $"out { $"in {input.x}" } out"
local := $"{x}" if x := input.x + 4
mocked := $"{input.x with input.x as 9}"
relation := $"{count(input.arr) > 1} {count(input.arr) > 5} {input.arr}"
items contains $"item {x}" if some x in input.arr
escaped := $"esc \\{1\\} \\" quote {"}"}"
fn(v) := $"<{v}>"
called := fn(input.x)
undefined_arg := $"{fn(input.missing)}"
in_comprehension := [$"{y}!" | some y in input.arr]
g($"{x}-{input.x}") := x if x := "a"
default constant := $"only {1} {"text"}"
arg := g("a-1")
arg_mismatch := g("b-1")
`;

const RULES = ["constant", "arg", "arg_mismatch", "arith", "refs", "values", "literals", "many", "raw", "nested", "local", "mocked", "relation", "items", "escaped", "called", "undefined_arg", "in_comprehension"];
const input = { x: 1, arr: [1, 2], big: 98765432109876543210 };

let lenient: Evaluator;
let strict: Evaluator;
beforeAll(async () => {
  lenient = await compileRules(body, RULES);
  strict = await compileRules(body, RULES, { strict: true });
}, 120_000);

describe.each([["lenient", () => lenient], ["strict", () => strict]])("template strings (%s)", (_mode, ev) => {
  it("joins text and the values of expressions", () => {
    expect(ev().value("arith", input)).toBe("foo 3 bar");
    expect(ev().value("local", input)).toBe("5");
    expect(ev().value("called", input)).toBe("<1>");
    expect(ev().value("nested", input)).toBe("out in 1 out");
    expect(ev().value("raw", input)).toBe("multi\nline 1");
    expect(ev().value("escaped", input)).toBe('esc {1} " quote }');
  });

  it("writes an undefined expression as <undefined>, and stays defined", () => {
    expect(ev().value("refs", input)).toBe("x=1 missing=<undefined>");
    expect(ev().value("undefined_arg", input)).toBe("<undefined>");
  });

  it("writes strings unquoted and other values in Rego's syntax", () => {
    expect(ev().value("values", { big: 12 })).toBe('{"c"} set() [1, "a"] {"d": "e"} 4.2 12 null true s');
    expect(ev().value("literals", input)).toBe("12345678901234567890 1.50 false");
    expect(ev().value("relation", input)).toBe("true false [1, 2]");
  });

  it("applies with modifiers inside the expression", () => {
    expect(ev().value("mocked", input)).toBe("9");
  });

  it("is evaluated once per binding of the body around it", () => {
    expect(ev().value("items", input)).toEqual(["item 1", "item 2"]);
    expect(ev().value("in_comprehension", input)).toEqual(["1!", "2!"]);
  });

  it("a template of text and literals alone is a constant (a default value may be one)", () => {
    expect(ev().value("constant", input)).toBe("only 1 text");
  });

  it("matches a function's argument against a template whose variables the body binds", () => {
    expect(ev().value("arg", input)).toBe("a");
    expect(ev().value("arg_mismatch", input)).toBeUndefined();
  });

  it("halts on an expression with several values, in either mode", () => {
    expect(ev().error("many", input)).toMatch(/^eval_conflict_error: template-strings must not produce multiple outputs$/);
    expect(ev().value("many", { arr: [7, 7] })).toBe("7");
  });
});
