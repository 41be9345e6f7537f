// Commands beyond the compiler's (check, synth, policies) register here.
import type { Command } from "commander";
import { registerCheck } from "./check.js";
import { registerPolicies } from "./policies.js";
import { registerSynth } from "./synth.js";

export function registerExtraCommands(program: Command): void {
  registerCheck(program);
  registerSynth(program);
  registerPolicies(program);
}
