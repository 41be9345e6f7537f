/**
 * CONTRIBUTING.md stays true: every repository path its recipes name (in backquotes) exists.
 */
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ROOT } from "../cli/helpers.js";

describe("CONTRIBUTING.md", () => {
  it("names only files and folders that exist", () => {
    const text = readFileSync(join(ROOT, "CONTRIBUTING.md"), "utf8");
    const paths = [...text.matchAll(/`((?:policies|src|test|constructs|stacks|scripts)\/[^`\s]*)`/g)]
      .map((m) => m[1]!)
      .filter((p) => !/[<>*]|NN/.test(p)); // patterns such as artNN_<topic>.rego
    expect(paths.length).toBeGreaterThan(20);
    const missing = paths.filter((p) => !existsSync(join(ROOT, p)));
    expect(missing).toEqual([]);
  });
});
