// `sanso capabilities`: the builtins (and language features) sanso's Rego compiler supports, in
// OPA's capabilities JSON format, e.g. for `opa check --capabilities` or to compare with
// `opa capabilities --current`.

import type { Command } from "commander";
import { capabilities } from "../../rego/bundle/capabilities.js";
import { action } from "../errors.js";

export function registerCapabilities(program: Command): void {
  program
    .command("capabilities")
    .description("print the builtins and features sanso's Rego compiler supports, in OPA's capabilities JSON format")
    .option("--names", "print only the builtin names, one a line")
    .action(
      action(async (opts: { names?: boolean }) => {
        const caps = capabilities();
        process.stdout.write(opts.names ? caps.builtins.map((b) => b.name).join("\n") + "\n" : `${JSON.stringify(caps, null, 2)}\n`);
        return 0;
      }),
    );
}
