/**
 * Temporary directories for tests: `tempDir("sanso-x-")` makes one under `os.tmpdir()` and records
 * it; test/setup/cleanup.ts removes the recorded ones after each test file (afterAll). The run's
 * whole temporary directory is removed at its end as well (test/setup/tmpdir.ts).
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

const made: string[] = [];

/** A new empty directory `<tmpdir>/<prefix>XXXXXX`, removed after the test file. */
export function tempDir(prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  made.push(dir);
  return dir;
}

/** Removes the directories made by {@link tempDir} so far. */
export function removeTempDirs(): void {
  for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
}
