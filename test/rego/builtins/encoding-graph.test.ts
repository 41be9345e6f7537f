// crypto.hmac.equal, urlquery.encode_object / decode_object, json.marshal_with_options,
// graph.reachable_paths.
import { beforeAll, describe, expect, it } from "vitest";
import { compileBoth, type Evaluator } from "./helpers.js";

const RULES = {
  hmacEqual: `crypto.hmac.equal(crypto.hmac.sha256("msg", "k"), crypto.hmac.sha256("msg", "k"))`,
  hmacDiffer: `crypto.hmac.equal("abc", "abd")`,
  encodeObject: `urlquery.encode_object({"b": ["x y", "z&"], "a": "1/2", "c": {"s"}})`,
  encodeBad: `urlquery.encode_object({"a": 1})`,
  decodeObject: `urlquery.decode_object("a=1&b=x+y&b=%26&c")`,
  decodeBad: `urlquery.decode_object("a=%zz")`,
  decodeSemicolon: `urlquery.decode_object("a=1;b=2")`,
  pretty: `json.marshal_with_options({"b": [1, {"c": "<"}], "a": {}}, {"pretty": true})`,
  prefixIndent: `json.marshal_with_options({"a": [1]}, {"prefix": "> ", "indent": "  "})`,
  notPretty: `json.marshal_with_options({"a": [1]}, {"indent": "  ", "pretty": false})`,
  unknownOption: `json.marshal_with_options({"a": 1}, {"colour": true})`,
  paths: `graph.reachable_paths({"a": ["b"], "b": ["c"], "c": [], "d": ["a"]}, ["d"])`,
  pathsCycle: `graph.reachable_paths({"a": ["b"], "b": ["a"]}, {"a"})`,
  pathsOutside: `graph.reachable_paths({"a": ["b", "x"], "b": []}, ["a", "zz"])`,
};

let e: Evaluator;
let strict: Evaluator;
beforeAll(async () => {
  ({ e, strict } = await compileBoth(RULES));
});

describe("crypto.hmac.equal", () => {
  it("compares MACs", () => {
    expect(e.value("hmacEqual")).toBe(true);
    expect(e.value("hmacDiffer")).toBe(false);
  });
});

describe("urlquery objects", () => {
  it("encodes an object as Go's url.Values (keys sorted, one pair per value)", () => {
    expect(e.value("encodeObject")).toBe("a=1%2F2&b=x+y&b=z%26&c=s");
    expect(strict.error("encodeBad")).toBe("eval_type_error: urlquery.encode_object: operand 1 values must be string, array[string], or set[string]");
  });

  it("decodes a query to arrays of values", () => {
    expect(e.value("decodeObject")).toEqual({ a: ["1"], b: ["x y", "&"], c: [""] });
    expect(e.value("decodeBad")).toBeUndefined();
    expect(strict.error("decodeBad")).toBe('eval_builtin_error: urlquery.decode_object: invalid URL escape "%zz"');
    expect(strict.error("decodeSemicolon")).toBe("eval_builtin_error: urlquery.decode_object: invalid semicolon separator in query");
  });
});

describe("json.marshal_with_options", () => {
  it("indents as Go's MarshalIndent, prefix and indent implying pretty", () => {
    expect(e.value("pretty")).toBe('{\n\t"a": {},\n\t"b": [\n\t\t1,\n\t\t{\n\t\t\t"c": "\\u003c"\n\t\t}\n\t]\n}');
    expect(e.value("prefixIndent")).toBe('> {\n>   "a": [\n>     1\n>   ]\n> }');
    expect(e.value("notPretty")).toBe('{"a":[1]}');
    expect(strict.error("unknownOption")).toBe("eval_type_error: json.marshal_with_options: operand 2 object contained unknown key colour");
  });
});

describe("graph.reachable_paths", () => {
  it("lists the paths from the initial nodes to leaves, cycles and nodes outside the graph", () => {
    expect(e.value("paths")).toEqual([["d", "a", "b", "c"]]);
    expect(e.value("pathsCycle")).toEqual([["a", "b"]]);
    expect(e.value("pathsOutside")).toEqual([["a"], ["a", "b"]]);
  });
});
