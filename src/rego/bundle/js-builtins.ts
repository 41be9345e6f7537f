// The JavaScript builtins, for the SDK's customBuiltins: one module per family in
// src/rego/bundle/builtins/, assembled by its index.ts. This module keeps the import point
// (loaders, tests and the builtin table's generator import it); importing it also replaces the
// SDK's own sprintf, json.is_valid and regex.split (see installSdkOverrides).

export * from "./builtins/index.js";
