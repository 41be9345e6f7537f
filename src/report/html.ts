import { compareArticles } from "./build.js";
import { canonicalReport } from "./json.js";
import { places, SOURCE_LABEL } from "./location.js";
import { COVERAGE_LABEL, SEVERITY_LABEL, STATUS_LABEL, T, ZONE_LABEL, baselineLines, message, ownMessage, problemText, remediation, ruleTitle } from "./i18n.js";
import { SEVERITIES, type Finding, type RenderOptions, type Report, type RuleInfo } from "./types.js";

/** Escapes text for HTML element content and quoted attribute values. */
export function esc(s: string | number): string {
  return String(s).replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!);
}

/** An id for in-page links, built from arbitrary text. */
function anchor(prefix: string, s: string): string {
  return `${prefix}-${Buffer.from(s, "utf8").toString("hex").slice(0, 48)}`;
}

const CSS = `
:root { --fg:#1d2330; --muted:#5b6473; --line:#d9dee7; --bg:#ffffff; --soft:#f5f7fa;
  --crit:#8e1020; --high:#c4321c; --med:#9a6700; --low:#1f5fa8; --ok:#1a7f37; --exc:#7a4fb5; }
* { box-sizing: border-box; }
body { margin: 0; color: var(--fg); background: var(--bg);
  font: 15px/1.65 system-ui, -apple-system, "Hiragino Sans", "Hiragino Kaku Gothic ProN", "Noto Sans JP", "Noto Sans CJK JP", "Yu Gothic", Meiryo, sans-serif; }
main { max-width: 1120px; margin: 0 auto; padding: 24px 28px 64px; }
h1 { font-size: 24px; margin: 0 0 4px; }
h2 { font-size: 19px; margin: 36px 0 12px; padding-bottom: 6px; border-bottom: 2px solid var(--line); }
h3 { font-size: 16px; margin: 24px 0 8px; }
h4 { font-size: 15px; margin: 18px 0 6px; }
.meta { color: var(--muted); font-size: 13px; }
.meta code, td code, .where code { font: 12.5px/1.5 ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; word-break: break-all; }
.verdict { display: inline-block; margin: 14px 0 4px; padding: 6px 14px; border-radius: 6px; font-weight: 700; color: #fff; }
.verdict.fail { background: var(--high); } .verdict.unverified { background: var(--med); } .verdict.pass { background: var(--ok); }
.cards { display: flex; flex-wrap: wrap; gap: 10px; margin: 14px 0; }
.card { min-width: 120px; padding: 10px 14px; border: 1px solid var(--line); border-radius: 8px; background: var(--soft); }
.card .n { font-size: 24px; font-weight: 700; line-height: 1.2; }
.card .l { font-size: 12.5px; color: var(--muted); }
.card.critical .n { color: var(--crit); } .card.high .n { color: var(--high); }
.card.medium .n { color: var(--med); } .card.low .n { color: var(--low); } .card.excepted .n { color: var(--exc); } .card.unverified .n { color: var(--med); }
table { width: 100%; border-collapse: collapse; margin: 8px 0 16px; font-size: 13.5px; }
th, td { text-align: left; vertical-align: top; padding: 6px 8px; border-bottom: 1px solid var(--line); }
th { background: var(--soft); font-weight: 600; white-space: nowrap; }
td.num, th.num { text-align: right; white-space: nowrap; }
th.stack { white-space: normal; overflow-wrap: anywhere; min-width: 7em; }
.scroll { overflow-x: auto; }
.badge { display: inline-block; padding: 1px 8px; border-radius: 10px; font-size: 12px; font-weight: 700; color: #fff; white-space: nowrap; }
.badge.critical { background: var(--crit); } .badge.high { background: var(--high); }
.badge.medium { background: var(--med); } .badge.low { background: var(--low); }
.st { font-weight: 600; white-space: nowrap; }
.st.fail { color: var(--high); } .st.unverified { color: var(--med, #b45309); } .st.excepted { color: var(--exc); } .st.pass { color: var(--ok); } .st.not_applicable { color: var(--muted); }
.st.enforced { color: var(--ok); } .st.partial { color: var(--med); } .st.outside { color: var(--muted); }
.article { margin: 18px 0 10px; padding: 12px 16px; border: 1px solid var(--line); border-radius: 8px; }
.article h4 { margin: 0 0 6px; }
blockquote { margin: 6px 0 10px; padding: 6px 12px; border-left: 4px solid #aab4c3; background: var(--soft); color: #333b48; font-size: 13.5px; }
.finding { margin: 10px 0 0; padding: 10px 12px; border-left: 4px solid var(--line); background: #fff; }
.finding.critical { border-color: var(--crit); } .finding.high { border-color: var(--high); }
.finding.medium { border-color: var(--med); } .finding.low { border-color: var(--low); }
.finding .head { display: flex; flex-wrap: wrap; gap: 8px; align-items: baseline; }
.finding .rule { font-weight: 700; }
.where { margin: 4px 0; font-size: 13px; color: var(--muted); }
.where span { display: block; }
.where ul { margin: 2px 0 4px; padding-left: 20px; }
.where li { margin: 0; }
.nowrap, td.nowrap code { white-space: nowrap; word-break: normal; }
code.id { white-space: nowrap; word-break: keep-all; overflow-wrap: normal; }
.fix { margin-top: 4px; font-size: 13.5px; }
.fix b { color: var(--ok); }
.ok { color: var(--ok); font-weight: 600; }
.problems li { margin: 4px 0; }
th:not(.stack)::first-letter, h2::first-letter, .card .l::first-letter { text-transform: uppercase; }
footer { margin-top: 48px; color: var(--muted); font-size: 12px; }
@media print { body { font-size: 11pt; } main { max-width: none; padding: 0; } .finding, .article, tr { break-inside: avoid; } }
`;

/** One self-contained HTML page for reviewers and auditors. */
export function renderHtml(input: Report, opts: RenderOptions): string {
  const report = canonicalReport(input);
  const { lang } = opts;
  const w = T[lang];
  const sev = SEVERITY_LABEL[lang];
  const st = STATUS_LABEL[lang];
  const s = report.summary;
  const rulesById = new Map(report.rules.map((r) => [r.id, r]));
  const h: string[] = [];
  const failOn = lang === "ja" ? `${sev[report.fail_on]}${w.atOrAbove}` : `${report.fail_on} ${w.atOrAbove}`;

  h.push(`<!DOCTYPE html>`);
  h.push(`<html lang="${lang}">`);
  h.push(`<head>`);
  h.push(`<meta charset="utf-8">`);
  h.push(`<meta name="viewport" content="width=device-width, initial-scale=1">`);
  h.push(`<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">`);
  h.push(`<title>${esc(w.title)} — ${esc(report.stacks.map((x) => x.name).join(", ") || "sanso")}</title>`);
  h.push(`<style>${CSS}</style>`);
  h.push(`</head>`);
  h.push(`<body><main>`);

  // header
  h.push(`<h1>${esc(w.title)}</h1>`);
  h.push(
    `<div class="meta">sanso ${esc(report.sanso_version)} · ${esc(w.bundle)} ${esc(report.bundle_version)}${
      report.generated_at ? ` · ${esc(w.generatedAt)} ${esc(report.generated_at)}` : ""
    }<br>${esc(w.inputs)}: ${report.generated_for.map((g) => `<code>${esc(g)}</code>`).join(", ")}</div>`,
  );
  h.push(`<div class="verdict ${s.status}">${esc(s.status === "fail" ? w.fail : s.status === "unverified" ? w.unverifiedVerdict : w.pass)}</div>`);
  h.push(`<div class="meta">${esc(w.failOn)}: ${esc(failOn)}</div>`);
  h.push(`<div class="cards">`);
  for (const x of SEVERITIES) h.push(`<div class="card ${x}"><div class="n">${s.by_severity[x]}</div><div class="l">${esc(sev[x])}</div></div>`);
  h.push(`<div class="card"><div class="n">${s.resources ?? s.total}</div><div class="l">${esc(w.resources)}</div></div>`);
  h.push(`<div class="card excepted"><div class="n">${s.excepted}</div><div class="l">${esc(w.excepted)}</div></div>`);
  h.push(`<div class="card unverified"><div class="n">${s.unverified}</div><div class="l">${esc(w.unverified)}</div></div>`);
  h.push(`<div class="card"><div class="n">${s.exception_problems}</div><div class="l">${esc(w.problemsTitle)}</div></div>`);
  h.push(`</div>`);

  // stacks
  h.push(`<table><thead><tr><th>${esc(w.stack)}</th><th>${lang === "ja" ? "形式" : "format"}</th><th>${esc(w.file)}</th><th class="num">${esc(w.resources)}</th><th class="num">${esc(w.findings)}</th><th class="num">${esc(w.excepted)}</th><th class="num">${esc(w.unverified)}</th></tr></thead><tbody>`);
  for (const x of report.stacks) {
    const nf = report.findings.filter((f) => f.stack === x.name).length;
    const ne = report.excepted.filter((f) => f.stack === x.name).length;
    const nu = report.unverified.filter((f) => f.stack === x.name).length;
    h.push(
      `<tr><td><a href="#${anchor("stack", x.name)}">${esc(x.name)}</a></td><td>${esc(x.format)}</td><td><code>${esc(x.file)}</code></td><td class="num">${x.resources}</td><td class="num">${nf}</td><td class="num">${ne}</td><td class="num">${nu}</td></tr>`,
    );
  }
  h.push(`</tbody></table>`);

  // per article: each rule with its title, severity and outcome; a rule that checked nothing is
  // "not applicable", never a 0 that reads as a pass
  const byArticle = new Map<string, RuleInfo[]>();
  for (const r of report.rules) (byArticle.get(r.article) ?? byArticle.set(r.article, []).get(r.article)!).push(r);
  const counts = (list: Finding[]) => {
    const m = new Map<string, number>();
    for (const f of list) m.set(f.rule, (m.get(f.rule) ?? 0) + 1);
    return m;
  };
  const findingsOf = counts(report.findings);
  const exceptedOf = counts(report.excepted);
  h.push(`<h2>${esc(w.perArticle)}</h2>`);
  h.push(
    `<table><thead><tr><th>${esc(w.article)}</th><th>${esc(w.rule)}</th><th>${esc(w.severity)}</th><th class="num">${esc(w.checked)}</th><th class="num">${esc(w.findings)}</th><th class="num">${esc(w.excepted)}</th></tr></thead><tbody>`,
  );
  for (const a of [...byArticle.keys()].sort(compareArticles)) {
    const list = byArticle.get(a)!.sort((x, y) => (x.id < y.id ? -1 : 1));
    list.forEach((r, i) => {
      const nf = findingsOf.get(r.id) ?? 0;
      const na = r.checked === 0 && nf === 0;
      const findingsCell = na
        ? `<span class="st not_applicable">${esc(st.not_applicable)}</span>`
        : nf
          ? `<a href="#findings"><span class="st fail">${nf}</span></a>`
          : `<span class="st ${r.status}">${r.status === "pass" ? "0" : esc(st[r.status])}</span>`;
      h.push(
        `<tr>${i === 0 ? `<td class="nowrap" rowspan="${list.length}">${esc(a)}</td>` : ""}<td><a href="#${anchor("rule", r.id)}"><code class="id">${esc(r.id)}</code></a><br>${esc(ruleTitle(r, lang))}</td><td><span class="badge ${r.severity}">${esc(sev[r.severity])}</span></td><td class="num">${na ? "—" : r.checked}</td><td class="num">${findingsCell}</td><td class="num">${exceptedOf.get(r.id) ?? 0}</td></tr>`,
      );
    });
  }
  h.push(`</tbody></table>`);

  // findings per stack, per article, with the article text quoted
  h.push(`<h2 id="findings">${esc(w.findings)}</h2>`);
  for (const x of report.stacks) {
    const fs = report.findings.filter((f) => f.stack === x.name);
    h.push(`<h3 id="${anchor("stack", x.name)}">${esc(cap(w.stack))} ${esc(x.name)} <span class="meta">(${esc(x.format)} · ${x.resources} ${esc(w.resources)})</span></h3>`);
    if (!fs.length) {
      h.push(`<p class="ok">✔ ${esc(w.noFindings)}</p>`);
      continue;
    }
    const byArticle = new Map<string, Finding[]>();
    for (const f of fs) (byArticle.get(f.article) ?? byArticle.set(f.article, []).get(f.article)!).push(f);
    for (const [article, list] of byArticle) {
      h.push(`<section class="article">`);
      h.push(`<h4>${esc(article)}</h4>`);
      const quoted = new Set<string>();
      for (const f of list) {
        const r = rulesById.get(f.rule);
        if (r?.article_text && !quoted.has(r.article_text)) {
          quoted.add(r.article_text);
          h.push(`<blockquote>${esc(r.article)} ${esc(r.article_text)}</blockquote>`);
        }
      }
      for (const f of list) h.push(findingHtml(f, rulesById.get(f.rule), opts));
      h.push(`</section>`);
    }
  }

  // exceptions
  h.push(`<h2 id="excepted">${esc(w.exceptedTitle)}</h2>`);
  if (report.excepted.length) {
    h.push(
      `<table><thead><tr><th>${esc(w.rule)}</th><th>${esc(w.resource)}</th><th>${esc(w.exception)}</th><th>${esc(w.reason)}</th><th>${esc(w.approver)}</th><th>${esc(w.approved)}</th><th>${esc(w.expires)}</th></tr></thead><tbody>`,
    );
    for (const f of report.excepted) {
      const e = f.exception;
      h.push(
        `<tr><td class="nowrap"><code class="id">${esc(f.rule)}</code><br><span class="meta">${esc(f.article)}</span></td><td><code>${esc(f.stack)}</code><br>${f.resources?.length ? f.resources.map((r) => `<code>${esc(r.resource)}</code>`).join("<br>") : `<code>${esc(f.resource)}</code>`}${
          f.construct ? `<br><span class="meta">${esc(f.construct)}</span>` : ""
        }<br>${esc(message(f, lang))}</td><td><code>${esc(e.id)}</code><br><span class="meta"><code>${esc(e.resource)}</code></span></td><td>${esc(e.reason)}</td><td>${esc(e.approver)}</td><td class="nowrap">${esc(e.approved)}</td><td class="nowrap">${esc(e.expires)}</td></tr>`,
      );
    }
    h.push(`</tbody></table>`);
  } else {
    h.push(`<p class="meta">${esc(w.none)}</p>`);
  }
  const baseline = baselineLines(report.account_baseline, lang);
  if (baseline.length) {
    h.push(`<h2 id="account-baseline">${esc(w.baselineTitle)}</h2>`);
    h.push(`<ul class="baseline">${baseline.map((l) => `<li>${esc(l)}</li>`).join("")}</ul>`);
  }
  if (report.unverified.length) {
    h.push(`<h2 id="unverified">${esc(w.unverifiedTitle)}</h2>`);
    h.push(`<table><thead><tr><th>${esc(w.rule)}</th><th>${esc(w.stack)}</th><th>${esc(w.resource)}</th></tr></thead><tbody>`);
    for (const u of report.unverified) {
      const r = rulesById.get(u.rule);
      h.push(
        `<tr><td class="nowrap"><code class="id">${esc(u.rule)}</code>${r ? `<br><span class="meta">${esc(r.article)}</span>` : ""}</td><td><code>${esc(u.stack)}</code></td><td><code>${esc(u.resource)}</code>${
          u.construct ? `<br><span class="meta">${esc(u.construct)}</span>` : ""
        }${u.file ? `<br><span class="meta"><code>${esc(u.file)}${u.line ? `:${u.line}` : ""}</code></span>` : ""}</td></tr>`,
      );
    }
    h.push(`</tbody></table>`);
  }
  if (report.exception_problems.length) {
    h.push(`<h2>${esc(w.problemsTitle)}</h2>`);
    h.push(`<ul class="problems">`);
    for (const p of report.exception_problems) {
      h.push(`<li><span class="st fail">!</span> <code>${esc(p.file)}</code>${p.exception ? ` (<code>${esc(p.exception)}</code>)` : ""}: ${esc(problemText(p, lang))}</li>`);
    }
    h.push(`</ul>`);
  }

  // rules: what each checked (evidence, 第101条)
  if (report.rules.length) {
    h.push(`<h2 id="rules">${esc(w.rulesTitle)}</h2>`);
    const names = report.stacks.map((x) => x.name);
    h.push(
      `<div class="scroll"><table><thead><tr><th>${esc(w.rule)}</th><th>${esc(w.article)}</th><th>${esc(w.severity)}</th><th>${esc(w.zones)}</th>${names
        .map((n) => `<th class="stack">${esc(n)}</th>`)
        .join("")}<th>${esc(w.status)}</th></tr></thead><tbody>`,
    );
    for (const r of report.rules) {
      const cells = names.map((n) => {
        const x = r.stacks[n];
        if (!x || x.status === "not_applicable") return `<td><span class="st not_applicable">${esc(st.not_applicable)}</span></td>`;
        const detail =
          lang === "ja"
            ? `${x.checked}件中 違反${x.findings}・例外${x.excepted}${x.unverified ? `・要確認${x.unverified}` : ""}`
            : `${x.findings}/${x.checked} failed, ${x.excepted} excepted${x.unverified ? `, ${x.unverified} unverified` : ""}`;
        return `<td><span class="st ${x.status}">${esc(st[x.status])}</span><br><span class="meta">${esc(detail)}</span></td>`;
      });
      const zones = r.zones.length ? r.zones.map((z) => ZONE_LABEL[lang][z]).join(", ") : w.all;
      h.push(
        `<tr id="${anchor("rule", r.id)}"><td><code class="id">${esc(r.id)}</code><br>${esc(ruleTitle(r, lang))}</td><td class="nowrap">${esc(r.article)}</td><td><span class="badge ${r.severity}">${esc(sev[r.severity])}</span></td><td>${esc(zones)}</td>${cells.join("")}<td><span class="st ${r.status}">${esc(st[r.status])}</span></td></tr>`,
      );
    }
    h.push(`</tbody></table></div>`);
  }

  // coverage matrix
  if (report.coverage?.length) {
    h.push(`<h2 id="coverage">${esc(w.coverageTitle)}</h2>`);
    h.push(`<table><thead><tr><th>${esc(w.article)}</th><th>${lang === "ja" ? "見出し" : "title"}</th><th>${lang === "ja" ? "対応状況" : "coverage"}</th><th>${esc(w.rule)}</th><th>${lang === "ja" ? "備考" : "note"}</th></tr></thead><tbody>`);
    for (const c of report.coverage) {
      h.push(
        `<tr><td class="nowrap">${esc(c.article)}</td><td>${esc(c.title)}</td><td><span class="st ${c.status}">${esc(COVERAGE_LABEL[lang][c.status])}</span></td><td>${c.rules
          .map((r) => `<code class="id">${esc(r)}</code>`)
          .join(" ")}</td><td>${esc(c.note)}</td></tr>`,
      );
    }
    h.push(`</tbody></table>`);
  }

  h.push(`<footer>${esc(lang === "ja" ? "このレポートは sanso が生成しました。外部リソースを読み込みません。" : "Generated by sanso. This page loads no external resources.")}</footer>`);
  h.push(`</main></body></html>`);
  return `${h.join("\n")}\n`;
}

function findingHtml(f: Finding, rule: RuleInfo | undefined, opts: RenderOptions): string {
  const { lang } = opts;
  const w = T[lang];
  const title = rule ? ruleTitle(rule, lang) : "";
  const fix = remediation(f, lang);
  // the user's file:line (else the construct path) first, the generated file's line last
  const label = { source: SOURCE_LABEL[lang], construct: w.construct, resource: w.resource, generated: w.file };
  const where = places(f).map((p) => `<span>${esc(label[p.kind])}: <code>${esc(p.text)}</code></span>`);
  if (f.resources?.length) {
    // one cause, one finding: every resource it covers
    where.splice(0, where.length, `<span>${esc(w.cause)}: <code>${esc(f.cause ?? "")}</code> (${esc(w.nResources(f.resources.length))})</span>`);
    const items = f.resources.map((r) => {
      const own = ownMessage(r, lang);
      // the user's file:line first when known (each line of a group is keyed by its address)
      const src = r.source ? `<code>${esc(`${r.source.file}:${r.source.line}`)}</code> · ` : "";
      return `<li>${src}<code>${esc(r.resource)}</code>${r.construct ? ` · <code>${esc(r.construct)}</code>` : ""}${r.file ? ` · <code>${esc(r.file)}${r.line ? `:${r.line}` : ""}</code>` : ""}${own ? `<br>${esc(own)}` : ""}</li>`;
    });
    where.push(`<ul class="resources">${items.join("")}</ul>`);
  }
  return [
    `<div class="finding ${f.severity}">`,
    `<div class="head"><span class="badge ${f.severity}">${esc(SEVERITY_LABEL[lang][f.severity])}</span><span class="rule">${esc(f.rule)}</span>${title && title !== f.rule ? `<span>${esc(title)}</span>` : ""}</div>`,
    `<div class="where">${where.join("")}</div>`,
    `<div>${esc(message(f, lang))}</div>`,
    fix ? `<div class="fix"><b>${esc(w.remediation)}:</b> ${esc(fix)}</div>` : "",
    `</div>`,
  ]
    .filter(Boolean)
    .join("");
}

function cap(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}
