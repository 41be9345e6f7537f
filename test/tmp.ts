/**
 * Temporary directories for tests: `tempDir("sanso-x-")` makes one under `os.tmpdir()` and records
 * it; test/setup/cleanup.ts removes the recorded ones after each test file (afterAll). The run's
 * whole temporary directory is removed at its end as well (test/setup/tmpdir.ts).
 */
import { mkdtempSync } from "node:fs";
import { rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";

const made: string[] = [];

/** A new empty directory `<tmpdir>/<prefix>XXXXXX`, removed after the test file. */
export function tempDir(prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  made.push(dir);
  return dir;
}

/**
 * Removes the directories made by {@link tempDir} so far. Asynchronously: a directory with an
 * installed node_modules (the package test's) takes a while, and a worker blocked that long misses
 * vitest's calls.
 */
export async function removeTempDirs(): Promise<void> {
  await Promise.all(made.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
}
