// Commands beyond the compiler's (init, check, synth, policies) register here.
import type { Command } from "commander";
import { registerCheck } from "./check.js";
import { registerInit } from "./init.js";
import { registerPolicies } from "./policies.js";
import { registerSynth } from "./synth.js";

export function registerExtraCommands(program: Command): void {
  registerInit(program);
  registerCheck(program);
  registerSynth(program);
  registerPolicies(program);
}
