// `sanso synth [--output dir]`: synthesize the cdktf app of cdktf.json into a cdktf.out directory.

import type { Command } from "commander";
import { synthesize } from "../../check/synth.js";
import { action } from "../errors.js";

export function registerSynth(program: Command): void {
  program
    .command("synth")
    .description("synthesize the cdktf app of cdktf.json (every stack) into a cdktf.out directory, without the cdktf CLI")
    .option("-o, --output <dir>", "output directory (default: cdktf.json \"output\", else cdktf.out)")
    .option("-q, --quiet", "print nothing on success")
    .addHelpText("after", "\nExit codes: 0 synthesized, 1 the app's synth-time checks (SansoChecks) found violations, 2 synthesis failed.")
    .action(action(async (opts: { output?: string; quiet?: boolean }) => {
      const r = await synthesize(opts.output ? { outdir: opts.output } : {});
      // the app's synth-time checks (SansoChecks) printed what they found
      if (r.checks?.failing) return 1;
      if (!opts.quiet) {
        process.stdout.write(`synthesized ${r.stacks.length} stack${r.stacks.length === 1 ? "" : "s"} into ${r.outdir} (${Math.round(r.ms)} ms)\n`);
        for (const s of r.stacks) process.stdout.write(`  ${s}\n`);
      }
      return 0;
    }));
}
