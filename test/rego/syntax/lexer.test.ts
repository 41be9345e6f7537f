import { describe, expect, it } from "vitest";
import { RegoErrors, tokenize } from "../../../src/rego/syntax/index.ts";

const kinds = (src: string) => tokenize(src, "t.rego").tokens.map((t) => `${t.kind}:${t.value}`);

function lexError(src: string): string {
  try {
    tokenize(src, "t.rego");
  } catch (e) {
    if (e instanceof RegoErrors) return e.message;
    throw e;
  }
  throw new Error("no error");
}

describe("lexer", () => {
  it("produces identifiers, numbers, strings and operators with positions", () => {
    const { tokens } = tokenize('p := {"a": 1.5e3}\n  x', "t.rego");
    expect(tokens.map((t) => [t.kind, t.value, t.line, t.col])).toEqual([
      ["ident", "p", 1, 1],
      ["op", ":=", 1, 3],
      ["op", "{", 1, 6],
      ["string", "a", 1, 7],
      ["op", ":", 1, 10],
      ["number", "1.5e3", 1, 12],
      ["op", "}", 1, 17],
      ["ident", "x", 2, 3],
      ["eof", "", 2, 4],
    ]);
  });

  it("recognises every operator", () => {
    expect(kinds(":= = == != < <= > >= + - * / % & | . , ; : [ ] { } ( )").slice(0, -1).map((k) => k.slice(3))).toEqual(
      ":= = == != < <= > >= + - * / % & | . , ; : [ ] { } ( )".split(" "),
    );
  });

  it("scans integers, decimals and exponents", () => {
    expect(kinds("0 42 3.14 1e10 2E+3 5e-2 12345678901234567890")).toEqual([
      "number:0", "number:42", "number:3.14", "number:1e10", "number:2E+3", "number:5e-2",
      "number:12345678901234567890", "eof:",
    ]);
  });

  it("decodes JSON string escapes, including surrogate pairs", () => {
    const { tokens } = tokenize(String.raw`"a\nb\t\"\\\/\b\f\r\u00e9\ud83d\ude00"`, "t.rego");
    expect(tokens[0]!.value).toBe('a\nb\t"\\/\b\f\r\u00e9😀');
    expect(tokenize(String.raw`"\ud83d"`, "t").tokens[0]!.value).toBe("\ufffd");
    expect(tokenize('"日本語 😀"', "t").tokens[0]!.value).toBe("日本語 😀");
  });

  it("scans raw strings spanning lines and keeps line numbers right", () => {
    const { tokens } = tokenize("x := `a\\n\nb`\ny", "t.rego");
    expect(tokens[2]).toMatchObject({ kind: "string", value: "a\\n\nb", raw: true, line: 1, col: 6 });
    expect(tokens[3]).toMatchObject({ kind: "ident", value: "y", line: 3, col: 1, nl: true });
  });

  it("collects comments and marks newlines and whitespace before tokens", () => {
    const { tokens, comments } = tokenize("a # one\n# two\nb.c [d]", "t.rego");
    expect(comments).toEqual([
      { text: " one", line: 1, col: 3 },
      { text: " two", line: 2, col: 1 },
    ]);
    expect(tokens.map((t) => [t.value, t.nl, t.ws])).toEqual([
      ["a", false, false],
      ["b", true, true],
      [".", false, false],
      ["c", false, false],
      ["[", false, true],
      ["d", false, false],
      ["]", false, false],
      ["", false, false],
    ]);
  });

  it("counts columns in UTF-16 code units", () => {
    const { tokens } = tokenize('"😀" x', "t.rego");
    expect(tokens[1]!.col).toBe(6);
  });

  it("reports lexical errors with file:line:col", () => {
    expect(lexError('x := "abc\n')).toBe("t.rego:1:6: non-terminated string");
    expect(lexError('\n  "a\\q"')).toBe("t.rego:2:5: illegal escape sequence");
    expect(lexError('"\\u12"')).toBe("t.rego:1:2: illegal escape sequence");
    expect(lexError("x := `abc")).toBe("t.rego:1:6: non-terminated raw string");
    expect(lexError("x := 1 @ 2")).toBe("t.rego:1:8: illegal token");
    expect(lexError("x := 1.")).toBe("t.rego:1:8: expected fraction");
    expect(lexError("x := 1e")).toBe("t.rego:1:8: expected exponent");
    expect(lexError("x := 12ab")).toBe("t.rego:1:6: illegal number format");
  });
});
