/**
 * Construct source locations: the user's file and line that created each resource, recorded in
 * its `//` metadata (`stackTrace`) so that `sanso check` can point a finding at the TypeScript
 * line instead of the generated cdk.tf.json (SARIF for code scanning, Markdown for a PR).
 *
 * cdktf 0.21 means to record them — every TerraformElement calls
 * `node.addMetadata("stacktrace", "trace")` and writes that entry's trace as
 * `//.metadata.stackTrace` — but passes no `{ stackTrace: true }`, so constructs 10 records none.
 * Loading sanso's constructs wraps `Node.prototype.addMetadata` of the `constructs` package (a
 * peer dependency: the instance cdktf and the user's app use) so that this one entry gets a trace:
 * only the frames outside node_modules, Node's internals and sanso's own constructs, at most
 * `FRAMES_KEPT` of them. The first is the user's line — for a resource made inside a sanso
 * construct, the line that created that construct.
 *
 * Off when `SANSO_SOURCE_LOCATIONS=off` or when the app says `new App({ stackTraces: false })`
 * (cdktf's own switch for traces in metadata; `Testing.app()` sets it). Absolute paths are
 * machine-specific: a synthesized output that is committed is best made with the switch off.
 */
import { dirname, join, resolve, sep } from "node:path";
import { findSourceMap, type SourceMap, type SourceMapping } from "node:module";
import { fileURLToPath } from "node:url";
import { Node, type MetadataOptions } from "constructs";

/** `off` (or `0`, `false`): no source locations in the synthesized metadata. */
export const SOURCE_LOCATIONS_ENV = "SANSO_SOURCE_LOCATIONS";
/** cdktf's context key for `new App({ stackTraces: false })` (cdktf/lib/annotations.js). */
const CDKTF_NO_TRACES = "@cdktf/disable_stack_trace_in_metadata";
/** User frames written per resource: the creation line and the call above it (each costs ~70 bytes). */
const FRAMES_KEPT = 2;
/** Frames captured: enough to get through cdktf, the provider class and nested sanso constructs. */
const FRAMES_CAPTURED = 24;
/** Frames captured when those were not enough. */
const FRAMES_MAX = 200;

interface Hook {
  /** Directories of every loaded copy of sanso's constructs (source or dist): their frames are skipped. */
  ownDirs: Set<string>;
}
const HOOK = Symbol.for("sanso.sourceLocations");

function disabledByEnv(): boolean {
  const v = process.env[SOURCE_LOCATIONS_ENV]?.trim().toLowerCase();
  return v === "off" || v === "0" || v === "false";
}

/** A frame's file as a path (ESM frames name a file: URL). */
function pathOf(file: string | null | undefined): string | undefined {
  if (!file) return undefined;
  if (!file.startsWith("file://")) return file;
  try {
    return fileURLToPath(file);
  } catch {
    return undefined;
  }
}

/** Whether a frame's file is the user's: not Node's, not a dependency's, not sanso's constructs'. */
function isUserFile(file: string | undefined, ownDirs: Iterable<string>): boolean {
  if (!file || file.startsWith("node:") || !file.includes(sep) && !file.includes("/")) return false;
  if (/[\\/]node_modules[\\/]/.test(file)) return false;
  for (const d of ownDirs) if (file.startsWith(d.endsWith(sep) ? d : d + sep)) return false;
  return true;
}

/**
 * The directories whose frames are sanso's: this module's (constructs/ run from source, or
 * dist/js/ built), and the package's constructs/ and src/, which the built files' source maps
 * name in their frames. (stacks/, sanso's reference app, is user code.)
 */
function sansoDirs(here: string): string[] {
  const built = here.endsWith(join("dist", "js"));
  const root = built ? resolve(here, "..", "..") : resolve(here, "..");
  return [here, join(root, "constructs"), join(root, "src")];
}

/**
 * The user's frames of the current stack below `below`, at most `max`, as constructs writes them
 * (`fn (file:line:col)`). Frames are filtered as call sites, and only the kept ones are formatted:
 * formatting applies source maps (tsx, --enable-source-maps), the expensive part.
 */
function userFramesHere(below: Function, ownDirs: Iterable<string>, max: number, depth = FRAMES_CAPTURED): string[] {
  const prepare = Error.prepareStackTrace;
  const limit = Error.stackTraceLimit;
  const holder: { stack?: unknown } = {};
  let sites: NodeJS.CallSite[];
  try {
    Error.stackTraceLimit = depth;
    Error.prepareStackTrace = (_e, s) => s;
    Error.captureStackTrace(holder, below);
    sites = Array.isArray(holder.stack) ? (holder.stack as NodeJS.CallSite[]) : [];
  } finally {
    Error.prepareStackTrace = prepare;
    Error.stackTraceLimit = limit;
  }
  const kept = sites.filter((s) => isUserFile(pathOf(s.getFileName()), ownDirs)).slice(0, max);
  if (!kept.length) {
    // a construct tree deeper than the frames captured: once more, all of them
    return sites.length >= depth && depth < FRAMES_MAX ? userFramesHere(below, ownDirs, max, FRAMES_MAX) : [];
  }
  // Node's source maps (tsx, --enable-source-maps) are applied here, frame by frame: Node's own
  // formatting of a trace also reads the first frame's source file, which costs more than the rest
  if (process.sourceMapsEnabled || typeof prepare !== "function" || prepare.name === "ErrorPrepareStackTrace") return kept.map(mapped);
  // another tool's source maps (source-map-support): its formatting of the kept frames
  return String(prepare(new Error(), kept)).split("\n").slice(1).map((l) => l.replace(/^\s*at\s+/, "")).slice(0, kept.length);
}

/** Node's source map of each file seen (looking one up costs more than the rest of a frame). */
const sourceMaps = new Map<string, SourceMap | null>();

/** A call site as V8 writes it (`fn (file:line:col)`), at its original position when Node has a source map for its file. */
function mapped(site: NodeJS.CallSite): string {
  const text = String(site);
  const file = site.getFileName();
  const line = site.getLineNumber();
  const column = site.getColumnNumber();
  if (!process.sourceMapsEnabled || !file || !line || !column) return text;
  let entry: Partial<SourceMapping> | undefined;
  try {
    let map = sourceMaps.get(file);
    if (map === undefined) sourceMaps.set(file, (map = findSourceMap(file) ?? findSourceMap(pathOf(file) ?? file) ?? null));
    entry = map?.findEntry(line - 1, column - 1) as Partial<SourceMapping> | undefined;
  } catch {
    return text;
  }
  if (typeof entry?.originalSource !== "string" || typeof entry.originalLine !== "number") return text;
  const at = `${pathOf(entry.originalSource) ?? entry.originalSource}:${entry.originalLine + 1}:${(entry.originalColumn ?? 0) + 1}`;
  const raw = `${file}:${line}:${column}`;
  if (text === raw) return at;
  return text.endsWith(`(${raw})`) ? `${text.slice(0, -raw.length - 2)}(${at})` : text;
}

/**
 * Makes cdktf record where each resource was created (see the module comment). Called when sanso's
 * constructs are loaded; idempotent, and every loaded copy of sanso shares the one wrapper.
 */
export function recordSourceLocations(): void {
  const ownDirs = sansoDirs(dirname(fileURLToPath(import.meta.url)));
  const proto = Node.prototype as Node & { [HOOK]?: Hook };
  const installed = proto[HOOK];
  if (installed) {
    for (const d of ownDirs) installed.ownDirs.add(d);
    return;
  }
  const hook: Hook = { ownDirs: new Set(ownDirs) };
  const original = proto.addMetadata;
  if (typeof original !== "function") return;
  const addMetadata = function (this: Node, type: string, data: unknown, options?: MetadataOptions): void {
    if (type === "stacktrace" && options === undefined && !disabledByEnv() && !this.tryGetContext(CDKTF_NO_TRACES)) {
      const frames = userFramesHere(addMetadata, hook.ownDirs, FRAMES_KEPT);
      if (frames.length) {
        original.call(this, type, data, { stackTraceOverride: frames });
        // constructs releases before stackTraceOverride (within the peer range) record no trace: set it
        const entry = this.metadata[this.metadata.length - 1] as { type: string; trace?: string[] } | undefined;
        if (entry?.type === type && entry.trace === undefined) entry.trace = frames;
        return;
      }
    }
    return original.call(this, type, data, options);
  };
  Object.defineProperty(proto, HOOK, { value: hook });
  proto.addMetadata = addMetadata;
}
