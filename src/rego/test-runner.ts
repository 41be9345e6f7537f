// Runs Rego unit tests like `opa test`: every rule named test_* evaluates to true or fails.

import { parseModule } from "./syntax/index.js";
import { RegoErrors, type Module, type RegoError } from "./syntax/ast.js";
import { compileModules } from "./compile/index.js";
import { loadPolicy } from "./bundle/load.js";

export interface TestResult { name: string; file: string; passed: boolean; error?: string; ms: number }
export interface TestRun { results: TestResult[]; passed: number; failed: number }

export async function runRegoTests(sources: Array<{ file: string; text: string }>, data: unknown, opts: { filter?: RegExp } = {}): Promise<TestRun> {
  const modules: Module[] = [];
  const errors: RegoError[] = [];
  for (const s of sources) {
    try { modules.push(parseModule(s.text, s.file)); } catch (e) {
      if (e instanceof RegoErrors) errors.push(...e.errors); else throw e;
    }
  }
  if (errors.length) throw new RegoErrors(errors);
  const tests: Array<{ ep: string; name: string; file: string }> = [];
  const seen = new Set<string>();
  for (const m of modules) for (const r of m.rules) {
    const head = r.head.ref[0];
    if (head.type !== "var" || !head.name.startsWith("test_") || r.head.ref.length !== 1 || r.head.kind !== "complete") continue;
    const ep = [...m.package, head.name].join("/");
    const name = `data.${[...m.package, head.name].join(".")}`;
    if (seen.has(ep) || (opts.filter && !opts.filter.test(name))) continue;
    seen.add(ep);
    tests.push({ ep, name, file: m.file });
  }
  const results: TestResult[] = [];
  if (tests.length === 0) return { results, passed: 0, failed: 0 };
  const compiled = compileModules(modules, { entrypoints: tests.map((t) => t.ep), optimize: false });
  const policy = await loadPolicy(compiled.wasm);
  policy.setData((data ?? {}) as object);
  for (const t of tests) {
    const t0 = performance.now();
    try {
      const rs = policy.evaluate({}, t.ep) as Array<{ result: unknown }>;
      const ok = rs.length === 1 && rs[0].result === true;
      results.push({ name: t.name, file: t.file, passed: ok, error: ok ? undefined : rs.length ? `result ${JSON.stringify(rs[0].result)}` : "undefined", ms: performance.now() - t0 });
    } catch (e) {
      results.push({ name: t.name, file: t.file, passed: false, error: typeof e === "string" ? e : (e as Error).message, ms: performance.now() - t0 });
    }
  }
  return { results, passed: results.filter((r) => r.passed).length, failed: results.filter((r) => !r.passed).length };
}
