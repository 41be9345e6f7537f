// sprintf's arguments as OPA formats them when the call goes to JavaScript (a flag, a width, a
// float verb): composites in their Rego text — sets as `{1, 2}`, not as the arrays JSON makes of
// them — and numbers as written: `101.00` and `1e2` are floats for Go's fmt (OPA's numbers keep
// their text), `101` and `4/2` integers. (D7, D9 of issue 12.)
import { beforeAll, describe, expect, it } from "vitest";
import { parseModule } from "../../../src/rego/syntax/index.js";
import { compileQuery, QUERY_ENTRYPOINT } from "../../../src/rego/compile/index.js";
import { loadPolicy } from "../../../src/rego/bundle/load.js";

const RULES: Record<string, string> = {
  setS: 'sprintf("%s", [{"x", "y"}])',
  setV: 'sprintf("%v", [{1, 2}])',
  emptySet: 'sprintf("%s", [set()])',
  nested: 'sprintf("%5s|%v", ["a", [{1}, {"k": {2}}]])',
  mixedKeys: 'sprintf("%s", [{[1, "x"]: 1, "k": {"v"}}])',
  literalFloat: 'sprintf("%.2f", [101.00])',
  literalFloatV: 'sprintf("%v %5.1f", [101.00, 1e2])',
  literalFloatD: 'sprintf("%d", [101.00])',
  intD: 'sprintf("%d %5d", [101, 4 / 2])',
  textInside: 'sprintf("%s %s", [[101.00, 3.50], 1])',
  convertedFloat: 'sprintf("%.2f", [to_number("7.50")])',
  withInput: 'sprintf("$%d ($%.2f)", [100, input.cost])',
  // the SDK sends input as JSON.stringify writes it: 1e21 arrives as the text 1e+21, a float for OPA
  bigInput: 'sprintf("%v", [input.big])',
};

let results: Record<string, unknown>;
beforeAll(async () => {
  const src = `package t\n${Object.entries(RULES).map(([k, v]) => `${k} := ${v}`).join("\n")}
cost_text := sprintf("($%.2f)", [input.cost])
spacelift if cost_text == "($101.00)" with input as {"cost": 101.00}`;
  const c = compileQuery([parseModule(src, "t.rego")], "x = data.t", { optimize: false });
  const p = await loadPolicy(c.wasm);
  const rs = p.evaluate({ cost: 12.5, big: 1e21 }, QUERY_ENTRYPOINT) as Array<{ result: Array<{ x: Record<string, unknown> }> }>;
  results = rs[0].result[0].x;
}, 60_000);

describe("sprintf through JavaScript prints values as OPA does", () => {
  it("sets as sets", () => {
    expect(results.setS).toBe('{"x", "y"}');
    expect(results.setV).toBe("{1, 2}");
    expect(results.emptySet).toBe("set()");
    expect(results.nested).toBe('    a|[{1}, {"k": {2}}]');
    expect(results.mixedKeys).toBe('{"k": {"v"}, [1, "x"]: 1}');
  });
  it("a number written with a fraction or an exponent as a float", () => {
    expect(results.literalFloat).toBe("101.00");
    expect(results.literalFloatV).toBe("101 100.0");
    expect(results.literalFloatD).toBe("%!d(float64=101)");
    expect(results.intD).toBe("101     2");
    expect(results.textInside).toBe("[101.00, 3.50] %!s(int=1)");
    expect(results.convertedFloat).toBe("7.50");
    expect(results.withInput).toBe("$100 ($12.50)");
    expect(results.bigInput).toBe("1e+21");
    expect(results.spacelift).toBe(true);
  });
});
