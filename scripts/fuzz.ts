/**
 * `npm run fuzz`: the fuzzing properties of test/fuzz/properties.ts on many fresh random inputs
 * (the suite runs them briefly, with fixed seeds). Prints, per target, the inputs tried, how many
 * got how far, the time, and every failure with its seed and shrunk counterexample (to be kept
 * as a regression test).
 *
 *   npm run fuzz                          # 100,000 inputs: parser 60k, normalizer 35k, compiler+runtime 5k
 *   npm run fuzz -- --runs 10000          # scaled to another total
 *   npm run fuzz -- --seed 42             # repeat a run
 */
import fc from "fast-check";
import { checkCompileAndEval, inputArb, inputCorpus, jsonInputArb, normalizeOrClearError, parseOrClearError, regoCorpus, regoTextArb } from "../test/fuzz/properties.ts";

const arg = (name: string) => {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
};
const total = Number(arg("--runs") ?? 100_000);
const seed = arg("--seed") !== undefined ? Number(arg("--seed")) : Date.now() % 2 ** 31;
const share = { parser: 0.6, normalizer: 0.35, compiler: 0.05 };

const rego = regoCorpus();
const inputs = inputCorpus();
console.log(`sanso fuzz — ${total} inputs, seed ${seed}; corpus: ${rego.length} Rego sources, ${inputs.length} plans / cdk.tf.json`);

let failures = 0;
async function run(name: string, runs: number, prop: fc.IProperty<never> | fc.IAsyncProperty<never>, counts: Record<string, number>): Promise<void> {
  const t0 = performance.now();
  const details = await fc.check(prop as fc.IAsyncProperty<never>, { numRuns: runs, seed, endOnFailure: true });
  const s = ((performance.now() - t0) / 1000).toFixed(1);
  const extra = Object.entries(counts).map(([k, v]) => `${k} ${v}`).join(", ");
  if (details.failed) {
    failures++;
    console.log(`  ${name.padEnd(22)} FAILED after ${details.numRuns} runs (${s} s; ${extra})`);
    console.log(`    seed ${details.seed}, path ${details.counterexamplePath}`);
    let shown: string;
    try {
      shown = JSON.stringify(details.counterexample)?.slice(0, 2000) ?? "";
    } catch (e) {
      shown = `(not printable: ${(e as Error).message})`;
    }
    console.log(`    counterexample: ${shown}`);
    console.log(`    error: ${String((details.errorInstance as Error | undefined)?.stack ?? details.errorInstance).slice(0, 2000)}`);
  } else {
    console.log(`  ${name.padEnd(22)} ${String(details.numRuns).padStart(7)} inputs, no failure (${s} s; ${extra})`);
  }
}

const parseCounts = { parsed: 0 };
await run(
  "Rego parser",
  Math.round(total * share.parser),
  fc.property(regoTextArb(rego), (text) => {
    if (parseOrClearError(text)) parseCounts.parsed++;
  }) as never,
  parseCounts,
);
const normCounts = { normalized: 0 };
await run(
  "input normalizer",
  Math.round(total * share.normalizer),
  fc.property(inputArb(inputs), ({ doc }) => {
    normalizeOrClearError(doc);
    normCounts.normalized++;
  }) as never,
  normCounts,
);
await run("Rego compiler+runtime", Math.round(total * share.compiler), fc.asyncProperty(regoTextArb(rego, 1), jsonInputArb, checkCompileAndEval) as never, {});
process.exitCode = failures ? 1 : 0;
