// uri.parse / uri.is_valid (Go's net/url.Parse, as OPA), array.flatten, strings.split_n.
import { beforeAll, describe, expect, it } from "vitest";
import { compileBoth, type Evaluator } from "./helpers.js";

let e: Evaluator;
let strict: Evaluator;
beforeAll(async () => {
  ({ e, strict } = await compileBoth({
    parse: "uri.parse(input.s)",
    valid: "uri.is_valid(input.s)",
    flat: "array.flatten(input.a)",
    split: "strings.split_n(input.s, input.d, input.n)",
  }));
}, 120_000);

describe("uri.parse", () => {
  it("gives the non-empty parts: scheme lowercased, hostname and port apart, path unescaped with raw_path", () => {
    expect(e.value("parse", { s: "HTTPS://u:p@Example.com:8080/a%20b?q=1&r=2#top" })).toEqual({
      scheme: "https", hostname: "Example.com", port: "8080", path: "/a b", raw_path: "/a b", raw_query: "q=1&r=2", fragment: "top",
    });
    expect(e.value("parse", { s: "http://[2001:db8::1]:443/x" })).toMatchObject({ hostname: "2001:db8::1", port: "443" });
    expect(e.value("parse", { s: "http://x/a%2Fb" })).toMatchObject({ path: "/a/b", raw_path: "/a%2Fb" });
    expect(e.value("parse", { s: "spiffe://example.test/ns/default/sa/web" })).toEqual({
      scheme: "spiffe", hostname: "example.test", path: "/ns/default/sa/web", raw_path: "/ns/default/sa/web",
    });
    expect(e.value("parse", { s: "mailto:ops@example.test" })).toEqual({ scheme: "mailto" });
    expect(e.value("parse", { s: "/rel/path?x" })).toEqual({ path: "/rel/path", raw_path: "/rel/path", raw_query: "x" });
  });
  it("Go's parse errors, undefined unless strict", () => {
    expect(strict.error("parse", { s: "http://host:port/" })).toBe('eval_builtin_error: uri.parse: parse "http://host:port/": invalid port ":port" after host');
    expect(strict.error("parse", { s: ":foo" })).toBe('eval_builtin_error: uri.parse: parse ":foo": missing protocol scheme');
    expect(strict.error("parse", { s: "a/b:c" })).toBe(undefined);
    expect(strict.error("parse", { s: "b:c/d" })).toBe(undefined);
    expect(strict.error("parse", { s: "x:y" })).toBe(undefined);
    expect(strict.error("parse", { s: "1x:y" })).toBe('eval_builtin_error: uri.parse: parse "1x:y": first path segment in URL cannot contain colon');
    expect(strict.error("parse", { s: "http://x/%zz" })).toBe('eval_builtin_error: uri.parse: parse "http://x/%zz": invalid URL escape "%zz"');
    expect(strict.error("parse", { s: 1 })).toBe("eval_type_error: uri.parse: operand 1 must be string but got number");
    expect(e.value("parse", { s: "http://host:port/" })).toBeUndefined();
  });
});

describe("uri.is_valid", () => {
  it("whether uri.parse succeeds; false for empty and non-strings", () => {
    expect(e.value("valid", { s: "https://example.com/x" })).toBe(true);
    expect(e.value("valid", { s: "relative/path" })).toBe(true);
    expect(e.value("valid", { s: "http://exa mple.com/" })).toBe(false);
    expect(e.value("valid", { s: "" })).toBe(false);
    expect(strict.value("valid", { s: 5 })).toBe(false);
  });
});

describe("array.flatten", () => {
  it("removes one level of nesting", () => {
    expect(e.value("flat", { a: [1, [2, [3]], [], "x"] })).toEqual([1, 2, [3], "x"]);
    expect(e.value("flat", { a: [] })).toEqual([]);
    expect(strict.error("flat", { a: "x" })).toBe("eval_type_error: array.flatten: operand 1 must be array but got string");
  });
});

describe("strings.split_n", () => {
  it("the first n parts, the last |n| for a negative n, none for 0, all when n exceeds them", () => {
    expect(e.value("split", { s: "a.b.c.d", d: ".", n: 2 })).toEqual(["a", "b"]);
    expect(e.value("split", { s: "a.b.c.d", d: ".", n: -2 })).toEqual(["c", "d"]);
    expect(e.value("split", { s: "a.b.c", d: ".", n: -1 })).toEqual(["c"]);
    expect(e.value("split", { s: "a.b", d: ".", n: 5 })).toEqual(["a", "b"]);
    expect(e.value("split", { s: "a.b", d: ".", n: 0 })).toEqual([]);
    expect(strict.error("split", { s: "a.b", d: ".", n: 1.5 })).toBe("eval_type_error: strings.split_n: operand 3 must be integer number but got floating-point number");
  });
});
