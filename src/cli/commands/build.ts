// `sanso build`: Rego → OPA Wasm bundle, as `opa build -t wasm` does.

import type { Command } from "commander";
import { writeFileSync } from "node:fs";
import { spawnSync } from "node:child_process";
import { loadSources, v0Hint } from "../../rego/sources.js";
import { action, describeError, UsageError } from "../errors.js";
import { opaBinary } from "../opa.js";

export function registerBuild(program: Command): void {
  program
    .command("build")
    .description("compile Rego policies to an OPA bundle (policy.wasm, data.json, .manifest)")
    .argument("<paths...>", "Rego files or directories (data.json / data.yaml files are bundled as data)")
    .option("-e, --entrypoint <path>", "entrypoint, e.g. sanso/main/findings (repeatable; default: rules annotated `entrypoint: true`)", collect, [])
    .option("-o, --output <file>", "bundle to write", "bundle.tar.gz")
    .option("--compiler <name>", "sanso (built in) or opa (an `opa` binary on PATH)", "sanso")
    .option("--no-optimize", "skip optimisation of generated code")
    .option("--v0-compatible", "read .rego files as pre-1.0 Rego (v0: rules without `if`, `p[x] { ... }` partial sets, future keywords only when imported), as OPA 1.x --v0-compatible; a directory's .manifest (rego_version, file_rego_versions) decides for its own files")
    .action(action(async (paths: string[], opts: { entrypoint: string[]; output: string; compiler: string; optimize: boolean; v0Compatible?: boolean }) => {
      if (opts.compiler === "opa") return buildWithOpa(paths, opts);
      if (opts.compiler !== "sanso") throw new UsageError(`unknown compiler "${opts.compiler}" (sanso or opa)`);
      // loaded on demand: the compiler brings binaryen, which is slow to load
      const { compileSources } = await import("../../rego/compile/index.js");
      const { writeBundle } = await import("../../rego/bundle/bundle.js");
      const t0 = performance.now();
      const src = loadSources(paths, { regoVersion: opts.v0Compatible ? 0 : 1 });
      if (src.modules.length === 0) throw new UsageError(`${paths.join(", ")}: no .rego files found`);
      let compiled;
      try {
        compiled = compileSources(src.modules, { entrypoints: opts.entrypoint, optimize: opts.optimize });
      } catch (e) {
        const hint = v0Hint(e);
        throw hint ? new UsageError(`${describeError(e)}\n${hint}`) : e;
      }
      if (Object.keys(compiled.entrypoints).length === 0) {
        throw new UsageError("no entrypoints: pass -e <package/rule> or annotate a rule with `entrypoint: true`");
      }
      const bytes = await writeBundle({ wasm: compiled.wasm, entrypoints: compiled.entrypoints, data: src.data, catalog: compiled.annotations });
      writeFileSync(opts.output, bytes);
      console.error(`sanso: wrote ${opts.output} (${src.modules.length} modules, entrypoints: ${Object.keys(compiled.entrypoints).join(", ")}; ${Math.round(performance.now() - t0)} ms)`);
      return 0;
    }));
}

function buildWithOpa(paths: string[], opts: { entrypoint: string[]; output: string; v0Compatible?: boolean }): number {
  const opa = opaBinary();
  if (!opa) throw new UsageError("--compiler opa: no `opa` binary on PATH");
  const args = ["build", "-t", "wasm", "-o", opts.output, ...(opts.v0Compatible ? ["--v0-compatible"] : []), ...opts.entrypoint.flatMap((e) => ["-e", e]), ...paths];
  const r = spawnSync(opa, args, { stdio: "inherit" });
  return r.status === 0 ? 0 : 2;
}

function collect(v: string, prev: string[]): string[] {
  return [...prev, v];
}
