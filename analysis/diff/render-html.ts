// The diff report as one self-contained HTML page an auditor can archive, open offline and print:
// inline CSS (screen and print: A4 portrait or landscape, tables that wrap and repeat their headers,
// hashes and paths that break anywhere), no script, no external resource (a Content-Security-Policy
// forbids any), the report's JSON embedded as data for tools that read the archive. Headings and
// labels in one language (labels.ts); a provenance block states what was compared, by which tool,
// when, and on which day and why.
import { groupChanges, isMove, matrixAxes, outcomeText, periodOf } from "./group.js";
import { ungradedWarning } from "./impact.js";
import {
  asOfPhrase,
  changeCount,
  changeRef,
  impactSummary,
  kindName,
  lineNo,
  reasonText,
  ungradedText,
  word,
  type ReportLang,
} from "./labels.js";
import type { Change, DecidingValue, DiffReport, MovedRecord, PolicySide } from "./model.js";
import type { WordOp } from "./text.js";

function esc(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c] as string);
}

const CSS = `
:root { color-scheme: light; --old: #b3261e; --new: #1b6e20; --rule: #c8c8c8; --muted: #5f6368; --warn: #8a5300; }
* { box-sizing: border-box; }
html { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
body { font-family: "Noto Sans CJK SC", "Source Han Sans SC", "WenQuanYi Zen Hei", "PingFang SC", "Microsoft YaHei", system-ui, sans-serif;
  margin: 2rem auto; max-width: 62rem; padding: 0 1rem; line-height: 1.55; color: #202124; font-size: 15px; }
h1 { font-size: 1.45rem; margin: 0 0 .2rem; } h2 { font-size: 1.15rem; border-bottom: 1px solid var(--rule); padding-bottom: .2rem; margin-top: 1.8rem; }
h3 { font-size: 1rem; margin: 1.1rem 0 .3rem; }
p.sub { margin: 0 0 1rem; color: var(--muted); }
table { border-collapse: collapse; margin: .5rem 0; max-width: 100%; }
table.wide { width: 100%; table-layout: fixed; }
th, td { border: 1px solid var(--rule); padding: .25rem .5rem; text-align: left; vertical-align: top; overflow-wrap: anywhere; word-break: normal; }
th { background: #f3f4f6; font-weight: 600; }
td.n, th.n { text-align: right; font-variant-numeric: tabular-nums; } td.zero { color: #aaa; } td.moved { font-weight: 700; background: #fff4e5; }
col.k { width: 9rem; } col.line { width: 4.2rem; } col.chg { width: 7rem; }
.hash, code, .path { font-family: ui-monospace, "SFMono-Regular", Menlo, Consolas, monospace; font-size: .86em; overflow-wrap: anywhere; word-break: break-all; }
ol.changes { list-style: none; padding: 0; margin: 0; }
ol.changes > li { border-left: 3px solid var(--rule); padding: .3rem .8rem; margin: .6rem 0; break-inside: avoid; }
.head { font-weight: 700; } .kind { color: var(--muted); font-weight: 400; } .num { color: var(--muted); font-weight: 400; margin-right: .4rem; }
.old { color: var(--old); } .new { color: var(--new); }
del { color: var(--old); background: #fce8e6; } ins { color: var(--new); background: #e6f4ea; text-decoration: none; }
.defs, .muted { color: var(--muted); font-size: .9em; }
.warning { border: 1px solid #e0b252; background: #fff8e1; color: var(--warn); padding: .5rem .8rem; margin: 1rem 0; }
.witness { break-inside: avoid; }
pre { background: #f6f8fa; padding: .6rem; white-space: pre-wrap; overflow-wrap: anywhere; word-break: break-all; font-size: .82rem; margin: .3rem 0; }
ul.values { list-style: none; margin: 0; padding: 0; }
a { color: inherit; }
@page { margin: 14mm 12mm 16mm; }
@media print {
  body { margin: 0; max-width: none; padding: 0; font-size: 9.5pt; }
  h2 { margin-top: 1.2rem; }
  h2, h3 { break-after: avoid; }
  thead { display: table-header-group; }
  tr, .witness, ol.changes > li { break-inside: avoid; }
  a { text-decoration: none; }
}
`;

function words(ops: readonly WordOp[]): string {
  return ops.map((o) => (o.op === "equal" ? esc(o.text) : o.op === "delete" ? `<del>${esc(o.text)}</del>` : `<ins>${esc(o.text)}</ins>`)).join("");
}

function changeItem(c: Change, n: number, lang: ReportLang): string {
  const absent = word("absent", lang);
  const head = [c.article, c.grade !== undefined ? `${word("grade", lang)} ${c.grade}` : undefined].filter(Boolean).join(" · ");
  const parts = [`<div class="head"><span class="num">${esc(changeRef(n, lang))}</span>${esc(head)} <span class="kind">${esc(kindName(c.kind, lang))}</span></div>`];
  const what = c.key ?? c.subject;
  if (c.old !== undefined || c.new !== undefined) {
    parts.push(`<div>${what ? `${esc(what)}: ` : ""}<span class="old">${esc(c.old ?? absent)}</span> → <span class="new">${esc(c.new ?? absent)}</span></div>`);
  }
  const defs = c.detail?.["definitions"];
  if (Array.isArray(defs) && defs.length) parts.push(`<div class="defs">${defs.map((d) => esc(String(d))).join("<br>")}</div>`);
  if (c.text) parts.push(`<div>${esc(word("text", lang))}${lang === "zh" ? "：" : ": "}${words(c.text.diff)}</div>`);
  return `<li id="change-${n}" data-kind="${esc(c.kind)}">${parts.join("")}</li>`;
}

function sidesTable(a: PolicySide, b: PolicySide, lang: ReportLang): string {
  const row = (k: string, x: string, y: string, cls = "") =>
    `<tr><th scope="row">${esc(k)}</th><td${cls ? ` class="${cls}"` : ""}>${esc(x)}</td><td${cls ? ` class="${cls}"` : ""}>${esc(y)}</td></tr>`;
  return [
    `<table class="wide sides"><colgroup><col class="k"><col><col></colgroup>`,
    `<thead><tr><th></th><th scope="col">${esc(word("oldPolicy", lang))}</th><th scope="col">${esc(word("newPolicy", lang))}</th></tr></thead><tbody>`,
    row(word("policyId", lang), a.id, b.id),
    row(word("policyTitle", lang), a.title ?? "", b.title ?? ""),
    row(word("version", lang), a.version ?? word("unversioned", lang), b.version ?? word("unversioned", lang)),
    row(word("inForce", lang), periodOf(a, lang), periodOf(b, lang)),
    row(word("source", lang), a.source, b.source, "path"),
    row(word("sha256", lang), a.sha256 || "—", b.sha256 || "—", "hash"),
    "</tbody></table>",
  ].join("");
}

function provenance(report: DiffReport, lang: ReportLang): string {
  const rows: [string, string, string?][] = [];
  if (report.provenance) {
    rows.push([word("tool", lang), `${report.provenance.tool.name} ${report.provenance.tool.version}`]);
    rows.push([word("generatedAt", lang), report.provenance.generatedAt]);
  }
  rows.push([word("asOf", lang), report.asOf]);
  rows.push([word("asOfWhy", lang), reasonText(report.asOfReason, lang)]);
  const impact = report.impact;
  if (impact) {
    rows.push([word("cases", lang), impact.source, "path"]);
    rows.push([word("casesSha", lang), impact.sha256 ?? "—", "hash"]);
    rows.push([word("records", lang), String(impact.records)]);
  }
  const kv = rows.map(([k, v, cls]) => `<tr><th scope="row">${esc(k)}</th><td${cls ? ` class="${cls}"` : ""}>${esc(v)}</td></tr>`).join("");
  return [
    `<section id="provenance"><h2>${esc(word("provenance", lang))}</h2>`,
    `<table class="wide kv"><colgroup><col class="k"><col></colgroup><tbody>${kv}</tbody></table>`,
    sidesTable(report.old, report.new, lang),
    "</section>",
  ].join("");
}

function valuesCell(values: readonly DecidingValue[], lang: ReportLang): string {
  if (!values.length) return "";
  const show = (v: unknown) => (v === undefined ? word("noValue", lang) : v === null ? word("absent", lang) : typeof v === "string" ? v : JSON.stringify(v));
  return `<ul class="values">${values
    .map((v) => `<li>${esc(v.name)}: <span class="old">${esc(show(v.old))}</span> → <span class="new">${esc(show(v.new))}</span></li>`)
    .join("")}</ul>`;
}

function movedRow(m: MovedRecord, lang: ReportLang): string {
  const subject = [m.id ?? "", m.name ?? ""].filter(Boolean);
  const refs = m.changes.length
    ? m.changes.map((i) => `<a href="#change-${i + 1}">${esc(changeRef(i + 1, lang))}</a>`).join("<br>")
    : `<span class="muted">${esc(word("noLinkedChange", lang))}</span>`;
  return (
    `<tr><td class="n">${m.line}</td><td>${subject.map((s, i) => (i === 0 ? `<span class="hash">${esc(s)}</span>` : esc(s))).join("<br>")}</td>` +
    `<td class="old">${esc(outcomeText(m.old, lang))}</td><td class="new">${esc(outcomeText(m.new, lang))}</td>` +
    `<td>${valuesCell(m.values, lang)}</td><td>${refs}</td></tr>`
  );
}

function impactSection(report: DiffReport, lang: ReportLang): string {
  const impact = report.impact;
  if (!impact) return "";
  const out: string[] = [];
  out.push(`<section id="impact"><h2>${esc(word("impact", lang))} <span class="muted">${esc(asOfPhrase(impact.asOf, lang))}</span></h2>`);
  out.push(`<p>${esc(impactSummary(impact.records, impact.moved.length, impact.errors.length, lang))}</p>`);
  const { rows, cols, count } = matrixAxes(report);
  const name = (g: string | null) => (g === null ? word("noGrade", lang) : g);
  out.push(`<table class="matrix"><thead><tr><th>${esc(word("corner", lang))}</th>${cols.map((c) => `<th class="n" scope="col">${esc(name(c))}</th>`).join("")}</tr></thead><tbody>`);
  for (const r of rows) {
    const cells = cols.map((c) => {
      const v = count(r, c);
      return `<td class="n${v === 0 ? " zero" : isMove(report, r, c) ? " moved" : ""}">${v}</td>`;
    });
    out.push(`<tr><th scope="row">${esc(name(r))}</th>${cells.join("")}</tr>`);
  }
  out.push("</tbody></table>");
  if (impact.moved.length > 0) {
    out.push(
      `<h3>${esc(word("moved", lang))}</h3>`,
      `<table class="wide moved"><colgroup><col class="line"><col style="width:19%"><col style="width:16%"><col style="width:16%"><col><col class="chg"></colgroup>`,
      `<thead><tr><th class="n">${esc(word("line", lang))}</th><th>${esc(word("subject", lang))}</th><th>${esc(word("before", lang))}</th><th>${esc(word("after", lang))}</th><th>${esc(word("values", lang))}</th><th>${esc(word("movedBy", lang))}</th></tr></thead><tbody>`,
      ...impact.moved.map((m) => movedRow(m, lang)),
      "</tbody></table>",
    );
  }
  if (impact.errors.length > 0) {
    out.push(
      `<h3>${esc(word("notGraded", lang))}</h3><ul>${impact.errors
        .map((e) => `<li>${esc(lineNo(e.line, lang))} <span class="hash">${esc(e.id ?? "")}</span>: <code>${esc(e.code)}</code> ${esc(e.message)}</li>`)
        .join("")}</ul>`,
    );
  }
  out.push("</section>");
  return out.join("\n");
}

export function renderHtml(report: DiffReport, opts: { lang?: ReportLang } = {}): string {
  const lang = opts.lang ?? "zh";
  const { old: a, new: b } = report;
  const versions = `${a.id} ${a.version ?? word("unversioned", lang)} → ${b.id} ${b.version ?? word("unversioned", lang)}`;
  const title = `${word("title", lang)} ${versions}`;
  const body: string[] = [];
  body.push(`<header><h1>${esc(word("title", lang))}</h1><p class="sub">${esc(versions)}</p></header>`);
  body.push(provenance(report, lang));
  const warning = ungradedWarning(report);
  if (warning) body.push(`<div class="warning" role="alert" id="ungraded-warning"><strong>${esc(word("warning", lang))}</strong> ${esc(ungradedText(warning, lang))}</div>`);
  body.push(`<section id="changes"><h2>${esc(word("changes", lang))}</h2><p><strong>${esc(changeCount(report.changes.length, lang))}</strong></p>`);
  for (const g of groupChanges(report.changes, lang)) {
    body.push(`<h3>${esc(g.heading)}</h3><ol class="changes">${g.changes.map((c, i) => changeItem(c, g.numbers[i] as number, lang)).join("")}</ol>`);
  }
  body.push("</section>");
  if (report.witnesses.length > 0) {
    body.push(`<section id="witnesses"><h2>${esc(word("witnesses", lang))} <span class="muted">${esc(asOfPhrase(report.asOf, lang))}</span></h2>`);
    for (const w of report.witnesses) {
      body.push(
        `<div class="witness"><h3>${esc(word("grade", lang))} ${esc(w.grade)}</h3><p>${esc(word("old", lang))} <span class="old">${esc(outcomeText(w.old, lang))}</span> → ${esc(word("new", lang))} <span class="new">${esc(outcomeText(w.new, lang))}</span></p>`,
        `<pre><code>${esc(JSON.stringify(w.record, null, 2))}</code></pre></div>`,
      );
    }
    body.push("</section>");
  }
  body.push(impactSection(report, lang));
  // The report's data, for tools reading an archived page; `<` escaped so it cannot end the element.
  const data = JSON.stringify(report).replace(/</g, "\\u003c");
  const generator = report.provenance ? `${report.provenance.tool.name} ${report.provenance.tool.version}` : "credit-policy";
  return `<!DOCTYPE html>
<html lang="${lang === "zh" ? "zh-CN" : "en"}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<meta name="generator" content="${esc(generator)}">
<title>${esc(title)}</title>
<style>${CSS}</style>
</head>
<body>
${body.join("\n")}
<script type="application/json" id="credit-policy-diff">${data}</script>
</body>
</html>
`;
}
