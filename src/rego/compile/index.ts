// The compiler's entry point: parsed modules → checked program → Wasm module (OPA ABI 1.2).

import { rewritePrint } from "./rewrite-print.js";
import { rewriteTemplateStrings } from "./rewrite-template.js";
import { rewriteMetadataCalls } from "./rewrite-metadata.js";
import { readFileSync, existsSync } from "node:fs";
import { join } from "node:path";
import { packageRoot } from "../util/package-root.js";
import { spawnSync } from "node:child_process";
import type { Annotation, Module } from "../syntax/ast.js";
import { RegoError, RegoErrors } from "../syntax/ast.js";
import { parseModule, parseQuery } from "../syntax/index.js";
import { GENERATED_PACKAGE_PREFIX, Program } from "./program.js";
import { generate } from "./codegen.js";
import { topVars as termVars } from "./safety.js";

export interface CompileOptions {
  /** Entrypoints as data paths: "pkg/rule", "pkg.rule" or "data.pkg.rule". */
  entrypoints?: string[];
  /** Builtin errors abort evaluation instead of making the expression undefined. */
  strict?: boolean;
  /** Optimise the generated code (default true; tests and `eval` may skip it). */
  optimize?: boolean;
}

export interface CompiledPolicy {
  wasm: Uint8Array;
  /** Entrypoint name ("pkg/rule") → id, as the module's `entrypoints()` export reports it. */
  entrypoints: Record<string, number>;
  /** Builtins served through opa_builtinN: name → id. */
  builtins: Record<string, number>;
  /** Every METADATA annotation of the modules: the policy catalog. */
  annotations: Annotation[];
}

let runtimeBytes: Uint8Array | undefined;

/** The precompiled runtime; built on first use when the install did not build it. */
export function runtimeWasm(): Uint8Array {
  if (runtimeBytes) return runtimeBytes;
  // SANSO_RUNTIME_WASM: another build of the runtime (the bench's profiles use one with names)
  if (process.env.SANSO_RUNTIME_WASM) return (runtimeBytes = new Uint8Array(readFileSync(process.env.SANSO_RUNTIME_WASM)));
  const root = packageRoot();
  const runtimePath = join(root, "src/rego/runtime/runtime.wasm");
  if (!existsSync(runtimePath)) {
    const script = join(root, "scripts/build-runtime.mjs");
    const r = spawnSync(process.execPath, [script], { stdio: "inherit" });
    if (r.status !== 0 || !existsSync(runtimePath)) throw new Error("sanso: the Wasm runtime is not built and building it failed (run `npm run prepare`)");
  }
  runtimeBytes = new Uint8Array(readFileSync(runtimePath));
  return runtimeBytes;
}

/** "a/b", "a.b", "data.a.b" → ["a", "b"] */
export function entrypointPath(ep: string): string[] {
  let parts = ep.includes("/") ? ep.split("/") : ep.split(".");
  parts = parts.filter((p) => p.length > 0);
  if (parts[0] === "data") parts = parts.slice(1);
  return parts;
}

function asErrors(e: unknown): RegoErrors {
  if (e instanceof RegoErrors) return e;
  if (e instanceof RegoError) return new RegoErrors([e]);
  if (Array.isArray(e) && e.every((x) => x instanceof RegoError)) return new RegoErrors(e as RegoError[]);
  throw e;
}

/** Compiles parsed modules. Throws RegoErrors with every problem found. */
export function compileModules(modules: Module[], opts: CompileOptions = {}): CompiledPolicy {
  try {
    rewriteTemplateStrings(modules);
    rewritePrint(modules);
    rewriteMetadataCalls(modules);
    const program = new Program(modules);
    const annotations = modules.flatMap((m) => m.annotations);
    let eps = opts.entrypoints ?? [];
    if (eps.length === 0) {
      eps = annotations.filter((a) => a.entrypoint).map((a) => a.path.join("."));
    }
    const res = generate(runtimeWasm(), program, { entrypoints: eps.map(entrypointPath), strict: opts.strict, optimize: opts.optimize });
    return { ...res, annotations };
  } catch (e) {
    throw asErrors(e);
  }
}

/** Parses (each source in its Rego version, default v1) and compiles sources. */
export function compileSources(sources: Array<{ file: string; text: string; regoVersion?: 0 | 1 }>, opts: CompileOptions = {}): CompiledPolicy {
  const modules: Module[] = [];
  const errors: RegoError[] = [];
  for (const s of sources) {
    try {
      modules.push(parseModule(s.text, s.file, { regoVersion: s.regoVersion ?? 1 }));
    } catch (e) {
      errors.push(...asErrors(e).errors);
    }
  }
  if (errors.length) throw new RegoErrors(errors);
  return compileModules(modules, opts);
}

export const QUERY_PACKAGE = `${GENERATED_PACKAGE_PREFIX}query__`;
export const QUERY_ENTRYPOINT = `${QUERY_PACKAGE}/__q`;

/**
 * Compiles a query against modules: the query becomes the body of a rule
 * `q contains {"var": var, ...} if { query }` in a package of its own, so the entrypoint's value
 * is the set of the query's binding rows (OPA's result set).
 */
export function compileQuery(modules: Module[], query: string, opts: CompileOptions & { regoVersion?: 0 | 1 } = {}): CompiledPolicy & { vars: string[] } {
  let body;
  try {
    // the query in the Rego version of the modules (v0 with --v0-compatible), as OPA parses it
    body = parseQuery(query, "<query>", { regoVersion: opts.regoVersion ?? 1 });
  } catch (e) {
    throw asErrors(e);
  }
  const vars = new Set<string>();
  for (const e of body) {
    const b = e.body;
    if (b.type === "term") termVars(b.term, vars);
    else if (b.type === "somein") { if (b.key) termVars(b.key, vars); termVars(b.value, vars); termVars(b.collection, vars); }
    else if (b.type === "every") termVars(b.domain, vars);
  }
  const names = [...vars].filter((v) => !v.startsWith("$") && v !== "input" && v !== "data").sort();
  const loc = { file: "<query>", line: 1, col: 1 };
  const qmod: Module = {
    file: "<query>",
    package: [QUERY_PACKAGE],
    packageLoc: loc,
    imports: [],
    annotations: [],
    rules: [{
      head: {
        ref: [{ type: "var", name: "__q", loc }],
        kind: "partial_set",
        key: { type: "object", entries: names.map((n) => [{ type: "string", value: n, loc }, { type: "var", name: n, loc }]), loc },
        assign: false,
        loc,
      },
      body,
      default: false,
      loc,
    }],
  };
  const compiled = compileModules([...modules, qmod], { ...opts, entrypoints: [QUERY_ENTRYPOINT, ...(opts.entrypoints ?? [])] });
  return { ...compiled, vars: names };
}
