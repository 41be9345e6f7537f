/**
 * Fuzzing properties (fast-check) shared by the short runs of `npm test` (test/fuzz/*.test.ts)
 * and the long run of `npm run fuzz` (scripts/fuzz.ts). The property everywhere: a clear error
 * (a RegoErrors with file:line:col, an InputError naming the file) or a result — never another
 * exception, a Wasm trap or a hang.
 *
 * Inputs are mutations of real material: the policy library, the Rego fixtures and OPA's
 * conformance modules (when ../shared is there) for the Rego side; the plan and cdk.tf.json
 * fixtures and the shared real plans for the input side.
 */
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import fc from "fast-check";
import YAML from "yaml";
import { InputError, normalizeDocument } from "../../src/input/index.js";
import { RegoError, RegoErrors, type Module } from "../../src/rego/syntax/ast.js";
import { parseModule } from "../../src/rego/syntax/index.js";
import { compileModules } from "../../src/rego/compile/index.js";
import { loadPolicy } from "../../src/rego/bundle/load.js";
import { SHARED_DIR } from "../shared-dir.js";

export const ROOT = join(import.meta.dirname, "../..");
const SHARED = SHARED_DIR;

function filesUnder(dir: string, accept: (name: string) => boolean, out: string[] = []): string[] {
  if (!existsSync(dir)) return out;
  for (const name of readdirSync(dir).sort()) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) filesUnder(p, accept, out);
    else if (accept(name)) out.push(p);
  }
  return out;
}

/** Rego sources to mutate: the library, the fixtures and, when present, OPA's conformance modules. */
export function regoCorpus(): string[] {
  const texts = [...filesUnder(join(ROOT, "policies"), (n) => n.endsWith(".rego")), ...filesUnder(join(ROOT, "test/fixtures"), (n) => n.endsWith(".rego"))].map((f) => readFileSync(f, "utf8"));
  for (const f of filesUnder(join(SHARED, "rego-conformance/cases"), (n) => /\.ya?ml$/.test(n))) {
    try {
      const doc = YAML.parse(readFileSync(f, "utf8")) as { cases?: Array<{ modules?: string[] }> };
      for (const c of doc.cases ?? []) for (const m of c.modules ?? []) if (typeof m === "string") texts.push(m);
    } catch {
      /* not a case file */
    }
  }
  return texts;
}

/** Plans and cdk.tf.json documents to mutate. */
export function inputCorpus(): Array<{ name: string; doc: unknown }> {
  const files = [
    ...filesUnder(join(ROOT, "test/fixtures"), (n) => n.endsWith(".json")),
    ...filesUnder(join(SHARED, "iac-samples/plan-json"), (n) => n.endsWith(".json")),
  ];
  const out: Array<{ name: string; doc: unknown }> = [];
  for (const f of files) {
    try {
      out.push({ name: f, doc: JSON.parse(readFileSync(f, "utf8")) });
    } catch {
      /* not JSON */
    }
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Rego text
// ---------------------------------------------------------------------------------------------

/** Pieces of Rego syntax that mutations insert (so that mutants get deep into the parser). */
const REGO_PIECES = [
  "{", "}", "[", "]", "(", ")", "if", "else", "contains", "some", "every", "in", "not", "with", "as", "default",
  ":=", "=", "==", "!=", "|", ",", ";", ".", "\n", " ", "#", '"', "`", "x", "input", "data", "package p",
  "import rego.v1", "0", "1.5e3", "-", "+", "*", "/", "%", "&", "null", "true", "set()", "\\", "\u00e9", "\u{1F600}",
  "# METADATA\n# title: t\n", "# METADATA\n# custom: {a: [\n", "p[x] := y if", "f(x) := y if", "\t", "\r\n", "\0",
];

export interface Mutation {
  kind: "delete" | "insert" | "replace" | "splice";
  at: number;
  len: number;
  piece: string;
}

const mutationArb = (pieces: string[]): fc.Arbitrary<Mutation> =>
  fc.record({
    kind: fc.constantFrom("delete", "insert", "replace", "splice"),
    at: fc.nat(),
    len: fc.nat({ max: 40 }),
    piece: fc.oneof(fc.constantFrom(...pieces), fc.string({ maxLength: 8 }), fc.string({ unit: "grapheme", maxLength: 4 })),
  });

/** Applies edits to a text (positions taken modulo its length). */
export function mutateText(text: string, edits: Mutation[]): string {
  let t = text;
  for (const e of edits) {
    const at = t.length === 0 ? 0 : e.at % (t.length + 1);
    if (e.kind === "delete") t = t.slice(0, at) + t.slice(at + e.len);
    else if (e.kind === "insert") t = t.slice(0, at) + e.piece + t.slice(at);
    else if (e.kind === "replace") t = t.slice(0, at) + e.piece + t.slice(at + Math.max(1, e.len % 8));
    else t = t.slice(0, at) + t.slice((at * 7 + e.len) % (t.length + 1), ((at * 7 + e.len) % (t.length + 1)) + e.len) + t.slice(at);
  }
  return t;
}

/**
 * A mutated Rego source: one of the corpus with up to `maxEdits` edits, or (rarely) arbitrary
 * text. Few edits keep most mutants parseable, so that they reach the compiler.
 */
export function regoTextArb(corpus: string[], maxEdits = 6): fc.Arbitrary<string> {
  return fc.oneof(
    { weight: 9, arbitrary: fc.tuple(fc.nat({ max: corpus.length - 1 }), fc.array(mutationArb(REGO_PIECES), { minLength: 1, maxLength: maxEdits })).map(([i, edits]) => mutateText(corpus[i]!, edits)) },
    { weight: 1, arbitrary: fc.string({ unit: "grapheme", maxLength: 200 }) },
  );
}

/** A RegoErrors whose every error has a position is a clear error. */
export function assertClearRegoError(e: unknown): asserts e is RegoErrors {
  const errors = e instanceof RegoErrors ? e.errors : e instanceof RegoError ? [e] : null;
  if (!errors) throw e;
  for (const x of errors) {
    if (!x.loc || !(x.loc.line >= 1) || !(x.loc.col >= 1)) throw new Error(`a Rego error without a position: ${x.message}`);
  }
}

/** Parses: a module or a clear error. */
export function parseOrClearError(text: string): Module | undefined {
  try {
    return parseModule(text, "fuzz.rego");
  } catch (e) {
    assertClearRegoError(e);
    return undefined;
  }
}

/**
 * Entrypoints for every rule (not function) of a module whose name is a plain identifier, so that
 * the code generator and the runtime see all of it.
 */
export function ruleEntrypoints(mod: Module): string[] {
  const names = new Set<string>();
  for (const r of mod.rules) {
    if (r.head.kind === "function") continue;
    const first = r.head.ref[0] as { type: string; name?: string } | undefined;
    if (first?.type === "var" && first.name && /^[A-Za-z_]\w*$/.test(first.name)) names.add(first.name);
  }
  return [...names].map((n) => [...mod.package, n].join("/"));
}

/**
 * Evaluation errors OPA reports as such (conflicts, builtin errors in strict mode, …): a result
 * of the policy, not a crash. A WebAssembly trap or a JavaScript TypeError is a crash.
 */
export function isEvaluationError(e: unknown): boolean {
  // the SDK throws the module's abort message (eval_conflict_error, …) as a string
  if (typeof e === "string") return /^[^:]+:\d+: \w+_error: /.test(e) || /error/.test(e);
  if (e instanceof WebAssembly.RuntimeError) return false;
  if (e instanceof TypeError || e instanceof RangeError || e instanceof ReferenceError) return false;
  return e instanceof Error;
}

/** Inputs for evaluating mutants. */
export const jsonInputArb = fc.jsonValue({ maxDepth: 3 }) as fc.Arbitrary<unknown>;

/**
 * Parses, compiles with every rule as an entrypoint and evaluates each on `input`: positioned
 * errors or results (evaluation errors included), never another exception or a trap.
 */
export async function checkCompileAndEval(text: string, input: unknown): Promise<void> {
  const mod = parseOrClearError(text);
  if (!mod) return;
  const entrypoints = ruleEntrypoints(mod);
  if (entrypoints.length === 0) return;
  let compiled;
  try {
    compiled = compileModules([mod], { entrypoints, optimize: false });
  } catch (e) {
    assertClearRegoError(e);
    return;
  }
  const policy = await loadPolicy(compiled.wasm);
  for (const ep of Object.keys(compiled.entrypoints)) {
    try {
      policy.evaluate(input, ep);
    } catch (e) {
      if (!isEvaluationError(e)) throw e;
    }
  }
}

// ---------------------------------------------------------------------------------------------
// JSON inputs
// ---------------------------------------------------------------------------------------------

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };

/** Every path to an object or array member in a document (capped, breadth first). */
function paths(doc: Json, max = 4000): Array<Array<string | number>> {
  const out: Array<Array<string | number>> = [];
  const queue: Array<{ v: Json; p: Array<string | number> }> = [{ v: doc, p: [] }];
  while (queue.length && out.length < max) {
    const { v, p } = queue.shift()!;
    if (Array.isArray(v)) v.forEach((x, i) => (out.push([...p, i]), queue.push({ v: x, p: [...p, i] })));
    else if (v && typeof v === "object") for (const [k, x] of Object.entries(v)) out.push([...p, k]), queue.push({ v: x, p: [...p, k] });
  }
  return out;
}

export interface JsonEdit {
  pick: number;
  kind: "set" | "delete" | "rename" | "copy";
  value: Json;
  name: string;
}

const jsonEditArb: fc.Arbitrary<JsonEdit> = fc.record({
  pick: fc.nat(),
  kind: fc.constantFrom("set", "delete", "rename", "copy"),
  value: fc.oneof(
    fc.jsonValue({ maxDepth: 3 }) as fc.Arbitrary<Json>,
    fc.constantFrom<Json>(null, "", "${aws_s3_bucket.x.id}", "known after apply", -1, 1e308, [], {}, [null], { "//": {} }, "aws_s3_bucket.b", true),
  ),
  name: fc.oneof(fc.string({ maxLength: 6 }), fc.constantFrom("resource", "type", "address", "after", "after_unknown", "values", "module", "child_modules", "resources", "//", "provider", "__proto__", "constructor")),
});

/** Applies edits to a deep copy of a document. */
export function mutateJson(doc: Json, edits: JsonEdit[]): Json {
  const copy = structuredClone(doc);
  for (const e of edits) {
    const all = paths(copy);
    if (all.length === 0) return structuredClone(e.value);
    const path = all[e.pick % all.length]!;
    let parent: Json = copy;
    for (const k of path.slice(0, -1)) parent = (parent as Record<string | number, Json>)[k]!;
    const key = path[path.length - 1]!;
    const holder = parent as Record<string | number, Json>;
    // a copy: fast-check hands out the same constant instance again, and a document is a tree
    if (e.kind === "set") holder[key] = structuredClone(e.value);
    else if (e.kind === "delete") {
      if (Array.isArray(parent)) parent.splice(Number(key), 1);
      else delete holder[key];
    } else if (e.kind === "rename" && !Array.isArray(parent)) {
      const v = holder[key]!;
      delete holder[key];
      Object.defineProperty(holder, e.name, { value: v, enumerable: true, writable: true, configurable: true });
    } else if (e.kind === "copy") {
      holder[key] = structuredClone(all.length > 1 ? (copy as Json) : e.value);
    }
  }
  return copy;
}

export function inputArb(corpus: Array<{ name: string; doc: unknown }>): fc.Arbitrary<{ name: string; doc: Json }> {
  return fc
    .tuple(fc.nat({ max: corpus.length - 1 }), fc.array(jsonEditArb, { minLength: 1, maxLength: 5 }))
    .map(([i, edits]) => ({ name: corpus[i]!.name, doc: mutateJson(corpus[i]!.doc as Json, edits) }));
}

/** Normalizes: a document or an InputError naming the file. */
export function normalizeOrClearError(doc: Json): void {
  try {
    normalizeDocument(doc, "fuzz.json");
  } catch (e) {
    if (e instanceof InputError && e.message.startsWith("fuzz.json")) return;
    throw e;
  }
}
