// graphql.*: gqlparser's AST shape with OPA's pruning, OPA's error texts, text or AST operands.
import { beforeAll, describe, expect, it } from "vitest";
import { compileBoth, type Evaluator } from "./helpers.js";

let e: Evaluator;
let strict: Evaluator;
beforeAll(async () => {
  ({ e, strict } = await compileBoth({
    query: "graphql.parse_query(input.q)",
    schema: "graphql.parse_schema(input.s)",
    parse: "graphql.parse(input.q, input.s)",
    verify: "graphql.parse_and_verify(input.q, input.s)",
    valid: "graphql.is_valid(input.q, input.s)",
    schema_valid: "graphql.schema_is_valid(input.s)",
    from_ast: "graphql.is_valid(graphql.parse_query(input.q), graphql.parse_schema(input.s))",
  }));
}, 120_000);

const SCHEMA = `
type Query { hero(id: ID!): Hero }
"A hero"
type Hero { name: String, friends: [Hero!]! }
`;
const named = (n: string) => ({ NamedType: n, NonNull: false });

describe("graphql.parse_query", () => {
  it("fields with aliases defaulting to the name, arguments as gqlparser values", () => {
    expect(e.value("query", { q: "{ node(id: 4) { id, name } }" })).toEqual({
      Operations: [{
        Name: "", Operation: "query",
        SelectionSet: [{
          Alias: "node", Name: "node",
          Arguments: [{ Name: "id", Value: { Kind: 1, Raw: "4", ExpectedTypeHasDefault: false } }],
          SelectionSet: [{ Alias: "id", Name: "id" }, { Alias: "name", Name: "name" }],
        }],
      }],
    });
  });
  it("variables (Used false kept), list types, nested values, fragments and spreads", () => {
    const ast = e.value("query", { q: "query Q($a: [Int!]!, $b: String = \"x\") { f(o: {k: [$a, null, RED]}) ...F ... on T { g } }\nfragment F on T { h }" }) as any;
    const op = ast.Operations[0];
    expect(op.VariableDefinitions).toEqual([
      { Variable: "a", Type: { NamedType: "", Elem: { NamedType: "Int", NonNull: true }, NonNull: true }, Used: false },
      { Variable: "b", Type: named("String"), DefaultValue: { Kind: 3, Raw: "x", ExpectedTypeHasDefault: false }, Used: false },
    ]);
    const list = op.SelectionSet[0].Arguments[0].Value.Children[0].Value;
    expect(list.Kind).toBe(8);
    expect(list.Children.map((c: any) => [c.Name, c.Value.Kind, c.Value.Raw])).toEqual([["", 0, "a"], ["", 6, "null"], ["", 7, "RED"]]);
    expect(op.SelectionSet.slice(1)).toEqual([{ Name: "F" }, { TypeCondition: "T", SelectionSet: [{ Alias: "g", Name: "g" }] }]);
    expect(ast.Fragments).toEqual([{ Name: "F", TypeCondition: "T", SelectionSet: [{ Alias: "h", Name: "h" }] }]);
  });
  it("syntax errors in OPA's words; undefined unless strict", () => {
    expect(strict.error("query", { q: "{" })).toBe("eval_builtin_error: graphql.parse_query: Expected Name, found <EOF> in GraphQL string at location 1:2");
    expect(strict.error("query", { q: "{ field: {} }" })).toBe("eval_builtin_error: graphql.parse_query: Expected Name, found { in GraphQL string at location 1:10");
    expect(strict.error("query", { q: "notanoperation Foo { field }" })).toBe('eval_builtin_error: graphql.parse_query: Unexpected Name "notanoperation" in GraphQL string at location 1:1');
    expect(strict.error("query", { q: "query Foo($x: C = { a: [ $var ] }) { f }" })).toBe("eval_builtin_error: graphql.parse_query: Unexpected $ in GraphQL string at location 1:26");
    expect(strict.error("query", { q: "type T { a: Int }" })).toBe('eval_builtin_error: graphql.parse_query: Unexpected Name "type" in GraphQL string at location 1:1');
    expect(e.value("query", { q: "{" })).toBeUndefined();
  });
  it("gqlparser's words: empty lists, strings located inside their quotes, lexer errors", () => {
    expect(strict.error("query", { q: "{...{__typename{...{}}}}" })).toBe("eval_builtin_error: graphql.parse_query: expected at least one definition, found } in GraphQL string at location 1:21");
    expect(strict.error("query", { q: "query Q() { a }" })).toBe("eval_builtin_error: graphql.parse_query: expected at least one definition, found ) in GraphQL string at location 1:9");
    expect(strict.error("query", { q: '{ a("x": 1) }' })).toBe('eval_builtin_error: graphql.parse_query: Expected Name, found String "x" in GraphQL string at location 1:6');
    expect(strict.error("query", { q: '"d" { a }' })).toBe('eval_builtin_error: graphql.parse_query: Unexpected String "d" in GraphQL string at location 1:2');
    expect(strict.error("schema", { s: 'type Hello {}' })).toBe("eval_builtin_error: graphql.parse_schema: expected at least one definition, found } in GraphQL string at location 1:13");
    expect(strict.error("schema", { s: '\n  "Description"\n  extend type Hello { a: Int }' })).toBe('eval_builtin_error: graphql.parse_schema: Unexpected String "Description" in GraphQL string at location 2:4');
    expect(strict.error("schema", { s: '"""\r' })).toBe("eval_builtin_error: graphql.parse_schema: Unexpected <Invalid> in GraphQL string at location 2:1");
  });
  it("a document of blanks and comments has no definitions", () => {
    expect(e.value("query", { q: "  # nothing\n" })).toEqual({});
  });
});

describe("graphql.parse_schema", () => {
  it("definitions with BuiltIn and Description kept, descriptions, arguments with defaults", () => {
    expect(e.value("schema", { s: '"Description"\ntype Hello { world(flag: Boolean = true): String }' })).toEqual({
      Definitions: [{
        BuiltIn: false, Description: "Description", Kind: "OBJECT", Name: "Hello",
        Fields: [{
          Description: "", Name: "world", Type: named("String"),
          Arguments: [{ Description: "", Name: "flag", Type: named("Boolean"), DefaultValue: { Kind: 5, Raw: "true", ExpectedTypeHasDefault: false } }],
        }],
      }],
    });
  });
  it("schema definitions and extensions, directives, unions, enums, inputs", () => {
    const ast = e.value("schema", {
      s: "schema { query: Query }\nextend schema @d\ndirective @auth(role: String) on FIELD_DEFINITION | OBJECT\nunion U = A | B\nenum E { X Y }\ninput I { a: Int = 3 }\nextend type Hello implements Greeting",
    }) as any;
    expect(ast.Schema).toEqual([{ Description: "", OperationTypes: [{ Operation: "query", Type: "Query" }] }]);
    expect(ast.SchemaExtension).toEqual([{ Description: "", Directives: [{ Location: "", Name: "d" }] }]);
    expect(ast.Directives).toEqual([{ Description: "", Name: "auth", Arguments: [{ Description: "", Name: "role", Type: named("String") }], Locations: ["FIELD_DEFINITION", "OBJECT"], IsRepeatable: false }]);
    expect(ast.Definitions.map((d: any) => [d.Kind, d.Name])).toEqual([["UNION", "U"], ["ENUM", "E"], ["INPUT_OBJECT", "I"]]);
    expect(ast.Definitions[0].Types).toEqual(["A", "B"]);
    expect(ast.Definitions[1].EnumValues).toEqual([{ Description: "", Name: "X" }, { Description: "", Name: "Y" }]);
    expect(ast.Extensions).toEqual([{ BuiltIn: false, Description: "", Interfaces: ["Greeting"], Kind: "OBJECT", Name: "Hello" }]);
  });
  it("errors", () => {
    expect(strict.error("schema", { s: "extend type Hello" })).toBe("eval_builtin_error: graphql.parse_schema: Unexpected <EOF> in GraphQL string at location 1:18");
    expect(strict.error("schema", { s: 5 })).toBe("eval_type_error: graphql.parse_schema: operand 1 must be string but got number");
  });
});

describe("validating a query against a schema", () => {
  it("graphql.parse: both ASTs; a query that does not validate is OPA's error", () => {
    const [q, s] = e.value("parse", { q: "{ hero(id: 1) { name friends { name } } }", s: SCHEMA }) as any[];
    expect(q.Operations[0].SelectionSet[0].Name).toBe("hero");
    expect(s.Definitions.map((d: any) => d.Name)).toEqual(["Query", "Hero"]);
    expect(s.Definitions[1].Description).toBe("A hero");
    expect(strict.error("parse", { q: "{ hero(id: 1) { nam } }", s: SCHEMA })).toBe(
      'eval_builtin_error: graphql.parse: Cannot query field "nam" on type "Hero". Did you mean "name"? in GraphQL query string at location 1:17',
    );
    expect(strict.error("parse", { q: "{ hero { name } }", s: SCHEMA })).toBe(
      'eval_builtin_error: graphql.parse: Field "hero" argument "id" of type "ID!" is required, but it was not provided in GraphQL query string at location 1:3',
    );
    expect(strict.error("parse", { q: 5, s: SCHEMA })).toBe("eval_type_error: graphql.parse: operand 0 must be one of {string, object} but got number");
    expect(strict.error("parse", { q: "{ a }", s: "type Query { a: Foo }" })).toBe(
      'eval_builtin_error: graphql.parse: Error in gqlparser SchemaDocument to Schema conversion: input:1:17: Unknown type "Foo".',
    );
  });
  it("parse_and_verify and is_valid never fail", () => {
    expect((e.value("verify", { q: "{ hero(id: 1) { name } }", s: SCHEMA }) as unknown[])[0]).toBe(true);
    expect(strict.value("verify", { q: "{ hero(id: 1) { nam } }", s: SCHEMA })).toEqual([false, {}, {}]);
    expect(strict.value("verify", { q: 5, s: SCHEMA })).toEqual([false, {}, {}]);
    expect(e.value("valid", { q: "{ hero(id: 1) { name } }", s: SCHEMA })).toBe(true);
    expect(strict.value("valid", { q: "{ hero(id: 1) { nam } }", s: SCHEMA })).toBe(false);
    expect(strict.value("valid", { q: "{", s: SCHEMA })).toBe(false);
  });
  it("ASTs from parse_query / parse_schema are accepted as operands", () => {
    expect(e.value("from_ast", { q: "query Q($i: ID! = 4) { hero(id: $i) { name ... on Hero { friends { name } } } }", s: SCHEMA })).toBe(true);
    expect(e.value("from_ast", { q: "{ hero(id: 1) { nam } }", s: SCHEMA })).toBe(false);
  });
  it("an extension of an undefined type defines it (gqlparser); an empty query is valid", () => {
    const ext = "extend type User { id: ID! }\nunion _Entity = User\nextend type Query { entity: _Entity }";
    expect(e.value("valid", { q: "{ entity { ... on User { id } } }", s: ext })).toBe(true);
    expect(e.value("schema_valid", { s: ext })).toBe(true);
    expect(strict.error("parse", { q: "{ a }", s: "extend type Query { a(e: Int!): Int }" })).toBe(
      'eval_builtin_error: graphql.parse: Field "a" argument "e" of type "Int!" is required, but it was not provided in GraphQL query string at location 1:3',
    );
    expect(e.value("valid", { q: "", s: "type T { a: String @deprecated }" })).toBe(true);
    expect(e.value("parse", { q: "", s: "type T { a: String }" })).toEqual([{}, expect.anything()]);
  });
  it("graphql.schema_is_valid", () => {
    expect(e.value("schema_valid", { s: SCHEMA })).toBe(true);
    expect(e.value("schema_valid", { s: "type A { a: Int }" })).toBe(true);
    expect(strict.value("schema_valid", { s: "type Query { a: Foo }" })).toBe(false);
    expect(strict.value("schema_valid", { s: "type Query { a: Int }\ntype Query { b: Int }" })).toBe(false);
    expect(strict.value("schema_valid", { s: 5 })).toBe(false);
  });
});
