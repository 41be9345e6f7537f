/**
 * `npm run bench -- --startup`: how long `sanso check` takes on a small plan as a user's project
 * runs it — `node node_modules/.bin/sanso check plan.json` — from the packed tarball installed
 * with --ignore-scripts into a fresh project (built-in policies prebuilt: nothing compiles).
 * Target (issue 8, 2 cores): <= 400 ms.
 */
import { execFileSync, spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

const TARGET_MS = 400;

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

/** Wall-clock milliseconds of each of `runs` runs of a command (after one warm-up run). */
function time(args: string[], cwd: string, runs: number): number[] {
  const out: number[] = [];
  for (let i = 0; i <= runs; i++) {
    const t0 = performance.now();
    const r = spawnSync(process.execPath, args, { cwd, stdio: ["ignore", "ignore", "pipe"] });
    const ms = performance.now() - t0;
    if (r.status !== 0 && r.status !== 1) throw new Error(`${args.join(" ")} failed (exit ${r.status}): ${r.stderr}`);
    if (i > 0) out.push(ms);
  }
  return out;
}

export async function benchStartup(root: string, smallPlan: object, runs = 10): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), "sanso-bench-startup-"));
  try {
    const packed = JSON.parse(execFileSync("npm", ["pack", "--json", "--loglevel=error", "--pack-destination", dir], { cwd: root, encoding: "utf8" })) as Array<{ filename: string }>;
    const app = join(dir, "app");
    mkdirSync(app);
    writeFileSync(join(app, "package.json"), JSON.stringify({ name: "bench-app", private: true, type: "module" }));
    execFileSync("npm", ["install", "--ignore-scripts", "--prefer-offline", "--no-audit", "--no-fund", "--loglevel=error", join(dir, packed[0]!.filename)], { cwd: app, stdio: "inherit" });
    const plan = join(dir, "plan.json");
    writeFileSync(plan, JSON.stringify(smallPlan));
    const bin = join(app, "node_modules/.bin/sanso");
    const version = time([bin, "--version"], app, runs);
    const check = time([bin, "check", plan, "--format", "json", "--quiet"], app, runs);
    const bare = time(["-e", "0"], app, runs);
    const resources = ((smallPlan as { resource_changes?: unknown[] }).resource_changes ?? []).length;
    console.log(`start-up, installed from the tarball (${runs} runs after a warm-up, median / best):`);
    console.log(`  node -e 0                                      ${median(bare).toFixed(0)} / ${Math.min(...bare).toFixed(0)} ms`);
    console.log(`  node node_modules/.bin/sanso --version          ${median(version).toFixed(0)} / ${Math.min(...version).toFixed(0)} ms`);
    console.log(`  node node_modules/.bin/sanso check plan.json    ${median(check).toFixed(0)} / ${Math.min(...check).toFixed(0)} ms  (${resources} resources, -f json -q)`);
    console.log(`  target small-plan check <= ${TARGET_MS} ms: ${median(check).toFixed(0)} ms ${median(check) <= TARGET_MS ? "OK" : "MISSED"}`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
