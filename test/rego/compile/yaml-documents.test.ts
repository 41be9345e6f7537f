// yaml.unmarshal and yaml.is_valid on texts of several YAML documents: valid when every document
// is, read as the first (as the Go decoder OPA uses); an empty text is null.
import { beforeAll, describe, expect, it } from "vitest";
import { compileBoth, type Evaluator } from "../builtins/helpers.js";

let e: Evaluator;
let strict: Evaluator;
beforeAll(async () => {
  ({ e, strict } = await compileBoth({ valid: "yaml.is_valid(input.s)", doc: "yaml.unmarshal(input.s)" }));
}, 120_000);

describe("YAML texts of several documents", () => {
  it("are valid when every document is, and read as the first", () => {
    const two = "kind: first\n---\nkind: second\n";
    expect(e.value("valid", { s: two })).toBe(true);
    expect(e.value("doc", { s: two })).toEqual({ kind: "first" });
  });
  it("are invalid when a later document is malformed, and unmarshal fails in strict mode", () => {
    const bad = "kind: first\n---\n\tkind: tab\n";
    expect(e.value("valid", { s: bad })).toBe(false);
    expect(e.value("doc", { s: bad })).toBeUndefined();
    expect(strict.error("doc", { s: bad })).toMatch(/eval_builtin_error: yaml.unmarshal: yaml: /);
  });
  it("an empty text or one of comments only is null", () => {
    expect(e.value("doc", { s: "" })).toBeNull();
    expect(e.value("doc", { s: "# nothing\n" })).toBeNull();
    expect(e.value("valid", { s: "" })).toBe(true);
  });
});
