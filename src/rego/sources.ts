// Finds Rego modules and data documents under the paths given on the command line.

import { readdirSync, readFileSync, statSync, existsSync } from "node:fs";
import { join, relative, sep, basename } from "node:path";
import { createRequire } from "node:module";

// Required when a data.yaml file is read, not at every start of the `sanso` command.
let yamlLib: typeof import("yaml") | undefined;
const YAML = () => (yamlLib ??= createRequire(import.meta.url)("yaml") as typeof import("yaml"));

export interface PolicySources {
  modules: Array<{ file: string; text: string }>;
  /** Data documents merged into one (data.json/.yaml files land under their directory's path). */
  data: Record<string, unknown>;
}

export class SourceError extends Error {}

function walk(dir: string, out: string[]): void {
  for (const name of readdirSync(dir).sort()) {
    if (name.startsWith(".") || name === "node_modules") continue;
    const p = join(dir, name);
    if (statSync(p).isDirectory()) walk(p, out);
    else out.push(p);
  }
}

function merge(into: Record<string, unknown>, path: string[], value: unknown, file: string): void {
  let cur = into;
  for (const k of path) {
    const next = cur[k];
    if (next === undefined) cur[k] = {};
    else if (typeof next !== "object" || next === null || Array.isArray(next)) throw new SourceError(`${file}: data conflicts at ${path.join(".")}`);
    cur = cur[k] as Record<string, unknown>;
  }
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    throw new SourceError(`${file}: a data document must be an object`);
  }
  for (const [k, v] of Object.entries(value)) {
    if (k in cur && typeof cur[k] === "object" && typeof v === "object" && v && !Array.isArray(v)) merge(cur, [k], v, file);
    else cur[k] = v;
  }
}

/** Loads .rego files (tests only when includeTests) and data.json / data.yaml files. */
export function loadSources(paths: string[], opts: { includeTests?: boolean } = {}): PolicySources {
  const modules: PolicySources["modules"] = [];
  const data: Record<string, unknown> = {};
  for (const root of paths) {
    if (!existsSync(root)) throw new SourceError(`${root}: no such file or directory`);
    const isDir = statSync(root).isDirectory();
    const files: string[] = [];
    if (isDir) walk(root, files);
    else files.push(root);
    for (const f of files) {
      const name = basename(f);
      if (name.endsWith(".rego")) {
        if (!opts.includeTests && name.endsWith("_test.rego") && isDir) continue;
        modules.push({ file: f, text: readFileSync(f, "utf8") });
      } else if (/\.(json|ya?ml)$/.test(name) && (!isDir || /^data\.(json|ya?ml)$/.test(name))) {
        const text = readFileSync(f, "utf8");
        let value: unknown;
        try {
          value = name.endsWith(".json") ? JSON.parse(text) : YAML().parse(text);
        } catch (e) {
          throw new SourceError(`${f}: ${(e as Error).message}`);
        }
        const rel = isDir ? relative(root, join(f, "..")) : "";
        merge(data, rel ? rel.split(sep) : [], value, f);
      }
    }
  }
  return { modules, data };
}
