// Public API of the Rego v1 parser.
export * from "./ast.ts";
export { parseModule, parseQuery, parseTerm, KEYWORDS } from "./parser.ts";
export { tokenize, type Token, type TokenKind, type Comment, type LexResult } from "./lexer.ts";
