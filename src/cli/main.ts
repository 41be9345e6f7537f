// The `sanso` command line (commander). Each command lives in ./commands and registers itself.

import { Command, CommanderError } from "commander";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { packageRoot } from "../rego/util/package-root.js";
import { registerBuild } from "./commands/build.js";
import { registerEval } from "./commands/eval.js";
import { registerTest } from "./commands/test.js";
import { registerExtraCommands } from "./commands/index.js";

const pkg = JSON.parse(readFileSync(join(packageRoot(), "package.json"), "utf8")) as { version: string };

// A closed pipe (`sanso check … | head`) ends the run quietly with its own exit code, which the
// commands set before they write their output.
for (const stream of [process.stdout, process.stderr]) {
  stream.on("error", (e: NodeJS.ErrnoException) => {
    if (e.code === "EPIPE") process.exit();
    throw e;
  });
}

const program = new Command();
program
  .name("sanso")
  .description("三層 sanso: compliant CDKTF constructs and Rego policy checks for Government Cloud / LGWAN systems")
  .version(pkg.version)
  .option("--debug", "print stack traces for unexpected errors, and the output of print() in policies during sanso check")
  // usage errors are exit 2 (1 means findings) with one line: set before the commands, which inherit it
  .exitOverride()
  .configureOutput({
    outputError: (message, write) => write(`sanso: ${message.trim().replace(/^error: /, "").replace(/\s*\n\s*/g, " ")} (see --help)\n`),
  });

registerExtraCommands(program);
registerBuild(program);
registerEval(program);
registerTest(program);

try {
  await program.parseAsync(process.argv);
} catch (e) {
  if (!(e instanceof CommanderError)) throw e;
  // --help and --version end with 0; a usage error (already printed) with 2
  process.exitCode = e.exitCode === 0 ? 0 : 2;
}
