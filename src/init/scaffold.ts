/**
 * `sanso init`: the files of a new cdktf project that uses sanso's constructs for one zone and
 * checks itself in CI. The files come from templates/init/ (shipped in the package); the project's
 * dependency versions come from sanso's own package.json (its peer dependencies and the tools it
 * is built with), so a generated project gets the versions sanso is tested with.
 */
import { randomUUID } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { basename, dirname, join, resolve } from "node:path";
import { packageRoot } from "../rego/util/package-root.js";
import { PLATFORMS, ZONES, type Platform, type Zone } from "../vocabulary.js";

export const INIT_ZONES = ZONES;
export type InitZone = Zone;
export const INIT_PLATFORMS = PLATFORMS;
export type InitPlatform = Platform;

const ZONE_LABEL: Record<InitZone, string> = {
  mynumber: "マイナンバー利用事務系",
  lgwan: "LGWAN接続系",
  internet: "インターネット接続系",
};

export interface InitOptions {
  /** The project directory; its name is the project's and the stack's name. */
  dir: string;
  zone: InitZone;
  platform: InitPlatform;
  /** Owner section written into main.ts (第18条). */
  owner?: string;
  /** How package.json names sanso (default `^<this version>`; e.g. `file:../sanso-0.1.0.tgz`). */
  sansoSpec?: string;
}

/** One file of the project: its path relative to the project directory and its contents. */
export interface ProjectFile {
  path: string;
  text: string;
}

interface SansoPackageJson {
  version: string;
  peerDependencies: Record<string, string>;
  devDependencies: Record<string, string>;
}

/** A name npm and cdktf both accept: lower case letters, digits and dashes. */
export function projectName(dir: string): string {
  return (
    basename(resolve(dir))
      .toLowerCase()
      .replace(/[^a-z0-9-]+/g, "-")
      .replace(/^-+|-+$/g, "") || "sanso-project"
  );
}

function fill(template: string, vars: Record<string, string>): string {
  return template.replace(/\{\{(\w+)\}\}/g, (m, k: string) => vars[k] ?? m);
}

/** The files of the project, in the order they are written. */
export function projectFiles(opts: InitOptions): ProjectFile[] {
  const root = packageRoot();
  const templates = join(root, "templates/init");
  const pkg = JSON.parse(readFileSync(join(root, "package.json"), "utf8")) as SansoPackageJson;
  const name = projectName(opts.dir);
  const vars = {
    name,
    zone: opts.zone,
    zoneLabel: ZONE_LABEL[opts.zone],
    platform: opts.platform,
    owner: opts.owner ?? "情報政策課",
    projectId: randomUUID(),
  };
  const read = (f: string) => fill(readFileSync(join(templates, f), "utf8"), vars);
  // exact versions in sanso's devDependencies are what its tests run with; a caret keeps fixes
  const tested = (dep: string) => `^${pkg.devDependencies[dep]!.replace(/^[\^~]/, "")}`;
  const packageJson = {
    name,
    version: "0.1.0",
    private: true,
    type: "module",
    scripts: {
      synth: "sanso synth",
      check: "sanso check --exceptions exceptions.yaml",
      typecheck: "tsc --noEmit",
    },
    dependencies: {
      "@cdktf/provider-aws": pkg.peerDependencies["@cdktf/provider-aws"]!,
      cdktf: pkg.peerDependencies.cdktf!,
      constructs: pkg.peerDependencies.constructs!,
    },
    devDependencies: {
      "@types/node": tested("@types/node"),
      sanso: opts.sansoSpec ?? `^${pkg.version}`,
      tsx: tested("tsx"),
      typescript: tested("typescript"),
    },
  };
  return [
    { path: "package.json", text: `${JSON.stringify(packageJson, null, 2)}\n` },
    { path: "cdktf.json", text: read("cdktf.json") },
    { path: "tsconfig.json", text: read("tsconfig.json") },
    { path: "main.ts", text: read(`zones/${opts.zone}.ts`) },
    { path: "sanso.config.yaml", text: read("sanso.config.yaml") },
    { path: "exceptions.yaml", text: read("exceptions.yaml") },
    { path: ".github/workflows/sanso.yml", text: read("github/sanso.yml") },
    { path: ".gitlab-ci.yml", text: read("gitlab-ci.yml") },
    { path: ".gitignore", text: read("gitignore") },
    { path: "README.md", text: read("README.md") },
  ];
}

export class ExistingFilesError extends Error {
  constructor(readonly files: string[]) {
    super(`would overwrite ${files.join(", ")} (pass --force to overwrite)`);
  }
}

/** Writes the project; refuses (ExistingFilesError, naming them) to overwrite files unless `force`. */
export function writeProject(opts: InitOptions & { force?: boolean }): ProjectFile[] {
  const files = projectFiles(opts);
  const existing = files.map((f) => join(opts.dir, f.path)).filter((p) => existsSync(p));
  if (existing.length > 0 && !opts.force) throw new ExistingFilesError(existing);
  for (const f of files) {
    const p = join(opts.dir, f.path);
    mkdirSync(dirname(p), { recursive: true });
    writeFileSync(p, f.text);
  }
  return files;
}
