#!/usr/bin/env node
// The `sanso` command: runs dist/js/cli.js, the esbuild bundle of src/cli/main.ts (with constructs/
// and stacks/) that scripts/build-cli.mjs writes and the package ships.
// In a clone of sanso's repository (src/ is there), it first rebuilds dist/js/ when a .ts file under
// src/, constructs/ or stacks/, or the runtime's Wasm, is newer; an installed package has no sources
// and runs only what it ships.
import { existsSync } from "node:fs";

const cli = new URL("../dist/js/cli.js", import.meta.url);
if (existsSync(new URL("../src/cli/main.ts", import.meta.url))) {
  const { buildCli, isFresh } = await import("../scripts/build-cli.mjs");
  if (!isFresh()) await buildCli();
} else if (!existsSync(cli)) {
  process.stderr.write("sanso: this installation of sanso is incomplete (dist/js/cli.js is missing); reinstall the package\n");
  process.exit(2);
}
await import(cli.href);
