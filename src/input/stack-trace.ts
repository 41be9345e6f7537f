/**
 * The user's source location of a construct, from the stack trace cdktf records in a resource's
 * `//` metadata (`stackTrace`, an array of V8 frames, when construct stack traces are on).
 * The first frame outside node_modules, Node's internals and sanso itself is the user's line.
 */
import { isAbsolute, relative, sep } from "node:path";
import { fileURLToPath } from "node:url";

export interface SourceLocation {
  /** Relative to `cwd` when under it (forward slashes), else absolute. */
  file: string;
  line: number;
  column?: number;
}

const FRAME = /^\s*at (?:.*? \()?(.+?):(\d+):(\d+)\)?\s*$/;

export function userSourceLocation(trace: unknown, cwd = process.cwd()): SourceLocation | undefined {
  if (!Array.isArray(trace)) return undefined;
  for (const frame of trace) {
    if (typeof frame !== "string") continue;
    const m = FRAME.exec(frame);
    if (!m) continue;
    let file = m[1]!;
    if (file.startsWith("file://")) {
      try {
        file = fileURLToPath(file);
      } catch {
        continue;
      }
    }
    if (file.startsWith("node:") || !isAbsolute(file) && !file.includes("/")) continue;
    if (/[\\/]node_modules[\\/]/.test(file)) continue;
    const rel = isAbsolute(file) ? relative(cwd, file) : file;
    const shown = rel && !rel.startsWith("..") && !isAbsolute(rel) ? rel.split(sep).join("/") : file;
    return { file: shown, line: Number(m[2]), column: Number(m[3]) };
  }
  return undefined;
}
