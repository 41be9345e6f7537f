// Bundles sanso's TypeScript into dist/js/ with esbuild, for plain Node (no TypeScript loader at a
// user's site): the `sanso` command (cli.js), the programmatic API (index.js) and the construct
// library (constructs.js), sharing chunks. Dependencies stay external (node_modules).
// Part of scripts/build.mjs; bin/sanso.js also runs it in a clone when a source file is newer.
import { build } from "esbuild";
import { newestMtime } from "./newest-mtime.mjs";
import { createHash } from "node:crypto";
import { statSync, existsSync, rmSync, readFileSync, readdirSync } from "node:fs";
import { join, dirname, relative } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const outdir = join(root, "dist/js");
export const bundlePath = join(outdir, "cli.js");
const sourceDirs = ["src", "constructs", "stacks"].map((d) => join(root, d));
const runtimeWasm = join(root, "src/rego/runtime/runtime.wasm");

export function isFresh() {
  if (!existsSync(bundlePath)) return false;
  const built = statSync(bundlePath).mtimeMs;
  const runtime = existsSync(runtimeWasm) ? statSync(runtimeWasm).mtimeMs : 0;
  return runtime < built && sourceDirs.every((d) => newestMtime(d, (name) => name.endsWith(".ts")) < built);
}

/**
 * Identity of the compiler in this build: a hash of the compiler's sources, the runtime and the
 * package version. Cached and prebuilt policy bundles are keyed by it (src/check/policy.ts), so
 * a bundle compiled by another build of the compiler is never reused.
 */
export function compilerId() {
  const h = createHash("sha256");
  const files = [];
  const walk = (dir) => {
    for (const name of readdirSync(dir).sort()) {
      const p = join(dir, name);
      if (statSync(p).isDirectory()) walk(p);
      else if (name.endsWith(".ts") || name.endsWith(".wasm")) files.push(p);
    }
  };
  walk(join(root, "src/rego"));
  for (const f of files) h.update(relative(root, f)).update("\0").update(readFileSync(f)).update("\0");
  h.update(JSON.parse(readFileSync(join(root, "package.json"), "utf8")).version ?? "");
  return h.digest("hex").slice(0, 16);
}

export async function buildCli() {
  rmSync(outdir, { recursive: true, force: true }); // chunk names change between builds
  await build({
    entryPoints: {
      cli: join(root, "src/cli/main.ts"),
      index: join(root, "src/index.ts"),
      constructs: join(root, "constructs/index.ts"),
      // the worker thread of SansoChecks (src/synth/checker.ts loads it by this name)
      "synth-worker": join(root, "src/synth/worker.ts"),
      // the worker thread of large checks (src/check/eval-worker-client.ts loads it by this name)
      "eval-worker": join(root, "src/check/eval-worker.ts"),
    },
    outdir,
    bundle: true,
    // dynamic imports become chunks loaded on demand: the compiler (and binaryen) only when a
    // command compiles, cdktf only when one synthesizes
    splitting: true,
    chunkNames: "chunks/[name]-[hash]",
    platform: "node",
    format: "esm",
    target: "node20",
    packages: "external",
    sourcemap: "linked",
    sourcesContent: false,
    define: { __SANSO_COMPILER_ID__: JSON.stringify(compilerId()) },
    logLevel: "warning",
  });
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  if (!process.argv.includes("--force") && isFresh()) process.exit(0);
  await buildCli();
  console.error(`sanso: built ${relative(root, outdir)}/ (cli.js, index.js, constructs.js)`);
}
