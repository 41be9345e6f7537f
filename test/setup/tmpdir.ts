/**
 * vitest globalSetup: the run's temporary files go into one directory, removed when the run ends.
 * The tests remove what they make themselves; this catches what they cannot name, such as the empty
 * `cdktf.outdir.*` that cdktf's `Testing.app()` makes for every app (under `os.tmpdir()`), and what a
 * failing test leaves behind. TMPDIR is set before the workers start, so the workers and every
 * process they spawn (the `sanso` command, npm in the package test) inherit it.
 */
import { mkdtempSync } from "node:fs";
import { rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";

export default function setup(): () => Promise<void> {
  const previous = process.env.TMPDIR;
  const dir = mkdtempSync(join(tmpdir(), "sanso-vitest-"));
  process.env.TMPDIR = dir;
  return async () => {
    if (previous === undefined) delete process.env.TMPDIR;
    else process.env.TMPDIR = previous;
    await rm(dir, { recursive: true, force: true });
  };
}
