/**
 * `npm run bench -- --synth`: what SansoChecks adds to synthesis. The four reference stacks are
 * synthesized in a fresh process with the synth-time checks on and off (SANSO_SYNTH_CHECKS=off),
 * alternately, and the medians compared. Target (issue 10, 2 cores): <= 300 ms added.
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

const TARGET_MS = 300;

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

export function benchSynth(root: string, runs = 5): void {
  const dir = mkdtempSync(join(tmpdir(), "sanso-bench-synth-"));
  const time = (checks: boolean): number => {
    const t0 = performance.now();
    const r = spawnSync(process.execPath, ["--import", "tsx", join(root, "scripts/bench-synth-app.ts"), join(dir, "out")], {
      cwd: root,
      env: { ...process.env, ...(checks ? {} : { SANSO_SYNTH_CHECKS: "off" }) },
      stdio: ["ignore", "ignore", "pipe"],
      encoding: "utf8",
    });
    const ms = performance.now() - t0;
    if (r.status !== 0 && r.status !== 1) throw new Error(`synthesis failed (exit ${r.status}): ${r.stderr}`);
    return ms;
  };
  try {
    time(true); // warm-up: compiles and caches the policies when the prebuilt bundle is stale
    const on: number[] = [];
    const off: number[] = [];
    for (let i = 0; i < runs; i++) {
      on.push(time(true));
      off.push(time(false));
    }
    const added = median(on) - median(off);
    console.log(`synth of the four reference stacks in a fresh process (${runs} runs each, alternating, median / best):`);
    console.log(`  SansoChecks off   ${median(off).toFixed(0)} / ${Math.min(...off).toFixed(0)} ms`);
    console.log(`  SansoChecks on    ${median(on).toFixed(0)} / ${Math.min(...on).toFixed(0)} ms  (all four stacks checked, one worker thread)`);
    console.log(`  target added <= ${TARGET_MS} ms: ${added.toFixed(0)} ms ${added <= TARGET_MS ? "OK" : "MISSED"}`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
