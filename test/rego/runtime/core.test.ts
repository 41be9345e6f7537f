import { beforeAll, describe, expect, it } from "vitest";
import { loadRuntime, type Runtime } from "./harness.js";

let rt: Runtime;
beforeAll(async () => {
  rt = await loadRuntime();
});

describe("runtime core", () => {
  it("orders types null < boolean < number < string < array < object < set", () => {
    const vals = ["null", "false", "true", "-1", "0", "2.5", '""', '"a"', '"b"', "[]", "[1]", "{}", '{"a":1}', "set()", "{1}"];
    for (let i = 0; i < vals.length; i++) {
      for (let j = 0; j < vals.length; j++) {
        const c = rt.exports.rt_compare(rt.value(vals[i]), rt.value(vals[j]));
        expect(Math.sign(c), `${vals[i]} vs ${vals[j]}`).toBe(Math.sign(i - j));
      }
    }
  });

  it("round-trips JSON with unicode escapes", () => {
    const v = rt.json('{"s":"\\u00e9\\u3042\\ud83d\\ude00\\n\\"\\\\\\u0001"}');
    expect(v).not.toBe(0);
    const out = rt.dumpJson(v);
    expect(JSON.parse(out)).toEqual({ s: "é\u3042😀\n\"\\\u0001" });
    expect(out).toBe('{"s":"éあ😀\\n\\"\\\\\\u0001"}');
  });

  it("writes object keys in sorted order", () => {
    expect(rt.dumpJson(rt.json('{"b":1,"a":2,"c":{"z":1,"y":2}}'))).toBe('{"a":2,"b":1,"c":{"y":2,"z":1}}');
  });

  it("parses and dumps Rego sets", () => {
    expect(rt.dump(rt.value("{3, 1, 2}"))).toBe("{1,2,3}");
    expect(rt.dump(rt.value("set()"))).toBe("set()");
    expect(rt.dumpJson(rt.value("{3, 1, 2}"))).toBe("[1,2,3]");
  });

  it("rejects malformed JSON", () => {
    expect(rt.json("{")).toBe(0);
    expect(rt.json("{1:2}")).toBe(0);
  });

  it("exports rt_strict as a mutable global", () => {
    expect(rt.exports.rt_strict.value).toBe(0);
    rt.setStrict(true);
    expect(rt.exports.rt_strict.value).toBe(1);
    rt.setStrict(false);
  });
});
