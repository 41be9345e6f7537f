// rego.metadata.rule() and rego.metadata.chain(): each call becomes the METADATA of the rule that
// contains it, in OPA's shapes (compile/rewrite-metadata.ts).
import { describe, expect, it } from "vitest";
import { compileSources } from "../../../src/rego/compile/index.js";
import { loadPolicy } from "../../../src/rego/bundle/load.js";

async function evaluate(files: Record<string, string>, entrypoints: string[]): Promise<Record<string, unknown>> {
  const c = compileSources(Object.entries(files).map(([file, text]) => ({ file, text })), { entrypoints });
  const policy = await loadPolicy(c.wasm);
  const out: Record<string, unknown> = {};
  for (const ep of entrypoints) {
    const rs = policy.evaluate({}, ep) as Array<{ result: unknown }>;
    out[ep] = rs.length ? rs[0]!.result : undefined;
  }
  return out;
}

const RULES = `# METADATA
# title: the ab packages
# scope: subpackages
package a.b

# METADATA
# title: rule p
# description: a rule with metadata
# custom:
#   id: X-1
#   severity: high
p := rego.metadata.rule()

# METADATA
# title: document q
# scope: document
q := rego.metadata.chain()

plain := rego.metadata.rule()

plain_chain := rego.metadata.chain()

# METADATA
# title: function f
# authors:
#   - Jane Doe <jane@example.org>
# related_resources:
#   - https://example.org/doc
f(x) := [x, rego.metadata.rule().title]

s := f(1)

# METADATA
# title: with else
e := 1 if {
	false
} else := rego.metadata.rule().title

# METADATA
# title: in the head
# custom:
#   id: H-1
findings contains {"id": rego.metadata.rule().custom.id, "n": n} if {
	some n in [1, 2]
}
`;

const PACKAGE = `# METADATA
# title: package c
package a.b.c

r := rego.metadata.chain()
`;

describe("rego.metadata.rule()", () => {
  it("is the rule's own METADATA, with OPA's keys", async () => {
    const r = await evaluate({ "ab.rego": RULES }, ["a/b/p"]);
    expect(r["a/b/p"]).toEqual({ scope: "rule", title: "rule p", description: "a rule with metadata", custom: { id: "X-1", severity: "high" } });
  });

  it("is {} for a rule without METADATA, and for one whose block is document-scoped", async () => {
    const r = await evaluate({ "ab.rego": RULES }, ["a/b/plain"]);
    expect(r["a/b/plain"]).toEqual({});
  });

  it("works in functions, else links and rule heads; authors and related resources take OPA's shapes", async () => {
    const r = await evaluate({ "ab.rego": RULES }, ["a/b/s", "a/b/e", "a/b/findings"]);
    expect(r["a/b/s"]).toEqual([1, "function f"]);
    expect(r["a/b/e"]).toBe("with else");
    expect(r["a/b/findings"]).toEqual([{ id: "H-1", n: 1 }, { id: "H-1", n: 2 }]);
    const full = compileSources([{ file: "x.rego", text: "package x\n\n# METADATA\n# authors:\n#   - Jane Doe <jane@example.org>\n#   - ops@example.org\n# related_resources:\n#   - https://example.org/doc\np := rego.metadata.rule()\n" }], { entrypoints: ["x/p"] });
    const policy = await loadPolicy(full.wasm);
    expect((policy.evaluate({}, "x/p") as Array<{ result: unknown }>)[0]!.result).toEqual({
      scope: "rule",
      authors: [{ name: "Jane Doe", email: "jane@example.org" }, { email: "ops@example.org" }],
      related_resources: [{ ref: "https://example.org/doc" }],
    });
  });

  it("takes no arguments", () => {
    expect(() => compileSources([{ file: "x.rego", text: "package x\n\np := rego.metadata.rule(1)\n" }], { entrypoints: ["x/p"] })).toThrow(/x\.rego:3:6: rego\.metadata\.rule: arity mismatch/);
  });
});

describe("rego.metadata.chain()", () => {
  it("starts at the rule (without annotations when it has none), then document, package and subpackages scopes", async () => {
    const r = await evaluate({ "ab.rego": RULES, "abc.rego": PACKAGE }, ["a/b/q", "a/b/plain_chain", "a/b/c/r"]);
    expect(r["a/b/q"]).toEqual([
      { path: ["a", "b", "q"] },
      { path: ["a", "b", "q"], annotations: { scope: "document", title: "document q" } },
      { path: ["a", "b"], annotations: { scope: "subpackages", title: "the ab packages" } },
    ]);
    expect(r["a/b/plain_chain"]).toEqual([{ path: ["a", "b", "plain_chain"] }, { path: ["a", "b"], annotations: { scope: "subpackages", title: "the ab packages" } }]);
    expect(r["a/b/c/r"]).toEqual([
      { path: ["a", "b", "c", "r"] },
      { path: ["a", "b", "c"], annotations: { scope: "package", title: "package c" } },
      { path: ["a", "b"], annotations: { scope: "subpackages", title: "the ab packages" } },
    ]);
  });

  it("is listed by `sanso capabilities`", async () => {
    const { capabilities } = await import("../../../src/rego/bundle/capabilities.js");
    const names = capabilities().builtins.map((b) => b.name);
    expect(names).toContain("rego.metadata.rule");
    expect(names).toContain("rego.metadata.chain");
  });
});
