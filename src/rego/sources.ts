// Finds Rego modules and data documents under the paths given on the command line, and the Rego
// version (v1, or pre-1.0 v0) each module is written in: a `.manifest` at the root of a directory
// (as in an OPA bundle: `rego_version`, and `file_rego_versions` from glob to version) decides for
// its files, else the caller's default (`--v0-compatible`).

import { readdirSync, readFileSync, statSync, existsSync } from "node:fs";
import { join, relative, sep, basename } from "node:path";
import { createRequire } from "node:module";
import { RegoErrors, looksLikeRegoV0 } from "./syntax/ast.js";

// Required when a data.yaml file is read, not at every start of the `sanso` command.
let yamlLib: typeof import("yaml") | undefined;
const YAML = () => (yamlLib ??= createRequire(import.meta.url)("yaml") as typeof import("yaml"));

/** 1: Rego v1. 0: pre-1.0 Rego (OPA 1.x's `--v0-compatible`). */
export type RegoVersion = 0 | 1;

export interface SourceModule {
  file: string;
  text: string;
  /** The syntax the module is parsed with. */
  regoVersion: RegoVersion;
}

export interface PolicySources {
  modules: SourceModule[];
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

/**
 * Puts a data document at `path` (its directory under the root given), as OPA's loader does: any
 * JSON value below the root, an object at the root; objects merge key by key, and a key two files
 * both set (not both to objects) is a merge error.
 */
function merge(into: Record<string, unknown>, path: string[], value: unknown, file: string): void {
  if (path.length === 0 && !isObject(value)) {
    throw new SourceError(`${file}: bad document type: the data at the root must be an object, not ${jsonType(value)}`);
  }
  let cur = into;
  for (const k of path.slice(0, -1)) {
    const next = cur[k];
    if (next === undefined) cur[k] = {};
    else if (!isObject(next)) throw new SourceError(`${file}: merge error: data.${path.join(".")}: another data file sets a part of this path to a value that is not an object`);
    cur = cur[k] as Record<string, unknown>;
  }
  if (path.length > 0) {
    const last = path[path.length - 1]!;
    if (cur[last] === undefined) {
      cur[last] = value;
      return;
    }
    if (!isObject(cur[last]) || !isObject(value)) throw new SourceError(`${file}: merge error: data.${path.join(".")} is also set by another data file`);
    cur = cur[last] as Record<string, unknown>;
  }
  mergeObjects(cur, value as Record<string, unknown>, path, file);
}

function mergeObjects(into: Record<string, unknown>, value: Record<string, unknown>, path: string[], file: string): void {
  for (const [k, v] of Object.entries(value)) {
    if (!(k in into)) into[k] = v;
    else if (isObject(into[k]) && isObject(v)) mergeObjects(into[k] as Record<string, unknown>, v, [...path, k], file);
    else throw new SourceError(`${file}: merge error: data.${[...path, k].join(".")} is also set by another data file`);
  }
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);
const jsonType = (v: unknown) => (v === null || v === undefined ? "null" : Array.isArray(v) ? "an array" : `a ${typeof v}`);

/** The Rego versions a directory's `.manifest` sets (OPA's bundle manifest fields). */
export interface ManifestVersions {
  file: string;
  regoVersion?: RegoVersion;
  /** Glob (bundle path, e.g. `/legacy/*.rego`) → version, in the manifest's order. */
  fileRegoVersions: Array<{ glob: string; re: RegExp; regoVersion: RegoVersion }>;
}

function versionValue(v: unknown, file: string, what: string): RegoVersion {
  if (v === 0 || v === 1) return v;
  throw new SourceError(`${file}: ${what} must be 0 or 1, not ${JSON.stringify(v)}`);
}

/**
 * A glob of a bundle path as OPA matches `file_rego_versions` (no separator is special: `*` and
 * `**` match any characters, `/` included; `?` one; `[...]` a class; `{a,b}` alternatives).
 */
export function globToRegExp(glob: string): RegExp {
  let re = "";
  let inClass = false;
  let braces = 0;
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i]!;
    if (inClass) {
      if (c === "]") inClass = false;
      re += c === "\\" ? "\\\\" : c;
      continue;
    }
    switch (c) {
      case "*": re += ".*"; while (glob[i + 1] === "*") i++; break;
      case "?": re += "."; break;
      case "[": inClass = true; re += glob[i + 1] === "!" ? (i++, "[^") : "["; break;
      case "{": braces++; re += "(?:"; break;
      case "}": if (braces > 0) { braces--; re += ")"; } else re += "\\}"; break;
      case ",": re += braces > 0 ? "|" : ","; break;
      case "\\": re += (glob[++i] ?? "\\").replace(/[.*+?^${}()|[\]\\]/g, "\\$&"); break;
      default: re += c.replace(/[.+^$()|\]\\]/g, "\\$&");
    }
  }
  if (inClass || braces > 0) throw new Error(`unterminated ${inClass ? "[" : "{"}`);
  return new RegExp(`^${re}$`);
}

/** Reads `<dir>/.manifest`, if there is one. */
export function readManifestVersions(dir: string): ManifestVersions | undefined {
  const file = join(dir, ".manifest");
  if (!existsSync(file)) return undefined;
  let man: unknown;
  try {
    man = JSON.parse(readFileSync(file, "utf8").replace(/^\uFEFF/, ""));
  } catch (e) {
    throw new SourceError(`${file}: ${(e as Error).message}`);
  }
  if (!man || typeof man !== "object" || Array.isArray(man)) throw new SourceError(`${file}: a manifest must be a JSON object`);
  const m = man as { rego_version?: unknown; file_rego_versions?: unknown };
  const out: ManifestVersions = { file, fileRegoVersions: [] };
  if (m.rego_version !== undefined) out.regoVersion = versionValue(m.rego_version, file, "rego_version");
  if (m.file_rego_versions !== undefined) {
    const fv = m.file_rego_versions;
    if (!fv || typeof fv !== "object" || Array.isArray(fv)) throw new SourceError(`${file}: file_rego_versions must be an object (glob → 0 or 1)`);
    for (const [glob, v] of Object.entries(fv)) {
      let re: RegExp;
      try {
        re = globToRegExp(glob);
      } catch (e) {
        throw new SourceError(`${file}: file_rego_versions: bad glob ${JSON.stringify(glob)}: ${(e as Error).message}`);
      }
      out.fileRegoVersions.push({ glob, re, regoVersion: versionValue(v, file, `file_rego_versions[${JSON.stringify(glob)}]`) });
    }
  }
  return out;
}

/** The version of a file at `rel` (path inside the bundle directory, `/`-separated) under a manifest. */
export function manifestVersionOf(man: ManifestVersions, rel: string): RegoVersion | undefined {
  const bundlePath = "/" + rel.replace(/^\/+/, "");
  for (const f of man.fileRegoVersions) if (f.re.test(bundlePath) || f.re.test(bundlePath.slice(1))) return f.regoVersion;
  return man.regoVersion;
}

export interface LoadSourcesOptions {
  /** Include *_test.rego files of directories. */
  includeTests?: boolean;
  /**
   * The Rego version of modules no `.manifest` decides (default 1); a function gives it per
   * path of the command line (so `sanso check` reads only the user's directories as v0).
   */
  regoVersion?: RegoVersion | ((root: string) => RegoVersion);
  /**
   * Which data files of a directory are read. "bundle" (default): data.json, data.yaml and
   * data.yml only, as OPA reads a bundle. "loader": every .json, .yaml and .yml file, as OPA's
   * loader reads the paths of `opa test` and `opa eval -d`. A file given by name is always read.
   */
  dataFiles?: "bundle" | "loader";
}

/**
 * Loads .rego files (tests only when includeTests) and data files (see `dataFiles`); each data
 * document lands under its directory's path relative to the root given. A file OPA rejects (not
 * JSON or YAML, a root document that is not an object, a key two files set) is a SourceError
 * naming it.
 */
export function loadSources(paths: string[], opts: LoadSourcesOptions = {}): PolicySources {
  const modules: PolicySources["modules"] = [];
  const data: Record<string, unknown> = {};
  for (const root of paths) {
    if (!existsSync(root)) throw new SourceError(`${root}: no such file or directory`);
    const isDir = statSync(root).isDirectory();
    const files: string[] = [];
    if (isDir) walk(root, files);
    else files.push(root);
    const rootVersion = (typeof opts.regoVersion === "function" ? opts.regoVersion(root) : opts.regoVersion) ?? 1;
    const manifest = isDir ? readManifestVersions(root) : undefined;
    for (const f of files) {
      const name = basename(f);
      if (name.endsWith(".rego")) {
        if (!opts.includeTests && name.endsWith("_test.rego") && isDir) continue;
        const regoVersion = (manifest && manifestVersionOf(manifest, relative(root, f).split(sep).join("/"))) ?? rootVersion;
        modules.push({ file: f, text: readFileSync(f, "utf8"), regoVersion });
      } else if (/\.(json|ya?ml)$/.test(name) && (!isDir || opts.dataFiles === "loader" || /^data\.(json|ya?ml)$/.test(name))) {
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

/**
 * For errors of parsing sources as v1: when they are those of pre-1.0 rules (`p { ... }`), the
 * advice to read them as v0 (the `--v0-compatible` of sanso's commands, or a `.manifest`).
 */
export function v0Hint(e: unknown): string | undefined {
  if (!(e instanceof RegoErrors) || !looksLikeRegoV0(e.errors)) return undefined;
  return "hint: these look like pre-1.0 (Rego v0) rules: read them as v0 with --v0-compatible, or with a .manifest of {\"rego_version\": 0} in the policy directory";
}
