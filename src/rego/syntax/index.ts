// Public API of the Rego parser (v1, and pre-1.0 v0 syntax with `{ regoVersion: 0 }`).
export * from "./ast.ts";
export { parseModule, parseQuery, parseTerm, KEYWORDS, type RegoVersion, type ParseOptions } from "./parser.ts";
export { tokenize, type Token, type TokenKind, type Comment, type LexResult } from "./lexer.ts";
