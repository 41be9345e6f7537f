// trace and internal.print (what OPA's compiler turns `print(a, b)` into: one set of values per
// argument, empty when the argument is undefined). Printing never changes a result.

import { type Impl, str } from "./common.js";
import { regoText } from "./sprintf.js";

// SANSO_PRINT=off silences print (sanso check sets it unless --debug: a policy's debugging
// output is not part of a check's report; sanso eval and sanso test print).
let printHook: (line: string) => void = (line) => {
  if (process.env.SANSO_PRINT !== "off") process.stderr.write(line + "\n");
};

/** Where `print` output goes (stderr by default); returns the previous hook. */
export function setPrintHook(hook: (line: string) => void): (line: string) => void {
  const prev = printHook;
  printHook = hook;
  return prev;
}

/** The cross product of the arguments' values, each line joined with spaces, as OPA prints. */
function internalPrint(args: unknown): boolean {
  if (!Array.isArray(args)) return true;
  const texts = args.map((vals) =>
    Array.isArray(vals) && vals.length > 0 ? vals.map((v) => (typeof v === "string" ? v : regoText(v))) : ["<undefined>"],
  );
  const emit = (i: number, line: string[]): void => {
    if (i === texts.length) return printHook(line.join(" "));
    for (const t of texts[i]) emit(i + 1, [...line, t]);
  };
  emit(0, []);
  return true;
}

export const printBuiltins: Record<string, Impl> = {
  trace: (note) => (str(note, 1), true),
  "internal.print": internalPrint,
};
