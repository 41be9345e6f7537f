import { describe, expect, it } from "vitest";
import { goSprintf, jsBuiltins, makeJsBuiltins, RegoBuiltinError, resetJsBuiltinState, setJsBuiltinsStrict, strictJsBuiltins } from "../../../src/rego/bundle/js-builtins.js";

const J = jsBuiltins;
const strictErr = (name: string, ...args: unknown[]): string => {
  try {
    const r = strictJsBuiltins[name](...args);
    throw new Error(`expected ${name} to fail, got ${JSON.stringify(r)}`);
  } catch (e) {
    if (e instanceof RegoBuiltinError) return e.message;
    throw e;
  }
};

describe("base64", () => {
  it("encodes and decodes UTF-8", () => {
    expect(J["base64.encode"]("héllo")).toBe("aMOpbGxv");
    expect(J["base64.decode"]("aMOpbGxv")).toBe("héllo");
    expect(J["base64.decode"]("YQ==")).toBe("a");
    expect(J["base64.decode"]("YWI=\n")).toBe("ab");
    expect(J["base64url.encode"]("\u00ff\u00fe?")).toBe("w7_Dvj8=");
    expect(J["base64url.encode_no_pad"]("\u00ff\u00fe?")).toBe("w7_Dvj8");
    expect(J["base64url.decode"]("w7_Dvj8")).toBe("\u00ff\u00fe?");
    expect(J["base64url.decode"]("w7_Dvj8=")).toBe("\u00ff\u00fe?");
  });
  it("validates", () => {
    expect(J["base64.is_valid"]("YQ==")).toBe(true);
    expect(J["base64.is_valid"]("YQ")).toBe(false);
    expect(J["base64.is_valid"]("Y===")).toBe(false);
    expect(J["base64.is_valid"]("YQ==YQ==")).toBe(false);
    expect(J["base64.is_valid"]("a!==")).toBe(false);
    expect(J["base64.is_valid"](1)).toBe(false);
    expect(J["base64.decode"]("YQ")).toBeUndefined();
    expect(strictErr("base64.decode", "YQ")).toBe("eval_builtin_error: base64.decode: illegal base64 data at input byte 0");
    expect(strictErr("base64.decode", "a!==")).toBe("eval_builtin_error: base64.decode: illegal base64 data at input byte 1");
    expect(strictErr("base64.encode", 1)).toBe("eval_type_error: base64.encode: operand 1 must be string but got number");
    expect(strictErr("base64url.decode", "a")).toBe("eval_builtin_error: base64url.decode: illegal base64url string: a");
  });
  it("hex", () => {
    expect(J["hex.encode"]("hi")).toBe("6869");
    expect(J["hex.decode"]("6869")).toBe("hi");
    expect(J["hex.decode"]("686")).toBeUndefined();
  });
});

describe("glob.match", () => {
  const g = (p: string, d: string[] | null, s: string) => J["glob.match"](p, d, s);
  it("matches like gobwas/glob", () => {
    expect(g("*.github.com", ["."], "api.github.com")).toBe(true);
    expect(g("*.github.com", ["."], "api.not-github.com")).toBe(false);
    expect(g("*.github.com", ["."], "api.cdn.github.com")).toBe(false);
    expect(g("**.github.com", ["."], "api.cdn.github.com")).toBe(true);
    expect(g("[!a-c]at", [], "fat")).toBe(true);
    expect(g("[!a-c]at", [], "cat")).toBe(false);
    expect(g("[abc]at", [], "bat")).toBe(true);
    expect(g("?at", ["f"], "fat")).toBe(false);
    expect(g("?at", [], "fat")).toBe(true);
    expect(g("*", ["."], "foo.bar")).toBe(false);
    expect(g("*", [], "foo.bar")).toBe(false); // [] means the default delimiter "."
    expect(g("*", null, "foo.bar")).toBe(true);
    expect(g("{cat,bat,[fr]at}", [], "rat")).toBe(true);
    expect(g("{cat,bat,[fr]at}", [], "mat")).toBe(false);
    expect(g("a\\*b", [], "a*b")).toBe(true);
    expect(g("a\\*b", [], "axb")).toBe(false);
    expect(g("x-y+z(1)", [], "x-y+z(1)")).toBe(true);
    expect(g("*:*", [":"], "a:b")).toBe(true);
    expect(g("日本*", [], "日本語")).toBe(true);
    expect(g("", [], "")).toBe(true);
  });
  it("errors", () => {
    expect(strictErr("glob.match", "[a", [], "a")).toBe("eval_builtin_error: glob.match: unexpected end of input");
    expect(strictErr("glob.match", "[]", [], "a")).toBe("eval_builtin_error: glob.match: could not parse range");
    expect(strictErr("glob.match", "*", ["ab"], "a")).toBe(
      "eval_type_error: glob.match: operand 2 must be array of runes but got array containing string",
    );
    expect(strictErr("glob.match", "*", "x", "a")).toBe("eval_type_error: glob.match: operand 2 must be one of {array, null} but got string");
    expect(J["glob.quote_meta"]("*.[a]")).toBe("\\*.\\[a\\]");
  });
});

describe("regex", () => {
  it("matches with Go syntax", () => {
    expect(J["regex.match"]("^[a-z]+\\[[0-9]+\\]$", "foo[1]")).toBe(true);
    expect(J["re_match"]("^[a-z]+\\[[0-9]+\\]$", "foo[x]")).toBe(false);
    expect(J["regex.match"]("(?i)^ABC$", "abc")).toBe(true);
    expect(J["regex.match"]("^a.c$", "a\rc")).toBe(true);
    expect(J["regex.match"]("^a.c$", "a\nc")).toBe(false);
    expect(J["regex.match"]("(?s)^a.c$", "a\nc")).toBe(true);
    expect(J["regex.match"]("^\\p{Greek}+$", "αβγ")).toBe(true);
    expect(J["regex.match"]("^[[:alpha:]]+$", "abcXYZ")).toBe(true);
    expect(J["regex.match"]("^(?P<year>\\d{4})-\\d{2}$", "2024-01")).toBe(true);
    expect(J["regex.match"]("^\\Qa.b\\E$", "a.b")).toBe(true);
    expect(J["regex.match"]("^\\Qa.b\\E$", "axb")).toBe(false);
    expect(J["regex.match"]("^a\\-b$", "a-b")).toBe(true);
    expect(J["regex.match"]("\\Aab\\z", "ab")).toBe(true);
    expect(J["regex.match"]("x{", "x{")).toBe(true);
    expect(J["regex.match"]("^\\s$", "\u00a0")).toBe(false);
  });
  it("validates with Go's messages", () => {
    expect(J["regex.is_valid"]("a+")).toBe(true);
    expect(J["regex.is_valid"]("][")).toBe(false);
    expect(J["regex.is_valid"](1)).toBe(false);
    expect(strictErr("re_match", "][", 'foo["bar"]')).toBe("eval_builtin_error: re_match: error parsing regexp: missing closing ]: `[`");
    expect(strictErr("regex.match", "(a", "a")).toBe("eval_builtin_error: regex.match: error parsing regexp: missing closing ): `(a`");
    expect(strictErr("regex.match", "a)", "a")).toBe("eval_builtin_error: regex.match: error parsing regexp: unexpected ): `a)`");
    expect(strictErr("regex.match", "*a", "a")).toBe(
      "eval_builtin_error: regex.match: error parsing regexp: missing argument to repetition operator: `*`",
    );
    expect(strictErr("regex.match", "a**", "a")).toBe(
      "eval_builtin_error: regex.match: error parsing regexp: invalid nested repetition operator: `**`",
    );
    expect(strictErr("regex.match", "(a)\\1", "a")).toBe("eval_builtin_error: regex.match: error parsing regexp: invalid escape sequence: `\\1`");
    expect(strictErr("regex.match", "(?=a)", "a")).toBe(
      "eval_builtin_error: regex.match: error parsing regexp: invalid or unsupported Perl syntax: `(?=`",
    );
    expect(strictErr("regex.match", "[z-a]", "a")).toBe(
      "eval_builtin_error: regex.match: error parsing regexp: invalid character class range: `z-a`",
    );
  });
  it("find_all_string_submatch_n", () => {
    const f = J["regex.find_all_string_submatch_n"];
    expect(f("a(x*)b", "-ab-axxb-", -1)).toEqual([["ab", ""], ["axxb", "xx"]]);
    expect(f("a(x*)b", "-ab-axxb-", 1)).toEqual([["ab", ""]]);
    expect(f("a*", "baaac", -1)).toEqual([[""], ["aaa"], [""]]);
    expect(f("(a)|(b)", "ab", -1)).toEqual([["a", "a", ""], ["b", "", "b"]]);
    expect(J["regex.split"]("a", "banana")).toEqual(["b", "n", "n", ""]);
    expect(J["regex.find_n"]("[0-9]+", "a1b22c333", 2)).toEqual(["1", "22"]);
  });
});

describe("net", () => {
  it("cidr_contains", () => {
    const c = J["net.cidr_contains"];
    expect(c("10.0.0.0/8", "10.1.0.0/24")).toBe(true);
    expect(c("10.0.0.0/8", "192.168.1.0/24")).toBe(false);
    expect(c("10.0.0.0/8", "10.255.255.255")).toBe(true);
    expect(c("10.0.0.0/24", "10.0.0.0/16")).toBe(false);
    expect(c("2001:4860::/96", "2001:4860::/32")).toBe(false);
    expect(c("2001:4860::/32", "2001:4860:1::/48")).toBe(true);
    expect(c("2001:4860::/32", "2001:4860::1")).toBe(true);
    expect(c("10.0.0.0/8", "::ffff:10.1.2.3")).toBe(true);
    expect(c("10.0.0.0/8", "2001:4860::1")).toBe(false);
    expect(c("0.0.0.0/0", "1.2.3.4")).toBe(true);
  });
  it("cidr_intersects", () => {
    const i = J["net.cidr_intersects"];
    expect(i("192.168.0.0/16", "192.168.1.0/24")).toBe(true);
    expect(i("192.168.1.0/24", "192.168.0.0/16")).toBe(true);
    expect(i("192.168.1.0/24", "192.168.2.0/24")).toBe(false);
    expect(i("fd00::/8", "fd12::/16")).toBe(true);
  });
  it("errors", () => {
    expect(J["net.cidr_contains"]("not-a-cidr", "192.168.1.67")).toBeUndefined();
    expect(strictErr("net.cidr_contains", "not-a-cidr", "192.168.1.67")).toBe(
      "eval_builtin_error: net.cidr_contains: invalid CIDR address: not-a-cidr",
    );
    expect(strictErr("net.cidr_contains", "10.0.0.0/8", "10.0.0.256")).toBe(
      "eval_builtin_error: net.cidr_contains: not a valid textual representation of an IP address or CIDR: 10.0.0.256",
    );
    expect(strictErr("net.cidr_intersects", "10.0.0.0/33", "10.0.0.0/8")).toBe(
      "eval_builtin_error: net.cidr_intersects: invalid CIDR address: 10.0.0.0/33",
    );
    expect(strictErr("net.cidr_contains", "010.0.0.0/8", "10.0.0.1")).toBe(
      "eval_builtin_error: net.cidr_contains: invalid CIDR address: 010.0.0.0/8",
    );
    expect(J["net.cidr_is_valid"]("10.0.0.0/8")).toBe(true);
    expect(J["net.cidr_is_valid"]("10.0.0.0")).toBe(false);
  });
});

describe("time.diff / rand.intn", () => {
  const ns = (iso: string) => Date.parse(iso) * 1e6;
  it("time.diff", () => {
    expect(J["time.diff"](ns("2021-01-01T00:00:00Z"), ns("2022-03-04T05:06:07Z"))).toEqual([1, 2, 3, 5, 6, 7]);
    expect(J["time.diff"](ns("2022-03-04T05:06:07Z"), ns("2021-01-01T00:00:00Z"))).toEqual([1, 2, 3, 5, 6, 7]);
    expect(J["time.diff"](ns("2021-01-31T00:00:00Z"), ns("2021-03-01T00:00:00Z"))).toEqual([0, 1, 1, 0, 0, 0]);
    // In Asia/Tokyo both instants fall on the same day.
    expect(J["time.diff"]([ns("2021-01-01T15:00:00Z"), "Asia/Tokyo"], ns("2021-01-02T14:00:00Z"))).toEqual([0, 0, 0, 23, 0, 0]);
    expect(strictErr("time.diff", [0, "Nowhere/Town"], 0)).toBe("eval_builtin_error: time.diff: unknown time zone Nowhere/Town");
    expect(strictErr("time.diff", "x", 0)).toBe(
      "eval_type_error: time.diff: operand 1 must be either number (ns) or [number (ns), string (tz)] but got string",
    );
  });
  it("rand.intn is stable per evaluation", () => {
    resetJsBuiltinState();
    const a = J["rand.intn"]("k", 100);
    expect(a).toBeGreaterThanOrEqual(0);
    expect(a).toBeLessThan(100);
    expect(J["rand.intn"]("k", 100)).toBe(a);
    expect(J["rand.intn"]("k", -100)).toBe(a);
    expect(J["rand.intn"]("k", 0)).toBe(0);
    expect(strictErr("rand.intn", "k", 1.5)).toBe(
      "eval_type_error: rand.intn: operand 2 must be integer number but got floating-point number",
    );
  });
});

describe("json", () => {
  it("marshal like Go (sorted keys, HTML-safe)", () => {
    expect(J["json.marshal"]({ b: [1, 2.5, "x"], a: null, "<": "&" })).toBe('{"\\u003c":"\\u0026","a":null,"b":[1,2.5,"x"]}');
    expect(J["json.marshal"]("é\u2028")).toBe('"é\\u2028"');
    expect(J["json.marshal"](1e21)).toBe("1e+21");
    expect(J["json.marshal"](123456789012)).toBe("123456789012");
  });
  it("unmarshal and is_valid", () => {
    expect(J["json.unmarshal"]('{"a":[1,true,null]}')).toEqual({ a: [1, true, null] });
    expect(J["json.unmarshal"]("{")).toBeUndefined();
    expect(strictErr("json.unmarshal", 1)).toBe("eval_type_error: json.unmarshal: operand 1 must be string but got number");
    expect(J["json.is_valid"]("[1]")).toBe(true);
    expect(J["json.is_valid"]("[1")).toBe(false);
    expect(J["json.is_valid"](1)).toBe(false);
  });
});

describe("sprintf (Go fmt)", () => {
  it("formats like OPA", () => {
    expect(goSprintf("hi %s", ["there"])).toBe("hi there");
    expect(goSprintf("hi %v", [["there", 5, 3.14]])).toBe('hi ["there", 5, 3.14]');
    expect(goSprintf("%v", [{ b: 1, a: "x" }])).toBe('{"a": "x", "b": 1}');
    expect(goSprintf("%d items", [3])).toBe("3 items");
    expect(goSprintf("%05d|%-4d|%+d", [42, 7, 3])).toBe("00042|7   |+3");
    expect(goSprintf("%.2f", [3.14159])).toBe("3.14");
    expect(goSprintf("%.2f", [5])).toBe("%!f(int=5)");
    expect(goSprintf("%d", [1.5])).toBe("%!d(float64=1.5)");
    expect(goSprintf("%v %v", [1.5, 0.00001])).toBe("1.5 1e-05");
    expect(goSprintf("%v", [1234567.5])).toBe("1.2345675e+06");
    expect(goSprintf("%x %X %o %b", [255, 255, 8, 5])).toBe("ff FF 10 101");
    expect(goSprintf("%q", ['a"b'])).toBe('"a\\"b"');
    expect(goSprintf("%s", [true])).toBe("true");
    expect(goSprintf("%s", [5])).toBe("%!s(int=5)");
    expect(goSprintf("%s|%v|%d", [2 ** 70, 2 ** 70, 2 ** 70])).toBe("1180591620717411303424|1180591620717411303424|1180591620717411303424");
    expect(goSprintf("%v", [null])).toBe("null");
    expect(goSprintf("%s %s", ["a"])).toBe("a %!s(MISSING)");
    expect(goSprintf("%s", ["a", 2])).toBe("a%!(EXTRA int=2)");
    expect(goSprintf("100%%", [])).toBe("100%");
    expect(goSprintf("%8.3f|%-8s|%8s", [3.14159, "ab", "cd"])).toBe("   3.142|ab      |      cd");
    expect(goSprintf("%e %g", [123456.789, 0.000012345])).toBe("1.234568e+05 1.2345e-05");
    expect(J["sprintf"]("%s-%d", ["a", 1])).toBe("a-1");
    expect(strictErr("sprintf", "%s", "x")).toBe("eval_type_error: sprintf: operand 2 must be array but got string");
  });
});

describe("error modes", () => {
  it("makeJsBuiltins follows a dynamic strict flag", () => {
    let strict = false;
    const t = makeJsBuiltins(() => strict);
    expect(t["base64.decode"]("!")).toBeUndefined();
    strict = true;
    expect(() => t["base64.decode"]("!")).toThrow(RegoBuiltinError);
    try {
      t["base64.decode"]("!");
    } catch (e) {
      expect((e as RegoBuiltinError).code).toBe("eval_builtin_error");
      expect((e as RegoBuiltinError).builtin).toBe("base64.decode");
    }
  });
  it("setJsBuiltinsStrict switches the default table", () => {
    setJsBuiltinsStrict(true);
    try {
      expect(() => jsBuiltins["base64.decode"]("!")).toThrow("eval_builtin_error: base64.decode: illegal base64 data at input byte 0");
    } finally {
      setJsBuiltinsStrict(false);
    }
    expect(jsBuiltins["base64.decode"]("!")).toBeUndefined();
  });
  it("urlquery", () => {
    expect(J["urlquery.encode"]("a b&c=d/é!")).toBe("a+b%26c%3Dd%2F%C3%A9%21");
    expect(J["urlquery.decode"]("a+b%26c")).toBe("a b&c");
  });
});

describe("extra builtins (outside the Wasm capabilities)", () => {
  const ns = (iso: string) => Date.parse(iso) * 1e6;
  it("time.*", () => {
    expect(J["time.parse_rfc3339_ns"]("2021-01-02T03:04:05Z")).toBe(ns("2021-01-02T03:04:05Z"));
    expect(J["time.parse_rfc3339_ns"]("2021-01-02T03:04:05.5+09:00")).toBe(ns("2021-01-01T18:04:05.5Z"));
    expect(J["time.parse_rfc3339_ns"]("1970-01-01T00:00:00.000000123Z")).toBe(123);
    expect(J["time.parse_rfc3339_ns"]("2021-02-30T00:00:00Z")).toBeUndefined();
    expect(J["time.parse_rfc3339_ns"]("2021-01-02")).toBeUndefined();
    expect(J["time.parse_duration_ns"]("1h30m")).toBe(5400e9);
    expect(J["time.parse_duration_ns"]("-1.5s")).toBe(-1.5e9);
    expect(J["time.parse_duration_ns"]("300ms")).toBe(3e8);
    expect(J["time.parse_duration_ns"]("0")).toBe(0);
    expect(strictErr("time.parse_duration_ns", "5")).toBe('eval_builtin_error: time.parse_duration_ns: time: missing unit in duration "5"');
    expect(strictErr("time.parse_duration_ns", "5y")).toBe('eval_builtin_error: time.parse_duration_ns: time: unknown unit "y" in duration "5y"');
    const t = ns("2021-03-07T23:30:00Z");
    expect(J["time.date"](t)).toEqual([2021, 3, 7]);
    expect(J["time.date"]([t, "Asia/Tokyo"])).toEqual([2021, 3, 8]);
    expect(J["time.clock"]([t, "Asia/Tokyo"])).toEqual([8, 30, 0]);
    expect(J["time.weekday"](t)).toBe("Sunday");
    expect(J["time.weekday"]([t, "Asia/Tokyo"])).toBe("Monday");
    expect(J["time.add_date"](ns("2021-01-31T00:00:00Z"), 0, 1, 0)).toBe(ns("2021-03-03T00:00:00Z"));
    expect(J["time.add_date"](ns("2020-02-29T12:00:00Z"), 1, 0, 1)).toBe(ns("2021-03-02T12:00:00Z"));
  });
  it("units.parse_bytes", () => {
    expect(J["units.parse_bytes"]("10KB")).toBe(10000);
    expect(J["units.parse_bytes"]("10kib")).toBe(10240);
    expect(J["units.parse_bytes"]("1.5Mi")).toBe(1572864);
    expect(J["units.parse_bytes"]("42")).toBe(42);
    expect(J["units.parse_bytes"]('"3G"')).toBe(3e9);
    expect(strictErr("units.parse_bytes", "10 KB")).toBe("eval_builtin_error: units.parse_bytes: spaces not allowed in resource strings");
    expect(strictErr("units.parse_bytes", "10XB")).toBe("eval_builtin_error: units.parse_bytes: byte unit xb not recognized");
    expect(strictErr("units.parse_bytes", "KB")).toBe("eval_builtin_error: units.parse_bytes: no byte amount provided");
  });
  it("semver", () => {
    expect(J["semver.is_valid"]("1.2.3-rc.1+build.5")).toBe(true);
    expect(J["semver.is_valid"]("v1.2.3")).toBe(false);
    expect(J["semver.is_valid"]("1.2")).toBe(false);
    expect(J["semver.is_valid"](1)).toBe(false);
    expect(J["semver.compare"]("1.2.3", "1.10.0")).toBe(-1);
    expect(J["semver.compare"]("1.0.0", "1.0.0-alpha")).toBe(1);
    expect(J["semver.compare"]("1.0.0-alpha.1", "1.0.0-alpha.beta")).toBe(-1);
    expect(J["semver.compare"]("1.0.0-rc.11", "1.0.0-rc.2")).toBe(1);
    expect(J["semver.compare"]("1.0.0+a", "1.0.0+b")).toBe(0);
    expect(strictErr("semver.compare", "1.0", "1.0.0")).toBe('eval_builtin_error: semver.compare: operand 1: string "1.0" is not a valid SemVer');
    expect(strictErr("semver.compare", "1.2.3", "1.2.3-01")).toBe('eval_builtin_error: semver.compare: operand 2: string "1.2.3-01" is not a valid SemVer');
  });
  it("crypto and uuid", () => {
    expect(J["crypto.sha256"]("abc")).toBe("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    expect(J["crypto.md5"]("abc")).toBe("900150983cd24fb0d6963f7d28e17f72");
    expect(J["crypto.sha1"]("abc")).toBe("a9993e364706816aba3e25717850c26c9cd0d89d");
    expect(J["crypto.hmac.sha256"]("msg", "key")).toBe("2d93cbc1be167bcb1637a4a23cbff01a7878f0c50ee833954ea5221bb1b8c628");
    resetJsBuiltinState();
    const u = J["uuid.rfc4122"]("a");
    expect(u).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(J["uuid.rfc4122"]("a")).toBe(u);
    expect(J["uuid.rfc4122"]("b")).not.toBe(u);
  });
});

describe("policyJsBuiltins", () => {
  it("follows the module's rt_strict global", async () => {
    const { policyJsBuiltins } = await import("../../../src/rego/bundle/js-builtins.js");
    const { loadRuntime } = await import("./harness.js");
    const rt = await loadRuntime();
    const js = policyJsBuiltins();
    js.attach({ exports: rt.exports } as unknown as WebAssembly.Instance);
    expect(js.builtins["base64.decode"]("!")).toBeUndefined();
    rt.setStrict(true);
    expect(() => js.builtins["base64.decode"]("!")).toThrow(RegoBuiltinError);
    rt.setStrict(false);
    expect(js.builtins["base64.decode"]("!")).toBeUndefined();
  });
});
