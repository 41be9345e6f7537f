// `sanso capabilities`: the compiler's builtins in OPA's capabilities format.
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { beforeAll, describe, expect, it } from "vitest";
import { capabilities } from "../../../src/rego/bundle/capabilities.js";
import { EXTRA_DECLS, parseDecl } from "../../../src/rego/bundle/builtins/decls.js";
import { BUILTINS } from "../../../src/rego/compile/builtin-table.js";
import { buildCli, sanso } from "../../cli/helpers.js";

const sdkCaps = JSON.parse(readFileSync(fileURLToPath(new URL("../../../node_modules/@open-policy-agent/opa-wasm/capabilities.json", import.meta.url)), "utf8")) as {
  builtins: Array<{ name: string; decl: unknown }>;
};

describe("capabilities()", () => {
  const caps = capabilities();

  it("lists every builtin of the compiler's table once, sorted, with a declaration of its arity", () => {
    const names = caps.builtins.map((b) => b.name);
    // and those the compiler rewrites: print (to internal.print), rego.metadata.rule/chain
    const compilerServed = ["print", "rego.metadata.chain", "rego.metadata.rule"];
    expect(names).toEqual([...BUILTINS.keys(), ...compilerServed].sort());
    for (const b of caps.builtins) {
      expect(b.decl.type, b.name).toBe("function");
      if (!compilerServed.includes(b.name)) expect(b.decl.args!.length, b.name).toBe(BUILTINS.get(b.name)!.arity);
    }
    expect(caps.builtins.find((b) => b.name === "print")!.decl).toEqual({ type: "function", variadic: { type: "any" } });
    expect(caps.builtins.find((b) => b.name === "rego.metadata.rule")!.decl.args).toEqual([]);
  });

  it("keeps the SDK's declarations and adds sanso's", () => {
    for (const b of sdkCaps.builtins) expect(caps.builtins.find((x) => x.name === b.name)).toEqual(b);
    expect(caps.builtins.find((b) => b.name === "net.cidr_merge")).toEqual({
      name: "net.cidr_merge",
      decl: {
        type: "function",
        args: [{ type: "any", of: [{ type: "array", dynamic: { type: "string" } }, { type: "set", of: { type: "string" } }] }],
        result: { type: "set", of: { type: "string" } },
      },
    });
    expect(caps.builtins.find((b) => b.name === "time.now_ns")!.decl).toEqual({ type: "function", args: [], result: { type: "number" } });
    expect(caps.builtins.find((b) => b.name === "time.date")!.decl.result).toEqual({ type: "array", static: [{ type: "number" }, { type: "number" }, { type: "number" }] });
  });

  it("has the other sections of OPA's format", () => {
    expect(caps.future_keywords).toEqual(["contains", "every", "if", "in"]);
    expect(caps.wasm_abi_versions.length).toBeGreaterThan(0);
    expect(caps.features).toContain("rego_v1");
  });

  it("parses every declaration of the notation", () => {
    for (const [name, d] of Object.entries(EXTRA_DECLS)) expect(() => parseDecl(d), name).not.toThrow();
    expect(() => parseDecl("Q -> s")).toThrow();
  });
});

describe("sanso capabilities", () => {
  beforeAll(() => buildCli(), 120_000);

  it("prints the capabilities JSON, or the names", async () => {
    const r = await sanso(["capabilities"]);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual(JSON.parse(JSON.stringify(capabilities())));
    const n = await sanso(["capabilities", "--names"]);
    expect(n.code).toBe(0);
    expect(n.stdout.trim().split("\n")).toEqual(capabilities().builtins.map((b) => b.name));
  });

  it("lists http.send and net.lookup_ip_addr, and says in --help how they behave without network", async () => {
    const byName = new Map(capabilities().builtins.map((b) => [b.name, b.decl]));
    expect(byName.get("http.send")).toEqual({ type: "function", args: [{ type: "object", dynamic: { key: { type: "string" }, value: { type: "any" } } }], result: { type: "object", dynamic: { key: { type: "any" }, value: { type: "any" } } } });
    expect(byName.get("net.lookup_ip_addr")).toEqual({ type: "function", args: [{ type: "string" }], result: { type: "set", of: { type: "string" } } });
    const h = await sanso(["capabilities", "--help"]);
    expect(h.code).toBe(0);
    expect(h.stdout).toContain("without network access");
    expect(h.stdout).toContain("eval_http_send_network_error");
  });
});
