import { execFile, spawnSync } from "node:child_process";
import { join } from "node:path";

export const ROOT = join(import.meta.dirname, "../..");
export const BIN = join(ROOT, "bin/sanso.js");
export const FIXTURES = join(ROOT, "test/fixtures/check");
export const FIXTURE_POLICIES = join(FIXTURES, "policies");
export const EXAMPLES = join(ROOT, "examples");

export interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

/** Builds the CLI bundle once (bin/sanso.js rebuilds it when stale; parallel runs should not race). */
export function buildCli(): void {
  const r = spawnSync(process.execPath, [join(ROOT, "scripts/build-cli.mjs")], { cwd: ROOT, encoding: "utf8" });
  if (r.status !== 0) throw new Error(`build-cli failed: ${r.stderr}`);
}

/** Runs `node bin/sanso.js ...args` as a subprocess (not a TTY: no colour, no progress). */
export function sanso(args: string[], opts: { cwd?: string; env?: Record<string, string> } = {}): Promise<Run> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [BIN, ...args],
      { cwd: opts.cwd ?? ROOT, env: { ...process.env, NO_COLOR: "", FORCE_COLOR: "", ...opts.env }, maxBuffer: 1 << 26, encoding: "utf8", timeout: 120_000 },
      (err, stdout, stderr) => {
        const code = err ? (typeof (err as { code?: unknown }).code === "number" ? ((err as { code: number }).code) : -1) : 0;
        resolve({ code, stdout, stderr });
      },
    );
  });
}
