/**
 * The examples the READMEs show are real: each is synthesized as a user's app (importing
 * `sanso/constructs`) and `sanso check` finds nothing in it.
 */
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { buildCli, ROOT, sanso } from "../cli/helpers.js";
import { linkModules } from "../cli/project.js";
import { tempDir } from "../tmp.js";

/** The first ```ts block after `heading` in a markdown file. */
function example(file: string, heading: string): string {
  const text = readFileSync(join(ROOT, file), "utf8");
  const at = text.indexOf(heading);
  if (at < 0) throw new Error(`${file}: no heading ${heading}`);
  const m = /```ts\n([\s\S]*?)```/.exec(text.slice(at));
  if (!m) throw new Error(`${file}: no ts example after ${heading}`);
  return m[1]!;
}

beforeAll(() => buildCli());

describe("README examples", () => {
  for (const [file, heading] of [
    ["README.md", "## Constructs"],
    ["constructs/README.md", "# sanso constructs"],
  ] as const) {
    it(`${file} (${heading}): synthesizes and checks clean`, async () => {
      const project = tempDir("sanso-example-");
      mkdirSync(project, { recursive: true });
      writeFileSync(join(project, "package.json"), JSON.stringify({ name: "example", private: true, type: "module" }));
      writeFileSync(join(project, "main.ts"), example(file, heading));
      writeFileSync(join(project, "cdktf.json"), JSON.stringify({ language: "typescript", app: "npx tsx main.ts" }));
      linkModules(project);
      const r = await sanso(["check", "-f", "json"], { cwd: project });
      expect(r.code, r.stdout.slice(0, 2000) + r.stderr).toBe(0);
      expect((JSON.parse(r.stdout) as { findings: unknown[] }).findings).toEqual([]);
    });
  }
});
