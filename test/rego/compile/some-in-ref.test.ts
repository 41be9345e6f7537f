// `some <ref> in xs`: a reference as the pattern is a value each element is matched against (a
// membership test), as in OPA; it declares no variable (`input` stays the input).
import { describe, expect, it } from "vitest";
import { parseModule } from "../../../src/rego/syntax/index.js";
import { compileQuery, QUERY_ENTRYPOINT } from "../../../src/rego/compile/index.js";
import { loadPolicy } from "../../../src/rego/bundle/load.js";

const MODULE = `package t
allowed := ["ls", "ps"]
approve if some input.cmd in allowed
keys contains k if some k, input.v in {"a": 1, "b": 2, "c": 2}
pairs contains x if some [x, input.v] in [[1, 2], [3, 4]]
`;

async function doc(input: unknown): Promise<Record<string, unknown>> {
  const c = compileQuery([parseModule(MODULE, "t.rego")], "data.t = x", { optimize: false });
  const rs = (await loadPolicy(c.wasm)).evaluate(input, QUERY_ENTRYPOINT) as Array<{ result: Array<{ x: Record<string, unknown> }> }>;
  return rs[0]!.result[0]!.x;
}

describe("some <ref> in", () => {
  it("tests membership of the reference's value", async () => {
    expect((await doc({ cmd: "ls", v: 2 })).approve).toBe(true);
    expect((await doc({ cmd: "rm", v: 2 })).approve).toBeUndefined();
  });
  it("as a value or inside a pattern, beside declared variables", async () => {
    const d = await doc({ cmd: "rm", v: 2 });
    expect(d.keys).toEqual(["b", "c"]);
    expect(d.pairs).toEqual([1]);
  });
});
