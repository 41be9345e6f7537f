// Template strings (OPA 1.12): `$"text {expr}"` and `` $`raw {expr}` ``, lexed as text segments
// around the tokens of their expressions, parsed into a "template" term.
import { describe, expect, it } from "vitest";
import { parseModule, parseQuery, tokenize, type Term } from "../../../src/rego/syntax/index.ts";
import { parseErrors, show } from "./show.ts";

/** The right-hand side of `x := <src>`. */
function rhs(src: string): Term {
  const [e] = parseQuery(`x := ${src}`);
  if (e?.body.type !== "term" || e.body.term.type !== "call") throw new Error("not an assignment");
  return e.body.term.args[1]!;
}

describe("template strings: lexer", () => {
  it("splits a template into segments around its expressions' tokens", () => {
    const toks = tokenize('$"a {x + 1} b {y}"', "t.rego").tokens;
    expect(toks.map((t) => [t.kind, t.value, t.tplStart ?? false, t.tplEnd ?? false, t.col])).toEqual([
      ["template", "a ", true, false, 1],
      ["ident", "x", false, false, 6],
      ["op", "+", false, false, 8],
      ["number", "1", false, false, 10],
      ["template", " b ", false, false, 11],
      ["ident", "y", false, false, 16],
      ["template", "", false, true, 17],
      ["eof", "", false, false, 19],
    ]);
  });

  it("tells the brace closing an expression from the braces inside it", () => {
    const toks = tokenize('$"{ {"k": {1}} }!"', "t.rego").tokens;
    expect(toks.filter((t) => t.kind === "template").map((t) => t.value)).toEqual(["", "!"]);
    expect(toks.filter((t) => t.kind === "op").map((t) => t.value)).toEqual(["{", ":", "{", "}", "}"]);
  });

  it("decodes string escapes and \\{ \\} in $\"...\", only \\{ \\} in $`...`", () => {
    const [a] = tokenize('$"tab\\t quote\\" \\{no\\} \\u00e9"', "t.rego").tokens;
    expect(a!.value).toBe('tab\t quote" {no} é');
    const [b] = tokenize("$`back\\slash \\{no\\} \\n`", "t.rego").tokens;
    expect(b!.value).toBe("back\\slash {no} \\n");
  });

  it("keeps line numbers across a raw template's lines", () => {
    const toks = tokenize("$`one\ntwo {x}\nthree`\ny", "t.rego").tokens;
    const x = toks.find((t) => t.value === "x")!;
    const y = toks.find((t) => t.value === "y")!;
    expect([x.line, x.col, y.line, y.col]).toEqual([2, 6, 4, 1]);
  });
});

describe("template strings: parser", () => {
  it("keeps text, scalar literals and expressions as parts", () => {
    const t = rhs('$"a{input.x}b{"lit"}{42}{true}{null}{-1}"');
    expect(t.type).toBe("template");
    if (t.type !== "template") return;
    expect(t.multiLine).toBe(false);
    expect(t.parts.map((p) => ("body" in p ? "expr" : show(p)))).toEqual(['"a"', "expr", '"b"', '"lit"', "42", "true", "null", "-1"]);
    expect(show(t)).toBe('$"a{input["x"]}blit{42}{true}{null}{-1}"');
  });

  it("parses any expression, with modifiers and nested templates included", () => {
    expect(show(rhs('$"{count(xs) > 1} {[y | y := xs[_]]} {f(x) with input as 1}"'))).toBe(
      '$"{gt(count(xs), 1)} {[y | assign(y, xs[$_0])]} {f(x) with input as 1}"',
    );
    expect(show(rhs('$"out { $"in {x}" } out"'))).toBe('$"out {$"in {x}"} out"');
    expect(show(rhs("$`raw\n{x}`"))).toBe("$`raw\n{x}`");
  });

  it("is a term anywhere: rule values, set elements, function arguments", () => {
    const m = parseModule('package p\n\nmsg contains $"bad {x}" if some x in input.xs\n\nf(x) := $"<{x}>"\n', "p.rego");
    expect(m.rules.map((r) => show((r.head.key ?? r.head.value)!))).toEqual(['$"bad {x}"', '$"<{x}>"']);
  });

  it("reports what OPA rejects inside an expression, at file:line:col", () => {
    const errs = (q: string) => parseErrors(() => parseQuery(q, "q.rego"));
    expect(errs('x := $"{not y}"')).toEqual(["q.rego:1:9: unexpected negation ('not') in template-string expression"]);
    expect(errs('x := $"{y = 1}"')).toEqual(["q.rego:1:9: unexpected unification ('=') in template-string expression"]);
    expect(errs('x := $"{y := 1}"')).toEqual(["q.rego:1:9: unexpected assignment (':=') in template-string expression"]);
    expect(errs('x := $"{some y in z}"')).toEqual(["q.rego:1:9: unexpected 'some' in template-string expression"]);
    expect(errs('x := $"{every y in z { y }}"')).toEqual(["q.rego:1:9: unexpected 'every' in template-string expression"]);
    expect(errs('x := $"{y z}"')).toEqual(["q.rego:1:11: expected } to end template string expression"]);
    expect(errs('x := $"{}"')).toEqual(["q.rego:1:9: unexpected } token"]);
    expect(errs('x := $"{1 +}"')).toEqual(["q.rego:1:12: unexpected } token"]);
  });

  it("reports an unterminated template at its $, and a $ not before a quote", () => {
    const errs = (src: string) => parseErrors(() => parseModule(src, "m.rego"));
    expect(errs('package p\n\nx := $"no end\n')).toEqual(["m.rego:3:6: non-terminated template string"]);
    expect(errs("package p\n\nx := $`no end {y}\n")).toEqual(["m.rego:3:6: non-terminated template string"]);
    expect(errs('package p\n\nx := $"open {y\n')).toEqual(["m.rego:3:6: non-terminated template string"]);
    expect(errs('package p\n\nx := $ "a"\n')).toEqual(["m.rego:3:6: illegal $ character"]);
    expect(errs('package p\n\nx := $"a".b\n')).toEqual(["m.rego:3:10: illegal ref (head cannot be templatestring)"]);
    expect(errs('package p\n\ndefault x := $"a {input.b}"\n')).toEqual(["m.rego:3:19: illegal default rule (value cannot contain ref)"]);
    expect(errs('package p\n\ndefault x := $"a {1 + 1}"\n')).toEqual(["m.rego:3:19: illegal default rule (value cannot contain call)"]);
    expect(parseModule('package p\n\ndefault x := $"a {1} {"b"}"\n', "m.rego").rules[0]!.default).toBe(true);
  });

  it("recovers after an error in a template and reports the next rule's too", () => {
    const errs = parseErrors(() => parseModule('package p\n\na := $"{not b}"\n\nc := $"{d e}"\n', "m.rego"));
    expect(errs).toEqual([
      "m.rego:3:9: unexpected negation ('not') in template-string expression",
      "m.rego:5:11: expected } to end template string expression",
    ]);
  });
});
