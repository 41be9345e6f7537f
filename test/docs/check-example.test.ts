/**
 * The example run in docs/check.md is real: the documented command on this repository's app
 * prints every line the example shows (the `…` lines mark what the example leaves out; the
 * policy bundle's hash in the header changes with the policies and is not compared).
 */
import { mkdtempSync, readFileSync, rmSync, symlinkSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, expect, it } from "vitest";
import { synthApp } from "../../stacks/app.js";
import { buildCli, ROOT, sanso } from "../cli/helpers.js";

const dir = mkdtempSync(join(tmpdir(), "sanso-doc-example-"));
beforeAll(() => {
  buildCli();
  // the documented command names examples/… relative to the repository root
  symlinkSync(join(ROOT, "examples"), join(dir, "examples"));
  synthApp(join(dir, "cdktf.out"));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** The ```text block after `heading`, and the command in backquotes before it. */
function example(heading: string): { command: string; lines: string[] } {
  const text = readFileSync(join(ROOT, "docs/check.md"), "utf8");
  const at = text.indexOf(heading);
  const rest = text.slice(at);
  const command = /`(sanso check [^`]+)`/.exec(rest)![1]!;
  const block = /```text\n([\s\S]*?)```/.exec(rest)![1]!;
  return { command, lines: block.split("\n") };
}

it("docs/check.md's example is what the documented command prints", async () => {
  const { command, lines } = example("## Example");
  const args = command.split(/\s+/).slice(1);
  const r = await sanso([...args, "--no-color"], { cwd: dir, env: { COLUMNS: "200" } });
  expect(r.code).toBe(1);
  const out = new Set(r.stdout.split("\n").map((l) => l.trimEnd()));
  const shown = lines.map((l) => l.trimEnd()).filter((l) => l !== "" && l.trim() !== "…" && !/sha256:/.test(l));
  expect(shown.length).toBeGreaterThan(5);
  for (const l of shown) expect(out.has(l), `not in the real output: ${l}\n\n${r.stdout.slice(0, 3000)}`).toBe(true);
  // the English summary quoted after the example
  const en = await sanso([...args, "--no-color", "--lang", "en"], { cwd: dir });
  const doc = readFileSync(join(ROOT, "docs/check.md"), "utf8");
  const quoted = /\(`(Result: [^`]+)`\)/.exec(doc)![1]!;
  expect(en.stdout.split("\n").map((l) => l.trim())).toContain(quoted);
}, 180_000);
