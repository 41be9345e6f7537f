// The `sanso` command line (commander). Each command lives in ./commands and registers itself.

import { Command } from "commander";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { packageRoot } from "../rego/util/package-root.js";
import { registerBuild } from "./commands/build.js";
import { registerEval } from "./commands/eval.js";
import { registerTest } from "./commands/test.js";
import { registerExtraCommands } from "./commands/index.js";

const pkg = JSON.parse(readFileSync(join(packageRoot(), "package.json"), "utf8")) as { version: string };

const program = new Command();
program
  .name("sanso")
  .description("三層 sanso: compliant CDKTF constructs and Rego policy checks for Government Cloud / LGWAN systems")
  .version(pkg.version)
  .option("--debug", "print stack traces for unexpected errors")
  .showHelpAfterError();

registerExtraCommands(program);
registerBuild(program);
registerEval(program);
registerTest(program);

await program.parseAsync(process.argv);
