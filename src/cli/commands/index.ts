// Commands beyond the compiler's (check, synth, policies) register here.
import type { Command } from "commander";

export function registerExtraCommands(program: Command): void {
  void program;
}
