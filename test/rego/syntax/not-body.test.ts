// `not { body }` and the imports that allow it (OPA 1.17's future.keywords.not, future.keywords,
// rego.v2), with file:line:col errors for misuse.
import { describe, expect, it } from "vitest";
import { parseModule, RegoErrors } from "../../../src/rego/syntax/index.ts";

function parseError(src: string): string {
  try {
    parseModule(src, "m.rego");
  } catch (e) {
    if (e instanceof RegoErrors) return e.message;
    throw e;
  }
  throw new Error("parsed");
}

describe("not { body }", () => {
  it.each(["future.keywords.not", "future.keywords", "rego.v2"])("parses after import %s, as a negated body run once", (imp) => {
    const m = parseModule(`package t\nimport ${imp}\np if {\n  not { input.a; x := input.b\n    x > 1 }\n}\n`, "m.rego");
    const e = m.rules[0]!.body[0]!;
    expect(e.negated).toBe(true);
    expect(e.body.type).toBe("every");
    if (e.body.type !== "every") return;
    expect(e.body.notBody).toBe(true);
    expect(e.body.body).toHaveLength(3);
  });

  it("in a v0 module too", () => {
    const m = parseModule(`package t\nimport future.keywords.not\np { not { input.a; input.b } }\n`, "m.rego", { regoVersion: 0 });
    expect(m.rules[0]!.body[0]!.body.type).toBe("every");
  });

  it("without the import is an error that names it", () => {
    expect(parseError("package t\np if { not { input.a; input.b } }\n")).toBe(
      "m.rego:2:21: unexpected ; token: expected \",\" or \"}\" (`not { ... }` needs `import future.keywords.not` or `import rego.v2`)",
    );
  });

  it("a braced term that is no body stays a term", () => {
    const m = parseModule(`package t\nimport future.keywords.not\np if { not {"a": 1} }\n`, "m.rego");
    expect(m.rules[0]!.body[0]!.body.type).toBe("term");
  });

  it("rejects the ambiguous not { a | b }", () => {
    expect(parseError("package t\nimport rego.v2\np if { not { x | x := input.a[_] } }\n")).toMatch(/^m\.rego:3:12: ambiguous `not \{ \.\.\. \| \.\.\. \}`/);
  });

  it("imports: not is importable, other names and rego versions are errors", () => {
    expect(parseError("package t\nimport future.keywords.foo\n")).toBe("m.rego:2:8: unexpected keyword, must be one of [contains every if in not]");
    expect(parseError("package t\nimport rego.v3\n")).toBe("m.rego:2:8: invalid import `rego.v3`, must be `rego.v1` or `rego.v2`");
    expect(parseError("package t\nimport rego.v2 as r\n")).toBe("m.rego:2:19: `rego` imports cannot be aliased");
  });

  it("rego.v2 and future.keywords.not do not make a v0 module v1", () => {
    const m = parseModule("package t\nimport future.keywords.not\nif := 1\n", "m.rego", { regoVersion: 0 });
    expect(m.rules[0]!.head.ref[0]).toMatchObject({ name: "if" });
  });
});
