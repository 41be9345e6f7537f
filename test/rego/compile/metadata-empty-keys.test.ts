// A METADATA key written without a value (`related_resources:`) is YAML null: OPA reads it as an
// empty list (trivy-checks' files have such keys); the rest of the block still applies.
import { describe, expect, it } from "vitest";
import { parseModule } from "../../../src/rego/syntax/index.js";

const SRC = `# METADATA
# title: x
# related_resources:
# authors:
# custom:
#   id: X-1
package t

p := 1
`;

describe("METADATA keys without a value", () => {
  it("are empty, not an error", () => {
    const m = parseModule(SRC, "t.rego");
    expect(m.annotations).toHaveLength(1);
    expect(m.annotations[0]).toMatchObject({ title: "x", custom: { id: "X-1" } });
    expect(m.annotations[0]!.related_resources).toBeUndefined();
  });
  it("a value of the wrong kind is still an error", () => {
    expect(() => parseModule(SRC.replace("# related_resources:", "# related_resources: 3"), "t.rego")).toThrow(/related_resources must be a list/);
  });
});
