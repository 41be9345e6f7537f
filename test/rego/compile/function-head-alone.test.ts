// A function head with arguments and neither value nor body (`f(null)`) is a function whose value
// is true for the arguments it matches, in v1 and in v0 (OPA reads it so; cisagov/ScubaGear and
// gatekeeper-library use it). A rule head without arguments alone stays an error in v1.
import { describe, expect, it } from "vitest";
import { parseModule } from "../../../src/rego/syntax/index.js";
import { compileQuery, QUERY_ENTRYPOINT } from "../../../src/rego/compile/index.js";
import { loadPolicy } from "../../../src/rego/bundle/load.js";

async function rows(src: string, regoVersion: 0 | 1): Promise<unknown> {
  const c = compileQuery([parseModule(src, "t.rego", { regoVersion })], "data.t = x", { optimize: false });
  const rs = (await loadPolicy(c.wasm)).evaluate({}, QUERY_ENTRYPOINT) as Array<{ result: unknown }>;
  return rs[0]?.result;
}

describe("a function head alone", () => {
  it("is true for the arguments it matches (v1)", async () => {
    const src = "package t\nempty(null)\nempty(x) if count(x) == 0\na := empty(null)\nb := empty([])\nc if not empty([1])\n";
    expect(await rows(src, 1)).toEqual([{ x: { a: true, b: true, c: true } }]);
  });
  it("is true for the arguments it matches (v0), with a wildcard argument", async () => {
    const src = "package t\naccept(\"any\", _)\nok { accept(\"any\", 3) }\nno { accept(\"some\", 3) }\n";
    expect(await rows(src, 0)).toEqual([{ x: { ok: true } }]);
  });
  it("a rule name alone is still an error in v1", () => {
    expect(() => parseModule("package t\na.b.c\n", "t.rego", { regoVersion: 1 })).toThrow(/expected rule value or body/);
  });
});
