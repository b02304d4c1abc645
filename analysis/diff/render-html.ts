// The diff report as one self-contained HTML page an auditor can archive and open offline: inline
// CSS, no script, no external resource (a Content-Security-Policy forbids any), the report's JSON
// embedded as data for tools that read the archive.
import { KIND_LABEL } from "./compare.js";
import { groupChanges, matrixAxes, outcomeText, periodOf } from "./group.js";
import type { Change, DiffReport } from "./model.js";
import type { WordOp } from "./text.js";

function esc(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c] as string);
}

const CSS = `
:root { color-scheme: light; --old: #b3261e; --new: #1b6e20; --rule: #d9d9d9; --muted: #5f6368; }
* { box-sizing: border-box; }
body { font-family: "Noto Sans CJK SC", "Source Han Sans SC", "PingFang SC", "Microsoft YaHei", system-ui, sans-serif;
  margin: 2rem auto; max-width: 60rem; padding: 0 1rem; line-height: 1.6; color: #202124; }
h1 { font-size: 1.4rem; } h2 { font-size: 1.15rem; border-bottom: 1px solid var(--rule); padding-bottom: .2rem; margin-top: 2rem; }
table { border-collapse: collapse; margin: .5rem 0; }
th, td { border: 1px solid var(--rule); padding: .25rem .6rem; text-align: left; vertical-align: top; }
td.n { text-align: right; font-variant-numeric: tabular-nums; } td.zero { color: #bbb; } td.moved { font-weight: 700; }
ul.changes { list-style: none; padding: 0; } ul.changes > li { border-left: 3px solid var(--rule); padding: .3rem .8rem; margin: .6rem 0; }
.head { font-weight: 700; } .kind { color: var(--muted); font-weight: 400; }
.old { color: var(--old); } .new { color: var(--new); }
del { color: var(--old); background: #fce8e6; } ins { color: var(--new); background: #e6f4ea; text-decoration: none; }
.defs, .muted { color: var(--muted); font-size: .9rem; }
pre { background: #f6f8fa; padding: .6rem; overflow-x: auto; white-space: pre-wrap; word-break: break-all; font-size: .85rem; }
code { font-family: ui-monospace, "SFMono-Regular", Menlo, Consolas, monospace; }
@media print { body { margin: 0; max-width: none; } }
`;

function words(ops: readonly WordOp[]): string {
  return ops.map((o) => (o.op === "equal" ? esc(o.text) : o.op === "delete" ? `<del>${esc(o.text)}</del>` : `<ins>${esc(o.text)}</ins>`)).join("");
}

function changeItem(c: Change): string {
  const head = [c.article, c.grade !== undefined ? `等级 ${c.grade}` : undefined].filter(Boolean).join(" · ");
  const parts = [`<div class="head">${esc(head)} <span class="kind">${esc(KIND_LABEL[c.kind])}</span></div>`];
  const what = c.key ?? c.subject;
  if (c.old !== undefined || c.new !== undefined) {
    parts.push(
      `<div>${what ? `${esc(what)}: ` : ""}<span class="old">${esc(c.old ?? "（无）")}</span> → <span class="new">${esc(c.new ?? "（无）")}</span></div>`,
    );
  }
  const defs = c.detail?.["definitions"];
  if (Array.isArray(defs) && defs.length) parts.push(`<div class="defs">${defs.map((d) => esc(String(d))).join("<br>")}</div>`);
  if (c.text) parts.push(`<div>条文 text：${words(c.text.diff)}</div>`);
  return `<li data-kind="${esc(c.kind)}">${parts.join("")}</li>`;
}

export function renderHtml(report: DiffReport): string {
  const { old: a, new: b } = report;
  const title = `政策差异 ${a.id} ${a.version ?? ""} → ${b.id} ${b.version ?? ""}`;
  const body: string[] = [];
  body.push(`<h1>${esc(title)}</h1>`);
  const row = (k: string, x: string, y: string) => `<tr><th>${esc(k)}</th><td>${esc(x)}</td><td>${esc(y)}</td></tr>`;
  body.push(
    "<table><thead><tr><th></th><th>old 原</th><th>new 新</th></tr></thead><tbody>",
    row("policy", a.id, b.id),
    row("title", a.title ?? "", b.title ?? ""),
    row("version", a.version ?? "unversioned", b.version ?? "unversioned"),
    row("in force", periodOf(a), periodOf(b)),
    row("source", a.source, b.source),
    row("sha256", a.sha256, b.sha256),
    "</tbody></table>",
  );
  const n = report.changes.length;
  body.push(`<p><strong>${n === 0 ? "No change: the two policies say the same. 无变更" : `${n} change${n === 1 ? "" : "s"} 处变更`}</strong></p>`);
  for (const g of groupChanges(report.changes)) {
    body.push(`<section><h2>${esc(g.heading)}</h2><ul class="changes">${g.changes.map(changeItem).join("")}</ul></section>`);
  }
  if (report.witnesses.length > 0) {
    body.push(`<section><h2>Witnesses 差异示例 <span class="muted">as of ${esc(report.asOf)}</span></h2>`);
    for (const w of report.witnesses) {
      body.push(
        `<h3>等级 ${esc(w.grade)}</h3><p>old <span class="old">${esc(outcomeText(w.old))}</span> → new <span class="new">${esc(outcomeText(w.new))}</span></p>`,
        `<pre><code>${esc(JSON.stringify(w.record, null, 2))}</code></pre>`,
      );
    }
    body.push("</section>");
  }
  const impact = report.impact;
  if (impact) {
    body.push(`<section><h2>Impact 影响 <span class="muted">${esc(impact.source)}, as of ${esc(impact.asOf)}</span></h2>`);
    body.push(`<p>${impact.records} records, ${impact.moved.length} moved, ${impact.errors.length} not graded.</p>`);
    const { rows, cols, count } = matrixAxes(report);
    body.push(`<table><thead><tr><th>old \\ new</th>${cols.map((c) => `<th>${esc(c ?? "null")}</th>`).join("")}</tr></thead><tbody>`);
    for (const r of rows) {
      const cells = cols.map((c) => {
        const v = count(r, c);
        const moved = v > 0 && (r === null ? null : (report.gradeMap[r] ?? null)) !== c;
        return `<td class="n${v === 0 ? " zero" : moved ? " moved" : ""}">${v}</td>`;
      });
      body.push(`<tr><th>${esc(r ?? "null")}</th>${cells.join("")}</tr>`);
    }
    body.push("</tbody></table>");
    if (impact.moved.length > 0) {
      body.push("<h3>Moved records 等级变化的记录</h3><table><thead><tr><th>line</th><th>id</th><th>old</th><th>new</th></tr></thead><tbody>");
      for (const m of impact.moved) {
        body.push(
          `<tr><td class="n">${m.line}</td><td>${esc(m.id ?? "")}</td><td class="old">${esc(outcomeText(m.old))}</td><td class="new">${esc(outcomeText(m.new))}</td></tr>`,
        );
      }
      body.push("</tbody></table>");
    }
    if (impact.errors.length > 0) {
      body.push(`<h3>Not graded 未能评定</h3><ul>${impact.errors.map((e) => `<li>line ${e.line} ${esc(e.id ?? "")}: ${esc(e.code)} ${esc(e.message)}</li>`).join("")}</ul>`);
    }
    body.push("</section>");
  }
  // The report's data, for tools reading an archived page; `<` escaped so it cannot end the element.
  const data = JSON.stringify(report).replace(/</g, "\\u003c");
  return `<!DOCTYPE html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<meta name="generator" content="credit-policy diff">
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
