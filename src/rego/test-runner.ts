// Runs Rego unit tests as `opa test` does.
//
// A test is a rule whose name (the ground part of its head ref: `test_x`, `a.test_x`,
// `test_x[note]`) has a component starting with `test_`; `todo_test_` marks a skipped test. Tests
// live in any package. A test passes when it evaluates to `true`; undefined or any other value is a
// failure; an evaluation error (a conflict, a builtin error in strict mode) is an error. A test
// with a variable after its name (`test_x[note] if { some note ... }`) is a table of cases: it
// passes when every case is `true`, and each case that is not is named (OPA also names a case
// whose body fails after the case's key is bound, through its tracer; here such a case is absent
// from the result; a table without cases passes, as in OPA). Several rules of one test name
// in a package are several tests, the later ones named `test_x#01`, `test_x#02`, … (each runs on
// its own, so a failing one is not hidden by a passing one).

import { parseModule } from "./syntax/index.js";
import { RegoErrors, type Module, type RegoError, type Rule, type Term } from "./syntax/ast.js";
import { compileModules } from "./compile/index.js";
import { loadPolicy } from "./bundle/load.js";
import { setPrintHook } from "./bundle/builtins/print.js";

export type TestStatus = "pass" | "fail" | "error" | "skip";

export interface TestResult {
  /** `data.<package>.<test>`, as `opa test` names it. */
  name: string;
  file: string;
  line: number;
  status: TestStatus;
  /** status === "pass" */
  passed: boolean;
  /** Why it failed (`undefined`, the value it had, the failing cases) or the error's message. */
  error?: string;
  /** What `print` wrote while the test ran. */
  output: string[];
  ms: number;
}

export interface TestRun { results: TestResult[]; passed: number; failed: number; errored: number; skipped: number }

export interface TestOptions {
  /** Only tests whose full name (`data.pkg.test_x`) matches, as `opa test --run`. */
  filter?: RegExp;
  /** The Rego syntax of a module that does not give its own (default 1; 0 is `--v0-compatible`). */
  regoVersion?: 0 | 1;
}

const TEST = "test_";
const TODO = "todo_test_";

/** The test's name and how many head-ref elements lead to it, or undefined for a rule that is no test. */
export function testName(rule: Rule): { name: string; length: number } | undefined {
  const ref = rule.head.ref;
  for (let i = 0; i < ref.length; i++) {
    const t = ref[i];
    // the ground prefix: the rule's name, then string keys (`a.b`, `a["b"]`)
    const n = i === 0 && t.type === "var" ? t.name : t.type === "string" ? t.value : undefined;
    if (n === undefined) return undefined;
    if (n.startsWith(TEST) || n.startsWith(TODO)) return { name: n, length: i + 1 };
  }
  return undefined;
}

function renamed(ref: Term[], at: number, name: string): Term[] {
  const out = ref.slice();
  const t = ref[at];
  out[at] = t.type === "var" ? { ...t, name } : { ...t, value: name } as Term;
  return out;
}

/** Gives the second and later rules of one test name in a package the names `<test>#01`, `<test>#02`, … */
function renameDuplicates(modules: Module[]): void {
  const count = new Map<string, number>();
  for (const m of modules) {
    for (let r = 0; r < m.rules.length; r++) {
      const rule = m.rules[r];
      const t = testName(rule);
      if (!t || rule.head.kind === "function" || !t.name.startsWith(TEST)) continue;
      const key = JSON.stringify([...m.package, ...rule.head.ref.slice(0, t.length).map(termText)]);
      const k = count.get(key) ?? 0;
      count.set(key, k + 1);
      if (k === 0) continue;
      const name = `${t.name}#${String(k).padStart(2, "0")}`;
      const rename = (x: Rule): Rule => ({ ...x, head: { ...x.head, ref: renamed(x.head.ref, t.length - 1, name) }, else: x.else && rename(x.else) });
      m.rules[r] = rename(rule);
    }
  }
}

function termText(t: Term): string {
  return t.type === "var" ? t.name : t.type === "string" ? t.value : "";
}

/** The cases of a table test that are not `true`, by their path of keys. */
function failingCases(value: unknown, path: string[] = []): string[] {
  if (value === true) return [];
  if (value === null || typeof value !== "object" || Array.isArray(value)) return [path.join(".") || "(value)"];
  return Object.entries(value as Record<string, unknown>).flatMap(([k, v]) => failingCases(v, [...path, k]));
}

export async function runRegoTests(sources: Array<{ file: string; text: string; regoVersion?: 0 | 1 }>, data: unknown, opts: TestOptions = {}): Promise<TestRun> {
  const modules: Module[] = [];
  const errors: RegoError[] = [];
  for (const s of sources) {
    try { modules.push(parseModule(s.text, s.file, { regoVersion: s.regoVersion ?? opts.regoVersion })); } catch (e) {
      if (e instanceof RegoErrors) errors.push(...e.errors); else throw e;
    }
  }
  if (errors.length) throw new RegoErrors(errors);
  // OPA numbers duplicates in the order of its module map, sorted by file name
  modules.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
  renameDuplicates(modules);

  const tests: Array<{ ep: string; name: string; file: string; line: number; skip: boolean; table: boolean }> = [];
  const seen = new Set<string>();
  for (const m of modules) for (const r of m.rules) {
    const t = testName(r);
    if (!t || r.head.kind === "function") continue;
    const names = r.head.ref.slice(0, t.length).map(termText);
    const ep = [...m.package, ...names].join("/");
    const name = `data.${[...m.package, ...names].join(".")}`;
    if (seen.has(ep) || (opts.filter && !opts.filter.test(name))) continue;
    seen.add(ep);
    // a table: more of the ref after the test's name, ending in a variable (OPA: a partial object);
    // `a.test_x.b` (all names) is a complete rule whose value, an object, is no pass
    const last = r.head.ref[r.head.ref.length - 1];
    const table = r.head.ref.length > t.length && !["string", "number", "boolean", "null"].includes(last.type);
    tests.push({ ep, name, file: m.file, line: r.loc.line, skip: t.name.startsWith(TODO), table });
  }
  const results: TestResult[] = [];
  const run = (): TestRun => ({
    results,
    passed: results.filter((r) => r.status === "pass").length,
    failed: results.filter((r) => r.status === "fail").length,
    errored: results.filter((r) => r.status === "error").length,
    skipped: results.filter((r) => r.status === "skip").length,
  });
  const toRun = tests.filter((t) => !t.skip);
  if (tests.length === 0) return run();
  const policy = toRun.length ? await loadPolicy(compileModules(modules, { entrypoints: toRun.map((t) => t.ep), optimize: false }).wasm) : undefined;
  policy?.setData((data ?? {}) as object);
  for (const t of tests) {
    const base = { name: t.name, file: t.file, line: t.line };
    if (t.skip) {
      results.push({ ...base, status: "skip", passed: false, output: [], ms: 0 });
      continue;
    }
    const output: string[] = [];
    const previous = setPrintHook((line) => output.push(line));
    const t0 = performance.now();
    let status: TestStatus;
    let error: string | undefined;
    try {
      const rs = policy!.evaluate({}, t.ep) as Array<{ result: unknown }>;
      if (rs.length === 0) [status, error] = ["fail", "undefined"];
      else if (t.table) {
        const failing = failingCases(rs[0].result);
        [status, error] = failing.length ? ["fail", `failing cases: ${failing.join(", ")}`] : ["pass", undefined];
      } else if (rs[0].result === true) status = "pass";
      else [status, error] = ["fail", `result ${JSON.stringify(rs[0].result)}`];
    } catch (e) {
      [status, error] = ["error", typeof e === "string" ? e : (e as Error).message];
    } finally {
      setPrintHook(previous);
    }
    results.push({ ...base, status, passed: status === "pass", error, output, ms: performance.now() - t0 });
  }
  return run();
}
