// The style rules of `sanso lint`, on the text and tokens of one module: what `opa fmt` would change
// and a reviewer would ask for (tabs, no trailing whitespace, a final newline, no unused import).

import type { Import } from "../syntax/ast.js";
import type { Token } from "../syntax/lexer.js";

/** One style finding, 1-based line and column. */
export interface StyleFinding {
  rule: StyleRule;
  line: number;
  col: number;
  message: string;
}

export const STYLE_RULES = {
  "tab-indentation": "lines are indented with tabs (as opa fmt writes them)",
  "trailing-whitespace": "no spaces or tabs at the end of a line",
  "final-newline": "the file ends with one newline",
  "unused-import": "every import is used",
} as const;

export type StyleRule = keyof typeof STYLE_RULES;

/**
 * Lines whose leading whitespace (`indent`) or trailing whitespace (`trailing`) belongs to a string
 * that spans lines (a raw string written over several lines): their content is not style.
 */
function insideStrings(source: string, tokens: readonly Token[] | undefined): { indent: Set<number>; trailing: Set<number> } {
  const indent = new Set<number>();
  const trailing = new Set<number>();
  for (const t of tokens ?? []) {
    if (t.kind !== "string" && t.kind !== "template") continue;
    const text = source.slice(t.pos, t.end);
    const breaks = text.split("\n").length - 1;
    for (let i = 0; i < breaks; i++) {
      trailing.add(t.line + i);
      indent.add(t.line + i + 1);
    }
  }
  return { indent, trailing };
}

/** Whitespace findings of a module's text (`tokens` when it could be tokenized, to skip string contents). */
export function whitespaceFindings(source: string, tokens?: readonly Token[]): StyleFinding[] {
  const out: StyleFinding[] = [];
  const skip = insideStrings(source, tokens);
  const lines = source.split("\n");
  lines.forEach((raw, i) => {
    const n = i + 1;
    const text = raw.endsWith("\r") ? raw.slice(0, -1) : raw;
    const indent = /^[ \t]*/.exec(text)![0];
    if (!skip.indent.has(n) && indent.includes(" ") && indent.length < text.length) {
      out.push({ rule: "tab-indentation", line: n, col: indent.indexOf(" ") + 1, message: "indentation with spaces; indent with tabs" });
    }
    const tail = /[ \t]+$/.exec(text);
    if (!skip.trailing.has(n) && tail) {
      out.push({ rule: "trailing-whitespace", line: n, col: tail.index + 1, message: "trailing whitespace" });
    }
  });
  if (source.length > 0 && !source.endsWith("\n")) {
    out.push({ rule: "final-newline", line: lines.length, col: lines[lines.length - 1]!.length + 1, message: "no newline at the end of the file" });
  } else if (/\n[ \t\r]*\n$/.test(source) ) {
    const last = lines.length - 1; // the empty string after the final newline
    let first = last;
    while (first > 1 && lines[first - 1]!.trim() === "") first--;
    out.push({ rule: "final-newline", line: first + 1, col: 1, message: "blank lines at the end of the file; end it with one newline" });
  }
  return out;
}

/** The name an import binds (`import data.a.b` → `b`, `import data.x as y` → `y`), or undefined for keyword imports. */
export function importedName(imp: Import): string | undefined {
  const [root] = imp.path;
  if (root === "rego" || root === "future") return undefined; // rego.v1, future.keywords.*: syntax, not names
  return imp.alias ?? imp.path[imp.path.length - 1];
}

/**
 * Imports whose name no rule uses: an identifier token with the import's name that is not the
 * field of a ref (`x.lib`) and not in the import itself.
 */
export function unusedImports(imports: readonly Import[], tokens: readonly Token[]): StyleFinding[] {
  const importLines = new Set(imports.map((i) => i.loc.line));
  const used = new Set<string>();
  tokens.forEach((t, i) => {
    if (t.kind !== "ident" || importLines.has(t.line)) return;
    const prev = tokens[i - 1];
    if (prev && prev.kind === "op" && prev.value === "." ) return;
    used.add(t.value);
  });
  const out: StyleFinding[] = [];
  for (const imp of imports) {
    const name = importedName(imp);
    if (name === undefined || used.has(name)) continue;
    out.push({
      rule: "unused-import",
      line: imp.loc.line,
      col: imp.loc.col,
      message: `import ${imp.path.join(".")}${imp.alias ? ` as ${imp.alias}` : ""} is not used`,
    });
  }
  return out;
}
