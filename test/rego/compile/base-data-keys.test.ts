// References into the base data read it by path, as OPA's storage does: an integer key matches the
// object key of the same text at any depth (data.nested[2] is data.nested["2"]), arrays are still
// indexed by number, and a value once bound to a variable is an ordinary value again.
import { describe, expect, it } from "vitest";
import { parseModule } from "../../../src/rego/syntax/index.js";
import { compileQuery, QUERY_ENTRYPOINT } from "../../../src/rego/compile/index.js";
import { loadPolicy } from "../../../src/rego/bundle/load.js";

const MODULE = `package t
deep := data.nested.inner[7]
via_var := x if {
	k := 7
	x := data.nested.inner[k]
}
array_index := data.list[1]
fraction := data.nested.inner[7.5]
bound := x if {
	obj := data.nested.inner
	x := obj[7]
}
`;

const DATA = { nested: { inner: { "7": "seven", "7.5": "not by number" } }, list: ["a", "b"] };

describe("integer keys on refs into base data", () => {
  it("match the string key of the same text, but not through a bound value", async () => {
    const c = compileQuery([parseModule(MODULE, "t.rego")], "data.t = x", { optimize: false });
    const policy = await loadPolicy(c.wasm);
    policy.setData(DATA);
    const rs = policy.evaluate({}, QUERY_ENTRYPOINT) as Array<{ result: Array<{ x: unknown }> }>;
    expect(rs[0]!.result).toEqual([{ x: { deep: "seven", via_var: "seven", array_index: "b" } }]);
  });
});
