// Builds everything the package ships, in order, skipping each step whose output is newer than its
// sources (pass --force to rebuild all). Runs as `prepare` (so `npm ci` leaves a working clone) and
// as `prepack` (so `npm pack` / `npm publish` ship a built package): nothing of sanso's runs at a
// user's install.
//
//   1. src/rego/runtime/runtime.wasm   the compiler's Wasm runtime (AssemblyScript)
//   2. dist/js/                        cli.js, index.js (API), constructs.js (esbuild)
//   3. dist/types/                     .d.ts of the API and the constructs (tsc)
//   4. dist/policies/                  the built-in policies, compiled by the build of step 2
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { join, dirname, relative } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { buildCli, isFresh as cliIsFresh } from "./build-cli.mjs";
import { newestMtime } from "./newest-mtime.mjs";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const force = process.argv.includes("--force");
const rel = (p) => relative(root, p);

function run(args, what) {
  // the steps' output goes to stderr: `npm pack --json` prints its JSON on stdout
  const r = spawnSync(process.execPath, args, { cwd: root, stdio: ["ignore", 2, 2] });
  if (r.status !== 0) {
    console.error(`sanso: ${what} failed`);
    process.exit(1);
  }
}

function filesUnder(dir) {
  return readdirSync(dir, { recursive: true }).map((f) => join(dir, f)).filter((f) => f.endsWith(".d.ts"));
}

/** Newest mtime of the files (recursively) of a folder; 0 when it is missing or empty. */
function builtAt(dir) {
  return existsSync(dir) ? newestMtime(dir) : 0;
}

// 1. runtime (its script skips the build when fresh)
run([join(root, "scripts/build-runtime.mjs"), ...(force ? ["--force"] : [])], "building the Wasm runtime");

// 2. JavaScript
if (force || !cliIsFresh()) {
  await buildCli();
  console.error("sanso: built dist/js/");
}

// 3. declarations: only what the package exports (the API and the constructs)
const typesDir = join(root, "dist/types");
const typeSources = Math.max(...["src", "constructs"].map((d) => newestMtime(join(root, d), (n) => n.endsWith(".ts"))));
if (force || builtAt(typesDir) < typeSources) {
  rmSync(typesDir, { recursive: true, force: true });
  run([join(root, "node_modules/typescript/bin/tsc"), "-p", join(root, "tsconfig.build.json")], "emitting the type declarations");
  // a few sources import "./x.ts"; declarations must name the files a user's TypeScript resolves
  for (const file of filesUnder(typesDir)) {
    const text = readFileSync(file, "utf8");
    const fixed = text.replace(/(from\s+|import\()"(\.\.?\/[^"]*)\.ts"/g, '$1"$2.js"');
    if (fixed !== text) writeFileSync(file, fixed);
  }
  console.error(`sanso: built ${rel(typesDir)}/`);
}

// 4. the built-in policies, compiled once here so that `sanso check` at a user's site compiles
// nothing: the bundle is stored as an entry of a read-only policy cache, under the key the
// shipped code computes (policy sources + compiler id of this build), so it can never be stale.
const policiesOut = join(root, "dist/policies");
const policySources = newestMtime(join(root, "policies"));
const jsBuilt = statSync(join(root, "dist/js/cli.js")).mtimeMs;
if (force || builtAt(policiesOut) < Math.max(policySources, jsBuilt)) {
  rmSync(policiesOut, { recursive: true, force: true });
  mkdirSync(policiesOut, { recursive: true });
  const api = await import(pathToFileURL(join(root, "dist/js/index.js")).href);
  const t0 = performance.now();
  const { files, rules } = await api.prebuildPolicies(policiesOut);
  console.error(`sanso: built ${rel(policiesOut)}/: ${files.join(", ")} (${rules} rules, ${Math.round(performance.now() - t0)} ms)`);
}
