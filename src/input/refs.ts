/** Reference extraction from cdktf `${...}` interpolations. */

/** The expressions inside every `${ ... }` of a string (`$${` is a literal and skipped). */
export function interpolations(s: string): string[] {
  const out: string[] = [];
  let i = s.indexOf("${");
  while (i !== -1) {
    if (i > 0 && s[i - 1] === "$") {
      i = s.indexOf("${", i + 2);
      continue;
    }
    let depth = 1;
    let j = i + 2;
    let quote = false;
    for (; j < s.length && depth > 0; j++) {
      const c = s[j];
      if (quote) {
        if (c === "\\") j++;
        else if (c === '"') quote = false;
      } else if (c === '"') quote = true;
      else if (c === "{") depth++;
      else if (c === "}") depth--;
    }
    out.push(s.slice(i + 2, depth === 0 ? j - 1 : j));
    i = s.indexOf("${", j);
  }
  return out;
}

const REF_RE = /(?<![\w.$-])(data\.)?([A-Za-z_][\w-]*)\.([A-Za-z_][\w-]*)/g;

/**
 * Addresses (`type.name` / `data.type.name`) referenced in a string, restricted to those for
 * which `known` answers true.
 */
export function referencedAddresses(s: string, known: (addr: string) => boolean): string[] {
  if (!s.includes("${")) return [];
  const out: string[] = [];
  for (const expr of interpolations(s)) {
    for (const m of expr.matchAll(REF_RE)) {
      const addr = `${m[1] ?? ""}${m[2]}.${m[3]}`;
      if (known(addr)) out.push(addr);
    }
  }
  return out;
}
