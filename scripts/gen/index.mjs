#!/usr/bin/env node
// `npm run gen`: every generator of a committed file, in one place. `--check` (the tests run it)
// fails when a generated file is not what its generator would write now.
//
//   aws-blocks.mjs   src/input/aws-blocks.generated.ts    nested block names of the AWS provider schema
//   vocabulary.ts    policies/sanso/vocabulary/data.json  zones, classes, tag keys… for the policies
//   rule-ids.ts      stacks/rule-ids.generated.ts         the rule ids of the METADATA, typed (the demo stack)
import { spawnSync } from "node:child_process";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const GENERATORS = ["aws-blocks.mjs", "vocabulary.ts", "rule-ids.ts"];
let failed = false;
for (const g of GENERATORS) {
  // TypeScript generators read src/ modules (tsx, a devDependency: generating is a development task)
  const loader = g.endsWith(".ts") ? ["--import", "tsx"] : [];
  const r = spawnSync(process.execPath, [...loader, join(here, g), ...process.argv.slice(2)], { stdio: "inherit" });
  if (r.status !== 0) failed = true;
}
process.exit(failed ? 1 : 0);
