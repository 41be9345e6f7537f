#!/usr/bin/env node
// sanso's command line: runs the bundle built from the TypeScript sources at install
// (dist/sanso.mjs), rebuilding it first when a source file changed since.
import { buildCli, isFresh, bundlePath } from "../scripts/build-cli.mjs";
import { pathToFileURL } from "node:url";

if (!isFresh()) await buildCli();
await import(pathToFileURL(bundlePath).href);
