/**
 * sanso input: cdktf.out directories, cdk.tf.json files (cdktf or its fork cdktn) and
 * `terraform show -json` plans -> one normalized document per stack / plan.
 */
import { readdir, stat } from "node:fs/promises";
import { isAbsolute, join } from "node:path";
import { isObject, looksLikeCdktf, normalizeCdktf } from "./cdktf.js";
import { InputError } from "./errors.js";
import { INPUT_FORMATS, readerFor } from "./formats.js";
import { locateCdktf } from "./locate.js";
import { ioProblem, readJsonFile, readJsonFileText } from "./read.js";
import type { Json, JsonObject, LoadOptions, NormalizedInput } from "./types.js";

export { InputError } from "./errors.js";
export { normalizeCdktf } from "./cdktf.js";
export { normalizePlan, SUPPORTED_PLAN_FORMATS } from "./plan.js";
export { decodeText, parseJsonText, readJsonFile } from "./read.js";
export { locateResources } from "./locate.js";
export { INPUT_FORMATS, type InputFormatReader } from "./formats.js";
export { parseClassification, parseZone, ZONE_TAG, CLASSIFICATION_TAG } from "./tags.js";
export type * from "./types.js";

/** Loads every path (cdktf.out directory, cdk.tf.json, plan JSON), one document per stack/plan. */
export async function loadInputs(paths: string[], opts: LoadOptions = {}): Promise<NormalizedInput[]> {
  const out: NormalizedInput[] = [];
  for (const p of paths) out.push(...(await loadPath(p, opts)));
  // Stack names identify stacks in reports: a repeated name gets its file appended.
  const seen = new Set<string>();
  for (const d of out) {
    if (seen.has(d.stack)) d.stack = `${d.stack} (${d.source.file})`;
    seen.add(d.stack);
  }
  return out;
}

/** Loads one path. */
export async function loadPath(path: string, opts: LoadOptions = {}): Promise<NormalizedInput[]> {
  let isDir: boolean;
  try {
    isDir = (await stat(path)).isDirectory();
  } catch (e) {
    throw new InputError(path, ioProblem(e));
  }
  if (isDir) return loadCdktfOut(path, opts);
  const { doc, lines } = await readWithLines(path, formatLocator);
  return [withLines(guard(path, () => normalizeDocument(doc, path, opts)), lines)];
}

/** Normalizes an already parsed JSON document read from `file` (the format is detected: formats.ts). */
export function normalizeDocument(doc: Json, file: string, opts: LoadOptions = {}, stack?: string): NormalizedInput {
  if (!isObject(doc)) {
    throw new InputError(file, `expected a JSON object (cdk.tf.json or terraform show -json plan), found ${Array.isArray(doc) ? "an array" : typeof doc === "object" ? "null" : `a ${typeof doc}`}`);
  }
  return readerFor(doc, file).normalize(doc, file, opts, stack);
}

/** Any failure while normalizing becomes an InputError naming the file (never a stack trace). */
function guard<T>(file: string, fn: () => T): T {
  try {
    return fn();
  } catch (e) {
    if (e instanceof InputError) throw e;
    throw new InputError(file, `has a structure sanso cannot read (${e instanceof Error ? e.message : String(e)})`);
  }
}

/**
 * Reads a JSON file and finds the line of each resource in its text. The text is dropped before
 * the document is normalized, so that a large plan's text (as big as the file) and the
 * normalized document are not in memory together.
 */
async function readWithLines(file: string, locator: (doc: Json) => ((text: string) => Map<string, number>) | undefined): Promise<{ doc: Json; lines: Map<string, number> }> {
  const { doc, text } = await readJsonFileText(file);
  const locate = locator(doc);
  return { doc, lines: locate ? locate(text) : new Map() };
}

/** The line finder of the document's format (none for a document no format reads: it is refused). */
const formatLocator = (doc: Json) => (isObject(doc) ? INPUT_FORMATS.find((f) => f.detect(doc))?.locate : undefined);

/** Records each resource's line in the file it was read from (`source.line`). */
function withLines(d: NormalizedInput, lines: Map<string, number>): NormalizedInput {
  for (const r of Object.values(d.resources)) {
    const line = lines.get(r.address);
    if (line !== undefined) r.source.line = line;
  }
  return d;
}

/** Reads a cdktf.out directory: every stack listed in manifest.json. */
async function loadCdktfOut(dir: string, opts: LoadOptions): Promise<NormalizedInput[]> {
  const manifestPath = join(dir, "manifest.json");
  let manifest: Json;
  try {
    manifest = await readJsonFile(manifestPath);
  } catch (e) {
    if (e instanceof InputError && e.problem === "no such file or directory") {
      let hint = "";
      try {
        const entries = await readdir(dir);
        if (entries.includes("cdk.tf.json")) hint = `; to read the single stack pass ${join(dir, "cdk.tf.json")}`;
      } catch {
        /* ignore */
      }
      throw new InputError(dir, `not a cdktf.out directory: manifest.json is missing (run \`cdktf synth\` first)${hint}`);
    }
    throw e;
  }
  if (!isObject(manifest) || !isObject(manifest.stacks)) {
    throw new InputError(manifestPath, "malformed cdktf manifest: no `stacks` object");
  }
  const out: NormalizedInput[] = [];
  const listed = Object.keys(manifest.stacks).sort();
  if (listed.length === 0) throw new InputError(manifestPath, "the cdktf manifest lists no stacks");
  const missing = (opts.stacks ?? []).filter((s) => !listed.includes(s));
  if (missing.length) throw new InputError(dir, `no stack ${missing.join(", ")} in the cdktf manifest (stacks: ${listed.join(", ")})`);
  const names = opts.stacks ? listed.filter((n) => opts.stacks!.includes(n)) : listed;
  for (const name of names) {
    const st = manifest.stacks[name] as JsonObject;
    if (!isObject(st)) throw new InputError(manifestPath, `malformed cdktf manifest: stacks.${name} is not an object`);
    let rel: string | null = null;
    if (typeof st.synthesizedStackPath === "string") rel = st.synthesizedStackPath;
    else if (typeof st.workingDirectory === "string") rel = join(st.workingDirectory, "cdk.tf.json");
    if (!rel) throw new InputError(manifestPath, `malformed cdktf manifest: stacks.${name} has neither synthesizedStackPath nor workingDirectory`);
    const file = isAbsolute(rel) ? rel : join(dir, rel);
    let doc: Json;
    let lines: Map<string, number>;
    try {
      ({ doc, lines } = await readWithLines(file, () => locateCdktf));
    } catch (e) {
      if (e instanceof InputError && e.problem === "no such file or directory") {
        throw new InputError(file, `stack "${name}" listed in ${manifestPath} has no synthesized file (re-run \`cdktf synth\`)`);
      }
      throw e;
    }
    const stackName = typeof st.name === "string" ? st.name : name;
    if (!isObject(doc) || !looksLikeCdktf(doc)) {
      throw new InputError(file, `stack "${name}": not a synthesized cdk.tf.json`);
    }
    out.push(withLines(guard(file, () => normalizeCdktf(doc as JsonObject, { file, stack: stackName, format: "cdktf.out" }, opts)), lines));
  }
  return out;
}
