// `sanso test`: runs Rego unit tests (rules named test_*), like `opa test`.

import type { Command } from "commander";
import { loadSources } from "../../rego/sources.js";
import { action, UsageError } from "../errors.js";

export function registerTest(program: Command): void {
  program
    .command("test")
    .description("run Rego unit tests: every rule named test_* must evaluate to true")
    .argument("<paths...>", "Rego files or directories (policies and their *_test.rego files)")
    .option("-r, --run <regex>", "only tests whose name matches")
    .option("-v, --verbose", "print every test, not only failures")
    .action(action(async (paths: string[], opts: { run?: string; verbose?: boolean }) => {
      const { runRegoTests } = await import("../../rego/test-runner.js");
      const src = loadSources(paths, { includeTests: true });
      if (src.modules.length === 0) throw new UsageError(`${paths.join(", ")}: no .rego files found`);
      let filter: RegExp | undefined;
      try { filter = opts.run === undefined ? undefined : new RegExp(opts.run); } catch (e) {
        throw new UsageError(`--run ${opts.run}: ${(e as Error).message}`);
      }
      const run = await runRegoTests(src.modules, src.data, { filter });
      for (const r of run.results) {
        const where = `${r.file}:${r.line}`;
        if (r.status === "fail") console.log(`FAIL ${r.name} (${where}): ${r.error}`);
        else if (r.status === "error") console.log(`ERROR ${r.name} (${where}): ${r.error}`);
        else if (!opts.verbose) continue;
        else if (r.status === "pass") console.log(`PASS ${r.name} (${r.ms.toFixed(1)} ms)`);
        else console.log(`SKIP ${r.name} (${where})`);
        // print() output, under its test: always for a failure or an error, for every test with -v
        for (const line of r.output) console.log(`  ${line}`);
      }
      if (run.results.length === 0) {
        console.log("no tests found (rules named test_*)");
        return 2;
      }
      const extra = [run.errored ? `${run.errored} errored` : "", run.skipped ? `${run.skipped} skipped` : ""].filter(Boolean);
      console.log([`${run.passed} passed, ${run.failed} failed`, ...extra].join(", "));
      return run.failed || run.errored ? 1 : 0;
    }));
}
