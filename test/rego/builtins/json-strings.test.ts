// json.patch and strings.render_template.
import { beforeAll, describe, expect, it } from "vitest";
import { compileBoth, type Evaluator } from "./helpers.js";

const RULES = {
  patchAdd: `json.patch({"a": {"foo": 1}}, [{"op": "add", "path": "/a/bar", "value": 2}])`,
  patchSeq: `json.patch({"a": {"foo": 1}}, [{"op": "add", "path": "/a/bar", "value": 2}, {"op": "replace", "path": "/a/foo", "value": 3}, {"op": "remove", "path": "/a/bar"}])`,
  patchArray: `json.patch({"a": [1, 2]}, [{"op": "add", "path": "/a/-", "value": 3}, {"op": "add", "path": "/a/0", "value": 0}])`,
  patchMoveCopyTest: `json.patch({"a": 1}, [{"op": "move", "from": "/a", "path": "/b"}, {"op": "copy", "from": "/b", "path": "/c"}, {"op": "test", "path": "/c", "value": 1}])`,
  patchSegments: `json.patch({"a": {"b": {}}}, [{"op": "add", "path": ["a", "b", "x/y"], "value": true}])`,
  patchEscapes: `json.patch({"a/b": 1, "c~d": 2}, [{"op": "remove", "path": "/a~1b"}, {"op": "remove", "path": "/c~0d"}])`,
  patchRoot: `json.patch({"a": 1}, [{"op": "add", "path": "", "value": {"b": 2}}])`,
  patchReplaceRoot: `json.patch({"a": 1}, [{"op": "replace", "path": "", "value": [3]}])`,
  patchSlashes: `json.patch({"foo": {}}, [{"op": "add", "path": "/", "value": 1}, {"op": "add", "path": "/foo/", "value": 2}])`,
  patchInput: `json.patch(input, [{"op": "add", "path": "/tags/owner", "value": "me"}])`,
  patchFailedTest: `json.patch({"a": 1}, [{"op": "test", "path": "/a", "value": 2}])`,
  patchMissing: `json.patch({"a": 1}, [{"op": "remove", "path": "/b"}])`,
  patchOutOfRange: `json.patch({"a": [1]}, [{"op": "add", "path": "/a/5", "value": 2}])`,
  patchBadOp: `json.patch({"a": 1}, [{"op": "frobnicate", "path": "/a"}])`,
  patchNoValue: `json.patch({"a": 1}, [{"op": "add", "path": "/b"}])`,
  patchNotArray: `json.patch({"a": 1}, {"op": "add"})`,
  tplField: `strings.render_template("Hello {{.name}}!", {"name": "world"})`,
  tplNested: `strings.render_template("{{.user.name}} is {{.user.age}}", {"user": {"name": "Ann", "age": 41}})`,
  tplValues: `strings.render_template("{{.f}} {{.l}} {{.m}} {{.b}}", {"f": 1.5, "l": [1, "x"], "m": {"k": 2}, "b": false})`,
  tplRange: `strings.render_template("{{range $i, $v := .items}}{{$i}}={{$v}};{{else}}none{{end}}", {"items": ["a", "b"]})`,
  tplIf: `strings.render_template("{{if .ok}}yes{{else if .maybe}}maybe{{else}}no{{end}}", {"ok": false, "maybe": true})`,
  tplTrim: `strings.render_template("a  {{- .x -}}  b", {"x": 1})`,
  tplMissing: `strings.render_template("Hello {{.name}}", {})`,
  tplFunction: `strings.render_template("{{upper .name}}", {"name": "x"})`,
  tplUnclosed: `strings.render_template("{{if .a}}x", {"a": 1})`,
  tplFuncs: `strings.render_template("{{ if (gt (len .args) 1) -}} {{ index .args 1 }} {{- end }} {{ .args | len }} {{ printf \\"%s=%d\\" .k 3 }} {{ and .t .k }} {{ not .f }} {{ eq .k \\"x\\" \\"v\\" }}", {"args": ["a", "b"], "k": "v", "t": true, "f": false})`,
  tplCompare: `strings.render_template("{{ lt .a \\"x\\" }}", {"a": 1})`,
};

let e: Evaluator;
let strict: Evaluator;
beforeAll(async () => {
  ({ e, strict } = await compileBoth(RULES));
});

describe("json.patch", () => {
  it("applies RFC 6902 operations in order", () => {
    expect(e.value("patchAdd")).toEqual({ a: { foo: 1, bar: 2 } });
    expect(e.value("patchSeq")).toEqual({ a: { foo: 3 } });
    expect(e.value("patchArray")).toEqual({ a: [0, 1, 2, 3] });
    expect(e.value("patchMoveCopyTest")).toEqual({ b: 1, c: 1 });
    expect(e.value("patchSegments")).toEqual({ a: { b: { "x/y": true } } });
    expect(e.value("patchEscapes")).toEqual({});
    expect(e.value("patchRoot")).toEqual({ b: 2 });
    expect(e.value("patchReplaceRoot")).toEqual([3]);
    expect(e.value("patchSlashes")).toEqual({ "": 1, foo: { "": 2 } });
    expect(e.value("patchInput", { tags: { env: "prod" } })).toEqual({ tags: { env: "prod", owner: "me" } });
  });

  it("is undefined when an operation cannot apply, even in strict mode", () => {
    for (const r of ["patchFailedTest", "patchMissing", "patchOutOfRange"]) {
      expect(e.value(r), r).toBeUndefined();
      expect(strict.error(r), r).toBeUndefined();
    }
  });

  it("is undefined for malformed operations too (as OPA 1.x); a non-array operand is a type error", () => {
    expect(e.value("patchBadOp")).toBeUndefined();
    expect(strict.error("patchBadOp")).toBeUndefined();
    expect(strict.error("patchNoValue")).toBeUndefined();
    expect(strict.error("patchNotArray")).toBe("eval_type_error: json.patch: operand 2 must be array but got object");
  });
});

describe("strings.render_template", () => {
  it("renders fields, values as Go prints them, range, if and trim markers", () => {
    expect(e.value("tplField")).toBe("Hello world!");
    expect(e.value("tplNested")).toBe("Ann is 41");
    expect(e.value("tplValues")).toBe("1.5 [1 x] map[k:2] false");
    expect(e.value("tplRange")).toBe("0=a;1=b;");
    expect(e.value("tplIf")).toBe("maybe");
    expect(e.value("tplTrim")).toBe("a1b");
    expect(e.value("tplFuncs")).toBe("b 2 v=3 v true true");
  });

  it("fails on missing keys (missingkey=error), unknown functions and unclosed blocks", () => {
    // OPA 1.x renders a key the data does not have as <undefined> (no error)
    expect(e.value("tplMissing")).toBe("Hello <undefined>");
    expect(strict.error("tplMissing")).toBeUndefined();
    expect(strict.error("tplFunction")).toBe('eval_builtin_error: strings.render_template: template: template:1: function "upper" not defined');
    expect(strict.error("tplCompare")).toBe('eval_builtin_error: strings.render_template: template: template:1:3: executing "template" at <lt .a "x">: error calling lt: incompatible types for comparison');
    expect(strict.error("tplUnclosed")).toMatch(/strings\.render_template: template: template:1: unexpected EOF/);
  });
});
