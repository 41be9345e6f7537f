/**
 * Synthesizes the cdktf app of a project (its `cdktf.json`) into a cdktf.out directory, for
 * `sanso synth` and for `sanso check` without inputs. sanso's own app (stacks/) is synthesized
 * in-process with `synthApp`; another project's app runs as its `app` command with
 * CDKTF_OUTDIR set, as the cdktf CLI does.
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, realpathSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { CheckError } from "./errors.js";
import { PACKAGE_ROOT } from "./policy.js";

export interface SynthResult {
  outdir: string;
  stacks: string[];
  /** What the app's synth-time checks (SansoChecks) found, when the app uses them. */
  checks?: { failing: boolean; findings: number; problems: number };
  /** true: sanso's own app, synthesized in-process. */
  inProcess: boolean;
  ms: number;
}

function real(p: string): string {
  try {
    return realpathSync(p);
  } catch {
    return resolve(p);
  }
}

/** Reads `cdktf.json` in `cwd`: the app command and the output directory it names. */
export function readCdktfJson(cwd: string): { file: string; app: string; output?: string } {
  const file = join(cwd, "cdktf.json");
  if (!existsSync(file)) {
    throw new CheckError(file, "no inputs were given and there is no cdktf.json here to synthesize; pass a cdktf.out directory, a cdk.tf.json or a `terraform show -json` plan");
  }
  let doc: unknown;
  try {
    doc = JSON.parse(readFileSync(file, "utf8").replace(/^\uFEFF/, ""));
  } catch (e) {
    throw new CheckError(file, `malformed cdktf.json: ${(e as Error).message}`);
  }
  const d = doc as Record<string, unknown>;
  if (!d || typeof d !== "object" || typeof d.app !== "string" || !d.app.trim()) {
    throw new CheckError(file, 'malformed cdktf.json: no "app" command');
  }
  return { file, app: d.app, ...(typeof d.output === "string" && d.output ? { output: d.output } : {}) };
}

/** Names shared with SansoChecks (constructs/sanso-checks.ts): `off` disables them; a file for their outcome. */
const SYNTH_CHECKS_ENV = "SANSO_SYNTH_CHECKS";
const SYNTH_STATUS_ENV = "SANSO_SYNTH_STATUS";

function readStatus(file: string): SynthResult["checks"] {
  try {
    return JSON.parse(readFileSync(file, "utf8")) as SynthResult["checks"];
  } catch {
    return undefined; // the app does not use SansoChecks
  } finally {
    rmSync(dirname(file), { recursive: true, force: true });
  }
}

/**
 * Synthesizes the app of the cdktf project in `cwd` into `outdir` (default: cdktf.json `output` or
 * cdktf.out). `checks: false` turns the app's synth-time checks (SansoChecks) off: sanso check
 * evaluates the output itself. When they fail synth, the result says so (they print the list).
 */
export async function synthesize(opts: { cwd?: string; outdir?: string; checks?: boolean } = {}): Promise<SynthResult> {
  const cwd = opts.cwd ?? process.cwd();
  const cfg = readCdktfJson(cwd);
  const outdir = resolve(cwd, opts.outdir ?? cfg.output ?? "cdktf.out");
  const t0 = performance.now();
  try {
    mkdirSync(outdir, { recursive: true });
  } catch (e) {
    throw new CheckError(outdir, `cannot create the output directory: ${(e as Error).message}`);
  }
  const own = real(cwd) === real(PACKAGE_ROOT) && /(^|[\s/])stacks\/main\.ts\b/.test(cfg.app);
  const statusFile = join(mkdtempSync(join(tmpdir(), "sanso-synth-")), "status.json");
  const env: Record<string, string> = { [SYNTH_STATUS_ENV]: statusFile, ...(opts.checks === false ? { [SYNTH_CHECKS_ENV]: "off" } : {}) };
  if (own) {
    // Loaded through tsx at run time (not bundled into the CLI, which would load cdktf and the
    // provider for every command).
    const { tsImport } = await import("tsx/esm/api");
    const mod = (await tsImport(pathToFileURL(join(PACKAGE_ROOT, "stacks/app.ts")).href, import.meta.url)) as { synthApp: (outdir: string) => string[] };
    let stacks: string[] = [];
    const saved = Object.fromEntries(Object.keys(env).map((k) => [k, process.env[k]]));
    Object.assign(process.env, env);
    try {
      stacks = mod.synthApp(outdir);
    } catch (e) {
      // SansoChecks (throwOnFailure in stacks/app.ts) print nothing themselves in that mode
      if ((e as Error).name === "SansoChecksFailure") process.stderr.write((e as Error).message);
      else throw new CheckError(cfg.file, `synthesis of the app failed: ${(e as Error).message}`);
    } finally {
      for (const [k, v] of Object.entries(saved)) {
        if (v === undefined) delete process.env[k];
        else process.env[k] = v;
      }
    }
    const checks = readStatus(statusFile);
    return { outdir, stacks, inProcess: true, ms: performance.now() - t0, ...(checks ? { checks } : {}) };
  }
  const r = spawnSync(cfg.app, {
    cwd,
    shell: true,
    stdio: ["ignore", "inherit", "inherit"],
    env: { ...process.env, ...env, CDKTF_OUTDIR: outdir },
  });
  if (r.error) throw new CheckError(cfg.file, `cannot run the app command \`${cfg.app}\`: ${r.error.message}`);
  const checks = readStatus(statusFile);
  if (r.status !== 0 && !checks?.failing) throw new CheckError(cfg.file, `the app command \`${cfg.app}\` failed (exit ${r.status ?? r.signal})`);
  const manifest = join(outdir, "manifest.json");
  if (!existsSync(manifest)) throw new CheckError(outdir, `the app command \`${cfg.app}\` wrote no manifest.json`);
  let stacks: string[] = [];
  try {
    stacks = Object.keys((JSON.parse(readFileSync(manifest, "utf8")) as { stacks?: object }).stacks ?? {}).sort();
  } catch {
    /* loadInputs reports a malformed manifest */
  }
  return { outdir, stacks, inProcess: false, ms: performance.now() - t0, ...(checks ? { checks } : {}) };
}
