// `sanso normalize <inputs...>`: the document the policies read (src/input), for `sanso eval -i`,
// for policy unit-test data, and to see what a rule sees.

import type { Command } from "commander";
import { parseZone, loadInputs } from "../../input/index.js";
import { assertSafeInvocation } from "../../check/guard.js";
import { writeReports } from "../../check/write-report.js";
import { action, UsageError } from "../errors.js";

interface NormalizeOptions {
  stack?: string;
  zone?: string;
  output?: string;
}

export function registerNormalize(program: Command): void {
  program
    .command("normalize")
    .description("print the normalized input the policies read, for cdktf.out, cdk.tf.json or `terraform show -json` plans")
    .argument("<inputs...>", "cdktf.out directory, cdk.tf.json, or plan JSON")
    .option("--stack <name>", "only this stack (a cdktf.out has one document per stack)")
    .option("--zone <zone>", "zone of resources without a sanso:zone tag: mynumber, lgwan, internet")
    .option("-o, --output <file>", "write to a file instead of standard output")
    .addHelpText(
      "after",
      `
One input (or --stack): the document; several: a JSON array of them.

Example:
  sanso normalize cdktf.out --stack gcas-jumin -o input.json
  sanso eval -d node_modules/sanso/policies -i input.json 'data.sanso.main.findings'`,
    )
    .action(action(async (inputs: string[], opts: NormalizeOptions) => {
      const zone = opts.zone === undefined ? undefined : parseZone(opts.zone);
      if (opts.zone !== undefined && !zone) throw new UsageError(`--zone must be mynumber, lgwan or internet, not "${opts.zone}"`);
      assertSafeInvocation({ inputs, outputs: [opts.output ?? null] });
      let docs = await loadInputs(inputs, zone ? { defaultZone: zone } : {});
      if (opts.stack !== undefined) {
        docs = docs.filter((d) => d.stack === opts.stack);
        if (docs.length === 0) throw new UsageError(`--stack ${opts.stack}: no such stack in ${inputs.join(", ")}`);
      }
      const text = `${JSON.stringify(docs.length === 1 ? docs[0] : docs, null, 2)}\n`;
      process.exitCode = 0;
      if (opts.output) writeReports([{ path: opts.output, text, format: "normalized input" }]);
      else process.stdout.write(text);
      return 0;
    }));
}
