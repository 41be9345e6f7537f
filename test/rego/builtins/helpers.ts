// Compiles small Rego modules through the public API (compileRego / loadRego) and evaluates
// their rules, for the builtin tests of this folder.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { compileRego, loadRego } from "../../../src/api/rego.js";

export interface Evaluator {
  /** The value of rule `name` of package `t` (undefined when the rule is undefined). */
  value(name: string, input?: unknown): unknown;
  /** The error evaluating rule `name` throws (strict mode), or undefined. */
  error(name: string, input?: unknown): string | undefined;
}

/** Compiles `package t` with the given rules; every rule named in `rules` is an entrypoint. */
export async function compileRules(body: string, rules: string[], opts: { strict?: boolean } = {}): Promise<Evaluator> {
  const dir = mkdtempSync(join(tmpdir(), "sanso-builtins-"));
  try {
    writeFileSync(join(dir, "t.rego"), `package t\n\n${body}\n`);
    const compiled = await compileRego([dir], { entrypoints: rules.map((r) => `t/${r}`), strict: opts.strict, optimize: false });
    const policy = await loadRego(compiled);
    const run = (name: string, input: unknown) => policy.evaluate(input ?? {}, `t/${name}`) as Array<{ result: unknown }>;
    return {
      value(name, input) {
        const rs = run(name, input);
        return rs.length ? rs[0].result : undefined;
      },
      error(name, input) {
        try {
          run(name, input);
          return undefined;
        } catch (e) {
          return String((e as Error).message ?? e);
        }
      },
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * `name := expr` for each entry of `rules`, compiled twice: with OPA's default (errors make the
 * call undefined) and with strict builtin errors.
 */
export async function compileBoth(rules: Record<string, string>): Promise<{ e: Evaluator; strict: Evaluator }> {
  const body = Object.entries(rules).map(([name, expr]) => `${name} := ${expr}`).join("\n");
  return { e: await compileRules(body, Object.keys(rules)), strict: await compileRules(body, Object.keys(rules), { strict: true }) };
}
