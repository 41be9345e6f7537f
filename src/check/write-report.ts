/**
 * Writes report files so that a failed run never leaves a half-written one: each report goes to a
 * temporary file next to its destination, and only when every report is complete are they renamed
 * into place (a rename within a directory is atomic). Existing devices and pipes (`/dev/stdout`,
 * `/dev/null`, a FIFO) are written directly: they cannot be replaced, only written to.
 */
import { chmodSync, closeSync, fsyncSync, mkdirSync, openSync, realpathSync, renameSync, statSync, unlinkSync, writeFileSync, writeSync } from "node:fs";
import { basename, dirname, join } from "node:path";
import { randomBytes } from "node:crypto";
import { CheckError } from "./errors.js";

export interface ReportFile {
  /** Destination path. */
  path: string;
  text: string;
  /** For messages: `json`, `sarif`, ... */
  format?: string;
}

function problem(e: unknown): string {
  const code = (e as NodeJS.ErrnoException)?.code;
  if (code === "EISDIR") return "is a directory";
  if (code === "EACCES" || code === "EPERM") return "permission denied";
  if (code === "ENOSPC") return "no space left on the device";
  if (code === "ENOTDIR") return "a part of the path is not a directory";
  if (code === "EROFS") return "read-only file system";
  return (e as Error)?.message ?? String(e);
}

function fail(f: ReportFile, e: unknown): never {
  throw new CheckError(f.path, `cannot write the ${f.format ? `${f.format} ` : ""}report: ${problem(e)}`);
}

/** Where a report really goes: the target of a symbolic link, so that the link stays a link. */
function destination(path: string): { target: string; special: boolean; mode?: number } {
  try {
    const st = statSync(path);
    if (st.isDirectory()) {
      const e = new Error("is a directory") as NodeJS.ErrnoException;
      e.code = "EISDIR";
      throw e;
    }
    return { target: realpathSync(path), special: !st.isFile(), mode: st.mode & 0o7777 };
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === "ENOENT") return { target: path, special: false };
    throw e;
  }
}

function writeDurably(path: string, text: string): void {
  const fd = openSync(path, "wx", 0o666);
  try {
    const buf = Buffer.from(text, "utf8");
    let off = 0;
    while (off < buf.length) off += writeSync(fd, buf, off, buf.length - off);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

/**
 * Writes every report, all or nothing: when one cannot be written, none of the destinations is
 * touched (devices and pipes, written directly, excepted) and the temporary files are removed.
 * Throws a CheckError naming the path.
 */
export function writeReports(files: ReportFile[]): void {
  const staged: Array<{ f: ReportFile; tmp: string; target: string }> = [];
  const direct: Array<{ f: ReportFile; target: string }> = [];
  try {
    for (const f of files) {
      let d: { target: string; special: boolean; mode?: number };
      try {
        mkdirSync(dirname(f.path), { recursive: true });
        d = destination(f.path);
      } catch (e) {
        fail(f, e);
      }
      if (d.special) {
        direct.push({ f, target: d.target });
        continue;
      }
      const tmp = join(dirname(d.target), `.${basename(d.target)}.${process.pid}.${randomBytes(4).toString("hex")}.tmp`);
      try {
        writeDurably(tmp, f.text);
        // a report replacing an existing one keeps its permissions
        if (d.mode !== undefined) chmodSync(tmp, d.mode);
      } catch (e) {
        try {
          unlinkSync(tmp);
        } catch {
          // never created
        }
        fail(f, e);
      }
      staged.push({ f, tmp, target: d.target });
    }
  } catch (e) {
    for (const s of staged) {
      try {
        unlinkSync(s.tmp);
      } catch {
        // already gone
      }
    }
    throw e;
  }
  for (let i = 0; i < staged.length; i++) {
    const s = staged[i]!;
    try {
      renameSync(s.tmp, s.target);
    } catch (e) {
      for (const rest of staged.slice(i)) {
        try {
          unlinkSync(rest.tmp);
        } catch {
          // already gone
        }
      }
      fail(s.f, e);
    }
  }
  for (const d of direct) {
    try {
      writeFileSync(d.target, d.f.text);
    } catch (e) {
      fail(d.f, e);
    }
  }
}

/** Writes one report atomically (see writeReports). */
export function writeReportAtomic(path: string, text: string, format?: string): void {
  writeReports([{ path, text, ...(format ? { format } : {}) }]);
}
