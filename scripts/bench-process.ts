/**
 * `npm run bench -- --process`: `sanso check PLAN --format json --quiet` as a user runs it (one
 * process, start-up included) against a bare `JSON.parse` of the same file in the same run, on
 * plans of both shapes: compact (only what is set) and real-shaped (scripts/bench-real-shape.ts:
 * every schema attribute, nine resources in ten unchanged — what `terraform show -json` writes).
 *
 * Targets (issue 11, 2 cores), on the real-shaped plans:
 *   15k resources: check <= 2.5x the bare JSON.parse;  50k <= 3.5x the 15k;  peak RSS at 50k <= 700 MB.
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { realShapedPlan } from "./bench-real-shape.ts";

interface Timed {
  ms: number;
  peakRssMB: number;
}

/** Best wall-clock time and the peak RSS of that run, of `runs` runs of `node args`. */
function best(root: string, args: string[], runs: number): Timed {
  let out: Timed | undefined;
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    const r = spawnSync(process.execPath, ["--require", join(root, "scripts/bench-rss.cjs"), ...args], { cwd: root, encoding: "utf8", stdio: ["ignore", "ignore", "pipe"], maxBuffer: 1 << 26 });
    const ms = performance.now() - t0;
    if (r.status !== 0 && r.status !== 1) throw new Error(`node ${args.join(" ")} failed (exit ${r.status}): ${r.stderr}`);
    const rss = /SANSO_BENCH_PEAK_RSS_KB (\d+)/.exec(r.stderr);
    const t = { ms, peakRssMB: rss ? Number(rss[1]) / 1024 : NaN };
    if (!out || t.ms < out.ms) out = t;
  }
  return out!;
}

export interface ProcessRow {
  shape: "compact" | "real";
  resources: number;
  fileMB: number;
  parse: Timed;
  check: Timed;
}

export function benchProcess(root: string, syntheticPlan: (n: number) => Record<string, unknown>, sizes: number[], runs: number): ProcessRow[] {
  const dir = mkdtempSync(join(tmpdir(), "sanso-bench-process-"));
  const bin = join(root, "bin/sanso.js");
  // a first run outside the measurement: in a clone bin/sanso.js rebuilds dist/js when stale
  spawnSync(process.execPath, [bin, "--version"], { cwd: root, stdio: "ignore" });
  const rows: ProcessRow[] = [];
  console.log(`sanso check as a process vs a bare JSON.parse of the same file (best of ${runs}; start-up included)`);
  const header = ["shape", "resources", "file MB", "JSON.parse ms", "check ms", "ratio", "check peak RSS MB"];
  console.log(header.map((h) => h.padStart(10)).join("  "));
  try {
    for (const shape of ["compact", "real"] as const) {
      for (const n of sizes) {
        const file = join(dir, `${shape}-${n}.json`);
        const plan = syntheticPlan(n);
        // terraform show -json writes one line
        writeFileSync(file, JSON.stringify(shape === "real" ? realShapedPlan(plan) : plan));
        const parse = best(root, ["-e", `JSON.parse(require("node:fs").readFileSync(${JSON.stringify(file)}, "utf8"))`], runs);
        const check = best(root, [bin, "check", file, "--format", "json", "--quiet"], runs);
        const row = { shape, resources: n, fileMB: statSync(file).size / 1e6, parse, check };
        rows.push(row);
        console.log([shape, String(n), row.fileMB.toFixed(1), parse.ms.toFixed(0), check.ms.toFixed(0), `${(check.ms / parse.ms).toFixed(2)}x`, check.peakRssMB.toFixed(0)].map((c) => c.padStart(10)).join("  "));
        rmSync(file);
      }
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  const real = (n: number) => rows.find((r) => r.shape === "real" && r.resources === n);
  const r15 = real(15000);
  const r50 = real(50000);
  const verdict = (ok: boolean) => (ok ? "OK" : "MISSED");
  console.log("");
  if (r15) console.log(`  target real-shaped 15k: check <= 2.5x JSON.parse: ${(r15.check.ms / r15.parse.ms).toFixed(2)}x ${verdict(r15.check.ms <= 2.5 * r15.parse.ms)}`);
  if (r15 && r50) console.log(`  target real-shaped 50k <= 3.5x the 15k: ${(r50.check.ms / r15.check.ms).toFixed(2)}x ${verdict(r50.check.ms <= 3.5 * r15.check.ms)}`);
  if (r50) console.log(`  target peak RSS at 50k real-shaped <= 700 MB: ${r50.check.peakRssMB.toFixed(0)} MB ${verdict(r50.check.peakRssMB <= 700)}`);
  return rows;
}
