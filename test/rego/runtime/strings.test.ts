import { beforeAll, describe, expect, it } from "vitest";
import { loadRuntime, type Runtime } from "./harness.js";

let rt: Runtime;
beforeAll(async () => {
  rt = await loadRuntime();
});
const q = (s: string) => JSON.stringify(s);
const S = (name: string, ...args: string[]) => rt.callJ(name, ...args.map(q));

describe("predicates", () => {
  it("startswith/endswith/contains", () => {
    expect(S("startswith", "abcdef", "abc")).toBe(true);
    expect(S("startswith", "abc", "abcd")).toBe(false);
    expect(S("endswith", "abcdefgh", "fgh")).toBe(true);
    expect(S("endswith", "abc", "")).toBe(true);
    expect(S("contains", "abcdefgh", "cde")).toBe(true);
    expect(S("contains", "abcdefgh", "ac")).toBe(false);
    expect(S("contains", "abc", "")).toBe(true);
    expect(rt.err("startswith", "1", '"a"')).toBe("eval_type_error: startswith: operand 1 must be string but got number");
    expect(rt.err("contains", '"a"', "[]")).toBe("eval_type_error: contains: operand 2 must be string but got array");
  });
  it("strings.count", () => {
    expect(S("strings.count", "cheese", "e")).toBe(3);
    expect(S("strings.count", "hello hello hello world", "hello")).toBe(3);
    expect(S("strings.count", "dummy", "x")).toBe(0);
    expect(S("strings.count", "five", "")).toBe(5);
  });
  it("strings.any_prefix_match / any_suffix_match", () => {
    expect(rt.callJ("strings.any_prefix_match", '["a/b/c","e/f/g"]', '["d/","a/"]')).toBe(true);
    expect(rt.callJ("strings.any_prefix_match", '["a/b/c","e/f/g"]', '["f/"]')).toBe(false);
    expect(rt.callJ("strings.any_prefix_match", '"a/b/c"', '{"a/"}')).toBe(true);
    expect(rt.callJ("strings.any_prefix_match", "[]", '"a"')).toBe(false);
    expect(rt.callJ("strings.any_suffix_match", '"abc.txt"', '[".md",".txt"]')).toBe(true);
    expect(rt.err("strings.any_prefix_match", "[1,2]", '["a"]')).toBe(
      "eval_type_error: strings.any_prefix_match: operand 1 must be array of strings but got array containing number",
    );
    expect(rt.err("strings.any_prefix_match", '["a"]', "1")).toBe(
      "eval_type_error: strings.any_prefix_match: operand 2 must be one of {string, set, array} but got number",
    );
  });
});

describe("indexof / substring", () => {
  it("indexof counts code points", () => {
    expect(S("indexof", "abcdefgh", "cde")).toBe(2);
    expect(S("indexof", "abcabcabcdefgh", "cde")).toBe(8);
    expect(S("indexof", "äbc", "c")).toBe(2);
    expect(S("indexof", "abc", "x")).toBe(-1);
    expect(rt.err("indexof", '"abc"', '""')).toBe("eval_builtin_error: indexof: empty search character");
    expect(rt.callJ("indexof_n", '"abcab"', '"ab"')).toEqual([0, 3]);
    expect(rt.callJ("indexof_n", '"aaa"', '"aa"')).toEqual([0, 1]);
  });
  it("substring", () => {
    expect(rt.callJ("substring", '"abcdef"', "1", "3")).toBe("bcd");
    expect(rt.callJ("substring", '"abcdef"', "2", "-1")).toBe("cdef");
    expect(rt.callJ("substring", '"abc"', "1", "100")).toBe("bc");
    expect(rt.callJ("substring", '"aaa"', "3", "-1")).toBe("");
    expect(rt.callJ("substring", '"åäö"', "3", "-1")).toBe("");
    expect(rt.callJ("substring", '"åäöx"', "1", "2")).toBe("äö");
    expect(rt.callJ("substring", '"日本語"', "0", "1")).toBe("日");
    expect(rt.err("substring", '"abc"', "-1", "1")).toBe("eval_builtin_error: substring: negative offset");
    expect(rt.err("substring", '"abc"', "1.5", "1")).toBe(
      "eval_type_error: substring: operand 2 must be integer number but got floating-point number",
    );
    expect(rt.err("substring", "1", "0", "1")).toBe("eval_type_error: substring: operand 1 must be string but got number");
  });
});

describe("concat / split / replace", () => {
  it("concat", () => {
    expect(rt.callJ("concat", '"/"', '["a","b"]')).toBe("a/b");
    expect(rt.callJ("concat", '", "', '{"b","a"}')).toBe("a, b");
    expect(rt.callJ("concat", '"/"', "[]")).toBe("");
    expect(rt.callJ("concat", '"/"', '["x"]')).toBe("x");
    expect(rt.err("concat", '"/"', '["a",1]')).toBe("eval_type_error: concat: operand 2 must be array of strings but got array containing number");
    expect(rt.err("concat", '"/"', '"ab"')).toBe("eval_type_error: concat: operand 2 must be one of {set, array} but got string");
  });
  it("split", () => {
    expect(S("split", "foo.bar.baz", ".")).toEqual(["foo", "bar", "baz"]);
    expect(S("split", "abc", ",")).toEqual(["abc"]);
    expect(S("split", "a,", ",")).toEqual(["a", ""]);
    expect(S("split", "", ",")).toEqual([""]);
    expect(S("split", "héllo", "")).toEqual(["h", "é", "l", "l", "o"]);
    expect(S("split", "", "")).toEqual([]);
    expect(S("split", "a::b::c", "::")).toEqual(["a", "b", "c"]);
  });
  it("replace", () => {
    expect(S("replace", "foo.bar.baz", ".", ",")).toBe("foo,bar,baz");
    expect(S("replace", "aaaa", "aa", "b")).toBe("bb");
    expect(S("replace", "abc", "", "-")).toBe("-a-b-c-");
    expect(S("replace", "abc", "x", "y")).toBe("abc");
    expect(rt.err("replace", '"a"', '"b"', "1")).toBe("eval_type_error: replace: operand 3 must be string but got number");
  });
  it("strings.replace_n", () => {
    expect(rt.callJ("strings.replace_n", '{"a":"1","b":"2"}', '"abcab"')).toBe("12c12");
    // Sorted keys: "a" is tried before "ab" at each position.
    expect(rt.callJ("strings.replace_n", '{"ab":"X","a":"Y"}', '"abab"')).toBe("YbYb");
    expect(rt.callJ("strings.replace_n", '{"x":"y","y":"x"}', '"xy"')).toBe("yx");
    expect(rt.callJ("strings.replace_n", "{}", '"abc"')).toBe("abc");
    expect(rt.callJ("strings.replace_n", '{"":"-","a":"X"}', '"ab"')).toBe("-X-b-");
    expect(rt.callJ("strings.replace_n", '{"":"-"}', '""')).toBe("-");
    expect(rt.err("strings.replace_n", '{"a":1}', '"abc"')).toBe(
      "eval_type_error: strings.replace_n: operand 1 non-string value found in pattern object",
    );
    expect(rt.err("strings.replace_n", '{1:"a"}', '"abc"')).toBe(
      "eval_type_error: strings.replace_n: operand 1 non-string key found in pattern object",
    );
  });
});

describe("trim family", () => {
  it("trim/trim_left/trim_right with cutsets", () => {
    expect(S("trim", "...foo.bar...", ".fr")).toBe("oo.ba");
    expect(S("trim", "¡¡¡foo, bar!!!", "!¡")).toBe("foo, bar");
    expect(S("trim", "¡¡¡foo, bar!!!", "i")).toBe("¡¡¡foo, bar!!!");
    expect(S("trim", "aaa", "a")).toBe("");
    expect(S("trim", "abc", "")).toBe("abc");
    expect(S("trim_left", "xxabcxx", "x")).toBe("abcxx");
    expect(S("trim_right", "xxabcxx", "x")).toBe("xxabc");
    expect(S("trim_right", "abcäö", "öä")).toBe("abc");
  });
  it("trim_prefix/trim_suffix/trim_space", () => {
    expect(S("trim_prefix", "foobar", "foo")).toBe("bar");
    expect(S("trim_prefix", "foobar", "bar")).toBe("foobar");
    expect(S("trim_suffix", "foobar", "bar")).toBe("foo");
    expect(S("trim_space", " \t\n foo bar \r\n")).toBe("foo bar");
    expect(S("trim_space", "\u3000\u00a0x\u2003")).toBe("x");
    expect(S("trim_space", "   ")).toBe("");
  });
});

describe("case mapping / reverse / format", () => {
  it("lower/upper", () => {
    expect(S("lower", "AbCdEf")).toBe("abcdef");
    expect(S("upper", "AbCdEf")).toBe("ABCDEF");
    expect(S("lower", "ÀÉÎÕÜ ΑΒΓ АБВ ＡＢＣ")).toBe("àéîõü αβγ абв ａｂｃ");
    expect(S("upper", "àéîõü αβγς абв ａｂｃ ÿ")).toBe("ÀÉÎÕÜ ΑΒΓΣ АБВ ＡＢＣ Ÿ");
    expect(S("upper", "日本語")).toBe("日本語");
    expect(rt.err("lower", "1")).toBe("eval_type_error: lower: operand 1 must be string but got number");
  });
  it("strings.reverse", () => {
    expect(S("strings.reverse", "abc日本")).toBe("本日cba");
  });
});
