// Commands beyond the compiler's (init, check, synth, policies, normalize, lint) register here.
import type { Command } from "commander";
import { registerCapabilities } from "./capabilities.js";
import { registerCheck } from "./check.js";
import { registerInit } from "./init.js";
import { registerLint } from "./lint.js";
import { registerNormalize } from "./normalize.js";
import { registerPolicies } from "./policies.js";
import { registerSynth } from "./synth.js";

export function registerExtraCommands(program: Command): void {
  registerInit(program);
  registerCheck(program);
  registerSynth(program);
  registerPolicies(program);
  registerNormalize(program);
  registerCapabilities(program);
  registerLint(program);
}
