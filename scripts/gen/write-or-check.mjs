// The last step of every generator: write the file, or with --check fail when the committed one
// is not what the generator would write now (test/input/generated-fresh.test.ts runs --check).
import { readFileSync, writeFileSync } from "node:fs";

/** Writes `text` to `target`, or checks it (`--check`); `summary` is printed after writing. */
export function writeOrCheck(target, text, { stale, summary }) {
  if (!process.argv.includes("--check")) {
    writeFileSync(target, text);
    console.log(`wrote ${target}${summary ? `: ${summary}` : ""}`);
    return;
  }
  let current = "";
  try {
    current = readFileSync(target, "utf8");
  } catch {
    /* missing: stale */
  }
  if (current !== text) {
    console.error(`${target} is stale: ${stale}`);
    process.exit(1);
  }
  console.log(`${target} is up to date`);
}
