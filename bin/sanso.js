#!/usr/bin/env node
// sanso's command line. The sources are TypeScript, run through tsx (a runtime dependency).
import { register } from "tsx/esm/api";
register();
await import("../src/cli/main.ts");
