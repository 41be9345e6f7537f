/**
 * The Rego compiler as a library: compile Rego files or directories to an OPA Wasm module (and
 * bundle), and evaluate it with the official SDK and the builtins it needs. The compiler and
 * binaryen load on the first compile, not when `sanso` is imported.
 */
import { readBundle, writeBundle, type Bundle } from "../rego/bundle/bundle.js";
import { loadPolicy, type LoadedPolicy } from "../rego/bundle/load.js";
import { loadSources } from "../rego/sources.js";
import type { Annotation } from "../rego/syntax/ast.js";

export interface CompileRegoOptions {
  /** Entrypoints ("pkg/rule"); default the rules annotated `entrypoint: true`. */
  entrypoints?: string[];
  /** Builtin errors abort evaluation (OPA's strict mode). */
  strict?: boolean;
  /** Optimise the generated code with binaryen (default true). */
  optimize?: boolean;
  /**
   * Read the sources as pre-1.0 Rego (v0: rules without `if`, `p[x] { ... }` partial sets, future
   * keywords only when imported), as OPA 1.x's `--v0-compatible`; a directory's `.manifest`
   * (`rego_version`, `file_rego_versions`) still decides for its own files.
   */
  v0Compatible?: boolean;
}

export interface CompiledRego {
  wasm: Uint8Array;
  /** Entrypoint name → id. */
  entrypoints: Record<string, number>;
  /** data.json / data.yaml documents found beside the sources. */
  data: Record<string, unknown>;
  /** The METADATA annotations of the modules. */
  annotations: Annotation[];
  /** The OPA bundle (tar.gz: /policy.wasm, /data.json, /.manifest, /sanso-catalog.json). */
  bundle(): Promise<Buffer>;
}

/** Compiles .rego files and directories (tests excluded) to a Wasm module; throws RegoErrors with file:line:col. */
export async function compileRego(paths: string[], opts: CompileRegoOptions = {}): Promise<CompiledRego> {
  const { compileSources } = await import("../rego/compile/index.js");
  const { v0Compatible, ...compileOpts } = opts;
  const src = loadSources(paths, { regoVersion: v0Compatible ? 0 : 1 });
  const compiled = compileSources(src.modules, compileOpts);
  const b: Bundle = { wasm: compiled.wasm, entrypoints: compiled.entrypoints, data: src.data, catalog: compiled.annotations };
  return { wasm: compiled.wasm, entrypoints: compiled.entrypoints, data: src.data, annotations: compiled.annotations, bundle: () => writeBundle(b) };
}

/**
 * Loads a compiled module (or a bundle's bytes, from `sanso build` or `opa build -t wasm`) in the
 * official SDK with sanso's JavaScript builtins, its data set.
 */
export async function loadRego(compiled: CompiledRego | Uint8Array): Promise<LoadedPolicy> {
  let wasm: Uint8Array;
  let data: unknown = {};
  if (compiled instanceof Uint8Array) {
    const isWasm = compiled[0] === 0x00 && compiled[1] === 0x61 && compiled[2] === 0x73 && compiled[3] === 0x6d;
    if (isWasm) wasm = compiled;
    else {
      const b = await readBundle(compiled);
      wasm = b.wasm;
      data = b.data;
    }
  } else {
    wasm = compiled.wasm;
    data = compiled.data;
  }
  const policy = await loadPolicy(wasm);
  policy.setData(data as object);
  return policy;
}

/** Evaluates one entrypoint on an input: the SDK's result set (`[{ result }]`, empty when undefined). */
export async function evaluateRego(compiled: CompiledRego | Uint8Array, input: unknown, entrypoint?: string): Promise<Array<{ result: unknown }>> {
  const policy = await loadRego(compiled);
  return policy.evaluate(input, entrypoint) as Array<{ result: unknown }>;
}
