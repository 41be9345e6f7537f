import { describe, expect, it } from "vitest";
import { parseModule, RegoErrors } from "../../../src/rego/syntax/index.ts";

function errors(src: string): string[] {
  try {
    parseModule(src, "a.rego");
  } catch (e) {
    if (e instanceof RegoErrors) {
      for (const x of e.errors) expect(x.code).toBe("rego_parse_error");
      return e.errors.map((x) => x.message);
    }
    throw e;
  }
  throw new Error("expected an error");
}

describe("METADATA annotations", () => {
  it("package- and rule-scoped blocks, with default scopes and paths", () => {
    const src = `# METADATA
# title: Article 29
# description: |
#   Multi-line
#   text
# authors:
# - name: Jane
#   email: jane@example.com
# - John <john@example.com>
# organizations: [ACME]
# related_resources:
# - https://example.com/a
# - ref: https://example.com/b
#   description: B
package sanso.articles.art29

import rego.v1

# METADATA
# title: deny unencrypted
# entrypoint: true
# custom:
#   severity: high
#   tags: [a, b]
# schemas:
#   - input: schema.input
deny contains msg if {
\tmsg := "x"
}

# plain comment, not metadata
allow if true

# METADATA
# title: ref head
# scope: rule
a.b[x].c := 1 if x := 2
`;
    const m = parseModule(src, "a.rego");
    expect(m.annotations).toEqual([
      {
        scope: "package",
        title: "Article 29",
        description: "Multi-line\ntext\n",
        authors: [{ name: "Jane", email: "jane@example.com" }, "John <john@example.com>"],
        organizations: ["ACME"],
        related_resources: ["https://example.com/a", { ref: "https://example.com/b", description: "B" }],
        path: ["data", "sanso", "articles", "art29"],
        loc: { file: "a.rego", line: 1, col: 1 },
      },
      {
        scope: "document",
        title: "deny unencrypted",
        entrypoint: true,
        custom: { severity: "high", tags: ["a", "b"] },
        schemas: [{ input: "schema.input" }],
        path: ["data", "sanso", "articles", "art29", "deny"],
        loc: { file: "a.rego", line: 19, col: 1 },
      },
      {
        scope: "rule",
        title: "ref head",
        path: ["data", "sanso", "articles", "art29", "a", "b"],
        loc: { file: "a.rego", line: 34, col: 1 },
      },
    ]);
    expect(m.rules[0]!.annotations).toEqual([m.annotations[1]]);
    expect(m.rules[1]!.annotations).toBeUndefined();
    expect(m.rules[2]!.annotations).toEqual([m.annotations[2]]);
  });

  it("rule scope by default above a rule; unknown keys go to custom; `#` without a space", () => {
    const m = parseModule("package p\n\n#METADATA\n#title: t\n#owner: me\nq := 1\n", "a.rego");
    expect(m.annotations).toEqual([
      { scope: "rule", title: "t", custom: { owner: "me" }, path: ["data", "p", "q"], loc: { file: "a.rego", line: 3, col: 1 } },
    ]);
  });

  it("explicit scopes: subpackages above package, document above a rule", () => {
    const m = parseModule(
      "# METADATA\n# scope: subpackages\n# title: s\npackage a.b\n\n# METADATA\n# scope: document\nf(x) := x\n",
      "a.rego",
    );
    expect(m.annotations.map((a) => [a.scope, a.path.join(".")])).toEqual([
      ["subpackages", "data.a.b"],
      ["document", "data.a.b.f"],
    ]);
  });

  it("a block ends at the first non-comment line", () => {
    const m = parseModule("package p\n\n# METADATA\n# title: t\n\n# description: not part of it\nq := 1\n", "a.rego");
    expect(m.annotations).toEqual([{ scope: "rule", title: "t", path: ["data", "p", "q"], loc: expect.anything() }]);
  });

  it("invalid YAML is a parse error at the METADATA line", () => {
    const errs = errors("package p\n\n# METADATA\n# title: [unclosed\n# x: 1\nq := 1\n");
    expect(errs).toHaveLength(1);
    expect(errs[0]).toMatch(/^a\.rego:3:1: invalid METADATA block: /);
  });

  it("scope errors", () => {
    expect(errors("package p\n\n# METADATA\n# scope: package\nq := 1\n")).toEqual([
      "a.rego:3:1: annotation scope 'package' must be applied to package (have rule)",
    ]);
    expect(errors("# METADATA\n# scope: rule\npackage p\n")).toEqual([
      "a.rego:1:1: annotation scope 'rule' must be applied to rule (have package)",
    ]);
    expect(errors("package p\n\n# METADATA\n# scope: everything\nq := 1\n")).toEqual([
      "a.rego:3:1: invalid annotation scope 'everything'. Use one of 'rule', 'document', 'package', or 'subpackages'",
    ]);
    expect(errors("package p\n\n# METADATA\n# title: 1\nq := 1\n")).toEqual([
      "a.rego:3:1: invalid METADATA block: title must be a string",
    ]);
    expect(errors("package p\n\n# METADATA\n")).toEqual(["a.rego:3:1: expected METADATA block, found whitespace"]);
  });

  it("annotation errors and syntax errors are reported together, in file order", () => {
    expect(errors("package p\n\n# METADATA\n# scope: nope\nq := 1\n\nr if {\n")).toEqual([
      "a.rego:3:1: invalid annotation scope 'nope'. Use one of 'rule', 'document', 'package', or 'subpackages'",
      "a.rego:8:1: unexpected eof token",
    ]);
  });
});
