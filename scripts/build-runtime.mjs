// Builds the in-module Rego runtime (AssemblyScript) into src/rego/runtime/runtime.wasm.
// Runs as the package's `prepare` script, so `npm ci` leaves a ready-to-use compiler.
// Skips the build when the output is newer than every source file.
import { existsSync, statSync, rmSync } from "node:fs";
import { join, dirname } from "node:path";
import { fileURLToPath } from "node:url";
import { spawnSync } from "node:child_process";
import { newestMtime } from "./newest-mtime.mjs";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const srcDir = join(root, "src/rego/runtime/assembly");
const entry = join(srcDir, "index.ts");
// --out FILE: build elsewhere (the bench's Wasm profile builds a copy with function names there)
const outArg = process.argv.indexOf("--out");
const out = outArg > 0 ? process.argv[outArg + 1] : join(root, "src/rego/runtime/runtime.wasm");

if (!existsSync(entry)) {
  console.error("sanso: no runtime sources yet; nothing to build");
  process.exit(0);
}
const newestSource = newestMtime(srcDir);
if (existsSync(out) && statSync(out).mtimeMs > newestSource && !process.argv.includes("--force")) {
  process.exit(0);
}
const asc = join(root, "node_modules/assemblyscript/bin/asc.js");
const args = [
  asc, entry, "-o", out,
  "--runtime", "stub", "--importMemory", "--initialMemory", "2",
  "--exportTable", "--noExportMemory", "-O3", "--noAssert",
  "--use", "abort=src/rego/runtime/assembly/memory/runtimeAbort",
  // SANSO_RUNTIME_DEBUG=1 keeps function names, for CPU profiles of evaluation
  ...(process.env.SANSO_RUNTIME_DEBUG ? ["--debug"] : []),
];
// never leave a stale runtime behind a failed build
rmSync(out, { force: true });
const res = spawnSync(process.execPath, args, { cwd: root, stdio: "inherit" });
if (res.status !== 0) {
  console.error("sanso: building the Wasm runtime failed");
  process.exit(1);
}
console.error(`sanso: built ${out}`);
