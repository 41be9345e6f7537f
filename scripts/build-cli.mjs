// Bundles sanso's TypeScript (src/, constructs/, stacks/) into dist/ (main.js and chunks) for the `sanso`
// command, so that the CLI starts with plain Node. Dependencies stay external (node_modules).
// Runs in `prepare`; bin/sanso.js also calls it when a source file is newer than the bundle.
import { build } from "esbuild";
import { newestMtime } from "./newest-mtime.mjs";
import { statSync, existsSync, rmSync } from "node:fs";
import { join, dirname } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const outdir = join(root, "dist");
export const bundlePath = join(outdir, "main.js");
const sourceDirs = ["src", "constructs", "stacks"].map((d) => join(root, d));

export function isFresh() {
  if (!existsSync(bundlePath)) return false;
  const built = statSync(bundlePath).mtimeMs;
  return sourceDirs.every((d) => newestMtime(d, (name) => name.endsWith(".ts")) < built);
}

export async function buildCli() {
  rmSync(outdir, { recursive: true, force: true }); // chunk names change between builds
  await build({
    entryPoints: [join(root, "src/cli/main.ts")],
    outdir,
    bundle: true,
    // dynamic imports become chunks loaded on demand: the compiler (and binaryen) only when a
    // command compiles, cdktf only when one synthesizes
    splitting: true,
    outExtension: { ".js": ".js" },
    platform: "node",
    format: "esm",
    target: "node20",
    packages: "external",
    sourcemap: "linked",
    logLevel: "warning",
  });
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  if (!process.argv.includes("--force") && isFresh()) process.exit(0);
  await buildCli();
  console.log(`sanso: built ${bundlePath}`);
}
