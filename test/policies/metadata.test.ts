/**
 * The rule catalog: every rule of ARTICLES.md has a rule whose METADATA carries the fields reports
 * and `sanso policies` read, quoting the seed verbatim; findings agree with their rule's METADATA;
 * and policies/coverage.yaml lists all 104 articles, whose rules are the rules' citations.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import YAML from "yaml";
import { loadInputs, normalizeDocument } from "../../src/input/index.js";
import { ruleMetadataProblems } from "../../src/rego/lint/metadata.js";
import { CLASSIFICATIONS, SEVERITIES, ZONES } from "../../src/vocabulary.js";
import { catalogRules, citedArticles, loadCoverage, withCitingRules } from "../../src/check/policy.js";
import { SCENARIOS } from "../fixtures/policies/scenarios.js";
import { compilePolicies, FIXTURES, POLICY_DIR, RULE_IDS, ruleAnnotations, seedText, SHARED, type Compiled } from "./policy.js";

let compiled: Compiled;
let rules: ReturnType<typeof ruleAnnotations>;
const byId = () => new Map(rules.map((a) => [a.custom.id as string, a]));

beforeAll(async () => {
  compiled = await compilePolicies();
  rules = ruleAnnotations(compiled.annotations);
});

/** Article numbers cited by `custom.article` ("第29条第1項・第2項, 第66条第7項" -> [29, 66]). */

const JAPANESE = /[ぁ-んァ-ヶ一-龠]/;

describe("rule METADATA", () => {
  it("has exactly one rule per ARTICLES.md id", () => {
    const ids = rules.map((a) => a.custom.id as string);
    expect([...ids].sort()).toEqual([...RULE_IDS].sort());
    expect(new Set(ids).size).toBe(ids.length);
  });

  it.skipIf(!SHARED)("implements every rule id of ARTICLES.md (when ../shared is present; the library may have more)", () => {
    const path = join(SHARED!, "ARTICLES.md");
    const table = readFileSync(path, "utf8").split("\n").filter((l) => /^\| ART/.test(l));
    const ids = table.map((l) => l.split("|")[1]!.trim());
    expect(ids.length).toBe(38);
    expect(RULE_IDS).toEqual(expect.arrayContaining(ids));
  });

  it.each([...RULE_IDS])("%s carries title, description and the custom fields", (id) => {
    const a = byId().get(id)!;
    expect(a, id).toBeDefined();
    expect(a.scope).toBe("rule");
    expect(a.path.slice(0, 3)).toEqual(["data", "sanso", "articles"]);
    expect(a.path).toHaveLength(5); // the rule's constant, `<name> := rego.metadata.rule().custom`
    expect(a.title).toMatch(JAPANESE);
    expect(a.description?.length).toBeGreaterThan(20);
    const c = a.custom;
    expect(Object.keys(c).sort()).toEqual(["article", "article_text", "classes", "id", "rationale_en", "remediation", "remediation_en", "severity", "title_en", "zones"]);
    // id, title_en, article (第N条…), severity, zones and classes from the vocabulary: what `sanso lint` checks
    expect(ruleMetadataProblems(c, { builtIn: true, vocabulary: { severities: SEVERITIES, zones: ZONES, classes: CLASSIFICATIONS } }), id).toEqual([]);
    expect(c.zones.length).toBeGreaterThan(0);
    expect(c.classes.length).toBeGreaterThan(0);
    expect(c.rationale_en.length).toBeGreaterThan(40);
    // article_text: one 【citation】quote per line, one line per article cited
    const lines = (c.article_text as string).split("\n");
    const cited = citedArticles(c.article);
    const quoted = lines.map((l) => {
      const m = /^【(第(\d+)条[^】]*)】(.+)$/.exec(l);
      expect(m, `${id}: ${l}`).not.toBeNull();
      return Number(m![2]);
    });
    expect([...new Set(quoted)].sort((x, y) => x - y)).toEqual(cited.sort((x, y) => x - y));
  });

  it.skipIf(!seedText())("quotes the seed verbatim (when ../shared is present)", () => {
    const seed = seedText()!;
    for (const a of rules) {
      for (const line of (a.custom.article_text as string).split("\n")) {
        const quote = line.replace(/^【[^】]+】/, "");
        expect(seed.includes(quote), `${a.custom.id}: ${quote}`).toBe(true);
      }
    }
  });

  it("marks the sanso.main entry points for `sanso build`", () => {
    const eps = compiled.annotations.filter((a) => a.entrypoint).map((a) => a.path.join("."));
    expect(eps).toEqual(expect.arrayContaining(["data.sanso.main.findings", "data.sanso.main.checked"]));
  });

  it("checked names every rule of the METADATA even when nothing is in scope", () => {
    const r = compiled.evaluate(normalizeDocument({ terraform: {} }, "empty.cdk.tf.json"));
    expect(Object.keys(r.checked).sort()).toEqual([...RULE_IDS].sort());
    for (const [id, l] of Object.entries(r.checked)) expect(l, id).toEqual([]);
    expect(r.findings).toEqual([]);
  });

  it("agrees with the findings: article, severity and checked ids come from the same rule", async () => {
    const meta = byId();
    let seen = 0;
    for (const s of SCENARIOS) {
      const [doc] = await loadInputs([join(FIXTURES, "cdktf", `${s.name}.bad.cdk.tf.json`)]);
      const r = compiled.evaluate(doc!);
      expect(Object.keys(r.checked).sort()).toEqual([...RULE_IDS].sort());
      for (const f of r.findings) {
        const a = meta.get(f.rule)!;
        expect(f.article, f.rule).toBe(a.custom.article);
        expect(f.severity, f.rule).toBe(a.custom.severity);
        seen++;
      }
    }
    expect(seen).toBeGreaterThan(50);
  });
});

interface CoverageEntry {
  article: number;
  title: string;
  status: "enforced" | "partial" | "outside";
  rules?: string[];
  note: string;
}

describe("policies/coverage.yaml", () => {
  const coverage = (YAML.parse(readFileSync(join(POLICY_DIR, "coverage.yaml"), "utf8")) as { articles: CoverageEntry[] }).articles;

  it("lists the 104 articles once each, in order", () => {
    expect(coverage.map((e) => e.article)).toEqual(Array.from({ length: 104 }, (_, i) => i + 1));
  });

  it("gives each article a status and a one-line Japanese note, and lists no rules (METADATA does)", () => {
    for (const e of coverage) {
      expect(["enforced", "partial", "outside"], `第${e.article}条`).toContain(e.status);
      expect(e.note, `第${e.article}条`).toMatch(JAPANESE);
      expect(e.note.includes("\n"), `第${e.article}条 note is one line`).toBe(false);
      expect(e.rules, `第${e.article}条: a rule's articles are its METADATA's custom.article`).toBeUndefined();
    }
  });

  it("has rules (from the rules' METADATA) exactly under the enforced and partial articles", () => {
    const rows = withCitingRules(loadCoverage(join(POLICY_DIR, "coverage.yaml")), catalogRules(compiled.annotations));
    for (const row of rows) {
      if (row.status === "outside") expect(row.rules, row.article).toEqual([]);
      else expect(row.rules.length, row.article).toBeGreaterThan(0);
      for (const id of row.rules) expect(RULE_IDS as readonly string[], row.article).toContain(id);
    }
    // every rule appears under each article it cites, and only there
    for (const a of rules) {
      for (const row of rows) {
        const cites = citedArticles(a.custom.article).includes(Number(/\d+/.exec(row.article)![0]));
        expect(row.rules.includes(a.custom.id), `${a.custom.id} under ${row.article}`).toBe(cites);
      }
    }
  });

  it.skipIf(!seedText())("has the seed's article titles (when ../shared is present)", () => {
    const seed = seedText()!;
    const titles = new Map<number, string>();
    let pending: string | null = null;
    for (const raw of seed.split("\n")) {
      const line = raw.trim().replace(/^-\s*/, "");
      const t = /^[（(](.+?)[)）]$/.exec(line);
      if (t) { pending = t[1]!; continue; }
      const a = /^第\s*(\d+)\s*条/.exec(line);
      if (a) {
        if (!titles.has(Number(a[1]))) titles.set(Number(a[1]), pending ?? "");
        pending = null;
      }
    }
    expect(titles.size).toBe(104);
    for (const e of coverage) expect(e.title, `第${e.article}条`).toBe(titles.get(e.article));
  });
});
