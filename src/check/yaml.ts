import { readFileSync, statSync } from "node:fs";
import { createRequire } from "node:module";

// Required on first use: most runs read no YAML file, and loading the library costs ~40 ms of
// every start (the `sanso` command's start-up budget is 400 ms).
let yamlLib: typeof import("yaml") | undefined;
const YAML = () => (yamlLib ??= createRequire(import.meta.url)("yaml") as typeof import("yaml"));
import { CheckError } from "./errors.js";

function ioProblem(e: unknown): string {
  const code = (e as NodeJS.ErrnoException)?.code;
  if (code === "ENOENT") return "no such file or directory";
  if (code === "EACCES" || code === "EPERM") return "permission denied";
  if (code === "EISDIR") return "is a directory, expected a YAML file";
  return (e as Error)?.message ?? String(e);
}

/**
 * Reads a YAML (or JSON) file into plain values. Problems (missing file, invalid UTF-8, YAML
 * syntax errors with line:col, duplicate keys) become CheckErrors naming the file.
 */
export function readYamlFile(file: string, what: string): unknown {
  let buf: Buffer;
  try {
    const st = statSync(file);
    // opening a FIFO blocks until a writer comes; /dev/zero never ends
    if (!st.isFile() && !st.isDirectory()) {
      throw new CheckError(file, `cannot read the ${what}: ${st.isFIFO() ? "a named pipe (FIFO)" : st.isCharacterDevice() ? "a character device" : "not a regular file"}, not a YAML file`);
    }
    buf = readFileSync(file);
  } catch (e) {
    if (e instanceof CheckError) throw e;
    throw new CheckError(file, `cannot read the ${what}: ${ioProblem(e)}`);
  }
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(buf).replace(/^\uFEFF/, "");
  } catch {
    throw new CheckError(file, `the ${what} is not valid UTF-8 text`);
  }
  const doc = YAML().parseDocument(text, { prettyErrors: true, uniqueKeys: true });
  if (doc.errors.length) {
    const err = doc.errors[0]!;
    const pos = err.linePos?.[0];
    const at = pos ? ` at line ${pos.line}:${pos.col}` : "";
    const msg = err.message.split("\n")[0]!.replace(/ at line \d+, column \d+:?\s*$/, "");
    throw new CheckError(file, `malformed ${what}: YAML syntax error${at}: ${msg}`);
  }
  try {
    return doc.toJS({ maxAliasCount: 1000 });
  } catch (e) {
    // e.g. "Excessive alias count indicates a resource exhaustion attack" (a YAML bomb)
    throw new CheckError(file, `malformed ${what}: ${e instanceof Error ? e.message : String(e)}`);
  }
}

/** `foo`, `a.b[2].c` style path for messages. */
export function describeValue(v: unknown): string {
  if (v === null || v === undefined) return "null";
  if (Array.isArray(v)) return "a list";
  if (v instanceof Date) return "a timestamp";
  if (typeof v === "object") return "a mapping";
  if (typeof v === "string") return `the string ${JSON.stringify(v)}`;
  return `${typeof v} ${String(v)}`;
}
