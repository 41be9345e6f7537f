/**
 * The rule catalog: every rule of ARTICLES.md has a rule whose METADATA carries the fields reports
 * and `sanso policies` read, quoting the seed verbatim; findings agree with their rule's METADATA;
 * and policies/coverage.yaml lists all 104 articles consistently with the rules' citations.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import YAML from "yaml";
import { loadInputs, normalizeDocument } from "../../src/input/index.js";
import { ruleMetadataProblems } from "../../src/rego/lint/metadata.js";
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
const citedArticles = (article: string): number[] => [...new Set([...article.matchAll(/第(\d+)条/g)].map((m) => Number(m[1])))];

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
    expect(ruleMetadataProblems(c, { builtIn: true }), id).toEqual([]);
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

  it("gives each article a status, a Japanese note and rules exactly when enforced or partial", () => {
    for (const e of coverage) {
      expect(["enforced", "partial", "outside"], `第${e.article}条`).toContain(e.status);
      expect(e.note, `第${e.article}条`).toMatch(JAPANESE);
      expect(e.note.includes("\n"), `第${e.article}条 note is one line`).toBe(false);
      if (e.status === "outside") expect(e.rules ?? [], `第${e.article}条`).toEqual([]);
      else expect((e.rules ?? []).length, `第${e.article}条`).toBeGreaterThan(0);
      for (const id of e.rules ?? []) expect(RULE_IDS as readonly string[], `第${e.article}条`).toContain(id);
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

  it("lists every rule under every article its METADATA cites, and nothing else", () => {
    const fromRules = new Map<number, Set<string>>();
    for (const a of rules) {
      for (const n of citedArticles(a.custom.article)) {
        if (!fromRules.has(n)) fromRules.set(n, new Set());
        fromRules.get(n)!.add(a.custom.id);
      }
    }
    for (const e of coverage) {
      const listed = [...(e.rules ?? [])].sort();
      const cited = [...(fromRules.get(e.article) ?? [])].sort();
      expect(listed, `第${e.article}条: coverage.yaml vs the rules' custom.article`).toEqual(cited);
      if (cited.length) expect(["enforced", "partial"], `第${e.article}条`).toContain(e.status);
    }
  });
});
