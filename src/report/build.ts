import {
  SEVERITIES,
  type AccountBaseline,
  type CoverageRow,
  type ExceptedFinding,
  type ExceptionProblem,
  type Finding,
  type FindingResource,
  type Report,
  type RuleInfo,
  type RuleStackResult,
  type RuleStatus,
  type RunStatus,
  type Severity,
  type StackInfo,
  type Summary,
  type UnverifiedResource,
} from "./types.js";

/** Rule metadata as the catalog gives it, plus resources checked per stack name. */
export type RuleInput = Omit<RuleInfo, "checked" | "status" | "stacks"> & {
  checked?: Record<string, number>;
  /** Resources per stack name the rule could not decide. */
  unverified?: Record<string, number>;
};

export interface ReportInput {
  sanso_version: string;
  bundle_version: string;
  generated_at?: string;
  generated_for: string[];
  /** Default `low`: any finding fails the run. */
  fail_on?: Severity;
  stacks: StackInfo[];
  findings: Finding[];
  excepted?: ExceptedFinding[];
  exception_problems?: ExceptionProblem[];
  /**
   * What the rules could not decide before apply. Per rule and stack, the larger of this list's
   * count and the rule's `unverified` count is reported.
   */
  unverified?: UnverifiedResource[];
  rules?: RuleInput[];
  coverage?: CoverageRow[];
  account_baseline?: AccountBaseline;
  /**
   * Group findings (and excepted findings) that share stack, rule and `cause` into one finding
   * listing its resources (default true). Exceptions are applied before, per resource.
   */
  group?: boolean;
}

export const SEVERITY_RANK: Record<Severity, number> = { critical: 4, high: 3, medium: 2, low: 1 };

function cmp(a: string | undefined, b: string | undefined): number {
  const x = a ?? "";
  const y = b ?? "";
  return x < y ? -1 : x > y ? 1 : 0;
}

/** Numbers of an article citation: `第80条第1項(3)` -> [80, 1, 3]. */
export function articleNumbers(article: string): number[] {
  return (article.normalize("NFKC").match(/\d+/g) ?? []).map(Number);
}

/** Orders article citations by article, paragraph, item numbers, then text. */
export function compareArticles(a: string, b: string): number {
  const x = articleNumbers(a);
  const y = articleNumbers(b);
  for (let i = 0; i < Math.max(x.length, y.length); i++) {
    const d = (x[i] ?? -1) - (y[i] ?? -1);
    if (d !== 0) return d;
  }
  return cmp(a, b);
}

/** The total order of findings in every report: stack, article, rule, severity, resource. */
export function compareFindings(a: Finding, b: Finding): number {
  return (
    cmp(a.stack, b.stack) ||
    compareArticles(a.article, b.article) ||
    cmp(a.rule, b.rule) ||
    SEVERITY_RANK[b.severity] - SEVERITY_RANK[a.severity] ||
    cmp(a.resource, b.resource) ||
    cmp(a.message_en, b.message_en) ||
    cmp(a.message_ja, b.message_ja)
  );
}

function compareExcepted(a: ExceptedFinding, b: ExceptedFinding): number {
  return compareFindings(a, b) || cmp(a.exception.id, b.exception.id);
}

function compareUnverified(a: UnverifiedResource, b: UnverifiedResource): number {
  return cmp(a.stack, b.stack) || cmp(a.rule, b.rule) || cmp(a.resource, b.resource);
}

function compareProblems(a: ExceptionProblem, b: ExceptionProblem): number {
  return cmp(a.file, b.file) || cmp(a.exception, b.exception) || cmp(a.problem_en, b.problem_en);
}

/** The resources a finding covers: its `resources` when grouped, else its own resource. */
export function resourcesOf(f: Finding): FindingResource[] {
  if (f.resources?.length) return f.resources;
  const r: FindingResource = { resource: f.resource };
  if (f.construct) r.construct = f.construct;
  if (f.file) r.file = f.file;
  if (f.line !== undefined) r.line = f.line;
  if (f.source) r.source = f.source;
  return [r];
}

/** Distinct resource addresses of a finding. */
export function resourceCount(f: Finding): number {
  return f.resources?.length ? new Set(f.resources.map((r) => r.resource)).size : 1;
}

/** Most messages a grouped finding's own message quotes before "(+N more)". */
export const GROUP_MESSAGES = 3;

type Msg = { ja: string; en: string };

function joinMessages(msgs: Msg[]): Msg {
  const shown = msgs.slice(0, GROUP_MESSAGES);
  const more = msgs.length - shown.length;
  return {
    ja: shown.map((m) => m.ja).join("") + (more ? `ほか ${more} 件` : ""),
    en: shown.map((m) => m.en).join(" ") + (more ? ` (+${more} more)` : ""),
  };
}

function distinctMessages(msgs: Msg[]): Msg[] {
  const seen = new Set<string>();
  const out: Msg[] = [];
  for (const m of msgs) {
    const k = `${m.ja}\u0000${m.en}`;
    if (seen.has(k)) continue;
    seen.add(k);
    out.push(m);
  }
  return out;
}

/**
 * One cause, one finding: findings with the same stack, rule and `cause` (and, with `extraKey`,
 * the same extra key: an excepted finding's exception) become one finding whose `resources` list
 * every resource, sorted by address (a resource with several messages appears once, its messages
 * joined). The finding's message is the common message, or the distinct messages joined (at most
 * GROUP_MESSAGES, then "(+N more)"); a resource keeps its own message only when it differs. The
 * finding's `resource`, `construct`, `file`, `line` and `source` are its first resource's; its
 * severity the highest. Findings without a cause stay as they are; an already grouped finding
 * alone in its group is returned unchanged (grouping is idempotent).
 */
export function groupFindings<T extends Finding>(findings: readonly T[], extraKey?: (f: T) => string): T[] {
  const out: T[] = [];
  const groups = new Map<string, T[]>();
  for (const f of findings) {
    if (!f.cause) {
      out.push(f);
      continue;
    }
    const k = [f.stack, f.rule, f.cause, extraKey?.(f) ?? ""].join("\u0000");
    const g = groups.get(k);
    if (g) g.push(f);
    else groups.set(k, [f]);
  }
  for (const members of groups.values()) {
    if (members.length === 1 && members[0]!.resources?.length) {
      out.push(members[0]!);
      continue;
    }
    // every (resource, message) of the members, in a fixed order
    const items: Array<{ res: FindingResource; msg: Msg }> = [];
    for (const f of members) {
      for (const r of resourcesOf(f)) {
        const { message_ja, message_en, ...where } = r;
        items.push({ res: where, msg: { ja: message_ja ?? f.message_ja, en: message_en ?? f.message_en } });
      }
    }
    items.sort((a, b) => cmp(a.res.resource, b.res.resource) || cmp(a.msg.en, b.msg.en) || cmp(a.msg.ja, b.msg.ja));
    const all = distinctMessages(items.map((i) => i.msg));
    const message = joinMessages(all);
    const byResource = new Map<string, { res: FindingResource; msgs: Msg[] }>();
    for (const i of items) {
      const e = byResource.get(i.res.resource);
      if (e) e.msgs.push(i.msg);
      else byResource.set(i.res.resource, { res: i.res, msgs: [i.msg] });
    }
    const resources: FindingResource[] = [];
    for (const { res, msgs } of byResource.values()) {
      const own = distinctMessages(msgs);
      const m = own.length === all.length ? message : joinMessages(own);
      resources.push({ ...res, ...(m.ja !== message.ja || m.en !== message.en ? { message_ja: m.ja, message_en: m.en } : {}) });
    }
    const head = [...members].sort((a, b) => SEVERITY_RANK[b.severity] - SEVERITY_RANK[a.severity] || compareFindings(a, b))[0]!;
    const first = resources[0]!;
    const grouped = { ...head } as T;
    delete grouped.construct;
    delete grouped.file;
    delete grouped.line;
    delete grouped.source;
    Object.assign(grouped, {
      resource: first.resource,
      ...(first.construct ? { construct: first.construct } : {}),
      ...(first.file ? { file: first.file } : {}),
      ...(first.line !== undefined ? { line: first.line } : {}),
      ...(first.source ? { source: first.source } : {}),
      message_ja: message.ja,
      message_en: message.en,
      resources,
    });
    out.push(grouped);
  }
  return out;
}

/** Is `severity` at or above `threshold`? */
export function atOrAbove(severity: Severity, threshold: Severity): boolean {
  return SEVERITY_RANK[severity] >= SEVERITY_RANK[threshold];
}

const STATUS_RANK: Record<RuleStatus, number> = { fail: 4, unverified: 3, excepted: 2, pass: 1, not_applicable: 0 };

export interface SummaryExtra {
  /** Undecided resources (per rule and stack). */
  unverified?: number;
  /** Rules whose status is unverified. */
  unverifiedRules?: number;
  /** The severity the run's status is judged at; default low. */
  failOn?: Severity;
}

export function summarize(findings: Finding[], excepted: ExceptedFinding[], problems: ExceptionProblem[], extra: SummaryExtra = {}): Summary {
  const by_severity = { critical: 0, high: 0, medium: 0, low: 0 } as Record<Severity, number>;
  const byRule: Record<string, number> = {};
  const affected = new Set<string>();
  for (const f of findings) {
    by_severity[f.severity]++;
    byRule[f.rule] = (byRule[f.rule] ?? 0) + 1;
    for (const r of resourcesOf(f)) affected.add(`${f.stack}\u0000${r.resource}`);
  }
  const by_rule: Record<string, number> = {};
  for (const k of Object.keys(byRule).sort(cmp)) by_rule[k] = byRule[k]!;
  const failing = {} as Record<Severity, boolean>;
  // An unusable exception (expired, malformed, unused: 第93条) fails the run at any threshold: it is
  // itself a finding of the exception process (DESIGN.md), and its findings must not pass unnoticed.
  for (const s of SEVERITIES) failing[s] = problems.length > 0 || findings.some((f) => atOrAbove(f.severity, s));
  const unverified = extra.unverified ?? 0;
  const unverified_rules = extra.unverifiedRules ?? 0;
  const status: RunStatus = failing[extra.failOn ?? "low"] ? "fail" : unverified > 0 || unverified_rules > 0 ? "unverified" : "pass";
  return {
    status,
    by_severity,
    by_rule,
    total: findings.length,
    resources: affected.size,
    excepted: excepted.length,
    exception_problems: problems.length,
    unverified,
    unverified_rules,
    failing,
  };
}

/**
 * Assembles a report: sorts everything into its canonical order, computes per-rule and per-stack
 * results and the summary. Rules that produced findings but are missing from `rules` get a
 * minimal entry, so nothing is ever dropped.
 */
export function buildReport(input: ReportInput): Report {
  const group = input.group !== false;
  const findings = (group ? groupFindings(input.findings) : [...input.findings]).sort(compareFindings);
  const excepted = (group ? groupFindings(input.excepted ?? [], (f) => f.exception.id) : [...(input.excepted ?? [])]).sort(compareExcepted);
  const problems = [...(input.exception_problems ?? [])].sort(compareProblems);
  const stacks = [...input.stacks].sort((a, b) => cmp(a.name, b.name));
  // one entry per rule, stack and resource
  const seenUnverified = new Set<string>();
  const unverified: UnverifiedResource[] = [];
  for (const u of input.unverified ?? []) {
    const k = `${u.rule}\u0000${u.stack}\u0000${u.resource}`;
    if (seenUnverified.has(k)) continue;
    seenUnverified.add(k);
    unverified.push(u);
  }
  unverified.sort(compareUnverified);

  const ruleInputs = new Map<string, RuleInput>();
  for (const r of input.rules ?? []) ruleInputs.set(r.id, r);
  const severityOf = new Map<string, Severity>();
  for (const f of [...findings, ...excepted]) severityOf.set(f.rule, f.severity);
  for (const f of [...findings, ...excepted, ...unverified.map((u) => ({ rule: u.rule, article: "" }))]) {
    if (!ruleInputs.has(f.rule)) {
      ruleInputs.set(f.rule, {
        id: f.rule,
        title_ja: f.rule,
        title_en: f.rule,
        article: f.article,
        article_text: "",
        severity: severityOf.get(f.rule) ?? "medium",
        zones: [],
        classes: [],
        rationale: "",
      });
    }
  }

  // counts per rule and stack
  const key = (rule: string, stack: string) => `${rule}\u0000${stack}`;
  const nFind = new Map<string, number>();
  const nExc = new Map<string, number>();
  const inScope = new Map<string, Set<string>>();
  const affected = new Map<string, Set<string>>();
  const bump = (m: Map<string, number>, k: string) => m.set(k, (m.get(k) ?? 0) + 1);
  const add = (m: Map<string, Set<string>>, k: string, a: string) => {
    let s = m.get(k);
    if (!s) m.set(k, (s = new Set()));
    s.add(a);
  };
  for (const f of findings) {
    bump(nFind, key(f.rule, f.stack));
    for (const r of resourcesOf(f)) add(affected, key(f.rule, f.stack), r.resource);
  }
  for (const f of excepted) bump(nExc, key(f.rule, f.stack));
  const nUnv = new Map<string, number>();
  for (const u of unverified) bump(nUnv, key(u.rule, u.stack));
  // a resource with a finding, an excepted finding or an open question was in the rule's scope
  for (const f of [...findings, ...excepted]) for (const r of resourcesOf(f)) add(inScope, key(f.rule, f.stack), r.resource);
  for (const u of unverified) add(inScope, key(u.rule, u.stack), u.resource);
  const stackNames = new Set(stacks.map((s) => s.name));
  for (const f of [...findings, ...excepted, ...unverified]) stackNames.add(f.stack);

  const rules: RuleInfo[] = [];
  for (const r of [...ruleInputs.values()].sort((a, b) => compareArticles(a.article, b.article) || cmp(a.id, b.id))) {
    const per: Record<string, RuleStackResult> = {};
    let total = 0;
    let status: RuleStatus = "not_applicable";
    for (const s of [...stackNames].sort(cmp)) {
      const k = key(r.id, s);
      const findingsN = nFind.get(k) ?? 0;
      const exceptedN = nExc.get(k) ?? 0;
      const checked = Math.max(r.checked?.[s] ?? 0, inScope.get(k)?.size ?? 0);
      const unverifiedN = Math.max(r.unverified?.[s] ?? 0, nUnv.get(k) ?? 0);
      const st: RuleStatus = findingsN > 0 ? "fail" : unverifiedN > 0 ? "unverified" : exceptedN > 0 ? "excepted" : checked > 0 ? "pass" : "not_applicable";
      per[s] = { checked, findings: findingsN, resources: affected.get(k)?.size ?? 0, excepted: exceptedN, unverified: unverifiedN, status: st };
      total += checked;
      if (STATUS_RANK[st] > STATUS_RANK[status]) status = st;
    }
    const { checked: _c, unverified: _u, ...meta } = r;
    rules.push({ ...meta, zones: [...meta.zones], classes: [...meta.classes], checked: total, status, stacks: per });
  }

  const report: Report = {
    schema_version: 2,
    sanso_version: input.sanso_version,
    bundle_version: input.bundle_version,
    ...(input.generated_at !== undefined ? { generated_at: input.generated_at } : {}),
    generated_for: [...input.generated_for],
    fail_on: input.fail_on ?? "low",
    stacks,
    findings,
    excepted,
    exception_problems: problems,
    unverified,
    rules,
    ...(input.coverage ? { coverage: [...input.coverage].sort((a, b) => compareArticles(a.article, b.article)) } : {}),
    ...(input.account_baseline && (input.account_baseline.declared || input.account_baseline.claims.length)
      ? {
          account_baseline: {
            ...(input.account_baseline.declared ? { declared: { ...input.account_baseline.declared, components: [...input.account_baseline.declared.components] } } : {}),
            claims: [...input.account_baseline.claims].sort((a, b) => cmp(a.stack, b.stack) || cmp(a.component, b.component)),
          },
        }
      : {}),
    summary: summarize(findings, excepted, problems, {
      unverified: rules.reduce((n, r) => n + Object.values(r.stacks).reduce((m, x) => m + x.unverified, 0), 0),
      unverifiedRules: rules.filter((r) => r.status === "unverified").length,
      failOn: input.fail_on ?? "low",
    }),
  };
  return report;
}

/** Would this report fail the run (exit code 1)? */
export function isFailing(report: Report): boolean {
  return report.summary.failing[report.fail_on];
}
