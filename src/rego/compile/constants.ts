// Constant terms and their Rego value text: the form in which the code generator stores
// constants in the module's constant table (JSON plus sets, which the runtime parses).

import type { Term } from "../syntax/ast.js";

/** Rego value text of a constant term, or undefined if the term is not constant. */
export function constText(t: Term): string | undefined {
  switch (t.type) {
    case "null": return "null";
    case "boolean": return t.value ? "true" : "false";
    case "number": {
      const json = /^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?$/.test(t.raw);
      if (Number.isFinite(t.value)) return json ? t.raw : String(t.value);
      // beyond a double's range: an integer written with an exponent (1e400) keeps its digits in
      // the runtime, up to 1000 of them (runtime json.ts)
      const e = /^-?\d+(?:\.\d+)?[eE]\+?(\d+)$/.exec(t.raw);
      return json && e && Number(e[1]) <= 900 ? t.raw : undefined;
    }
    case "string": return JSON.stringify(t.value);
    case "array": {
      const items = t.items.map((x) => constText(x));
      return items.every((x) => x !== undefined) ? `[${items.join(",")}]` : undefined;
    }
    case "set": {
      if (t.items.length === 0) return "set()";
      const items = t.items.map((x) => constText(x));
      return items.every((x) => x !== undefined) ? `{${items.join(",")}}` : undefined;
    }
    case "object": {
      const parts: string[] = [];
      for (const [k, v] of t.entries) {
        const kt = constText(k), vt = constText(v);
        if (kt === undefined || vt === undefined) return undefined;
        parts.push(`${kt}:${vt}`);
      }
      return `{${parts.join(",")}}`;
    }
  }
  return undefined;
}
