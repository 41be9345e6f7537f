/**
 * A short fuzzing run on every `npm test`, with fixed seeds so that the suite is repeatable (the
 * long run with fresh seeds is `npm run fuzz`): mutated Rego sources parse or fail with a
 * positioned error; mutants that parse compile (every rule an entrypoint) or fail with one, and
 * what compiles evaluates to a result or an evaluation error, never a trap; mutated plans and
 * cdk.tf.json normalize or fail with an error naming the file.
 */
import fc from "fast-check";
import { describe, it } from "vitest";
import { checkCompileAndEval, inputArb, inputCorpus, jsonInputArb, normalizeOrClearError, parseOrClearError, regoCorpus, regoTextArb } from "./properties.js";

const rego = regoCorpus();
const inputs = inputCorpus();

describe("fuzzing (short run, fixed seeds)", () => {
  it("Rego parser: a module or a positioned error, for mutated sources", () => {
    fc.assert(fc.property(regoTextArb(rego), (text) => void parseOrClearError(text)), { numRuns: 1500, seed: 20261205 });
  });

  it("Rego compiler and runtime: a module or a positioned error; a result or an evaluation error", async () => {
    await fc.assert(fc.asyncProperty(regoTextArb(rego, 1), jsonInputArb, checkCompileAndEval), { numRuns: 120, seed: 20261205 });
  });

  it("input normalizer: a document or an error naming the file, for mutated plans and cdk.tf.json", () => {
    fc.assert(fc.property(inputArb(inputs), ({ doc }) => normalizeOrClearError(doc)), { numRuns: 600, seed: 20261205 });
  });
});
