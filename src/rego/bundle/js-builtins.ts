// The JavaScript builtins: one module per family in src/rego/bundle/builtins/, assembled by its
// index.ts. This module only re-exports that index, as a stable import point for code outside the
// bundle folder (tests, the builtin table's generator); new code may import builtins/index.js.

export * from "./builtins/index.js";
