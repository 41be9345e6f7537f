// The Rego compiler is a package of its own: nothing under src/rego imports from the rest of src/
// (input, check, report, cli…), so it can be read, tested and reused alone (README, "The Rego
// compiler"). Relative imports are resolved against each file and must stay inside src/rego.
import { readdirSync, readFileSync, statSync } from "node:fs";
import { dirname, join, relative, resolve, sep } from "node:path";
import { describe, expect, it } from "vitest";

const SRC = resolve(import.meta.dirname, "../../src");
const REGO = join(SRC, "rego");

function sourceFiles(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) out.push(...sourceFiles(p));
    else if (/\.ts$/.test(name)) out.push(p);
  }
  return out;
}

/** Relative specifiers of `import … from`, `export … from`, `import "…"` and `import("…")`. */
function relativeSpecifiers(source: string): string[] {
  const code = source.replace(/\/\*[\s\S]*?\*\//g, "").replace(/(^|[^:"'`])\/\/.*$/gm, "$1");
  const found: string[] = [];
  for (const re of [/\bfrom\s+["'](\.{1,2}\/[^"']+)["']/g, /\bimport\s*\(?\s*["'](\.{1,2}\/[^"']+)["']/g]) {
    for (const m of code.matchAll(re)) found.push(m[1]!);
  }
  return found;
}

describe("src/rego", () => {
  it("imports nothing from the rest of src/", () => {
    const outside: string[] = [];
    const files = sourceFiles(REGO);
    expect(files.length).toBeGreaterThan(30);
    for (const file of files) {
      for (const spec of relativeSpecifiers(readFileSync(file, "utf8"))) {
        const target = resolve(dirname(file), spec);
        if (!(target + sep).startsWith(REGO + sep)) outside.push(`${relative(SRC, file)} imports ${spec}`);
      }
    }
    expect(outside).toEqual([]);
  });

  it("would see such an import (the check itself works)", () => {
    expect(relativeSpecifiers('import { x } from "../../input/index.js";\nexport * from "./y.js";')).toEqual(["../../input/index.js", "./y.js"]);
  });
});
