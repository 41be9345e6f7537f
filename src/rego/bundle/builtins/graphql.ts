// graphql.*: GraphQL queries and schemas parsed and validated with the `graphql` package
// (graphql-js), given in the AST shape OPA gives — that of gqlparser, the Go library OPA uses
// (Go field names: "Operations", "SelectionSet", "Alias", "Definitions", "Kind": "OBJECT" …;
// values as {Kind: <number>, Raw, Children}), with OPA's pruning: no "Position", no null and no
// empty list or object (empty strings and false stay). Queries and schemas are given as text or
// as such AST objects (what parse_query / parse_schema return).
//
// Errors as OPA words them: "<message> in GraphQL string at location <line>:<column>" for syntax,
// "<message> in GraphQL query string at location …" when a query does not validate.
// Known differences (graphql-js is not gqlparser):
//  - messages are graphql-js's, which gqlparser mostly shares ("Expected Name, found <EOF>",
//    "Cannot query field \"x\" on type \"Query\""); syntax errors are put in gqlparser's words
//    (an empty list is "expected at least one definition", a lexing error "Unexpected <Invalid>",
//    a string token is located inside its quotes), but schema errors name graphql-js's reasons
//    after OPA's "Error in gqlparser SchemaDocument to Schema conversion: " prefix;
//  - an extension of an undefined type defines it, and a query of no definitions is valid, as in
//    gqlparser;
//  - a schema without a query type is valid for schema_is_valid (as gqlparser), but a query is
//    never valid against it;
//  - every value carries "ExpectedTypeHasDefault": false (gqlparser's field; older OPA releases
//    did not have it).

import { createRequire } from "node:module";
import { builtinFail, Fail, type Impl, isObject } from "./common.js";

type GraphQL = typeof import("graphql");
type Node = Record<string, any>;

let gqlLib: GraphQL | undefined;
const gql = (): GraphQL => (gqlLib ??= createRequire(import.meta.url)("graphql") as GraphQL);

// ---------------------------------------------------------------- errors

const PUNCTUATORS = new Set(["!", "$", "&", "(", ")", "...", ":", "=", "@", "[", "]", "{", "|", "}"]);

/** graphql-js's syntax message in gqlparser's words: no "Syntax Error: ", punctuators unquoted. */
function syntaxMessage(e: { message: string }): string {
  return e.message
    .replace(/^Syntax Error: /, "")
    .replace(/\.$/, "")
    .replace(/"([^"]+)"/g, (m, p: string) => (PUNCTUATORS.has(p) ? p : m))
    .replace(/^Unexpected variable "\$[^"]*" in constant value$/, "Unexpected $");
}

const at = (e: { locations?: readonly { line: number; column: number }[] }) => {
  const l = e.locations?.[0];
  return l ? `${l.line}:${l.column}` : "0:0";
};

type Token = import("graphql").Token;

/** The token that starts at line:column and the one before it (graphql-js's lexer; stops at a lexing error). */
function tokenAt(text: string, line: number, column: number): { prev?: Token; tok?: Token } {
  const g = gql();
  const lexer = new g.Lexer(new g.Source(text));
  let prev: Token | undefined;
  try {
    for (let t = lexer.advance(); ; t = lexer.advance()) {
      if (t.line > line || (t.line === line && t.column >= column)) return t.line === line && t.column === column ? { prev, tok: t } : { prev };
      if (t.kind === g.TokenKind.EOF) return { prev: t };
      prev = t;
    }
  } catch {
    return { prev };
  }
}

// graphql-js's lexer errors; gqlparser's parser peeks at such a token and reports "Unexpected <Invalid>"
const LEXER_ERROR = /^(Unterminated string|Invalid number|Invalid character|Invalid Unicode|Unexpected character|Cannot parse the unexpected character|Unexpected single quote)/;

/** A graphql-js syntax error as gqlparser reports it: its words, and its position (a string
 * token's column is that of its first character inside the quotes). */
function syntaxError(text: string, e: { message: string; locations?: readonly { line: number; column: number }[] }): Fail {
  const l = e.locations?.[0];
  if (!l) return builtinFail(`${syntaxMessage(e)} in GraphQL string at location 0:0`);
  const msg = e.message.replace(/^Syntax Error: /, "");
  if (LEXER_ERROR.test(msg)) return builtinFail(`Unexpected <Invalid> in GraphQL string at location ${l.line}:${l.column}`);
  const { prev, tok } = tokenAt(text, l.line, l.column);
  const K = gql().TokenKind;
  let column = l.column;
  if (tok?.kind === K.STRING) column += 1;
  else if (tok?.kind === K.BLOCK_STRING) column += 3;
  let out = syntaxMessage(e);
  if (/^Unexpected description, /.test(msg) && tok) out = `Unexpected ${tok.kind === K.BLOCK_STRING ? "BlockString" : "String"} ${JSON.stringify(tok.value)}`;
  // gqlparser's lists that must not be empty (selection sets, fields, enum values, arguments,
  // variable definitions): "{}" or "()" is "expected at least one definition"
  const closer = tok?.kind === K.BRACE_R ? K.BRACE_L : tok?.kind === K.PAREN_R ? K.PAREN_L : undefined;
  if (/^Expected /.test(msg) && closer && prev?.kind === closer) out = `expected at least one definition, found ${tok!.kind}`;
  return builtinFail(`${out} in GraphQL string at location ${l.line}:${column}`);
}

function parseText(text: string): Node {
  const g = gql();
  try {
    // gqlparser parses a document of no definitions (only blanks and comments)
    if (new g.Lexer(new g.Source(text)).advance().kind === g.TokenKind.EOF) return { kind: "Document", definitions: [] };
    return g.parse(text, { noLocation: false, allowLegacyFragmentVariables: true }) as unknown as Node;
  } catch (e) {
    if (e instanceof g.GraphQLError) throw syntaxError(text, e);
    throw e;
  }
}

// ---------------------------------------------------------------- graphql-js → gqlparser JSON

/** A definition of the other kind of document (gqlparser parses queries and schemas apart). */
function unexpected(d: Node): Fail {
  const t = d.loc?.startToken;
  if (!t) return builtinFail("Unexpected definition in GraphQL string at location 0:0");
  const what = t.kind === "Name" || t.kind === "String" || t.kind === "BlockString" ? `${t.kind} ${JSON.stringify(t.value)}` : t.kind;
  const column = t.column + (t.kind === "String" ? 1 : t.kind === "BlockString" ? 3 : 0); // gqlparser: inside the quotes
  return builtinFail(`Unexpected ${what} in GraphQL string at location ${t.line}:${column}`);
}

const name = (n: Node | undefined) => n?.value ?? "";
const list = <T>(xs: readonly T[] | undefined, f: (x: T) => unknown) => (xs ?? []).map(f);

function typeRef(t: Node): Node {
  if (t.kind === "NonNullType") return { ...typeRef(t.type), NonNull: true };
  if (t.kind === "ListType") return { NamedType: "", Elem: typeRef(t.type), NonNull: false };
  return { NamedType: t.name.value, NonNull: false };
}

const VALUE_KIND: Record<string, number> = {
  Variable: 0, IntValue: 1, FloatValue: 2, StringValue: 3, BooleanValue: 5, NullValue: 6, EnumValue: 7, ListValue: 8, ObjectValue: 9,
};

function value(v: Node | undefined): Node | undefined {
  if (!v) return undefined;
  const out: Node = { Kind: v.kind === "StringValue" && v.block ? 4 : VALUE_KIND[v.kind], Raw: "", ExpectedTypeHasDefault: false };
  switch (v.kind) {
    case "Variable":
    case "EnumValue":
      out.Raw = v.kind === "Variable" ? v.name.value : v.value;
      break;
    case "IntValue":
    case "FloatValue":
    case "StringValue":
      out.Raw = v.value;
      break;
    case "BooleanValue":
      out.Raw = v.value ? "true" : "false";
      break;
    case "NullValue":
      out.Raw = "null";
      break;
    case "ListValue":
      out.Children = list(v.values, (c: Node) => ({ Name: "", Value: value(c) }));
      break;
    case "ObjectValue":
      out.Children = list(v.fields, (f: Node) => ({ Name: f.name.value, Value: value(f.value) }));
      break;
  }
  return out;
}

const directives = (ds: readonly Node[] | undefined) => list(ds, (d: Node) => ({ Name: d.name.value, Arguments: args(d.arguments), Location: "" }));
const args = (as: readonly Node[] | undefined) => list(as, (a: Node) => ({ Name: a.name.value, Value: value(a.value) }));

function selections(s: Node | undefined): unknown[] {
  return list(s?.selections, (x: Node) => {
    if (x.kind === "Field")
      return { Alias: name(x.alias) || x.name.value, Name: x.name.value, Arguments: args(x.arguments), Directives: directives(x.directives), SelectionSet: selections(x.selectionSet) };
    if (x.kind === "FragmentSpread") return { Name: x.name.value, Directives: directives(x.directives) };
    return { TypeCondition: name(x.typeCondition?.name), Directives: directives(x.directives), SelectionSet: selections(x.selectionSet) };
  });
}

const variables = (vs: readonly Node[] | undefined) =>
  list(vs, (v: Node) => ({ Variable: v.variable.name.value, Type: typeRef(v.type), DefaultValue: value(v.defaultValue), Directives: directives(v.directives), Used: false }));

function queryJSON(doc: Node): Node {
  const Operations: unknown[] = [];
  const Fragments: unknown[] = [];
  for (const d of doc.definitions) {
    if (d.kind === "OperationDefinition")
      Operations.push({ Operation: d.operation, Name: name(d.name), VariableDefinitions: variables(d.variableDefinitions), Directives: directives(d.directives), SelectionSet: selections(d.selectionSet) });
    else if (d.kind === "FragmentDefinition")
      Fragments.push({ Name: d.name.value, VariableDefinition: variables(d.variableDefinitions), TypeCondition: d.typeCondition.name.value, Directives: directives(d.directives), SelectionSet: selections(d.selectionSet) });
    else throw unexpected(d);
  }
  return { Operations, Fragments };
}

const KIND: Record<string, string> = {
  ObjectType: "OBJECT", InterfaceType: "INTERFACE", UnionType: "UNION", EnumType: "ENUM", InputObjectType: "INPUT_OBJECT", ScalarType: "SCALAR",
};

const argDefs = (as: readonly Node[] | undefined) =>
  list(as, (a: Node) => ({ Description: a.description?.value ?? "", Name: a.name.value, DefaultValue: value(a.defaultValue), Type: typeRef(a.type), Directives: directives(a.directives) }));

function definition(d: Node, kind: string): Node {
  return {
    Kind: kind, Description: d.description?.value ?? "", Name: d.name.value, Directives: directives(d.directives),
    Interfaces: list(d.interfaces, (i: Node) => i.name.value),
    Fields: list(d.fields, (f: Node) => ({
      Description: f.description?.value ?? "", Name: f.name.value, Arguments: argDefs(f.arguments), DefaultValue: value(f.defaultValue), Type: typeRef(f.type), Directives: directives(f.directives),
    })),
    Types: list(d.types, (t: Node) => t.name.value),
    EnumValues: list(d.values, (v: Node) => ({ Description: v.description?.value ?? "", Name: v.name.value, Directives: directives(v.directives) })),
    BuiltIn: false,
  };
}

function schemaJSON(doc: Node): Node {
  const out: Node = { Schema: [], SchemaExtension: [], Directives: [], Definitions: [], Extensions: [] };
  for (const d of doc.definitions) {
    const m = /^(\w+?)(Definition|Extension)$/.exec(d.kind);
    if (d.kind === "SchemaDefinition" || d.kind === "SchemaExtension")
      (d.kind === "SchemaDefinition" ? out.Schema : out.SchemaExtension).push({
        Description: d.description?.value ?? "", Directives: directives(d.directives),
        OperationTypes: list(d.operationTypes, (o: Node) => ({ Operation: o.operation, Type: o.type.name.value })),
      });
    else if (d.kind === "DirectiveDefinition")
      out.Directives.push({ Description: d.description?.value ?? "", Name: d.name.value, Arguments: argDefs(d.arguments), Locations: list(d.locations, (l: Node) => l.value), IsRepeatable: !!d.repeatable });
    else if (m && KIND[m[1]]) (m[2] === "Definition" ? out.Definitions : out.Extensions).push(definition(d, KIND[m[1]]));
    else throw unexpected(d);
  }
  return out;
}

/** OPA's pruning: no Position, nulls, or empty lists and objects (recursively). */
function prune(v: unknown): unknown {
  if (Array.isArray(v)) {
    const out: unknown[] = [];
    for (const x of v) {
      if (x === null || x === undefined) continue;
      const p = prune(x);
      if (typeof p === "object" && p !== null && (Array.isArray(p) ? p.length === 0 : Object.keys(p).length === 0)) continue;
      out.push(p);
    }
    return out;
  }
  if (isObject(v)) {
    const out: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(v)) {
      if (k === "Position" || x === null || x === undefined) continue;
      const p = prune(x);
      if (typeof p === "object" && p !== null && (Array.isArray(p) ? p.length === 0 : Object.keys(p).length === 0)) continue;
      out[k] = p;
    }
    return out;
  }
  return v;
}

// ---------------------------------------------------------------- gqlparser JSON → graphql-js AST

const nameNode = (value: string) => ({ kind: "Name", value });

function typeNode(t: Node): Node {
  const inner: Node = t.Elem ? { kind: "ListType", type: typeNode(t.Elem) } : { kind: "NamedType", name: nameNode(String(t.NamedType ?? "")) };
  return t.NonNull ? { kind: "NonNullType", type: inner } : inner;
}

const KIND_NAME = ["Variable", "IntValue", "FloatValue", "StringValue", "StringValue", "BooleanValue", "NullValue", "EnumValue", "ListValue", "ObjectValue"];

function valueNode(v: Node | undefined): Node | undefined {
  if (!v) return undefined;
  const kind = KIND_NAME[Number(v.Kind ?? 0)] ?? "NullValue";
  const raw = String(v.Raw ?? "");
  const children = (v.Children ?? []) as Node[];
  switch (kind) {
    case "Variable":
      return { kind, name: nameNode(raw) };
    case "BooleanValue":
      return { kind, value: raw === "true" };
    case "NullValue":
      return { kind };
    case "StringValue":
      return { kind, value: raw, block: v.Kind === 4 };
    case "ListValue":
      return { kind, values: children.map((c) => valueNode(c.Value)) };
    case "ObjectValue":
      return { kind, fields: children.map((c) => ({ kind: "ObjectField", name: nameNode(String(c.Name)), value: valueNode(c.Value) })) };
  }
  return { kind, value: raw };
}

const dirNodes = (ds: Node[] | undefined) => (ds ?? []).map((d) => ({ kind: "Directive", name: nameNode(d.Name), arguments: argNodes(d.Arguments) }));
const argNodes = (as: Node[] | undefined) => (as ?? []).map((a) => ({ kind: "Argument", name: nameNode(a.Name), value: valueNode(a.Value) }));

function selectionSetNode(ss: Node[] | undefined): Node | undefined {
  if (!ss?.length) return undefined;
  return {
    kind: "SelectionSet",
    selections: ss.map((s) => {
      if ("Alias" in s || "Arguments" in s || ("Name" in s && "SelectionSet" in s))
        return {
          kind: "Field", alias: s.Alias && s.Alias !== s.Name ? nameNode(s.Alias) : undefined, name: nameNode(s.Name),
          arguments: argNodes(s.Arguments), directives: dirNodes(s.Directives), selectionSet: selectionSetNode(s.SelectionSet),
        };
      if ("Name" in s) return { kind: "FragmentSpread", name: nameNode(s.Name), directives: dirNodes(s.Directives) };
      return {
        kind: "InlineFragment", typeCondition: s.TypeCondition ? { kind: "NamedType", name: nameNode(s.TypeCondition) } : undefined,
        directives: dirNodes(s.Directives), selectionSet: selectionSetNode(s.SelectionSet) ?? { kind: "SelectionSet", selections: [] },
      };
    }),
  };
}

const varNodes = (vs: Node[] | undefined) =>
  (vs ?? []).map((v) => ({
    kind: "VariableDefinition", variable: { kind: "Variable", name: nameNode(v.Variable) }, type: typeNode(v.Type ?? {}),
    defaultValue: valueNode(v.DefaultValue), directives: dirNodes(v.Directives),
  }));

function queryFromJSON(q: Node): Node {
  const definitions: Node[] = [];
  for (const o of (q.Operations ?? []) as Node[])
    definitions.push({
      kind: "OperationDefinition", operation: o.Operation ?? "query", name: o.Name ? nameNode(o.Name) : undefined,
      variableDefinitions: varNodes(o.VariableDefinitions), directives: dirNodes(o.Directives),
      selectionSet: selectionSetNode(o.SelectionSet) ?? { kind: "SelectionSet", selections: [] },
    });
  for (const f of (q.Fragments ?? []) as Node[])
    definitions.push({
      kind: "FragmentDefinition", name: nameNode(f.Name), variableDefinitions: varNodes(f.VariableDefinition),
      typeCondition: { kind: "NamedType", name: nameNode(f.TypeCondition ?? "") }, directives: dirNodes(f.Directives),
      selectionSet: selectionSetNode(f.SelectionSet) ?? { kind: "SelectionSet", selections: [] },
    });
  return { kind: "Document", definitions };
}

const descNode = (d: unknown) => (d ? { kind: "StringValue", value: String(d), block: false } : undefined);
const argDefNodes = (as: Node[] | undefined) =>
  (as ?? []).map((a) => ({
    kind: "InputValueDefinition", description: descNode(a.Description), name: nameNode(a.Name), type: typeNode(a.Type ?? {}),
    defaultValue: valueNode(a.DefaultValue), directives: dirNodes(a.Directives),
  }));

const KIND_NODE: Record<string, string> = {
  OBJECT: "ObjectType", INTERFACE: "InterfaceType", UNION: "UnionType", ENUM: "EnumType", INPUT_OBJECT: "InputObjectType", SCALAR: "ScalarType",
};

function defNode(d: Node, suffix: "Definition" | "Extension"): Node {
  const k = KIND_NODE[d.Kind] ?? "ScalarType";
  const fieldKind = k === "InputObjectType" ? "InputValueDefinition" : "FieldDefinition";
  return {
    kind: `${k}${suffix}`, description: suffix === "Definition" ? descNode(d.Description) : undefined, name: nameNode(d.Name),
    directives: dirNodes(d.Directives),
    interfaces: (d.Interfaces ?? []).map((i: string) => ({ kind: "NamedType", name: nameNode(i) })),
    fields: (d.Fields ?? []).map((f: Node) =>
      fieldKind === "FieldDefinition"
        ? { kind: fieldKind, description: descNode(f.Description), name: nameNode(f.Name), arguments: argDefNodes(f.Arguments), type: typeNode(f.Type ?? {}), directives: dirNodes(f.Directives) }
        : { kind: fieldKind, description: descNode(f.Description), name: nameNode(f.Name), type: typeNode(f.Type ?? {}), defaultValue: valueNode(f.DefaultValue), directives: dirNodes(f.Directives) },
    ),
    types: (d.Types ?? []).map((t: string) => ({ kind: "NamedType", name: nameNode(t) })),
    values: (d.EnumValues ?? []).map((v: Node) => ({ kind: "EnumValueDefinition", description: descNode(v.Description), name: nameNode(v.Name), directives: dirNodes(v.Directives) })),
  };
}

function schemaFromJSON(s: Node): Node {
  const definitions: Node[] = [];
  const schemaDef = (x: Node, kind: string) => ({
    kind, description: kind === "SchemaDefinition" ? descNode(x.Description) : undefined, directives: dirNodes(x.Directives),
    operationTypes: (x.OperationTypes ?? []).map((o: Node) => ({ kind: "OperationTypeDefinition", operation: o.Operation, type: { kind: "NamedType", name: nameNode(o.Type) } })),
  });
  for (const x of (s.Schema ?? []) as Node[]) definitions.push(schemaDef(x, "SchemaDefinition"));
  for (const x of (s.SchemaExtension ?? []) as Node[]) definitions.push(schemaDef(x, "SchemaExtension"));
  for (const x of (s.Directives ?? []) as Node[])
    definitions.push({
      kind: "DirectiveDefinition", description: descNode(x.Description), name: nameNode(x.Name), arguments: argDefNodes(x.Arguments),
      repeatable: !!x.IsRepeatable, locations: (x.Locations ?? []).map((l: string) => nameNode(l)),
    });
  for (const x of (s.Definitions ?? []) as Node[]) definitions.push(defNode(x, "Definition"));
  for (const x of (s.Extensions ?? []) as Node[]) definitions.push(defNode(x, "Extension"));
  return { kind: "Document", definitions };
}

// ---------------------------------------------------------------- operands and validation

interface Doc {
  ast: Node; // graphql-js document
  json: Node; // gqlparser JSON (unpruned)
}

function queryOperand(v: unknown, pos: number): Doc {
  if (typeof v === "string") {
    const ast = parseText(v);
    return { ast, json: queryJSON(ast) };
  }
  if (isObject(v)) return { ast: queryFromJSON(v), json: v };
  throw new Fail("eval_type_error", `operand ${pos} must be one of {string, object} but got ${v === null ? "null" : Array.isArray(v) ? "array" : typeof v}`);
}

function schemaOperand(v: unknown, pos: number): Doc {
  if (typeof v === "string") {
    const ast = parseText(v);
    return { ast, json: schemaJSON(ast) };
  }
  if (isObject(v)) return { ast: schemaFromJSON(v), json: v };
  throw new Fail("eval_type_error", `operand ${pos} must be one of {string, object} but got ${v === null ? "null" : Array.isArray(v) ? "array" : typeof v}`);
}

type Schema = import("graphql").GraphQLSchema;

const BUILT_IN_TYPES = new Set(["Int", "Float", "String", "Boolean", "ID"]);

/** The document with an empty definition for each type that is only extended: gqlparser (as OPA
 * uses it) defines a type on its first extension, graphql-js rejects "Cannot extend type". */
function withExtendedTypes(ast: Node): Node {
  const defined = new Set<string>(BUILT_IN_TYPES);
  for (const d of ast.definitions as Node[]) if (/TypeDefinition$/.test(d.kind)) defined.add(d.name.value);
  const added: Node[] = [];
  for (const d of ast.definitions as Node[]) {
    const m = /^(\w+)TypeExtension$/.exec(d.kind);
    if (!m || defined.has(d.name.value)) continue;
    defined.add(d.name.value);
    added.push({ kind: `${m[1]}TypeDefinition`, name: d.name, loc: d.loc });
  }
  return added.length ? { ...ast, definitions: [...ast.definitions, ...added] } : ast;
}

/** The schema document as a schema (gqlparser's ValidateSchemaDocument), or OPA's error. */
function buildSchema(doc: Doc): Schema {
  const g = gql();
  const fail = (e: { message: string; locations?: readonly { line: number; column: number }[] }) =>
    builtinFail(`Error in gqlparser SchemaDocument to Schema conversion: input:${at(e)}: ${e.message}`);
  const sdl = (createRequire(import.meta.url)("graphql/validation/validate") as { validateSDL(d: unknown): import("graphql").GraphQLError[] }).validateSDL(withExtendedTypes(doc.ast));
  if (sdl.length) throw fail(sdl[0]);
  let schema: Schema;
  try {
    schema = g.buildASTSchema(withExtendedTypes(doc.ast) as import("graphql").DocumentNode, { assumeValidSDL: true });
  } catch (e) {
    if (e instanceof g.GraphQLError || (e instanceof Error && !(e instanceof Fail))) throw fail(e as Error);
    throw e;
  }
  // gqlparser does not require a query type; everything else graphql-js checks, it does too
  const problems = g.validateSchema(schema).filter((e) => !/^Query root type must be provided/.test(e.message));
  if (problems.length) throw fail(problems[0]);
  return schema;
}

function validateQuery(schema: Schema, query: Doc): void {
  const g = gql();
  if (!query.ast.definitions.length) return; // nothing to validate (gqlparser), even without a query type
  let errors: readonly import("graphql").GraphQLError[];
  try {
    errors = g.validate(schema, query.ast as import("graphql").DocumentNode);
  } catch (e) {
    throw builtinFail(`${(e as Error).message.replace(/\.$/, "")} in GraphQL query string at location 0:0`);
  }
  if (errors.length) throw builtinFail(`${errors[0].message.replace(/\.$/, "")} in GraphQL query string at location ${at(errors[0])}`);
}

function parseAndValidate(q: unknown, s: unknown): [unknown, unknown] {
  const query = queryOperand(q, 0);
  const schemaDoc = schemaOperand(s, 1);
  validateQuery(buildSchema(schemaDoc), query);
  return [prune(query.json), prune(schemaDoc.json)];
}

/** Runs `f`; any failure (bad operand, syntax, validation) gives `fallback`, as OPA's lenient builtins. */
function orElse<T>(fallback: T, f: () => T): T {
  try {
    return f();
  } catch (e) {
    if (e instanceof Fail) return fallback;
    throw e;
  }
}

export const graphqlBuiltins: Record<string, Impl> = {
  "graphql.parse_query": (q) => {
    if (typeof q !== "string") throw new Fail("eval_type_error", `operand 1 must be string but got ${q === null ? "null" : Array.isArray(q) ? "array" : typeof q}`);
    return prune(queryJSON(parseText(q)));
  },
  "graphql.parse_schema": (s) => {
    if (typeof s !== "string") throw new Fail("eval_type_error", `operand 1 must be string but got ${s === null ? "null" : Array.isArray(s) ? "array" : typeof s}`);
    return prune(schemaJSON(parseText(s)));
  },
  "graphql.parse": parseAndValidate,
  "graphql.parse_and_verify": (q, s) => orElse<unknown[]>([false, {}, {}], () => [true, ...parseAndValidate(q, s)]),
  "graphql.is_valid": (q, s) => orElse(false, () => (parseAndValidate(q, s), true)),
  "graphql.schema_is_valid": (s) => orElse(false, () => (buildSchema(schemaOperand(s, 0)), true)),
};
