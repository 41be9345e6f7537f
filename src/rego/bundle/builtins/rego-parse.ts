// rego.parse_module(filename, text): the module's AST as JSON, in OPA's shape (syntax/to-json.ts),
// as OPA's builtin encodes the parsed module. A module that does not parse is the builtin's error
// (undefined unless strict), with OPA's text of the parse errors: `1 error occurred: f.rego:3:
// rego_parse_error: ...` (`N errors occurred:` and one per line for several).

import { annotationObject } from "../../compile/rewrite-metadata.js";
import { parseModule } from "../../syntax/parser.js";
import { RegoErrors } from "../../syntax/ast.js";
import { BigNumber, moduleToJson, type JsonValue } from "../../syntax/to-json.js";
import { BigIntValue, builtinFail, type Impl, str } from "./common.js";

/** OPA's ast.Errors text: the location is file:line (no column). */
function parseErrorText(e: RegoErrors): string {
  const lines = e.errors.map((x) => `${x.loc.file}:${x.loc.line}: ${x.code}: ${x.detail}`);
  return lines.length === 1 ? `1 error occurred: ${lines[0]}` : `${lines.length} errors occurred:\n${lines.join("\n")}`;
}

/** BigNumber → the loader's BigIntValue, so the digits reach the module. */
function withBigInts(v: JsonValue): unknown {
  if (v instanceof BigNumber) return new BigIntValue(BigInt(v.raw));
  if (Array.isArray(v)) return v.map(withBigInts);
  if (v && typeof v === "object") return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, withBigInts(x)]));
  return v;
}

export const regoParseBuiltins: Record<string, Impl> = {
  "rego.parse_module": (filename: unknown, text: unknown) => {
    const file = str(filename, 1);
    const source = str(text, 2);
    let m;
    try {
      m = parseModule(source, file);
    } catch (e) {
      if (e instanceof RegoErrors) throw builtinFail(parseErrorText(e));
      throw e;
    }
    return withBigInts(moduleToJson(m, { annotation: (a) => annotationObject(a) as JsonValue }));
  },
};
