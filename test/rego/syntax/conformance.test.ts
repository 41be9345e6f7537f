// Parses every module and query of the OPA conformance cases (../shared/rego-conformance/cases).
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { describe, expect, it } from "vitest";
import { parse as parseYaml } from "yaml";
import { parseModule, parseQuery, parseTerm, RegoErrors } from "../../../src/rego/syntax/index.ts";
import { sharedPath } from "../../shared-dir.js";

const CASES = sharedPath("rego-conformance/cases");

function yamlFiles(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir).sort()) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) out.push(...yamlFiles(p));
    else if (name.endsWith(".yaml") || name.endsWith(".yml")) out.push(p);
  }
  return out;
}

interface Case {
  note: string;
  query?: string;
  modules?: string[];
  input_term?: string;
  want_error_code?: string;
}

// Modules written in pre-1.0 syntax (`p { ... }` without `if`) are expected to fail a v1 parser.
const V0_SYNTAX = "`if` keyword is required before rule body";

describe.skipIf(!existsSync(CASES))("OPA conformance cases", () => {
  it("parses every module, query and input term", () => {
    let modules = 0;
    let parsed = 0;
    let queries = 0;
    let queriesParsed = 0;
    const failures: string[] = [];
    const v0: string[] = [];
    for (const file of yamlFiles(CASES)) {
      const doc = parseYaml(readFileSync(file, "utf8")) as { cases: Case[] };
      const rel = relative(CASES, file);
      for (const c of doc.cases ?? []) {
        const expectParseError = c.want_error_code === "rego_parse_error";
        (c.modules ?? []).forEach((src, k) => {
          modules++;
          try {
            parseModule(src, `test-${k}.rego`);
            parsed++;
            if (expectParseError) failures.push(`${rel} [${c.note}] module ${k}: parsed, but a parse error was expected`);
          } catch (e) {
            if (!(e instanceof RegoErrors)) throw e;
            if (expectParseError) parsed++;
            else if (e.errors.some((x) => x.detail === V0_SYNTAX)) v0.push(`${rel} [${c.note}]: ${e.message}`);
            else failures.push(`${rel} [${c.note}] module ${k}: ${e.message}`);
          }
        });
        if (c.query !== undefined) {
          queries++;
          try {
            parseQuery(c.query);
            queriesParsed++;
          } catch (e) {
            failures.push(`${rel} [${c.note}] query ${JSON.stringify(c.query)}: ${(e as Error).message}`);
          }
        }
        if (c.input_term !== undefined) {
          try {
            parseTerm(c.input_term);
          } catch (e) {
            failures.push(`${rel} [${c.note}] input_term ${JSON.stringify(c.input_term)}: ${(e as Error).message}`);
          }
        }
      }
    }
    console.log(
      `conformance: ${parsed} of ${modules} modules parsed; ${queriesParsed} of ${queries} queries parsed; ` +
        `${v0.length} pre-1.0 (v0 syntax) modules rejected`,
    );
    if (v0.length) console.log("v0-syntax modules (rejected by design):\n  " + v0.join("\n  "));
    if (failures.length) console.log("FAILURES:\n  " + failures.join("\n  "));
    expect(failures).toEqual([]);
  });
});
