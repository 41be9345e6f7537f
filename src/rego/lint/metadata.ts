// What a rule's METADATA must say for sanso to report its findings: the checks `sanso lint` runs on
// the packages under sanso.articles (the built-in rules) and sanso.local (a municipality's own),
// and that test/policies/metadata.test.ts applies to the compiled catalog. The words it accepts
// (severities, zones, classes) are given by the caller, from src/vocabulary.ts: src/rego imports
// nothing else from src/.

import type { Annotation, Module, Rule, Term } from "../syntax/ast.js";

/** The words a rule's METADATA may use (src/vocabulary.ts: SEVERITIES, ZONES, CLASSIFICATIONS). */
export interface MetadataVocabulary {
  readonly severities: readonly string[];
  readonly zones: readonly string[];
  readonly classes: readonly string[];
}

/** Roots of the packages whose rules are reported as findings (`data.sanso.<root>`). */
export const RULE_PACKAGE_ROOTS = ["articles", "local"] as const;

/** Whether a module's package holds reported rules: `sanso.articles.…` or `sanso.local.…`. */
export function isRulePackage(pkg: readonly string[]): boolean {
  return pkg.length >= 3 && pkg[0] === "sanso" && (RULE_PACKAGE_ROOTS as readonly string[]).includes(pkg[1]!);
}

const nonEmpty = (v: unknown): v is string => typeof v === "string" && v.trim() !== "";

/** A list of words as METADATA may write it: a YAML list, or one string separated by commas or spaces. */
function words(v: unknown): string[] | undefined {
  if (v === undefined) return undefined;
  if (Array.isArray(v)) return v.map(String);
  if (typeof v === "string") return v.split(/[,\s]+/).filter(Boolean);
  return [String(v)];
}

/**
 * The problems of one rule's METADATA `custom` block (empty when it is complete): `id`, `title_en`
 * (printable ASCII: it names the rule in SARIF and English reports), `article` (`第N条…` for the
 * built-in articles; any citation for a local rule), `severity` from the vocabulary, and `zones`
 * and `classes`, when given, from the vocabulary.
 */
export function ruleMetadataProblems(
  custom: Record<string, unknown>,
  opts: { builtIn: boolean; vocabulary: MetadataVocabulary },
): string[] {
  const { severities, zones, classes } = opts.vocabulary;
  const problems: string[] = [];
  const id = custom.id;
  if (!nonEmpty(id)) problems.push("custom.id is missing (the rule's id, e.g. ART29-CMK or LOCAL-COST-CENTER)");
  else if (!/^[A-Z][A-Z0-9]*(-[A-Z0-9]+)+$/.test(id)) problems.push(`custom.id ${JSON.stringify(id)} is not upper-case words joined by hyphens (e.g. ART29-CMK)`);
  if (!nonEmpty(custom.title_en)) problems.push("custom.title_en is missing (the rule's English title)");
  else if (!/^[\x20-\x7e]+$/.test(custom.title_en)) problems.push("custom.title_en must be printable ASCII (it names the rule in SARIF)");
  if (!nonEmpty(custom.article)) problems.push("custom.article is missing (the article the rule enforces, e.g. 第29条第6項)");
  else if (opts.builtIn && !/^第\d+条/.test(custom.article)) problems.push(`custom.article ${JSON.stringify(custom.article)} does not start with 第N条`);
  if (custom.severity === undefined) problems.push(`custom.severity is missing (one of ${severities.join(", ")})`);
  else if (!(severities as readonly unknown[]).includes(custom.severity)) {
    problems.push(`custom.severity ${JSON.stringify(custom.severity)} is not one of ${severities.join(", ")}`);
  }
  for (const [key, vocabulary] of [["zones", zones], ["classes", classes]] as const) {
    const given = words(custom[key]);
    if (given === undefined) continue;
    if (given.length === 0) problems.push(`custom.${key} is empty (leave it out to mean all)`);
    const unknown = given.filter((w) => !vocabulary.includes(w));
    if (unknown.length) problems.push(`custom.${key} names ${unknown.join(", ")}, not one of ${vocabulary.join(", ")}`);
  }
  return problems;
}

/** A METADATA problem, at the annotation or the rule it is about. */
export interface MetadataProblem {
  line: number;
  col: number;
  message: string;
}

/** Whether `t` (a rule's value) calls rego.metadata.rule(), anywhere inside. */
function readsRuleMetadata(t: unknown): boolean {
  if (t === null || typeof t !== "object") return false;
  if (Array.isArray(t)) return t.some(readsRuleMetadata);
  const o = t as Record<string, unknown>;
  if (o.type === "call" && Array.isArray(o.op) && o.op.join(".") === "rego.metadata.rule") return true;
  return Object.entries(o).some(([k, v]) => k !== "loc" && readsRuleMetadata(v));
}

/** `p`, `a.b`, `a[…]`: the rule's name as written in its head. */
function ruleName(r: Rule): string {
  return r.head.ref
    .map((t: Term, i) => (t.type === "var" && i === 0 ? t.name : t.type === "string" ? `.${t.value}` : "[…]"))
    .join("");
}

/**
 * The METADATA problems of a parsed module under sanso.articles or sanso.local (none for other
 * packages): every rule-scoped METADATA block with `custom` is complete
 * ({@link ruleMetadataProblems}); a rule that reads `rego.metadata.rule()` has such a block; a
 * package with `findings` has at least one rule with a `custom.id`.
 */
export function moduleMetadataProblems(m: Module, vocabulary: MetadataVocabulary): MetadataProblem[] {
  if (!isRulePackage(m.package)) return [];
  const builtIn = m.package[1] === "articles";
  const out: MetadataProblem[] = [];
  let withId = 0;
  for (const a of m.annotations) {
    if (a.scope !== "rule" && a.scope !== "document") continue;
    if (a.custom === undefined) continue;
    if (nonEmpty((a.custom as Record<string, unknown>).id)) withId++;
    for (const message of ruleMetadataProblems(a.custom as Record<string, unknown>, { builtIn, vocabulary })) {
      out.push({ line: a.loc.line, col: a.loc.col, message: `${a.path.slice(1).join(".")}: ${message}` });
    }
  }
  for (const r of m.rules) {
    const custom = (r.annotations ?? []).find((a: Annotation) => a.custom !== undefined);
    if (!custom && readsRuleMetadata(r.head.value)) {
      out.push({
        line: r.loc.line,
        col: r.loc.col,
        message: `${ruleName(r)} reads rego.metadata.rule() but has no METADATA block with custom (id, title_en, article, severity) above it`,
      });
    }
  }
  const findings = m.rules.find((r) => r.head.ref[0]?.type === "var" && r.head.ref[0].name === "findings");
  if (findings && withId === 0) {
    out.push({
      line: findings.loc.line,
      col: findings.loc.col,
      message: `package ${m.package.join(".")} reports findings but no rule has a METADATA block with custom.id`,
    });
  }
  return out;
}
