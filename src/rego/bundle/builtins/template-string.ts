// internal.template_string: what the compiler lowers a template string (`$"a {x} b"`) to
// (compile/rewrite-template.ts). OPA's implementation (topdown, builtinTemplateString) writes the
// parts as print writes its operands: a string, number, boolean or null part is its text (strings
// unquoted); a set part is the value it holds, `<undefined>` when empty; more than one value is a
// conflict that halts evaluation, strict or not.
//
// sanso's lowering gives each set element as `[value, text]`, the text written by
// `sprintf("%v", [value])` in the module (sets and big integers do not survive the JSON the
// builtins receive); a set itself arrives here as a sorted array.

import type { Impl } from "./common.js";
import { regoText } from "./sprintf.js";

/** An evaluation error that no mode turns into undefined (OPA's topdown.Halt). */
export class TemplateStringConflict extends Error {
  constructor() {
    super("eval_conflict_error: template-strings must not produce multiple outputs");
    this.name = "TemplateStringConflict";
  }
}

function partText(part: unknown): string {
  if (typeof part === "string") return part;
  if (part === null || typeof part === "number" || typeof part === "boolean") return regoText(part);
  if (!Array.isArray(part)) throw new Error(`eval_internal_error: internal.template_string: illegal argument type: object`);
  if (part.length === 0) return "<undefined>";
  if (part.length > 1) throw new TemplateStringConflict();
  const pair = part[0];
  if (!Array.isArray(pair) || pair.length !== 2 || typeof pair[1] !== "string") {
    throw new Error(`eval_internal_error: internal.template_string: illegal argument type: ${Array.isArray(pair) ? "array" : typeof pair}`);
  }
  return pair[1];
}

export const templateStringBuiltins: Record<string, Impl> = {
  "internal.template_string": (parts: unknown) => {
    if (!Array.isArray(parts)) throw new Error("eval_internal_error: internal.template_string: operand 1 must be array");
    return parts.map(partText).join("");
  },
};
