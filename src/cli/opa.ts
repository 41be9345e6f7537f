// Locates an `opa` binary on PATH, for `--compiler opa`.
import { spawnSync } from "node:child_process";

export function opaBinary(): string | undefined {
  const r = spawnSync("opa", ["version"], { encoding: "utf8" });
  return r.status === 0 ? "opa" : undefined;
}
