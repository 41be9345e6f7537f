// The modules of constructs/ import one another without a circle (type imports included): the
// zone context, the zone key, the log archive and the secure bucket meet through the interfaces of
// constructs/interfaces.ts (IZone, IZoneKey, ILogArchive, ISecureBucket), not through each other.
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";

const DIR = join(import.meta.dirname, "../../constructs");

/**
 * The local modules `source` imports or re-exports: `import …`, `import type …`, `export … from`,
 * `import("…")` and `typeof import("…")`, with a specifier `./name.js`.
 */
export function localImports(source: string): string[] {
  const found = new Set<string>();
  const patterns = [
    /(?:^|[\s;])(?:import|export)\s[^;]*?\sfrom\s+["'](\.\/[^"']+)["']/g,
    /(?:^|[\s;])import\s+["'](\.\/[^"']+)["']/g,
    /\bimport\(\s*["'](\.\/[^"']+)["']\s*\)/g,
  ];
  // comments may name modules without importing them
  const code = source.replace(/\/\*[\s\S]*?\*\//g, "").replace(/(^|[^:"'`])\/\/.*$/gm, "$1");
  for (const re of patterns) for (const m of code.matchAll(re)) found.add(m[1].replace(/^\.\//, "").replace(/\.js$/, ".ts"));
  return [...found].sort();
}

/** Every cycle's path (first module repeated at the end), each found once from its smallest name. */
export function cycles(graph: ReadonlyMap<string, readonly string[]>): string[][] {
  const out: string[][] = [];
  const seen = new Set<string>();
  const names = [...graph.keys()].sort();
  for (const start of names) {
    // cycles through `start` among the modules not smaller than it
    const path: string[] = [start];
    const walk = (node: string) => {
      for (const next of graph.get(node) ?? []) {
        if (next < start || !graph.has(next)) continue;
        if (next === start) {
          const key = path.join(">");
          if (!seen.has(key)) {
            seen.add(key);
            out.push([...path, start]);
          }
        } else if (!path.includes(next)) {
          path.push(next);
          walk(next);
          path.pop();
        }
      }
    };
    walk(start);
  }
  return out;
}

function constructsGraph(): Map<string, string[]> {
  const graph = new Map<string, string[]>();
  for (const f of readdirSync(DIR).filter((f) => f.endsWith(".ts")).sort()) {
    graph.set(f, localImports(readFileSync(join(DIR, f), "utf8")));
  }
  return graph;
}

describe("constructs/ import graph", () => {
  it("reads value, type and re-export imports and ignores comments", () => {
    const src = [
      `import { a } from "./a.js";`,
      `import type { B } from "./b.js";`,
      `import {`,
      `  c,`,
      `  type C,`,
      `} from "./c.js";`,
      `export { d } from "./d.js";`,
      `export type { E } from "./e.js";`,
      `import "./f.js";`,
      `type G = typeof import("./g.js");`,
      `import { x } from "constructs";`,
      `// import { no } from "./comment.js";`,
      `/* export { no } from "./block.js"; */`,
    ].join("\n");
    expect(localImports(src)).toEqual(["a.ts", "b.ts", "c.ts", "d.ts", "e.ts", "f.ts", "g.ts"]);
  });

  it("finds a cycle, a self-import and none in a tree", () => {
    const g = new Map([
      ["a.ts", ["b.ts"]],
      ["b.ts", ["c.ts"]],
      ["c.ts", ["a.ts", "d.ts"]],
      ["d.ts", []],
    ]);
    expect(cycles(g)).toEqual([["a.ts", "b.ts", "c.ts", "a.ts"]]);
    expect(cycles(new Map([["s.ts", ["s.ts"]]]))).toEqual([["s.ts", "s.ts"]]);
    expect(cycles(new Map([["a.ts", ["b.ts", "c.ts"]], ["b.ts", ["c.ts"]], ["c.ts", []]]))).toEqual([]);
  });

  it("reads every module of constructs/", () => {
    const graph = constructsGraph();
    expect(graph.size).toBeGreaterThan(15);
    // a module known to import others, so that a broken reader cannot pass the next test vacuously
    expect(graph.get("zones.ts")).toEqual(expect.arrayContaining(["zone-key.ts", "log-archive.ts", "core.ts"]));
  });

  it("has no import cycle", () => {
    const found = cycles(constructsGraph()).map((c) => c.join(" -> "));
    expect(found, `import cycles in constructs/:\n${found.join("\n")}`).toEqual([]);
  });
});
