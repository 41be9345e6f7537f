import type { AccountBaseline, BaselineComponent, CoverageStatus, Lang, RuleStatus, Severity, Zone } from "./types.js";

export const SEVERITY_LABEL: Record<Lang, Record<Severity, string>> = {
  ja: { critical: "重大", high: "高", medium: "中", low: "低" },
  en: { critical: "critical", high: "high", medium: "medium", low: "low" },
};

export const STATUS_LABEL: Record<Lang, Record<RuleStatus, string>> = {
  ja: { fail: "違反あり", unverified: "要確認", excepted: "例外適用", pass: "適合", not_applicable: "対象なし" },
  en: { fail: "fail", unverified: "unverified", excepted: "excepted", pass: "pass", not_applicable: "not applicable" },
};

export const COMPONENT_LABEL: Record<BaselineComponent, string> = {
  trail: "CloudTrail",
  guardduty: "GuardDuty",
  securityhub: "Security Hub",
  config: "AWS Config",
};

/** One line per claim: who provides which account-level service to which stack. */
export function baselineLines(b: AccountBaseline | undefined, lang: Lang): string[] {
  if (!b) return [];
  const out: string[] = [];
  if (b.declared) {
    const comps = b.declared.components.map((c) => COMPONENT_LABEL[c]).join(", ");
    out.push(
      lang === "ja"
        ? `設定の宣言${b.declared.file ? ` (${b.declared.file})` : ""}: ${comps} は「${b.declared.provided_by}」が提供`
        : `declared${b.declared.file ? ` in ${b.declared.file}` : ""}: ${comps} provided by "${b.declared.provided_by}"`,
    );
  }
  for (const c of b.claims) {
    const by =
      c.kind === "stack"
        ? lang === "ja"
          ? `同じ実行のスタック ${c.provided_by}`
          : `stack ${c.provided_by} of this run`
        : lang === "ja"
          ? `設定の宣言「${c.provided_by}」(未検証の申告)`
          : `the configuration's declaration "${c.provided_by}" (a claim, not verified)`;
    out.push(lang === "ja" ? `${c.stack}: ${COMPONENT_LABEL[c.component]} は ${by} が提供` : `${c.stack}: ${COMPONENT_LABEL[c.component]} provided by ${by}`);
  }
  return out;
}

export const COVERAGE_LABEL: Record<Lang, Record<CoverageStatus, string>> = {
  ja: { enforced: "検査対象", partial: "一部検査", outside: "IaC の対象外" },
  en: { enforced: "enforced", partial: "partially enforced", outside: "outside IaC" },
};

export const ZONE_LABEL: Record<Lang, Record<Zone, string>> = {
  ja: { mynumber: "マイナンバー利用事務系", lgwan: "LGWAN接続系", internet: "インターネット接続系" },
  en: { mynumber: "My Number", lgwan: "LGWAN", internet: "Internet" },
};

/** All user-visible words of the renderers, per language. */
export const T = {
  ja: {
    title: "sanso 検査結果",
    bundle: "ポリシー",
    inputs: "入力",
    stack: "スタック",
    resources: "リソース",
    resource: "リソース",
    construct: "コンストラクト",
    file: "ファイル",
    remediation: "対処",
    rule: "ルール",
    article: "条項",
    severity: "重要度",
    message: "内容",
    checked: "対象",
    findings: "違反",
    excepted: "例外",
    unverified: "要確認",
    unverifiedTitle: "要確認 — apply 後にしか分からない値のため合否を判定できなかったリソース (合格ではありません)",
    unverifiedVerdict: "要確認",
    baselineTitle: "アカウントの基盤 (第45条・第90条) — このスタックが作らず、他から提供されるもの",
    status: "結果",
    exceptedTitle: "例外措置 (第93条) により除外された指摘",
    exception: "例外",
    reason: "理由",
    approver: "承認者",
    approved: "承認日",
    expires: "有効期限",
    problemsTitle: "例外設定の問題",
    problem: "問題",
    rulesTitle: "ルール別の結果",
    coverageTitle: "条項ごとの対応状況",
    noFindings: "違反はありません。",
    pass: "合格",
    fail: "不合格",
    summary: "集計",
    failOn: "不合格とする重要度",
    atOrAbove: "以上",
    articleText: "条文",
    perArticle: "条項別の指摘",
    generatedAt: "作成日時",
    none: "なし",
    count: (n: number) => `${n} 件`,
    cause: "原因",
    more: (n: number) => `… ほか ${n} 件`,
    nResources: (n: number) => `リソース ${n} 件`,
    findingsOn: (f: number, r: number) => `違反 ${f} 件 (リソース ${r} 件)`,
    zones: "区分",
    classes: "重要性分類",
    all: "すべて",
    rationale: "趣旨",
  },
  en: {
    title: "sanso check report",
    bundle: "policy bundle",
    inputs: "inputs",
    stack: "stack",
    resources: "resources",
    resource: "resource",
    construct: "construct",
    file: "file",
    remediation: "fix",
    rule: "rule",
    article: "article",
    severity: "severity",
    message: "message",
    checked: "checked",
    findings: "findings",
    excepted: "excepted",
    unverified: "unverified",
    unverifiedTitle: "Unverified — resources that could not be judged before apply (values known only after apply; not a pass)",
    unverifiedVerdict: "UNVERIFIED",
    baselineTitle: "Account baseline (Articles 45, 90) — provided to stacks that do not create it",
    status: "status",
    exceptedTitle: "Findings excepted by approved exceptions (Article 93)",
    exception: "exception",
    reason: "reason",
    approver: "approver",
    approved: "approved",
    expires: "expires",
    problemsTitle: "Exception problems",
    problem: "problem",
    rulesTitle: "Results per rule",
    coverageTitle: "Coverage of the policy's articles",
    noFindings: "No findings.",
    pass: "PASS",
    fail: "FAIL",
    summary: "summary",
    failOn: "fail on",
    atOrAbove: "or above",
    articleText: "article text",
    perArticle: "Findings per article",
    generatedAt: "generated at",
    none: "none",
    count: (n: number) => `${n}`,
    cause: "cause",
    more: (n: number) => `… and ${n} more`,
    nResources: (n: number) => `${n} resource${n === 1 ? "" : "s"}`,
    findingsOn: (f: number, r: number) => `${f} finding${f === 1 ? "" : "s"} on ${r} resource${r === 1 ? "" : "s"}`,
    zones: "zones",
    classes: "classes",
    all: "all",
    rationale: "rationale",
  },
} as const;

export type Words = (typeof T)["ja"] | (typeof T)["en"];

export function message(f: { message_ja: string; message_en: string }, lang: Lang): string {
  return lang === "ja" ? f.message_ja || f.message_en : f.message_en || f.message_ja;
}

/** A grouped finding's resource's own message, when it differs from the finding's. */
export function ownMessage(r: { message_ja?: string; message_en?: string }, lang: Lang): string | undefined {
  return lang === "ja" ? r.message_ja ?? r.message_en : r.message_en ?? r.message_ja;
}

export function remediation(f: { remediation?: string; remediation_en?: string }, lang: Lang): string | undefined {
  return lang === "en" ? f.remediation_en ?? f.remediation : f.remediation ?? f.remediation_en;
}

export function problemText(p: { problem_ja: string; problem_en: string }, lang: Lang): string {
  return lang === "ja" ? p.problem_ja || p.problem_en : p.problem_en || p.problem_ja;
}

export function ruleTitle(r: { title_ja: string; title_en: string }, lang: Lang): string {
  return lang === "ja" ? r.title_ja || r.title_en : r.title_en || r.title_ja;
}
