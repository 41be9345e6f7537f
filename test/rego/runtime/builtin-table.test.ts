import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { beforeAll, describe, expect, it } from "vitest";
import { BUILTINS, isKnownBuiltin } from "../../../src/rego/compile/builtin-table.js";
import { jsBuiltinNames } from "../../../src/rego/bundle/js-builtins.js";
import { ensureRuntimeBuilt, wasmPath } from "./harness.js";

const capsPath = fileURLToPath(new URL("../../../node_modules/@open-policy-agent/opa-wasm/capabilities.json", import.meta.url));
const caps = JSON.parse(readFileSync(capsPath, "utf8")) as {
  builtins: { name: string; decl: { args: unknown[] }; relation?: boolean }[];
};
// Served by the OPA SDK itself (its builtins take precedence over customBuiltins).
const SDK = new Set(["json.is_valid", "yaml.is_valid", "yaml.marshal", "yaml.unmarshal", "sprintf", "regex.split"]);

let exportsByName: Map<string, WebAssembly.ModuleExportDescriptor>;
beforeAll(() => {
  ensureRuntimeBuilt();
  const mod = new WebAssembly.Module(readFileSync(wasmPath));
  exportsByName = new Map(WebAssembly.Module.exports(mod).map((e) => [e.name, e]));
});

describe("builtin table", () => {
  it("covers every capabilities.json builtin with its arity", () => {
    expect(caps.builtins.length).toBe(97);
    for (const b of caps.builtins) {
      const info = BUILTINS.get(b.name);
      expect(info, b.name).toBeDefined();
      expect(info!.arity, b.name).toBe(b.decl.args.length);
      expect(!!info!.relation, b.name).toBe(!!b.relation);
      expect(!!info!.extra, b.name).toBe(false);
      expect(isKnownBuiltin(b.name)).toBe(true);
    }
    expect(isKnownBuiltin("no.such.builtin")).toBe(false);
  });

  it("has an implementation for every entry", () => {
    for (const [name, info] of BUILTINS) {
      if (name === "eq" || name === "assign") {
        expect(info.native).toBeUndefined();
        continue;
      }
      if (info.native) {
        expect(info.native).toBe(`bi_${name.replace(/\./g, "_")}`);
        expect(exportsByName.get(info.native)?.kind, name).toBe("function");
      } else {
        const served = jsBuiltinNames.includes(name) || SDK.has(name);
        expect(served, name).toBe(true);
      }
    }
  });

  it("lists every native export", () => {
    const natives = new Set([...BUILTINS.values()].map((i) => i.native).filter(Boolean));
    for (const name of exportsByName.keys()) if (name.startsWith("bi_")) expect(natives.has(name), name).toBe(true);
  });

  it("marks walk as a relation", () => {
    expect(BUILTINS.get("walk")).toEqual({ arity: 1, native: "bi_walk", relation: true });
    expect(BUILTINS.get("sprintf")).toEqual({ arity: 2, native: "bi_sprintf", fallback: true });
  });
});
