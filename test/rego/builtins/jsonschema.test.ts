// json.verify_schema and json.match_schema: OPA's result shapes, gojsonschema's error types,
// fields and descriptions, strict and lenient errors.
import { beforeAll, describe, expect, it } from "vitest";
import { compileBoth, type Evaluator } from "./helpers.js";

let e: Evaluator;
let strict: Evaluator;
beforeAll(async () => {
  ({ e, strict } = await compileBoth({
    verify: "json.verify_schema(input.schema)",
    match: "json.match_schema(input.doc, input.schema)",
    literal: `json.match_schema({"id": 5}, {"properties": {"id": {"type": "string"}}, "required": ["id", "name"]})`,
  }));
}, 120_000);

const err = (field: string, type: string, desc: string) => ({ error: `${field}: ${desc}`, type, field, desc });

describe("json.verify_schema", () => {
  it("[true, null] for a valid schema, as an object or as JSON text", () => {
    expect(e.value("verify", { schema: { type: "object", properties: { a: { type: "string" } } } })).toEqual([true, null]);
    expect(e.value("verify", { schema: '{"type": "array", "items": {"type": "integer"}}' })).toEqual([true, null]);
  });
  it("[false, \"jsonschema: …\"] for an invalid schema or operand, never an error", () => {
    const [ok, why] = e.value("verify", { schema: { type: "nonsense" } }) as [boolean, string];
    expect(ok).toBe(false);
    expect(why).toMatch(/^jsonschema: /);
    expect(e.value("verify", { schema: "{" })).toEqual([false, "jsonschema: invalid JSON string"]);
    expect(e.value("verify", { schema: 5 })).toEqual([false, "jsonschema: wrong type, expected string or object"]);
    expect(strict.value("verify", { schema: 5 })).toEqual([false, "jsonschema: wrong type, expected string or object"]);
  });
  it("patterns are Go regular expressions: lookahead does not compile", () => {
    expect((e.value("verify", { schema: { pattern: "^(?=a)" } }) as unknown[])[0]).toBe(false);
    expect(e.value("verify", { schema: { pattern: "^\\pL+$" } })).toEqual([true, null]);
  });
  it("another $schema is validated as draft 7, not refused", () => {
    expect(e.value("verify", { schema: { $schema: "https://json-schema.org/draft/2020-12/schema", type: "object" } })).toEqual([true, null]);
  });
  it("remote references are not fetched", () => {
    expect((e.value("verify", { schema: { $ref: "http://schemas.example.test/a.json" } }) as unknown[])[0]).toBe(false);
  });
});

describe("json.match_schema", () => {
  it("[true, []] when the document matches", () => {
    expect(e.value("match", { doc: { id: "x" }, schema: { properties: { id: { type: "string" } } } })).toEqual([true, []]);
    expect(e.value("match", { doc: '{"id": "x"}', schema: '{"required": ["id"]}' })).toEqual([true, []]);
  });
  it("gojsonschema's errors: required on the object, type with integer/number, nested fields", () => {
    expect(e.value("literal")).toEqual([false, [err("(root)", "required", "name is required"), err("id", "invalid_type", "Invalid type. Expected: string, given: integer")]]);
    const schema = { properties: { a: { type: "array", items: { type: "object", properties: { n: { type: "integer", minimum: 2 } } } } } };
    expect(e.value("match", { doc: { a: [{ n: 1.5 }] }, schema })).toEqual([
      false,
      [err("a.0.n", "invalid_type", "Invalid type. Expected: integer, given: number"), err("a.0.n", "number_gte", "Must be greater than or equal to 2")],
    ]);
  });
  it("enum, additional properties, string length, pattern, format, array bounds, uniqueness", () => {
    const schema = {
      properties: {
        level: { enum: ["low", "high", 3] },
        name: { type: "string", minLength: 3, pattern: "^[a-z]+$" },
        when: { format: "date-time" },
        tags: { type: "array", maxItems: 3, uniqueItems: true },
      },
      additionalProperties: false,
    };
    const doc = { level: "mid", name: "A1", when: "yesterday", tags: ["x", "y", "x", "x"], extra: 1 };
    const [ok, errors] = e.value("match", { doc, schema }) as [boolean, unknown[]];
    expect(ok).toBe(false);
    expect(errors).toEqual(
      expect.arrayContaining([
        err("(root)", "additional_property_not_allowed", "Additional property extra is not allowed"),
        err("level", "enum", 'level must be one of the following: "low", "high", 3'),
        err("name", "string_gte", "String length must be greater than or equal to 3"),
        err("name", "pattern", "Does not match pattern '^[a-z]+$'"),
        err("when", "format", "Does not match format 'date-time'"),
        err("tags", "array_max_items", "Array must have at most 3 items"),
        err("tags", "unique", "array items[0,2] must be unique"),
        err("tags", "unique", "array items[2,3] must be unique"),
      ]),
    );
    expect(errors).toHaveLength(8);
  });
  it("combinators and conditions", () => {
    expect(e.value("match", { doc: { a: "x" }, schema: { properties: { a: { anyOf: [{ type: "number" }, { type: "boolean" }] } } } })).toEqual([
      false,
      [err("a", "number_any_of", "Must validate at least one schema (anyOf)")],
    ]);
    expect(e.value("match", { doc: { k: "v" }, schema: { if: { required: ["k"] }, then: { required: ["z"] } } })).toEqual([
      false,
      [err("(root)", "condition_then", 'Must validate "then" as "if" was valid'), err("(root)", "required", "z is required")],
    ]);
  });
  it("drafts 4 and 6 by $schema: draft 4's boolean exclusiveMaximum", () => {
    const schema = { $schema: "http://json-schema.org/draft-04/schema#", properties: { n: { maximum: 3, exclusiveMaximum: true } } };
    expect(e.value("match", { doc: { n: 3 }, schema })).toEqual([false, [err("n", "number_lt", "Must be less than 3")]]);
    const d6 = { $schema: "http://json-schema.org/draft-06/schema#", properties: { n: { exclusiveMaximum: 3 } } };
    expect(e.value("match", { doc: { n: 3 }, schema: d6 })).toEqual([false, [err("n", "number_lt", "Must be less than 3")]]);
  });
  it("a bad operand or schema is an error in strict mode, undefined otherwise", () => {
    expect(strict.error("match", { doc: "{", schema: {} })).toBe("eval_builtin_error: json.match_schema: invalid JSON string");
    expect(strict.error("match", { doc: {}, schema: 5 })).toBe("eval_builtin_error: json.match_schema: wrong type, expected string or object");
    expect(strict.error("match", { doc: {}, schema: { type: "nonsense" } })).toMatch(/^eval_builtin_error: json\.match_schema: /);
    expect(e.value("match", { doc: "{", schema: {} })).toBeUndefined();
  });
});
