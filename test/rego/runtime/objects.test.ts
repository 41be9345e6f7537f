import { beforeAll, describe, expect, it } from "vitest";
import { loadRuntime, type Runtime } from "./harness.js";

let rt: Runtime;
beforeAll(async () => {
  rt = await loadRuntime();
});

describe("arrays", () => {
  it("array.concat", () => {
    expect(rt.call("array.concat", "[1,2]", "[3,4]")).toBe("[1,2,3,4]");
    expect(rt.call("array.concat", "[]", "[]")).toBe("[]");
    expect(rt.err("array.concat", "[1,2]", '{"v1":"hello"}')).toBe(
      "eval_type_error: array.concat: operand 2 must be array but got object",
    );
  });
  it("array.slice clamps", () => {
    expect(rt.call("array.slice", "[1,2,3,4,5]", "1", "3")).toBe("[2,3]");
    expect(rt.call("array.slice", "[1,2,3,4,5]", "4", "1")).toBe("[]");
    expect(rt.call("array.slice", "[1,2,3,4,5]", "3", "6")).toBe("[4,5]");
    expect(rt.call("array.slice", "[1,2,3,4,5]", "-2", "2")).toBe("[1,2]");
    expect(rt.call("array.slice", "[1,2,3]", "0", "-1")).toBe("[]");
    expect(rt.err("array.slice", "[1]", "0.5", "1")).toBe(
      "eval_type_error: array.slice: operand 2 must be integer number but got floating-point number",
    );
    expect(rt.err("array.slice", "[1]", "0", '"1"')).toBe("eval_type_error: array.slice: operand 3 must be number but got string");
  });
  it("array.reverse", () => {
    expect(rt.call("array.reverse", "[1,2,3]")).toBe("[3,2,1]");
  });
});

describe("object.get", () => {
  it("single keys with defaults", () => {
    expect(rt.callJ("object.get", '{"a":"b"}', '"a"', '"c"')).toBe("b");
    expect(rt.callJ("object.get", '{"a":"b"}', '"c"', '"c"')).toBe("c");
    expect(rt.call("object.get", "{1:2}", "2", "3")).toBe("3");
    expect(rt.call("object.get", "{1:2}", "1", "3")).toBe("2");
    expect(rt.call("object.get", '{"a":null}', '"a"', "3")).toBe("null");
  });
  it("paths", () => {
    expect(rt.call("object.get", '{"a":1}', "[]", "2")).toBe('{"a":1}');
    expect(rt.call("object.get", '{"a":{"b":{"c":1}}}', '["a","b","c"]', "2")).toBe("1");
    expect(rt.call("object.get", '{"a":{"b":1}}', '["b","a"]', "2")).toBe("2");
    expect(rt.call("object.get", '{"a":{"b":{"c":1}}}', '["a","b","a"]', "2")).toBe("2");
    expect(rt.call("object.get", '{1:{"b":{[1,2,3]:1}}}', '[1,"b",[1,2,3]]', "2")).toBe("1");
    expect(rt.call("object.get", '{"a":{"b":[1,2,3]}}', '["a","b","a"]', "2")).toBe("2");
    expect(rt.call("object.get", '{"a":{"b":[{"c":1}]}}', '["a","b",0,"c"]', "2")).toBe("1");
    expect(rt.call("object.get", '{"a":{"b":[{"c":1}]}}', '["a","b",1,"c"]', "2")).toBe("2");
    expect(rt.call("object.get", '{"a":{"x","y"}}', '["a","x"]', "2")).toBe('"x"');
    expect(rt.call("object.get", '{"a":"str"}', '["a","b"]', "2")).toBe("2");
  });
  it("type error", () => {
    expect(rt.err("object.get", '"object"', '["a"]', "2")).toBe("eval_type_error: object.get: operand 1 must be object but got string");
  });
});

describe("object.remove / object.filter / object.union / object.keys", () => {
  it("object.remove", () => {
    expect(rt.callJ("object.remove", '{"a":1,"b":{"c":3}}', '{"a"}')).toEqual({ b: { c: 3 } });
    expect(rt.callJ("object.remove", '{"a":1,"b":{"c":3},"d":4}', '{"b":1,"d":""}')).toEqual({ a: 1 });
    expect(rt.callJ("object.remove", '{"a":1,"b":2}', '["a","z"]')).toEqual({ b: 2 });
    expect(rt.err("object.remove", "123", '{"a"}')).toBe("eval_type_error: object.remove: operand 1 must be object but got number");
    expect(rt.err("object.remove", '{"a":1}', "null")).toBe(
      "eval_type_error: object.remove: operand 2 must be one of {object, set, array} but got null",
    );
  });
  it("object.filter", () => {
    expect(rt.callJ("object.filter", '{"a":1,"b":2,"c":3}', '["a","c","z"]')).toEqual({ a: 1, c: 3 });
    expect(rt.callJ("object.filter", '{"a":1,"b":2}', '{"b"}')).toEqual({ b: 2 });
    expect(rt.callJ("object.filter", '{"a":1,"b":2}', '{"b":0}')).toEqual({ b: 2 });
    expect(rt.err("object.filter", '{"a":1}', '"a"')).toBe(
      "eval_type_error: object.filter: operand 2 must be one of {object, set, array} but got string",
    );
  });
  it("object.union merges recursively, right wins", () => {
    expect(rt.callJ("object.union", "{}", "{}")).toEqual({});
    expect(rt.callJ("object.union", '{"a":1}', '{"a":2}')).toEqual({ a: 2 });
    expect(
      rt.callJ("object.union", '{"a":{"b":{"c":1}},"e":1}', '{"a":{"b":"foo","b1":"bar"},"d":7,"e":17}'),
    ).toEqual({ a: { b: "foo", b1: "bar" }, d: 7, e: 17 });
    expect(rt.callJ("object.union", '{"a":{"x":1}}', '{"a":{"y":2}}')).toEqual({ a: { x: 1, y: 2 } });
    expect(rt.err("object.union", '{"a":1}', "[]")).toBe("eval_type_error: object.union: operand 2 must be object but got array");
  });
  it("object.union_n and object.keys", () => {
    expect(rt.callJ("object.union_n", '[{"a":{"b":2}},{"a":4},{"a":{"c":3}}]')).toEqual({ a: { c: 3 } });
    expect(rt.callJ("object.union_n", '[{"a":{"b":2}},{"a":{"c":3}}]')).toEqual({ a: { b: 2, c: 3 } });
    expect(rt.call("object.keys", '{"b":1,"a":2}')).toBe('{"a","b"}');
  });
  it("does not modify arguments", () => {
    const a = rt.value('{"a":{"x":1}}');
    rt.exports.bi_object_union(a, rt.value('{"a":{"y":2}}'));
    expect(rt.dump(a)).toBe('{"a":{"x":1}}');
  });
});

describe("json.filter / json.remove", () => {
  it("json.filter", () => {
    expect(rt.callJ("json.filter", '{"a":{"b":{"c":7,"d":8}},"e":9}', '{"a/b/c","e"}')).toEqual({ a: { b: { c: 7 } }, e: 9 });
    expect(rt.callJ("json.filter", '{"a":{"b":{"c":7,"d":8}},"e":9}', '[["a","b","d"]]')).toEqual({ a: { b: { d: 8 } } });
    expect(rt.callJ("json.filter", '{"a":[{"x":1,"y":2},{"x":3}],"b":1}', '["a/0/x"]')).toEqual({ a: [{ x: 1 }] });
    expect(rt.callJ("json.filter", '{"a/b":1,"c":2}', '["a~1b"]')).toEqual({ "a/b": 1 });
    expect(rt.call("json.filter", '{"a":{1,2,3}}', '[["a",2]]')).toBe('{"a":{2}}');
    expect(rt.callJ("json.filter", '{"a":{"b":1},"c":2}', '["a","a/b"]')).toEqual({ a: { b: 1 } });
    expect(rt.err("json.filter", '{"a":1}', '"a"')).toBe("eval_type_error: json.filter: operand 2 must be one of {set, array} but got string");
    expect(rt.err("json.filter", '{"a":1}', "[1]")).toBe(
      "eval_type_error: json.filter: operand 2 must be one of {set, array} containing string paths or array of path segments",
    );
  });
  it("json.remove", () => {
    expect(rt.callJ("json.remove", '{"a":{"b":{"c":7,"d":8}},"e":9}', '{"a/b/c","e"}')).toEqual({ a: { b: { d: 8 } } });
    expect(rt.callJ("json.remove", '{"a":[1,2,3]}', '["a/1"]')).toEqual({ a: [1, 3] });
    expect(rt.callJ("json.remove", '{"a":1}', '["/a"]')).toEqual({});
    expect(rt.call("json.remove", '{"a":{1,2,3}}', '[["a",2]]')).toBe('{"a":{1,3}}');
    expect(rt.err("json.remove", "[]", '["a"]')).toBe("eval_type_error: json.remove: operand 1 must be object but got array");
  });
});

describe("walk", () => {
  it("returns [path, value] pairs in pre-order", () => {
    expect(rt.callJ("walk", "1")).toEqual([[[], 1]]);
    expect(rt.callJ("walk", "[1,2]")).toEqual([[[], [1, 2]], [[0], 1], [[1], 2]]);
    expect(rt.callJ("walk", '{"b":[true],"a":1}')).toEqual([
      [[], { a: 1, b: [true] }],
      [["a"], 1],
      [["b"], [true]],
      [["b", 0], true],
    ]);
    expect(rt.call("walk", "{{1,2}}")).toBe("[[[],{{1,2}}],[[{1,2}],{1,2}],[[{1,2},1],1],[[{1,2},2],2]]");
  });
});

describe("graph.reachable", () => {
  it("finds reachable nodes", () => {
    const g = '{"a":["b"],"b":{"c"},"c":["a"],"d":["e"],"x":null}';
    expect(rt.call("graph.reachable", g, '["a"]')).toBe('{"a","b","c"}');
    expect(rt.call("graph.reachable", g, '{"d"}')).toBe('{"d"}');
    expect(rt.call("graph.reachable", g, '["x","zzz"]')).toBe('{"x"}');
    expect(rt.call("graph.reachable", g, "[]")).toBe("set()");
    expect(rt.err("graph.reachable", g, '"a"')).toBe("eval_type_error: graph.reachable: operand 2 must be {array, set} but got string");
    expect(rt.err("graph.reachable", "[]", '["a"]')).toBe("eval_type_error: graph.reachable: operand 1 must be object but got array");
  });
});
