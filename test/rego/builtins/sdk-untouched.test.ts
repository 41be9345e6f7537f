// Importing sanso's loader and builtins leaves the OPA Wasm SDK as it is: a policy loaded with the
// SDK's own loadPolicy in the same process gets the SDK's own builtins (json.is_valid and
// yaml.is_valid of a number are undefined there), while sanso's loader serves OPA's semantics
// (false) from its own table.
import { createRequire } from "node:module";
import { describe, expect, it } from "vitest";
import { compileRego } from "../../../src/api/rego.js";
import { jsBuiltins } from "../../../src/rego/bundle/js-builtins.js";
import { loadPolicy, opa } from "../../../src/rego/bundle/load.js";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

const req = createRequire(import.meta.url);
const sdkTable = req(req.resolve("@open-policy-agent/opa-wasm").replace(/index\.cjs$/, "builtins/index.js")) as Record<string, (...a: unknown[]) => unknown>;

async function compile(): Promise<Uint8Array> {
  const dir = mkdtempSync(join(tmpdir(), "sanso-sdk-"));
  try {
    writeFileSync(join(dir, "t.rego"), "package t\n\nj := json.is_valid(input.x)\n\ny := yaml.is_valid(input.x)\n\nu := yaml.unmarshal(input.s)\n");
    return (await compileRego([dir], { entrypoints: ["t/j", "t/y", "t/u"], optimize: false })).wasm;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

describe("the SDK's own builtin table", () => {
  it("is not modified by importing sanso", () => {
    for (const name of ["sprintf", "json.is_valid", "regex.split", "yaml.is_valid", "yaml.marshal", "yaml.unmarshal"]) {
      expect(typeof sdkTable[name], name).toBe("function");
      expect(sdkTable[name], name).not.toBe(jsBuiltins[name]);
    }
    expect(sdkTable["json.is_valid"](1)).toBeUndefined();
    expect(sdkTable["yaml.is_valid"](1)).toBeUndefined();
    expect(sdkTable.sprintf("%v", [[1, 2]])).toBe("1,2"); // sprintf-js, not Go's "[1, 2]"
  });

  it("serves a policy loaded with the SDK directly, while sanso's loader serves OPA's semantics", async () => {
    const wasm = await compile();
    const viaSdk = await opa.loadPolicy(wasm);
    const viaSanso = await loadPolicy(wasm);
    const result = (p: { evaluate(i: unknown, e: string): unknown }, e: string, input: unknown) => p.evaluate(input, e) as Array<{ result: unknown }>;
    expect(result(viaSdk, "t/j", { x: 1 })).toEqual([]);
    expect(result(viaSanso, "t/j", { x: 1 })).toEqual([{ result: false }]);
    expect(result(viaSdk, "t/y", { x: 1 })).toEqual([]);
    expect(result(viaSanso, "t/y", { x: 1 })).toEqual([{ result: false }]);
    expect(result(viaSdk, "t/u", { s: "a: [1, 2]" })).toEqual([{ result: { a: [1, 2] } }]);
    expect(result(viaSanso, "t/u", { s: "a: [1, 2]" })).toEqual([{ result: { a: [1, 2] } }]);
  });
});
