// Data files as OPA loads them (src/rego/sources.ts, D5 of issue 12): a document lands at its
// directory's path, any JSON value below the root and an object at the root; two files setting one
// key is a merge error; a directory read as OPA's loader (`opa test`, `opa eval -d`) reads every
// .json/.yaml file, read as a bundle only data.json/data.yaml; a file OPA rejects is an error naming it.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { loadSources, SourceError } from "../../../src/rego/sources.js";

let dirs: string[] = [];
afterEach(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
  dirs = [];
});

function tree(files: Record<string, string>): string {
  const root = mkdtempSync(join(tmpdir(), "sanso-data-"));
  dirs.push(root);
  for (const [rel, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, rel)), { recursive: true });
    writeFileSync(join(root, rel), text);
  }
  return root;
}

const error = (f: () => unknown): string => {
  try {
    f();
  } catch (e) {
    expect(e).toBeInstanceOf(SourceError);
    return (e as Error).message;
  }
  throw new Error("no error");
};

describe("data files", () => {
  it("a document below the root may be any JSON value", () => {
    const root = tree({ "roles/data.json": '["admin", "dev"]', "limits/max/data.yaml": "5\n", "data.json": '{"a": {"b": 1}}', "a/data.json": '{"c": 2}' });
    expect(loadSources([root]).data).toEqual({ roles: ["admin", "dev"], limits: { max: 5 }, a: { b: 1, c: 2 } });
  });
  it("the root document must be an object", () => {
    const root = tree({ "data.json": "[1, 2, 3]" });
    expect(error(() => loadSources([root]))).toBe(`${join(root, "data.json")}: bad document type: the data at the root must be an object, not an array`);
    const file = tree({ "x.json": "3" });
    expect(error(() => loadSources([join(file, "x.json")]))).toContain("x.json: bad document type");
  });
  it("two files setting one key is a merge error naming the file", () => {
    const root = tree({ "data.json": '{"a": {"b": 1}}', "a/data.json": '{"b": 2}' });
    // files are read in name order: a/data.json, then data.json
    expect(error(() => loadSources([root]))).toBe(`${join(root, "data.json")}: merge error: data.a.b is also set by another data file`);
    const root2 = tree({ "data.json": '{"a": 1}', "a/b/data.json": '{"c": 2}' });
    expect(error(() => loadSources([root2]))).toContain("data.json: merge error: data.a is also set by another data file");
  });
  it("a file that does not parse is an error naming it", () => {
    const root = tree({ "data.json": "" });
    expect(error(() => loadSources([root]))).toContain(join(root, "data.json") + ": ");
  });
  it("a directory read as OPA's loader reads every .json and .yaml file; as a bundle only data.*", () => {
    const root = tree({ "p/roles.json": '{"admin": true}', "p/extra.yml": "k: v\n", "p/data.json": '{"n": 1}', "p/t.rego": "package p\n" });
    expect(loadSources([root], { dataFiles: "loader" }).data).toEqual({ p: { admin: true, k: "v", n: 1 } });
    expect(loadSources([root]).data).toEqual({ p: { n: 1 } });
  });
});
