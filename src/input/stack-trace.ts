/**
 * The user's source location of a construct, from the stack trace cdktf records in a resource's
 * `//` metadata (`stackTrace`, an array of V8 frames: sanso's constructs have cdktf record the
 * user's frames, constructs/source-location.ts; cdktf itself records none).
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

/** A V8 frame, `fn (file:line:col)` or `file:line:col`, with `at ` (Error.stack) or without (constructs' traces). */
const FRAME = /^\s*(?:at )?(?:.*? \()?(.+?):(\d+):(\d+)\)?\s*$/;

/** The first frame of `trace` outside node_modules and Node's internals, and its file. */
function firstUserFrame(trace: unknown): { frame: string; file: string; line: number; column: number } | undefined {
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
    return { frame, file, line: Number(m[2]), column: Number(m[3]) };
  }
  return undefined;
}

/** The user's frame of a recorded trace, as a one-frame trace (what the normalized input keeps), or undefined. */
export function userStackTrace(trace: unknown): string[] | undefined {
  const at = firstUserFrame(trace);
  return at ? [at.frame] : undefined;
}

export function userSourceLocation(trace: unknown, cwd = process.cwd()): SourceLocation | undefined {
  const at = firstUserFrame(trace);
  if (!at) return undefined;
  const { file } = at;
  const rel = isAbsolute(file) ? relative(cwd, file) : file;
  const shown = rel && !rel.startsWith("..") && !isAbsolute(rel) ? rel.split(sep).join("/") : file;
  return { file: shown, line: at.line, column: at.column };
}
