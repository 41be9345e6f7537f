// Builtins the SDK serves from its own table (replaced by sanso's: sprintf, yaml.unmarshal…) follow
// the strict mode of the module being evaluated, as sanso's other builtins do; error texts as OPA's.
import { beforeAll, describe, expect, it } from "vitest";
import { compileRules, type Evaluator } from "./helpers.js";

const body = `
y := yaml.unmarshal(input.text)

steps := numbers.range_step(1, 5, input.step)
`;

let strict: Evaluator;
let lenient: Evaluator;
beforeAll(async () => {
  strict = await compileRules(body, ["y", "steps"], { strict: true });
  lenient = await compileRules(body, ["y", "steps"]);
});

describe("yaml.unmarshal", () => {
  it("parses YAML", () => {
    expect(strict.value("y", { text: "a: [1, 2]\nb: c" })).toEqual({ a: [1, 2], b: "c" });
  });
  it("malformed YAML: eval_builtin_error in strict mode, undefined otherwise", () => {
    expect(strict.error("y", { text: "[1,2,3" })).toMatch(/eval_builtin_error: yaml\.unmarshal: yaml: /);
    expect(lenient.value("y", { text: "[1,2,3" })).toBeUndefined();
    expect(lenient.error("y", { text: "[1,2,3" })).toBeUndefined();
  });
});

describe("numbers.range_step", () => {
  it("a step below 1 is OPA's error", () => {
    expect(strict.value("steps", { step: 2 })).toEqual([1, 3, 5]);
    expect(strict.error("steps", { step: 0 })).toMatch(/eval_builtin_error: numbers\.range_step: step must be a positive integer$/);
    expect(lenient.value("steps", { step: 0 })).toBeUndefined();
  });
});
