// json.verify_schema and json.match_schema: JSON Schema drafts 4, 6 and 7, validated with ajv
// (ajv-draft-04 for draft 4, ajv-formats for `format`), reported in the shapes OPA gives:
//   json.verify_schema(schema)        → [true, null] | [false, "jsonschema: <why>"] (never an error)
//   json.match_schema(doc, schema)    → [valid, [{error, type, field, desc}, …]]
// Document and schema are a JSON string (it must be valid JSON) or an object/array; anything else,
// invalid JSON or a schema that does not compile is an eval_builtin_error of json.match_schema.
//
// OPA uses its copy of gojsonschema; the error entries carry gojsonschema's `type` names, its
// `field` ("(root)" or the dotted path of the value: "a.0.b"), its English descriptions and
// `error` = "<field>: <desc>". Known differences (ajv reports differently, or sanso cannot):
//  - order of the errors follows ajv's keyword order, not gojsonschema's;
//  - anyOf/oneOf give their own error only (gojsonschema adds the errors of the closest branch);
//    allOf gives the failing branches' errors without gojsonschema's extra "number_all_of" entry;
//  - verify_schema's text after "jsonschema: " is ajv's (gojsonschema words schema errors
//    differently);
//  - remote `$ref`s are never fetched (no network at run time): such a schema does not compile,
//    where OPA fetches it from hosts its capabilities' allow_net permits;
//  - `$schema` other than drafts 4/6/7 (2019-09, 2020-12) is validated as draft 7.
// `pattern` and `patternProperties` use Go (RE2) syntax, as OPA's validator does (regex.ts).

import { createRequire } from "node:module";
import { builtinFail, type Impl, isObject } from "./common.js";
import { goMarshal } from "./json.js";
import { RegexSyntaxError, translateRegex } from "./regex.js";

type AjvError = { keyword: string; instancePath: string; schemaPath: string; params: Record<string, any>; message?: string };
type Validate = ((data: unknown) => boolean) & { errors?: AjvError[] | null };
type AjvLike = { compile(schema: unknown): Validate; removeSchema(schema: unknown): unknown };

const req = createRequire(import.meta.url);

/** Go-syntax patterns for ajv (RegExpEngine): RE2 semantics, Go's error for what RE2 rejects. */
const goRegExp = Object.assign(
  (pattern: string) => {
    try {
      const t = translateRegex(pattern);
      return new RegExp(t.source, t.flags);
    } catch (e) {
      throw new Error(e instanceof RegexSyntaxError ? e.msg : `error parsing regexp: ${(e as Error).message}`);
    }
  },
  { code: "goRegExp" },
);

let engines: { d4: AjvLike; d6: AjvLike; d7: AjvLike } | undefined;
function engine(schema: unknown): AjvLike {
  if (!engines) {
    const opts = { allErrors: true, strict: false, logger: false, addUsedSchema: false, code: { regExp: goRegExp }, loadSchema: undefined };
    const Ajv = req("ajv").default as new (o: object) => AjvLike & { addMetaSchema(s: unknown): void };
    const Ajv4 = req("ajv-draft-04").default as new (o: object) => AjvLike;
    const addFormats = req("ajv-formats").default as (a: AjvLike) => void;
    const d4 = new Ajv4({ ...opts, schemaId: "auto" });
    const d6 = new Ajv(opts);
    d6.addMetaSchema(req("ajv/dist/refs/json-schema-draft-06.json"));
    const d7 = new Ajv(opts);
    for (const a of [d4, d6, d7]) addFormats(a);
    engines = { d4, d6, d7 };
  }
  const version = isObject(schema) && typeof schema.$schema === "string" ? schema.$schema : "";
  if (/draft-04/.test(version)) return engines.d4;
  if (/draft-06/.test(version)) return engines.d6;
  return engines.d7;
}

/** OPA's operand rule: a JSON string (parsed) or an object/array. */
function operand(v: unknown): unknown {
  if (typeof v === "string") {
    try {
      return JSON.parse(v);
    } catch {
      throw builtinFail("invalid JSON string");
    }
  }
  if (v !== null && typeof v === "object") return v;
  throw builtinFail("wrong type, expected string or object");
}

const compiled = new Map<string, Validate>();
/** Compiles (cached by the schema's text); throws the compiler's message. */
function compile(schema: unknown): Validate {
  const key = JSON.stringify(schema);
  let v = compiled.get(key);
  if (v) return v;
  const ajv = engine(schema);
  // another $schema (2019-09, 2020-12, a custom meta-schema) is not an error: validated as draft 7
  let target = schema;
  if (isObject(schema) && typeof schema.$schema === "string" && !/draft-0[467]/.test(schema.$schema)) {
    const { $schema: _other, ...rest } = schema;
    target = rest;
  }
  try {
    v = ajv.compile(target);
  } finally {
    // the compiled function stays usable; ajv's own cache (keyed by object) must not grow
    try {
      ajv.removeSchema(target);
    } catch {
      /* not added */
    }
  }
  if (compiled.size > 256) compiled.clear();
  compiled.set(key, v);
  return v;
}

function verifySchema(s: unknown): [boolean, string | null] {
  try {
    compile(operand(s));
    return [true, null];
  } catch (e) {
    const detail = e instanceof Error ? e.message : (e as { detail?: string }).detail ?? String(e);
    return [false, `jsonschema: ${detail}`];
  }
}

const unescapePointer = (p: string) => p.replace(/~1/g, "/").replace(/~0/g, "~");
const segments = (instancePath: string) => (instancePath ? instancePath.slice(1).split("/").map(unescapePointer) : []);
const fieldOf = (instancePath: string) => (instancePath ? segments(instancePath).join(".") : "(root)");

function at(doc: unknown, instancePath: string): unknown {
  let v = doc;
  for (const s of segments(instancePath)) v = v !== null && typeof v === "object" ? (v as Record<string, unknown>)[s] : undefined;
  return v;
}

/** gojsonschema's name of a value's type: whole numbers are "integer". */
function givenType(v: unknown): string {
  if (v === null) return "null";
  if (Array.isArray(v)) return "array";
  if (typeof v === "number") return Number.isInteger(v) ? "integer" : "number";
  return typeof v === "object" ? "object" : typeof v;
}

const num = (n: unknown) => (typeof n === "number" ? String(n) : goMarshal(n));

interface SchemaError {
  error: string;
  type: string;
  field: string;
  desc: string;
}

function describe(e: AjvError, doc: unknown): Array<{ type: string; field: string; desc: string }> {
  const field = fieldOf(e.instancePath);
  const p = e.params;
  const one = (type: string, desc: string) => [{ type, field, desc }];
  switch (e.keyword) {
    case "required":
      return one("required", `${p.missingProperty} is required`);
    case "type": {
      const types = String(p.type).split(",");
      return one("invalid_type", `Invalid type. Expected: ${types.length > 1 ? `[${types.join(",")}]` : types[0]}, given: ${givenType(at(doc, e.instancePath))}`);
    }
    case "enum":
      return one("enum", `${field} must be one of the following: ${(p.allowedValues as unknown[]).map(goMarshal).join(", ")}`);
    case "const":
      return one("const", `${field} does not match: ${goMarshal(p.allowedValue)}`);
    case "additionalProperties":
      return one("additional_property_not_allowed", `Additional property ${p.additionalProperty} is not allowed`);
    case "minLength":
      return one("string_gte", `String length must be greater than or equal to ${p.limit}`);
    case "maxLength":
      return one("string_lte", `String length must be less than or equal to ${p.limit}`);
    case "pattern":
      return one("pattern", `Does not match pattern '${p.pattern}'`);
    case "format":
      return one("format", `Does not match format '${p.format}'`);
    case "minimum":
    case "exclusiveMinimum":
      return p.comparison === ">" ? one("number_gt", `Must be greater than ${num(p.limit)}`) : one("number_gte", `Must be greater than or equal to ${num(p.limit)}`);
    case "maximum":
    case "exclusiveMaximum":
      return p.comparison === "<" ? one("number_lt", `Must be less than ${num(p.limit)}`) : one("number_lte", `Must be less than or equal to ${num(p.limit)}`);
    case "multipleOf":
      return one("multiple_of", `Must be a multiple of ${num(p.multipleOf)}`);
    case "minItems":
      return one("array_min_items", `Array must have at least ${p.limit} items`);
    case "maxItems":
      return one("array_max_items", `Array must have at most ${p.limit} items`);
    case "uniqueItems": {
      // gojsonschema reports every repeated item against the last equal one before it
      const items = at(doc, e.instancePath) as unknown[];
      const seen = new Map<string, number>();
      const out: Array<{ type: string; field: string; desc: string }> = [];
      items.forEach((item, j) => {
        const k = goMarshal(item);
        const i = seen.get(k);
        if (i !== undefined) out.push({ type: "unique", field, desc: `array items[${i},${j}] must be unique` });
        seen.set(k, j);
      });
      return out;
    }
    case "minProperties":
      return one("array_min_properties", `Must have at least ${p.limit} properties`);
    case "maxProperties":
      return one("array_max_properties", `Must have at most ${p.limit} properties`);
    case "dependencies":
    case "dependentRequired":
      return one("missing_dependency", `Has a dependency on ${p.missingProperty}`);
    case "anyOf":
      return one("number_any_of", "Must validate at least one schema (anyOf)");
    case "oneOf":
      return one("number_one_of", "Must validate one and only one schema (oneOf)");
    case "not":
      return one("number_not", "Must not validate the schema (not)");
    case "if":
      return p.failingKeyword === "then"
        ? one("condition_then", 'Must validate "then" as "if" was valid')
        : one("condition_else", 'Must validate "else" as "if" was not valid');
    case "contains":
      return one("contains", "At least one of the items must match");
    case "propertyNames":
      return one("invalid_property_name", `Property name of "${p.propertyName}" does not match`);
    case "additionalItems":
    case "items":
      return one("array_no_additional_items", "No additional items allowed on array");
    case "false schema":
      return one("false", "False always fails validation");
  }
  return one("internal", e.message ?? e.keyword);
}

function matchSchema(d: unknown, s: unknown): [boolean, SchemaError[]] {
  const doc = operand(d);
  const schema = operand(s);
  let validate: Validate;
  try {
    validate = compile(schema);
  } catch (e) {
    throw builtinFail(e instanceof Error ? e.message : String(e));
  }
  if (validate(doc)) return [true, []];
  const errors = validate.errors ?? [];
  // errors inside anyOf/oneOf/not/propertyNames branches: only the combinator's own error is kept
  const combinators = errors.filter((e) => ["anyOf", "oneOf", "not", "propertyNames"].includes(e.keyword)).map((e) => e.schemaPath + "/");
  const ifs = errors.filter((e) => e.keyword === "if");
  const out: SchemaError[] = [];
  const push = (e: AjvError) => {
    for (const r of describe(e, doc)) out.push({ error: `${r.field}: ${r.desc}`, type: r.type, field: r.field, desc: r.desc });
  };
  for (const e of errors) {
    if (e.keyword === "if") continue;
    if (combinators.some((c) => e.schemaPath.startsWith(c) && e.schemaPath.length > c.length)) continue;
    // gojsonschema: the condition's error first, then the failing branch's errors
    const cond = ifs.find((i) => e.schemaPath.startsWith(i.schemaPath.replace(/\/if$/, `/${i.params.failingKeyword}/`)));
    if (cond && !out.some((o) => o.type.startsWith("condition_") && o.field === fieldOf(cond.instancePath))) push(cond);
    push(e);
  }
  for (const i of ifs) if (!out.some((o) => o.type.startsWith("condition_") && o.field === fieldOf(i.instancePath))) push(i);
  return [false, out];
}

export const jsonSchemaBuiltins: Record<string, Impl> = {
  "json.verify_schema": verifySchema,
  "json.match_schema": matchSchema,
};
