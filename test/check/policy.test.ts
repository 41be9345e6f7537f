import { cpSync, existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { writeBundle } from "../../src/rego/bundle/bundle.js";
import {
  catalogRules,
  CheckError,
  COMBINED_ENTRYPOINT,
  compilerVersion,
  Evaluator,
  FINDINGS_ENTRYPOINT,
  loadCoverage,
  loadPolicySet,
  memoryPagesFor,
  policyData,
} from "../../src/check/index.js";
import type { NormalizedInput } from "../../src/input/index.js";
import { FIXTURE_POLICIES } from "./helpers.js";
import { tempDir } from "../tmp.js";

const tmp = (p: string) => tempDir(p);

async function rejects(p: Promise<unknown>): Promise<string> {
  try {
    await p;
  } catch (e) {
    expect(e).toBeInstanceOf(CheckError);
    return (e as Error).message;
  }
  throw new Error("no error");
}

describe("policy bundle", () => {
  it("compiles policies/ on first use and reuses the cached bundle, keyed by content", async () => {
    const cacheDir = tmp("sanso-cache-");
    const dir = join(tmp("sanso-pol-"), "policies");
    cpSync(FIXTURE_POLICIES, dir, { recursive: true });
    const first = await loadPolicySet({ policies: dir, cacheDir });
    expect(first.compiled).toBe(true);
    expect(readdirSync(cacheDir).filter((f) => f.endsWith(".tar.gz"))).toHaveLength(1);
    expect(Object.keys(first.bundle.entrypoints).sort()).toEqual([COMBINED_ENTRYPOINT, "sanso/main/checked", FINDINGS_ENTRYPOINT].sort());

    const second = await loadPolicySet({ policies: dir, cacheDir });
    expect(second.compiled).toBe(false);
    expect(second.version).toBe(first.version);
    expect(second.rules).toEqual(first.rules);

    // the same sources elsewhere: same key
    const moved = join(tmp("sanso-pol-"), "p");
    cpSync(dir, moved, { recursive: true });
    expect((await loadPolicySet({ policies: moved, cacheDir })).compiled).toBe(false);

    // a changed source: a new bundle
    const f = join(dir, "art99_region.rego");
    writeFileSync(f, readFileSync(f, "utf8").replace("severity: medium", "severity: low"));
    const third = await loadPolicySet({ policies: dir, cacheDir });
    expect(third.compiled).toBe(true);
    expect(third.version).not.toBe(first.version);
    expect(third.rules.find((r) => r.id === "ART99-REGION")!.severity).toBe("low");
    expect(readdirSync(cacheDir).filter((f) => f.endsWith(".tar.gz"))).toHaveLength(2);

    // an unreadable cache entry is recompiled, not trusted
    const entry = readdirSync(cacheDir).find((f) => f.includes(third.version.slice(7)))!;
    writeFileSync(join(cacheDir, entry), "garbage");
    const notes: string[] = [];
    const fourth = await loadPolicySet({ policies: dir, cacheDir, onNote: (m) => notes.push(m) });
    expect(fourth.compiled).toBe(true);
    expect(notes[0]).toMatch(/unreadable cached bundle; recompiling/);
  });

  it("keys the cache on the compiler too", () => {
    expect(compilerVersion()).toMatch(/^[0-9a-f]{16}$/);
  });

  it("reads the rule catalog from the METADATA annotations", async () => {
    const set = await loadPolicySet({ policies: FIXTURE_POLICIES });
    expect(set.rules.map((r) => [r.id, r.article, r.severity])).toEqual([
      ["ART29-CMK", "第29条第6項", "high"],
      ["ART49-FIREWALL", "第49条", "critical"],
      ["ART99-REGION", "第99条", "medium"],
    ]);
    expect(set.rules[0]).toMatchObject({
      title_ja: "マイナンバー利用事務系のデータは顧客管理鍵で暗号化する",
      title_en: "My Number data is encrypted with customer-managed keys",
      zones: ["mynumber"],
      classes: [],
    });
    expect(set.rules[0]!.article_text).toMatch(/^マイナンバー利用事務系のデータは/);
    expect(set.coverage?.map((c) => [c.article, c.status])).toEqual([
      ["第29条", "partial"],
      ["第37条", "outside"],
      ["第49条", "enforced"],
      ["第99条", "enforced"],
    ]);
    const minimal = catalogRules([{ scope: "rule", path: ["data", "x"], loc: { file: "f", line: 1, col: 1 }, custom: { id: "X-1", severity: "bogus", zones: "lgwan, mars" } }]);
    expect(minimal).toEqual([{ id: "X-1", title_ja: "X-1", title_en: "X-1", article: "", article_text: "", severity: "medium", zones: ["lgwan"], classes: [], rationale: "" }]);
    // every zone / every class named is the same as none named (the report shows "all")
    const all = catalogRules([{ scope: "rule", path: ["data", "y"], loc: { file: "f", line: 1, col: 1 }, custom: { id: "Y-1", zones: ["mynumber", "lgwan", "internet"], classes: ["I", "II", "III", "IV"] } }]);
    expect([all[0]!.zones, all[0]!.classes]).toEqual([[], []]);
  });

  it("uses a prebuilt bundle (sanso build / opa build -t wasm): two entrypoints, catalog when present", async () => {
    const set = await loadPolicySet({ policies: FIXTURE_POLICIES });
    const dir = tmp("sanso-bundle-");
    // a bundle as `opa build -t wasm -e sanso/main/findings -e sanso/main/checked` writes it: no catalog, no combined entrypoint
    const { compileSources } = await import("../../src/rego/compile/index.js");
    const { loadSources } = await import("../../src/rego/sources.js");
    const compiled = compileSources(loadSources([FIXTURE_POLICIES]).modules, { entrypoints: ["sanso/main/findings", "sanso/main/checked"] });
    const file = join(dir, "bundle.tar.gz");
    writeFileSync(file, await writeBundle({ wasm: compiled.wasm, entrypoints: compiled.entrypoints, data: {}, catalog: [] }));
    const pre = await loadPolicySet({ bundle: file });
    expect(pre.compiled).toBe(false);
    expect(pre.rules).toEqual([]);
    expect(pre.version).toMatch(/^sha256:[0-9a-f]{12}$/);
    expect(pre.coverage).toBeUndefined();
    // same results as the compiled set, through two evaluations
    const doc = JSON.parse(readFileSync(join(import.meta.dirname, "../fixtures/check/doc.json"), "utf8")) as NormalizedInput;
    const a = await new Evaluator(pre, {}).evaluate(doc);
    const b = await new Evaluator(set, {}).evaluate(doc);
    expect(a.findings).toEqual(b.findings);
    expect(a.checked).toEqual(b.checked);
    expect(b.findings.length).toBeGreaterThan(0);
    // with --policies as well: the coverage matrix
    expect((await loadPolicySet({ bundle: file, policies: FIXTURE_POLICIES })).coverage).toHaveLength(4);
  });

  it("rejects unusable bundles and policies with a message naming the file", async () => {
    const dir = tmp("sanso-bad-");
    expect(await rejects(loadPolicySet({ bundle: join(dir, "none.tar.gz") }))).toBe(`${join(dir, "none.tar.gz")}: cannot read the policy bundle: no such file or directory`);
    writeFileSync(join(dir, "empty.tar.gz"), "");
    expect(await rejects(loadPolicySet({ bundle: join(dir, "empty.tar.gz") }))).toMatch(/the policy bundle is empty/);
    writeFileSync(join(dir, "text.tar.gz"), "not a bundle");
    expect(await rejects(loadPolicySet({ bundle: join(dir, "text.tar.gz") }))).toMatch(/not a policy bundle: expected a gzip-compressed tar file/);
    expect(await rejects(loadPolicySet({ bundle: dir }))).toMatch(/is a directory/);
    const { compileSources } = await import("../../src/rego/compile/index.js");
    const other = compileSources([{ file: "x.rego", text: "package other\nimport rego.v1\nallow := true\n" }], { entrypoints: ["other/allow"] });
    writeFileSync(join(dir, "other.tar.gz"), await writeBundle({ wasm: other.wasm, entrypoints: other.entrypoints, data: {}, catalog: [] }));
    expect(await rejects(loadPolicySet({ bundle: join(dir, "other.tar.gz") }))).toMatch(/has no entrypoint sanso\/main\/findings \(found: other\/allow\)/);

    const empty = tmp("sanso-nopol-");
    expect(await rejects(loadPolicySet({ policies: empty }))).toMatch(/no Rego policies \(.rego files\) found/);
    writeFileSync(join(empty, "broken.rego"), "package sanso.main\nimport rego.v1\nfindings contains f if { f := x }\n");
    const msg = await rejects(loadPolicySet({ policies: empty, cache: false }));
    expect(msg).toMatch(/do not compile:\n\s+.*broken\.rego:3:\d+: /);
    expect(await rejects(loadPolicySet({ policies: "/nonexistent/policies" }))).toMatch(/\/nonexistent\/policies: no such file or directory/);
  });

  it("reads coverage matrices in the accepted shapes, and rejects malformed ones", () => {
    const dir = tmp("sanso-cov-");
    const f = join(dir, "coverage.yaml");
    writeFileSync(f, "1:\n  status: outside\n  note: 目的\n29:\n  status: enforced\n  rules: [ART29-CMK, ART29-ISOLATED]\n");
    expect(loadCoverage(f)).toEqual([
      { article: "第1条", title: "", status: "outside", rules: [], note: "目的" },
      { article: "第29条", title: "", status: "enforced", rules: ["ART29-CMK", "ART29-ISOLATED"], note: "" },
    ]);
    writeFileSync(f, "- article: 第35条\n  status: partially enforced\n  rules: ART35-X\n");
    expect(loadCoverage(f)[0]).toMatchObject({ article: "第35条", status: "partial", rules: ["ART35-X"] });
    writeFileSync(f, "articles:\n  - number: 3\n    status: maybe\n");
    expect(() => loadCoverage(f)).toThrow(/malformed coverage matrix: 第3条: status must be enforced, partial or outside/);
    writeFileSync(f, "- status: enforced\n");
    expect(() => loadCoverage(f)).toThrow(/has no article number/);
  });

  it("merges the configuration into the bundle data at sanso.config; sizes memory for the input", () => {
    expect(policyData({ sanso: { config: { a: 1, b: 2 }, other: true }, x: 1 }, { b: 3 } as never)).toEqual({ sanso: { config: { a: 1, b: 3 }, other: true }, x: 1 });
    expect(policyData(undefined, {})).toEqual({ sanso: { config: {} } });
    expect(memoryPagesFor(0)).toBeGreaterThanOrEqual(5);
    expect(memoryPagesFor(50 << 20)).toBeGreaterThan(memoryPagesFor(5 << 20));
    expect(existsSync(FIXTURE_POLICIES)).toBe(true);
  });
});
