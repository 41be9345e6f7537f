/**
 * Checks of a `sanso check` invocation made before anything is read or written:
 *
 * - every input (stack, plan, configuration, exceptions, bundle) is a regular file or a
 *   directory: a FIFO or a character device (`/dev/zero`) would block or never end;
 * - no `--output` names an input, lies inside an input directory, or names the same file as
 *   another `--output`: a report must never destroy what it reports on.
 *
 * Both throw a CheckError naming the path (the CLI prints it and exits 2).
 */
import { existsSync, realpathSync, statSync, type Stats } from "node:fs";
import { basename, dirname, isAbsolute, join, relative, resolve } from "node:path";
import { DEFAULT_CONFIG_FILE } from "./config.js";
import { CheckError } from "./errors.js";

/** What kind of non-regular file this is, for messages; null for a regular file or directory. */
export function specialFileKind(st: Stats): string | null {
  if (st.isFile() || st.isDirectory()) return null;
  if (st.isFIFO()) return "a named pipe (FIFO)";
  if (st.isCharacterDevice()) return "a character device";
  if (st.isBlockDevice()) return "a block device";
  if (st.isSocket()) return "a socket";
  return "not a regular file";
}

/**
 * Refuses an input path that exists but is neither a regular file nor a directory. Missing paths
 * are left to the readers (their messages say what was expected).
 */
export function assertRegularInput(path: string, what = "input"): void {
  let st: Stats;
  try {
    st = statSync(path);
  } catch {
    return;
  }
  const kind = specialFileKind(st);
  if (kind) {
    throw new CheckError(path, `the ${what} is ${kind}, not a regular file: sanso reads its ${what}s from files (write the output of a command to a file first)`);
  }
}

/** The absolute path with every symbolic link of its existing part resolved. */
export function canonicalPath(path: string, cwd = process.cwd()): string {
  const abs = resolve(cwd, path);
  const rest: string[] = [];
  let head = abs;
  for (;;) {
    if (existsSync(head)) {
      try {
        return join(realpathSync(head), ...rest.reverse());
      } catch {
        return abs;
      }
    }
    const parent = dirname(head);
    if (parent === head) return abs;
    rest.push(basename(head));
    head = parent;
  }
}

function inside(child: string, dir: string): boolean {
  const rel = relative(dir, child);
  return rel !== "" && !rel.startsWith("..") && !isAbsolute(rel);
}

function statOrNull(path: string): Stats | null {
  try {
    return statSync(path);
  } catch {
    return null;
  }
}

export interface InvocationPaths {
  /** Stack / plan inputs: files or cdktf.out directories. */
  inputs: string[];
  /** Report files (`--output`); null or `-` for standard output. */
  outputs: Array<string | null>;
  /** Other files the run reads: configuration, exceptions, bundle, local policy directories. */
  reads?: Array<string | undefined>;
  cwd?: string;
}

/**
 * Everything a check can verify about its paths before reading anything: inputs are regular
 * files or directories, and no report would overwrite an input (the same path, a link to it, a
 * file inside an input directory) or another report.
 */
export function assertSafeInvocation(p: InvocationPaths): void {
  const cwd = p.cwd ?? process.cwd();
  const reads = [
    ...p.inputs.map((path) => ({ path, what: "input" })),
    ...(p.reads ?? []).filter((x): x is string => typeof x === "string" && x !== "").map((path) => ({ path, what: "file" })),
  ];
  // read when no --config is given
  if (existsSync(join(cwd, DEFAULT_CONFIG_FILE))) reads.push({ path: join(cwd, DEFAULT_CONFIG_FILE), what: "file" });
  for (const r of reads) assertRegularInput(resolve(cwd, r.path), r.what);

  const readInfo = reads.map((r) => {
    const abs = resolve(cwd, r.path);
    const st = statOrNull(abs);
    return { given: r.path, canon: canonicalPath(r.path, cwd), st };
  });
  const seen = new Map<string, string>();
  for (const out of p.outputs) {
    if (out === null || out === "-" || out === "") continue;
    const canon = canonicalPath(out, cwd);
    const st = statOrNull(resolve(cwd, out));
    if (st?.isDirectory()) throw new CheckError(out, "the report output is a directory; give a file name");
    for (const r of readInfo) {
      const same = canon === r.canon || (st !== null && r.st !== null && st.isFile() && st.dev === r.st.dev && st.ino === r.st.ino);
      if (same) {
        throw new CheckError(out, `the report output is the same file as ${r.given}, which this check reads: refusing to overwrite it (choose another --output)`);
      }
      if (r.st?.isDirectory() && inside(canon, r.canon)) {
        throw new CheckError(out, `the report output is inside ${r.given}, which this check reads: refusing to write there (choose another --output)`);
      }
    }
    // /dev/null, /dev/stdout: nothing to overwrite
    if (st !== null && !st.isFile()) continue;
    const prev = seen.get(canon);
    if (prev !== undefined) throw new CheckError(out, `two reports would be written to the same file (${prev} and ${out})`);
    seen.set(canon, out);
  }
}
