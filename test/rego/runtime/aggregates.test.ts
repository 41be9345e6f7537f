import { beforeAll, describe, expect, it } from "vitest";
import { loadRuntime, type Runtime } from "./harness.js";

let rt: Runtime;
beforeAll(async () => {
  rt = await loadRuntime();
});

describe("count", () => {
  it("counts collections and code points", () => {
    expect(rt.call("count", "[1,2,3]")).toBe("3");
    expect(rt.call("count", '{"a":1}')).toBe("1");
    expect(rt.call("count", "{1,2}")).toBe("2");
    expect(rt.call("count", "set()")).toBe("0");
    expect(rt.call("count", '"héllo"')).toBe("5");
    expect(rt.call("count", '"日本😀"')).toBe("3");
  });
  it("type error", () => {
    expect(rt.call("count", "1")).toBeUndefined();
    expect(rt.err("count", "1")).toBe("eval_type_error: count: operand 1 must be one of {array, object, set, string} but got number");
  });
});

describe("sum/product/max/min/sort", () => {
  it("sum and product", () => {
    expect(rt.call("sum", "[1,2,3.5]")).toBe("6.5");
    expect(rt.call("sum", "{1,2}")).toBe("3");
    expect(rt.call("sum", "[]")).toBe("0");
    expect(rt.call("product", "[2,3,4]")).toBe("24");
    expect(rt.call("product", "set()")).toBe("1");
    expect(rt.err("sum", '[1,"a"]')).toBe("eval_type_error: sum: operand 1 must be array of numbers but got array containing string");
    expect(rt.err("product", '{"a"}')).toBe("eval_type_error: product: operand 1 must be set of numbers but got set containing string");
    expect(rt.err("sum", '{"a":1}')).toBe("eval_type_error: sum: operand 1 must be one of {set, array} but got object");
  });
  it("max and min over any values; undefined when empty", () => {
    expect(rt.call("max", "[1,3,2]")).toBe("3");
    expect(rt.call("max", '[1,"a",null]')).toBe('"a"');
    expect(rt.call("min", "{3,1,2}")).toBe("1");
    expect(rt.call("min", '[[1],"z",false]')).toBe("false");
    expect(rt.call("max", "[]")).toBeUndefined();
    expect(rt.call("min", "set()")).toBeUndefined();
    expect(rt.err("max", "1")).toBe("eval_type_error: max: operand 1 must be one of {set, array} but got number");
  });
  it("sort", () => {
    expect(rt.call("sort", '[3,1,"a",null,[1],{"k":1},false]')).toBe('[null,false,1,3,"a",[1],{"k":1}]');
    expect(rt.call("sort", "{3,1,2}")).toBe("[1,2,3]");
    expect(rt.err("sort", '"x"')).toBe("eval_type_error: sort: operand 1 must be one of {set, array} but got string");
    // The argument is not modified.
    const a = rt.value("[2,1]");
    rt.exports.bi_sort(a);
    expect(rt.dump(a)).toBe("[2,1]");
  });
});

describe("all/any", () => {
  it("checks for true elements", () => {
    expect(rt.call("all", "[true,true]")).toBe("true");
    expect(rt.call("all", "[true,1]")).toBe("false");
    expect(rt.call("all", "[]")).toBe("true");
    expect(rt.call("any", "[false,true]")).toBe("true");
    expect(rt.call("any", "{false}")).toBe("false");
    expect(rt.call("any", "set()")).toBe("false");
    expect(rt.err("all", "{}")).toBe("eval_type_error: all: operand 1 must be one of {array, set} but got object");
  });
});

describe("membership", () => {
  it("internal.member_2", () => {
    expect(rt.call("internal.member_2", "2", "[1,2]")).toBe("true");
    expect(rt.call("internal.member_2", "3", "[1,2]")).toBe("false");
    expect(rt.call("internal.member_2", "1", '{"a":1}')).toBe("true");
    expect(rt.call("internal.member_2", '"a"', '{"a":1}')).toBe("false");
    expect(rt.call("internal.member_2", "[1]", "{[1]}")).toBe("true");
    expect(rt.call("internal.member_2", '"a"', '"abc"')).toBe("false");
  });
  it("internal.member_3", () => {
    expect(rt.call("internal.member_3", "0", '"a"', '["a","b"]')).toBe("true");
    expect(rt.call("internal.member_3", "1", '"a"', '["a","b"]')).toBe("false");
    expect(rt.call("internal.member_3", '"k"', "1", '{"k":1}')).toBe("true");
    expect(rt.call("internal.member_3", '"x"', "1", '{"k":1}')).toBe("false");
    expect(rt.call("internal.member_3", "1", "1", "{1}")).toBe("true");
    expect(rt.call("internal.member_3", "1", "2", "{1}")).toBe("false");
    expect(rt.call("internal.member_3", "0", '"a"', '"abc"')).toBe("false");
  });
});

describe("types", () => {
  it("is_* and type_name", () => {
    const vals: [string, string][] = [
      ["null", "null"], ["true", "boolean"], ["1", "number"], ['"s"', "string"], ["[]", "array"], ["{}", "object"], ["set()", "set"],
    ];
    for (const [v, t] of vals) {
      expect(rt.callJ("type_name", v)).toBe(t);
      for (const [, t2] of vals) expect(rt.call(`is_${t2}`, v)).toBe(String(t === t2));
    }
  });
});

describe("sets", () => {
  it("and/or", () => {
    expect(rt.call("and", "{1,2,3}", "{2,3,4}")).toBe("{2,3}");
    expect(rt.call("and", "{1}", "{2}")).toBe("set()");
    expect(rt.call("or", "{1,2}", "{2,3}")).toBe("{1,2,3}");
    expect(rt.err("and", "[1]", "{1}")).toBe("eval_type_error: and: operand 1 must be set but got array");
    expect(rt.err("or", "{1}", "[1]")).toBe("eval_type_error: or: operand 2 must be set but got array");
  });
  it("intersection/union", () => {
    expect(rt.call("intersection", "{{1,2,3},{2,3,4},{3,2}}")).toBe("{2,3}");
    expect(rt.call("intersection", "set()")).toBe("set()");
    expect(rt.call("union", "{{1},{2,3},set()}")).toBe("{1,2,3}");
    expect(rt.call("union", "set()")).toBe("set()");
    expect(rt.err("union", "{[1]}")).toBe("eval_type_error: union: operand 1 must be set but got array");
    expect(rt.err("intersection", "[1]")).toBe("eval_type_error: intersection: operand 1 must be set but got array");
  });
});

describe("deprecated casts", () => {
  it("cast_*", () => {
    expect(rt.call("cast_array", "{2,1}")).toBe("[1,2]");
    expect(rt.call("cast_set", "[2,1,2]")).toBe("{1,2}");
    expect(rt.call("cast_null", "null")).toBe("null");
    expect(rt.err("cast_object", "[1]")).toBe("eval_type_error: cast_object: operand 1 must be object but got array");
    expect(rt.err("cast_string", '["1"]')).toBe("eval_type_error: cast_string: operand 1 must be string but got array");
  });
});
