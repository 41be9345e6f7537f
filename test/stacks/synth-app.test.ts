import { execFileSync } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { STACK_NAMES, synthApp } from "../../stacks/app.js";
import { buildCli } from "../cli/helpers.js";

const root = join(dirname(fileURLToPath(import.meta.url)), "../..");
const dirs: string[] = [];
const tempDir = () => {
  const d = mkdtempSync(join(tmpdir(), "sanso-synth-"));
  dirs.push(d);
  return d;
};
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

beforeAll(() => buildCli()); // synthApp checks the stacks at synth (SansoChecks runs dist/js/synth-worker.js)

describe("synthApp", () => {
  it("writes manifest.json and stacks/<name>/cdk.tf.json for all four stacks", () => {
    const out = tempDir();
    const names = synthApp(out);
    expect(names).toEqual([...STACK_NAMES]);
    const manifest = JSON.parse(readFileSync(join(out, "manifest.json"), "utf8"));
    expect(Object.keys(manifest.stacks).sort()).toEqual([...STACK_NAMES].sort());
    for (const name of STACK_NAMES) {
      const entry = manifest.stacks[name];
      expect(entry.synthesizedStackPath).toBe(`stacks/${name}/cdk.tf.json`);
      const config = JSON.parse(readFileSync(join(out, entry.synthesizedStackPath), "utf8"));
      expect(Object.keys(config.resource).length).toBeGreaterThan(10);
      // construct paths are kept for findings ("source.construct")
      const [first] = Object.values<any>(Object.values<any>(config.resource)[0]);
      expect(first["//"].metadata.path.startsWith(`${name}/`)).toBe(true);
    }
    expect(readdirSync(join(out, "stacks")).sort()).toEqual([...STACK_NAMES].sort());
  });

  it("runs as the cdktf app (npx tsx stacks/main.ts) honouring CDKTF_OUTDIR", () => {
    const out = tempDir();
    execFileSync(process.execPath, [join(root, "node_modules/tsx/dist/cli.mjs"), join(root, "stacks/main.ts")], {
      cwd: root,
      env: { ...process.env, CDKTF_OUTDIR: out },
      stdio: "pipe",
    });
    const manifest = JSON.parse(readFileSync(join(out, "manifest.json"), "utf8"));
    expect(Object.keys(manifest.stacks).sort()).toEqual([...STACK_NAMES].sort());
  });

  it("cdktf.json names the app", () => {
    const cfg = JSON.parse(readFileSync(join(root, "cdktf.json"), "utf8"));
    expect(cfg).toMatchObject({ language: "typescript", app: "npx tsx stacks/main.ts" });
  });
});
