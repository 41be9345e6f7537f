// The package's root folder, found from this file's location. Works both from the TypeScript
// sources and from the bundle in dist/ (where relative paths to src/ no longer hold).
import { existsSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

let cached: string | undefined;

export function packageRoot(): string {
  if (cached) return cached;
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const pkg = join(dir, "package.json");
    if (existsSync(pkg) && (JSON.parse(readFileSync(pkg, "utf8")) as { name?: string }).name === "sanso") return (cached = dir);
    const up = dirname(dir);
    if (up === dir) throw new Error("sanso: cannot find the package root (package.json)");
    dir = up;
  }
}
