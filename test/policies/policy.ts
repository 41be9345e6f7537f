/**
 * Shared by the policy tests: the sanso policies compiled once (the bundle `sanso build policies/`
 * makes), evaluated the way `sanso check` does, on normalized inputs.
 */
import { existsSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { compileSources } from "../../src/rego/compile/index.js";
import { loadPolicy } from "../../src/rego/bundle/load.js";
import { loadSources } from "../../src/rego/sources.js";
import type { Annotation } from "../../src/rego/syntax/ast.js";
import { parseModule } from "../../src/rego/syntax/index.js";
import type { NormalizedInput } from "../../src/input/types.js";
import { SHARED_DIR, sharedPath } from "../shared-dir.js";

const here = dirname(fileURLToPath(import.meta.url));
export const ROOT = join(here, "../..");
export const POLICY_DIR = join(ROOT, "policies");
export const FIXTURES = join(ROOT, "test/fixtures/policies");

/** ../shared next to the repository (absent in a fresh clone: tests that need it skip). */
export const SHARED = existsSync(sharedPath("ARTICLES.md")) ? SHARED_DIR : undefined;
export const SEED = SHARED ? join(SHARED, "seed/000_12a965777135ded6.txt") : undefined;
export const seedText = (): string | undefined => (SEED && existsSync(SEED) ? readFileSync(SEED, "utf8") : undefined);

export interface Finding {
  rule: string;
  article: string;
  severity: "critical" | "high" | "medium" | "low";
  resource: string;
  message_ja: string;
  message_en: string;
  construct: string | null;
  remediation: string;
  remediation_en?: string;
  /** The root cause the finding shares with others, or null (policies/README.md). */
  cause: string | null;
}

export interface Result {
  findings: Finding[];
  checked: Record<string, string[]>;
  unverified: Record<string, string[]>;
}

export interface Compiled {
  annotations: Annotation[];
  evaluate(doc: NormalizedInput, data?: object): Result;
}

export const ENTRYPOINTS = ["sanso/main/findings", "sanso/main/checked", "sanso/main/unverified"];

/**
 * The rule ids of the library, derived from its METADATA (custom.id of each rule annotation), so
 * that a new rule is tested by every "each rule" test without being listed anywhere.
 */
export const RULE_IDS: readonly string[] = (() => {
  const ids = new Set<string>();
  for (const m of loadSources([POLICY_DIR]).modules) {
    for (const a of parseModule(m.text, m.file).annotations) if (typeof a.custom?.id === "string") ids.add(a.custom.id);
  }
  return [...ids].sort();
})();

/** Objects merged key by key (the bundle's data documents under the test's own). */
function mergeData(base: unknown, over: unknown): unknown {
  const isObj = (v: unknown): v is Record<string, unknown> => !!v && typeof v === "object" && !Array.isArray(v);
  if (!isObj(base) || !isObj(over)) return over;
  const out: Record<string, unknown> = { ...base };
  for (const [k, v] of Object.entries(over)) out[k] = k in base ? mergeData(base[k], v) : v;
  return out;
}

/**
 * Compiles policies/ (without tests) into one Wasm module and loads it with the OPA SDK; its
 * data documents (the defaults of policies/sanso/defaults/data.json) are set with each test's data.
 */
export async function compilePolicies(): Promise<Compiled> {
  const sources = loadSources([POLICY_DIR]);
  const compiled = compileSources(sources.modules, { entrypoints: ENTRYPOINTS });
  const policy = await loadPolicy(compiled.wasm);
  let current = "";
  return {
    annotations: compiled.annotations,
    evaluate(doc, data = {}) {
      const key = JSON.stringify(data);
      if (key !== current) {
        policy.setData(mergeData(sources.data, data) as object);
        current = key;
      }
      const one = (ep: string) => (policy.evaluate(doc, ep) as Array<{ result: unknown }>)[0]!.result;
      return {
        findings: one("sanso/main/findings") as Finding[],
        checked: one("sanso/main/checked") as Record<string, string[]>,
        unverified: one("sanso/main/unverified") as Record<string, string[]>,
      };
    },
  };
}

/** Rule ids that fired, sorted. */
export const firedRules = (r: Result): string[] => [...new Set(r.findings.map((f) => f.rule))].sort();

/** Findings as "RULE resource: message" lines, for readable failures. */
export const describe_ = (fs: Finding[]): string[] => fs.map((f) => `${f.rule} ${f.resource}: ${f.message_en}`).sort();

/** The rule annotations (custom.id) of the compiled catalog. */
export function ruleAnnotations(annotations: Annotation[]): Array<Annotation & { custom: Record<string, any> }> {
  return annotations.filter((a): a is Annotation & { custom: Record<string, any> } => typeof a.custom?.id === "string");
}
