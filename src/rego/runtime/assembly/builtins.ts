// Native Rego builtins. Each export is `bi_` + the builtin name with "." replaced by "_", takes
// one value pointer per argument (never 0) and returns a value pointer, or 0 for undefined.
// Arguments are never modified. Errors follow OPA: undefined by default, an abort with OPA's
// message when `rt_strict` is set (see builtins/errors.ts).
//
// Relations: `walk` returns the array of all [path, value] pairs; the compiler iterates it.

export * from "./builtins/numbers";
export * from "./builtins/aggregates";
export * from "./builtins/objects";
export * from "./builtins/strings";
export * from "./builtins/sprintf";
