/**
 * The policy set sanso check evaluates: the built-in `policies/` (prebuilt into the package's
 * dist/policies/ by scripts/build.mjs, so an installed sanso compiles nothing), plus a
 * municipality's own rules (compiled together and cached by content under node_modules/.cache/sanso/),
 * or a prebuilt bundle (`sanso build`, `opa build -t wasm`), with its rule catalog (METADATA
 * annotations) and, when available, the coverage matrix.
 */
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, statSync, unlinkSync, writeFileSync } from "node:fs";
import { dirname, join, relative, sep } from "node:path";
import { gunzipSync } from "node:zlib";
import { readBundle, writeBundle, type Bundle } from "../rego/bundle/bundle.js";
import { packageRoot } from "../rego/util/package-root.js";
import { loadSources, SourceError, v0Hint, type PolicySources } from "../rego/sources.js";
import type { Annotation } from "../rego/syntax/ast.js";
import { RegoErrors } from "../rego/syntax/ast.js";
import type { RuleInput } from "../report/build.js";
import type { Classification, CoverageRow, CoverageStatus, Zone } from "../report/types.js";
import { CheckError } from "./errors.js";
import { parseSeverity } from "./config.js";
import { describeValue, readYamlFile } from "./yaml.js";
import { CLASSIFICATIONS, ZONES as VOCABULARY_ZONES } from "../vocabulary.js";

/** The package root of sanso (where package.json, policies/ and node_modules/ are). */
export const PACKAGE_ROOT = packageRoot();
export const DEFAULT_POLICIES_DIR = join(PACKAGE_ROOT, "policies");
/** The built-in policies compiled at build time: a read-only cache of one bundle. */
export const PREBUILT_POLICIES_DIR = join(PACKAGE_ROOT, "dist/policies");
/** Local rules (`--policies DIR` added to the library) live in packages under this one. */
export const LOCAL_PACKAGE_PREFIX = "sanso.local.";
/** A policy library (replacing the built-in one) defines this package. */
const MAIN_PACKAGE = "sanso.main";

/** Set by the build (scripts/build-cli.mjs): the identity of the compiler in dist/js. */
declare const __SANSO_COMPILER_ID__: string | undefined;

export const FINDINGS_ENTRYPOINT = "sanso/main/findings";
export const CHECKED_ENTRYPOINT = "sanso/main/checked";
/** Optional: rule id -> addresses in scope whose compliance is known only after apply. */
export const UNVERIFIED_ENTRYPOINT = "sanso/main/unverified";
/**
 * Added by sanso check when it compiles `policies/`: both documents from one evaluation, so the
 * input is copied into Wasm memory and parsed once per stack instead of twice.
 */
export const COMBINED_ENTRYPOINT = "__sanso_check__/result";
const COMBINED_MODULE = {
  file: "<sanso check>",
  text: `package __sanso_check__

import rego.v1

default findings := set()

findings := data.sanso.main.findings

default checked := {}

checked := data.sanso.main.checked

default unverified := {}

unverified := data.sanso.main.unverified

result := {"findings": findings, "checked": checked, "unverified": unverified}
`,
};

export interface PolicySet {
  bundle: Bundle;
  /** Rule metadata from the catalog, one per rule id. */
  rules: RuleInput[];
  /** The 104-article coverage matrix, when the policies directory has one. */
  coverage?: CoverageRow[];
  /** Content hash (compiled) or manifest revision / content hash (prebuilt): `bundle_version`. */
  version: string;
  /** Where it came from, for messages: the bundle file or the policies directory. */
  origin: string;
  /** true when compiled from sources in this run (not found in the cache). */
  compiled: boolean;
  /** Milliseconds spent compiling or reading the bundle. */
  ms: number;
}

export interface PolicyOptions {
  /** The policy library: directory (or file) of .rego sources; default `policies/` of the sanso package. */
  policies?: string;
  /**
   * A municipality's own rules, compiled together with the library: directories (or files) whose
   * rules are in packages under `sanso.local.` (see policies/README.md).
   */
  localPolicies?: string[];
  /** false: do not use the bundle prebuilt into the package (the build itself). */
  prebuilt?: boolean;
  /** A prebuilt bundle (tar.gz); when given, `policies` is only used for the coverage matrix. */
  bundle?: string;
  /** Cache directory; default $SANSO_CACHE_DIR or node_modules/.cache/sanso of the package. */
  cacheDir?: string;
  /** false: never read or write the cache. */
  cache?: boolean;
  /**
   * Read the `policies` and `localPolicies` directories (never the built-in library) as pre-1.0
   * Rego (v0), unless a directory's `.manifest` says otherwise (`--v0-compatible`).
   */
  v0Compatible?: boolean;
  /** Called before a slow step (compiling). */
  onProgress?: (message: string) => void;
  /** Non-fatal notes (cache not writable, ...). */
  onNote?: (message: string) => void;
}

let compilerHash: string | undefined;

/**
 * Version of the compiler, for the cache key: a hash of the compiler's sources and the
 * precompiled runtime, so that any change to the compiler invalidates cached bundles.
 */
export function compilerVersion(): string {
  if (compilerHash) return compilerHash;
  // the built package carries no compiler sources: its build stamped the id
  if (typeof __SANSO_COMPILER_ID__ === "string") return (compilerHash = __SANSO_COMPILER_ID__);
  const h = createHash("sha256");
  const rego = join(PACKAGE_ROOT, "src/rego");
  const files: string[] = [];
  for (const sub of ["syntax", "compile", "bundle"]) {
    const dir = join(rego, sub);
    if (!existsSync(dir)) continue;
    // recursively: compile/plan, compile/wasm and bundle/builtins are part of the compiler too
    const walk = (d: string): void => {
      for (const e of readdirSync(d, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
        if (e.isDirectory()) walk(join(d, e.name));
        else if (e.name.endsWith(".ts")) files.push(join(d, e.name));
      }
    };
    walk(dir);
  }
  files.push(join(rego, "runtime/runtime.wasm"));
  for (const f of files) {
    h.update(relative(PACKAGE_ROOT, f)).update("\0");
    try {
      h.update(readFileSync(f));
    } catch {
      h.update("missing");
    }
    h.update("\0");
  }
  try {
    h.update(JSON.parse(readFileSync(join(PACKAGE_ROOT, "package.json"), "utf8")).version ?? "");
  } catch {
    /* no version */
  }
  compilerHash = h.digest("hex").slice(0, 16);
  return compilerHash;
}

/**
 * $SANSO_CACHE_DIR, else `.cache/sanso` in the node_modules that holds sanso (the user's project,
 * the usual home of tools' caches), else sanso's own node_modules/.cache/sanso (a clone).
 */
export function defaultCacheDir(): string {
  if (process.env.SANSO_CACHE_DIR) return process.env.SANSO_CACHE_DIR;
  const parts = PACKAGE_ROOT.split(sep);
  const nm = parts.lastIndexOf("node_modules");
  if (nm > 0) return join(parts.slice(0, nm + 1).join(sep) || sep, ".cache/sanso");
  return join(PACKAGE_ROOT, "node_modules/.cache/sanso");
}

/** The packages a Rego source declares (tests excluded by the caller). */
function packagesOf(text: string): string[] {
  return [...text.matchAll(/^[ \t]*package[ \t]+([A-Za-z_][\w.]*)/gm)].map((m) => m[1]!);
}

/**
 * Sorts `--policies` directories: one that defines `package sanso.main` is a whole policy library
 * (a fork of sanso's policies/) and replaces the built-in one; the others are local rules added
 * to it, and must define at least one package under `sanso.local.`, or their rules would never
 * be evaluated (a silent pass).
 */
export function classifyPolicyDirs(dirs: string[]): { policies?: string; localPolicies: string[] } {
  let library: string | undefined;
  const localPolicies: string[] = [];
  for (const dir of dirs) {
    let src;
    try {
      src = loadSources([dir]);
    } catch (e) {
      if (e instanceof SourceError) throw new CheckError("", e.message);
      throw e;
    }
    if (src.modules.length === 0) throw new CheckError(dir, "no Rego policies (.rego files) found");
    const pkgs = src.modules.flatMap((m) => packagesOf(m.text));
    if (pkgs.includes(MAIN_PACKAGE)) {
      if (library) throw new CheckError(dir, `defines package ${MAIN_PACKAGE}, as ${library} does: give one policy library, and add local rules in packages under ${LOCAL_PACKAGE_PREFIX}`);
      library = dir;
    } else if (pkgs.some((p) => p.startsWith(LOCAL_PACKAGE_PREFIX))) {
      localPolicies.push(dir);
    } else {
      throw new CheckError(
        dir,
        `no rule of these policies would be evaluated: local rules must be in a package under ${LOCAL_PACKAGE_PREFIX} (e.g. package ${LOCAL_PACKAGE_PREFIX}mycity), found ${[...new Set(pkgs)].join(", ") || "no package"}`,
      );
    }
  }
  return { ...(library ? { policies: library } : {}), localPolicies };
}

/** Loads the policy set: a prebuilt bundle, or `policies/` compiled (through the cache). */
export async function loadPolicySet(opts: PolicyOptions = {}): Promise<PolicySet> {
  const t0 = performance.now();
  if (opts.bundle) {
    const bundle = await readBundleFile(opts.bundle);
    checkEntrypoints(bundle, opts.bundle);
    const coverage = opts.policies ? loadCoverageIfPresent(opts.policies) : undefined;
    const bytes = readFileSync(opts.bundle);
    const version = bundle.revision || `sha256:${createHash("sha256").update(bytes).digest("hex").slice(0, 12)}`;
    return { ...described(bundle, coverage), version, origin: opts.bundle, compiled: false, ms: performance.now() - t0 };
  }

  const dir = opts.policies ?? DEFAULT_POLICIES_DIR;
  const roots = [dir, ...(opts.localPolicies ?? [])];
  const origin = roots.join(" + ");
  let src;
  try {
    // the built-in library is v1, whatever the flag
    src = loadSources(roots, { regoVersion: (root) => (opts.v0Compatible && (root !== dir || opts.policies !== undefined) ? 0 : 1) });
  } catch (e) {
    if (e instanceof SourceError) throw new CheckError("", e.message);
    throw e;
  }
  if (src.modules.length === 0) {
    throw new CheckError(dir, "no Rego policies (.rego files) found; pass --policies <dir> or --bundle <file>");
  }
  const key = bundleKey(roots, src);
  const version = `sha256:${key.slice(0, 12)}`;
  const coverage = loadCoverageIfPresent(dir);

  const useCache = opts.cache !== false;
  const cacheDir = opts.cacheDir ?? defaultCacheDir();
  const cacheFile = join(cacheDir, `bundle-${key}.tar.gz`);
  const prebuiltFile = join(PREBUILT_POLICIES_DIR, `bundle-${key}.tar.gz`);
  for (const file of [...(opts.prebuilt !== false ? [prebuiltFile] : []), ...(useCache ? [cacheFile] : [])]) {
    if (!existsSync(file)) continue;
    try {
      const bundle = await readBundle(readFileSync(file));
      checkEntrypoints(bundle, file);
      return { ...described(bundle, coverage), version, origin, compiled: false, ms: performance.now() - t0 };
    } catch {
      opts.onNote?.(`${file}: unreadable cached bundle; recompiling`);
    }
  }

  opts.onProgress?.(`compiling the policies in ${origin}`);
  // The compiler (and binaryen, half a second to load) only when there is something to compile.
  const { compileSources } = await import("../rego/compile/index.js");
  let compiled;
  try {
    compiled = compileSources([...src.modules, COMBINED_MODULE], {
      entrypoints: [COMBINED_ENTRYPOINT, FINDINGS_ENTRYPOINT, CHECKED_ENTRYPOINT],
      // binaryen's optimiser costs ~0.8 s on the policy library and evaluation is no faster with
      // it (the runtime dominates: 313 vs 362 ms median on 10k resources), so first runs skip it
      optimize: false,
    });
  } catch (e) {
    if (e instanceof RegoErrors) {
      const hint = opts.v0Compatible ? undefined : v0Hint(e);
      throw new CheckError("", `the policies in ${origin} do not compile:\n${e.errors.map((x) => `  ${x.message}`).join("\n")}${hint ? `\n${hint}` : ""}`);
    }
    throw e;
  }
  const bundle: Bundle = {
    wasm: compiled.wasm,
    entrypoints: compiled.entrypoints,
    data: src.data,
    catalog: compiled.annotations,
    revision: version,
  };
  checkEntrypoints(bundle, origin);
  if (useCache) {
    try {
      const bytes = await writeBundle(bundle);
      mkdirSync(cacheDir, { recursive: true });
      const tmp = `${cacheFile}.${process.pid}.tmp`;
      writeFileSync(tmp, bytes);
      renameSync(tmp, cacheFile);
      pruneCache(cacheDir, cacheFile);
    } catch (e) {
      opts.onNote?.(`could not cache the compiled policies in ${cacheDir}: ${(e as Error).message}`);
    }
  }
  return { ...described(bundle, coverage), version, origin, compiled: true, ms: performance.now() - t0 };
}

/**
 * The cache key of a compiled policy set: the compiler's identity and every source and data
 * document, named relative to its root (so a moved checkout or an installed package computes the
 * same key as the build that prebuilt the built-in policies).
 */
function bundleKey(roots: string[], src: PolicySources): string {
  const h = createHash("sha256").update(`sanso-check-bundle\0${compilerVersion()}\0`);
  const named = src.modules.map((m) => {
    const i = roots.findIndex((r) => m.file === r || m.file.startsWith(r.endsWith(sep) ? r : r + sep));
    // a module read as v0 keys differently (the same text may mean another policy in v1)
    return { name: `${m.regoVersion === 0 ? "v0:" : ""}${i > 0 ? `${i}:` : ""}${relative(roots[Math.max(i, 0)]!, m.file)}`, text: m.text };
  });
  for (const m of named.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) h.update(m.name).update("\0").update(m.text).update("\0");
  h.update(JSON.stringify(src.data)).update("\0").update(COMBINED_MODULE.text);
  return h.digest("hex").slice(0, 24);
}

/** Keeps the newest few cached bundles (every compiler or policy change makes a new one). */
function pruneCache(dir: string, keep: string, max = 8): void {
  try {
    const files = readdirSync(dir)
      .filter((f) => /^bundle-[0-9a-f]+\.tar\.gz$/.test(f))
      .map((f) => ({ f: join(dir, f), t: statSync(join(dir, f)).mtimeMs }))
      .sort((a, b) => b.t - a.t);
    for (const { f } of files.slice(max)) if (f !== keep) unlinkSync(f);
  } catch {
    /* another process may be pruning too */
  }
}

async function readBundleFile(file: string): Promise<Bundle> {
  let bytes: Buffer;
  try {
    if (statSync(file).isDirectory()) throw new CheckError(file, "is a directory; --bundle expects a bundle file (tar.gz from `sanso build` or `opa build -t wasm`)");
    bytes = readFileSync(file);
  } catch (e) {
    if (e instanceof CheckError) throw e;
    const code = (e as NodeJS.ErrnoException).code;
    throw new CheckError(file, `cannot read the policy bundle: ${code === "ENOENT" ? "no such file or directory" : (e as Error).message}`);
  }
  if (bytes.length === 0) throw new CheckError(file, "the policy bundle is empty");
  try {
    gunzipSync(bytes.subarray(0, Math.min(bytes.length, 1 << 20)), { finishFlush: 2 /* Z_SYNC_FLUSH */ });
  } catch {
    throw new CheckError(file, "not a policy bundle: expected a gzip-compressed tar file (from `sanso build` or `opa build -t wasm`)");
  }
  try {
    return await readBundle(bytes);
  } catch (e) {
    throw new CheckError(file, `not a usable policy bundle: ${(e as Error).message}`);
  }
}

function checkEntrypoints(bundle: Bundle, where: string): void {
  if (!(FINDINGS_ENTRYPOINT in bundle.entrypoints)) {
    const found = Object.keys(bundle.entrypoints);
    throw new CheckError(
      where,
      `the policy bundle has no entrypoint ${FINDINGS_ENTRYPOINT} (found: ${found.length ? found.join(", ") : "none"}); build it with -e ${FINDINGS_ENTRYPOINT} -e ${CHECKED_ENTRYPOINT}`,
    );
  }
}

const ZONES: readonly Zone[] = VOCABULARY_ZONES;
const CLASSES: readonly Classification[] = CLASSIFICATIONS;

function str(v: unknown): string | undefined {
  return typeof v === "string" && v.trim() !== "" ? v : undefined;
}

function list(v: unknown): string[] {
  if (Array.isArray(v)) return v.filter((x): x is string => typeof x === "string");
  if (typeof v === "string" && v.trim()) return v.split(/[,\s]+/).filter(Boolean);
  return [];
}

/** A list naming every possible value is the same as none (the report model: empty = all). */
function allMeansEmpty<T extends string>(xs: T[], all: readonly T[]): T[] {
  const set = new Set(xs);
  return all.every((x) => set.has(x)) ? [] : [...set];
}

/** Rule metadata from the METADATA annotations that carry `custom.id`. */
export function catalogRules(catalog: Annotation[]): RuleInput[] {
  const byId = new Map<string, RuleInput>();
  for (const a of catalog) {
    const c = (a.custom ?? {}) as Record<string, unknown>;
    const id = str(c.id);
    if (!id || byId.has(id)) continue;
    const title = str(a.title) ?? str(c.title_ja) ?? id;
    byId.set(id, {
      id,
      title_ja: title,
      title_en: str(c.title_en) ?? title,
      article: str(c.article) ?? "",
      article_text: str(c.article_text) ?? "",
      severity: parseSeverity(c.severity) ?? "medium",
      zones: allMeansEmpty(list(c.zones).filter((z): z is Zone => (ZONES as string[]).includes(z)), ZONES),
      classes: allMeansEmpty(list(c.classes).filter((x): x is Classification => (CLASSES as string[]).includes(x)), CLASSES),
      rationale: str(a.description) ?? str(c.rationale_en) ?? "",
    });
  }
  return [...byId.values()].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

/** The bundle with its rule catalog, and the coverage matrix with the rules of each article. */
function described(bundle: Bundle, coverage: CoverageRow[] | undefined): Pick<PolicySet, "bundle" | "rules" | "coverage"> {
  const rules = catalogRules(bundle.catalog);
  return { bundle, rules, ...(coverage ? { coverage: withCitingRules(coverage, rules) } : {}) };
}

/** Article numbers a rule's `article` cites: "第29条第1項・第2項, 第66条第7項" → [29, 66]. */
export function citedArticles(article: string): number[] {
  return [...new Set([...article.normalize("NFKC").matchAll(/第\s*(\d+)\s*条/g)].map((m) => Number(m[1])))];
}

/**
 * The coverage rows with the rules of each article: those whose METADATA `article` cites it (the
 * one place a rule says which articles it enforces), and any a row lists itself (a coverage.yaml
 * of a policy set whose rules carry no citation).
 */
export function withCitingRules(rows: CoverageRow[], rules: RuleInput[]): CoverageRow[] {
  const citing = new Map<number, Set<string>>();
  for (const r of rules) for (const n of citedArticles(r.article)) (citing.get(n) ?? citing.set(n, new Set()).get(n)!).add(r.id);
  return rows.map((row) => {
    const n = citedArticles(row.article)[0];
    const ids = new Set([...row.rules, ...(n === undefined ? [] : (citing.get(n) ?? []))]);
    return { ...row, rules: [...ids].sort() };
  });
}

export const COVERAGE_FILE = "coverage.yaml";

/** The coverage matrix of a policies directory, or undefined when it has none. */
export function loadCoverageIfPresent(policies: string): CoverageRow[] | undefined {
  let dir = policies;
  try {
    if (!statSync(dir).isDirectory()) dir = dirname(dir);
  } catch {
    return undefined;
  }
  const file = join(dir, COVERAGE_FILE);
  if (!existsSync(file)) return undefined;
  // parsing the 23 kB matrix with the YAML library costs more than the rest of a small check:
  // the build stores the built-in one as JSON, under the hash of its text
  let text: Buffer;
  try {
    text = readFileSync(file);
  } catch {
    return loadCoverage(file); // reports the problem, naming the file
  }
  const prebuilt = join(PREBUILT_POLICIES_DIR, coverageFileName(text));
  if (existsSync(prebuilt)) {
    try {
      return JSON.parse(readFileSync(prebuilt, "utf8")) as CoverageRow[];
    } catch {
      /* fall back to the YAML */
    }
  }
  return loadCoverage(file);
}

function coverageFileName(text: Buffer): string {
  return `coverage-${createHash("sha256").update(text).digest("hex").slice(0, 24)}.json`;
}

/**
 * The build's step 4 (scripts/build.mjs): compiles the built-in policies into `outDir` under the
 * key this build of sanso computes, with their coverage matrix as JSON. Returns the files written.
 */
export async function prebuildPolicies(outDir: string): Promise<{ files: string[]; rules: number }> {
  const set = await loadPolicySet({ cacheDir: outDir, prebuilt: false });
  if (!set.compiled) throw new Error(`the built-in policies were not compiled into ${outDir}`);
  const file = join(DEFAULT_POLICIES_DIR, COVERAGE_FILE);
  writeFileSync(join(outDir, coverageFileName(readFileSync(file))), JSON.stringify(loadCoverage(file)));
  return { files: readdirSync(outDir).sort(), rules: set.rules.length };
}

const STATUS_ALIASES: Record<string, CoverageStatus> = {
  enforced: "enforced",
  partial: "partial",
  "partially enforced": "partial",
  partially_enforced: "partial",
  outside: "outside",
  "outside iac": "outside",
  outside_iac: "outside",
};

/**
 * Reads `coverage.yaml`. Accepted shapes: a list of rows, `{articles: [...]}`, or a mapping from
 * article (number, `29`, `第29条`) to row. A row has `article` (or `number`), `status`
 * (enforced | partial | outside), `rules`, `note`, and optionally `title`.
 */
export function loadCoverage(file: string): CoverageRow[] {
  const doc = readYamlFile(file, "coverage matrix");
  const bad = (problem: string): never => {
    throw new CheckError(file, `malformed coverage matrix: ${problem}`);
  };
  let entries: Array<[unknown, unknown]> = [];
  let root: unknown = doc;
  if (root && typeof root === "object" && !Array.isArray(root) && "articles" in (root as object)) root = (root as Record<string, unknown>).articles;
  if (Array.isArray(root)) entries = root.map((r) => [undefined, r]);
  else if (root && typeof root === "object") entries = Object.entries(root as Record<string, unknown>);
  else bad(`expected a list of articles, found ${describeValue(root)}`);

  const rows: CoverageRow[] = [];
  for (const [key, raw] of entries) {
    const r = (raw && typeof raw === "object" && !Array.isArray(raw) ? raw : typeof raw === "string" ? { status: raw } : null) as Record<string, unknown> | null;
    if (!r) bad(`article ${String(key ?? "?")}: expected a mapping, found ${describeValue(raw)}`);
    const art = r!.article ?? r!.number ?? r!.id ?? key;
    const n = typeof art === "number" ? art : typeof art === "string" ? Number((art.normalize("NFKC").match(/\d+/) ?? [])[0]) : NaN;
    if (!Number.isInteger(n)) bad(`an entry has no article number (${JSON.stringify(raw)})`);
    const article = typeof art === "string" && /^第/.test(art.trim()) ? art.trim() : `第${n}条`;
    const statusRaw = String(r!.status ?? "").trim().toLowerCase();
    const status = STATUS_ALIASES[statusRaw];
    if (!status) bad(`${article}: status must be enforced, partial or outside, found ${describeValue(r!.status)}`);
    rows.push({ article, title: str(r!.title) ?? str(r!.title_ja) ?? "", status: status!, rules: list(r!.rules).sort(), note: str(r!.note) ?? str(r!.note_ja) ?? str(r!.reason) ?? "" });
  }
  return rows;
}
