// `sanso policies [--coverage]`: the rules of the policy catalog (id, article, severity, title),
// or the coverage matrix of the policy's 104 articles.

import type { Command } from "commander";
import Table from "cli-table3";
import pc from "picocolors";
import { compareArticles } from "../../report/build.js";
import { COVERAGE_LABEL, SEVERITY_LABEL } from "../../report/i18n.js";
import type { CoverageRow, CoverageStatus, Lang } from "../../report/types.js";
import { CheckError } from "../../check/errors.js";
import { classifyPolicyDirs, COVERAGE_FILE, DEFAULT_POLICIES_DIR, loadCoverageIfPresent, loadPolicySet } from "../../check/policy.js";
import { loadPoliciesFor } from "../../api/check.js";
import { loadConfig } from "../../check/config.js";
import { action, UsageError } from "../errors.js";
import { parseLang } from "./check.js";

interface PoliciesOptions {
  coverage?: boolean;
  lang: string;
  policies: string[];
  bundle?: string;
  json?: boolean;
  color: boolean;
}

export function registerPolicies(program: Command): void {
  program
    .command("policies")
    .description("list the rules of the policies (id, article, severity, title), or with --coverage the coverage of all 104 articles")
    .option("--coverage", "print the coverage matrix: each article enforced, partially enforced or outside IaC")
    .option("--lang <lang>", "ja or en", "ja")
    .option("--policies <dir>", "your own rules, listed with the built-in ones; a directory with package sanso.main replaces them (repeatable)", (v: string, p: string[]) => [...p, v], [])
    .option("--bundle <file>", "read the rule catalog of a prebuilt bundle instead")
    .option("--json", "print JSON instead of a table")
    .option("--no-color", "no colour")
    .action(action(async (opts: PoliciesOptions) => policiesCommand(opts)));
}

async function policiesCommand(opts: PoliciesOptions): Promise<number> {
  const lang = parseLang(opts.lang);
  const c = pc.createColors(opts.color !== false && pc.isColorSupported && !!process.stdout.isTTY);
  if (opts.coverage) {
    const dir = classifyPolicyDirs(opts.policies).policies ?? DEFAULT_POLICIES_DIR;
    const rows = loadCoverageIfPresent(dir);
    if (!rows) throw new CheckError(dir, `no coverage matrix (${COVERAGE_FILE}) in the policies`);
    rows.sort((a, b) => compareArticles(a.article, b.article));
    if (opts.json) {
      process.stdout.write(`${JSON.stringify(rows, null, 2)}\n`);
      return 0;
    }
    process.stdout.write(renderCoverage(rows, lang, c));
    return 0;
  }
  // with the local rules of sanso.config.yaml (`policies`), as sanso check evaluates them
  const set = opts.bundle ? await loadPolicySet({ bundle: opts.bundle }) : await loadPoliciesFor([...opts.policies, ...(loadConfig(undefined).policies ?? [])]);
  const rules = [...set.rules].sort((a, b) => compareArticles(a.article, b.article) || (a.id < b.id ? -1 : 1));
  if (opts.json) {
    process.stdout.write(`${JSON.stringify(rules, null, 2)}\n`);
    return 0;
  }
  if (rules.length === 0) {
    throw new UsageError(`${set.origin}: the policy bundle has no rule catalog (METADATA annotations with custom.id)`);
  }
  const h = lang === "ja" ? ["ルール", "条項", "重要度", "タイトル"] : ["rule", "article", "severity", "title"];
  const table = new Table({ head: h.map((x) => c.bold(x)), style: { head: [], border: [], compact: true }, wordWrap: true });
  for (const r of rules) {
    table.push([r.id, r.article, SEVERITY_LABEL[lang][r.severity], lang === "ja" ? r.title_ja : r.title_en]);
  }
  process.stdout.write(`${table.toString()}\n`);
  process.stdout.write(lang === "ja" ? `${rules.length} ルール (${set.origin}, ${set.version})\n` : `${rules.length} rules (${set.origin}, ${set.version})\n`);
  return 0;
}

/**
 * The coverage matrix as a list (a table would cut the Japanese notes): one line per article with
 * its status and rules, the note indented below.
 */
function renderCoverage(rows: CoverageRow[], lang: Lang, c: ReturnType<typeof pc.createColors>): string {
  const color: Record<CoverageStatus, (s: string) => string> = { enforced: c.green, partial: c.yellow, outside: c.dim };
  const count: Record<CoverageStatus, number> = { enforced: 0, partial: 0, outside: 0 };
  const L = COVERAGE_LABEL[lang];
  const out: string[] = [];
  for (const r of rows) {
    count[r.status]++;
    const rules = r.rules.length ? `  ${r.rules.join(", ")}` : "";
    out.push(`${c.bold(r.article)}${r.title ? ` ${r.title}` : ""}  ${color[r.status](`[${L[r.status]}]`)}${rules}`);
    if (r.note) out.push(`    ${c.dim(r.note)}`);
  }
  const summary =
    lang === "ja"
      ? `${rows.length} 条: ${L.enforced} ${count.enforced}・${L.partial} ${count.partial}・${L.outside} ${count.outside}`
      : `${rows.length} articles: ${count.enforced} ${L.enforced}, ${count.partial} ${L.partial}, ${count.outside} ${L.outside}`;
  return `${out.join("\n")}\n\n${summary}\n`;
}
