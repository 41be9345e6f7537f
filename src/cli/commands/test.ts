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
      const run = await runRegoTests(src.modules, src.data, { filter: opts.run ? new RegExp(opts.run) : undefined });
      for (const r of run.results) {
        if (!r.passed) console.log(`FAIL ${r.name} (${r.file}): ${r.error}`);
        else if (opts.verbose) console.log(`PASS ${r.name} (${r.ms.toFixed(1)} ms)`);
      }
      if (run.results.length === 0) {
        console.log("no tests found (rules named test_*)");
        return 2;
      }
      console.log(`${run.passed} passed, ${run.failed} failed`);
      return run.failed ? 1 : 0;
    }));
}
