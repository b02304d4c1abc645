// The diff report as Markdown for a written report: a header table, changes by article with the
// word diff as ~~deleted~~ **inserted**, witnesses as JSON blocks, the impact as tables.
import { KIND_LABEL } from "./compare.js";
import { groupChanges, matrixAxes, outcomeText, periodOf, shortSha } from "./group.js";
import type { Change, DiffReport } from "./model.js";
import type { WordOp } from "./text.js";

/** Inline text with Markdown's special characters escaped. */
function md(s: string): string {
  return s.replace(/([\\`*_~[\]<>|#])/g, "\\$1");
}

function words(ops: readonly WordOp[]): string {
  return ops.map((o) => (o.op === "equal" ? md(o.text) : o.op === "delete" ? `~~${md(o.text)}~~` : `**${md(o.text)}**`)).join("");
}

function changeItem(c: Change): string[] {
  const head = [c.article ? `**${md(c.article)}**` : undefined, c.grade !== undefined ? `等级 ${md(c.grade)}` : undefined, md(KIND_LABEL[c.kind])]
    .filter(Boolean)
    .join(" · ");
  const what = c.key ?? c.subject;
  const values = c.old !== undefined || c.new !== undefined ? ` — ${what ? `${md(what)}: ` : ""}${md(c.old ?? "（无）")} → ${md(c.new ?? "（无）")}` : "";
  const out = [`- ${head}${values}`];
  const defs = c.detail?.["definitions"];
  if (Array.isArray(defs)) for (const d of defs) out.push(`  - ${md(String(d))}`);
  if (c.text) out.push(`  - 条文 text: ${words(c.text.diff)}`);
  return out;
}

export function renderMarkdown(report: DiffReport): string {
  const { old: a, new: b } = report;
  const out: string[] = [];
  out.push(`# 政策差异 Policy diff: ${md(`${a.id} ${a.version ?? ""}`.trim())} → ${md(`${b.id} ${b.version ?? ""}`.trim())}`);
  out.push("");
  out.push("| | old | new |");
  out.push("|---|---|---|");
  const row = (k: string, x: string, y: string) => out.push(`| ${k} | ${md(x)} | ${md(y)} |`);
  row("policy", a.id, b.id);
  row("title", a.title ?? "", b.title ?? "");
  row("version", a.version ?? "unversioned", b.version ?? "unversioned");
  row("in force", periodOf(a), periodOf(b));
  row("source", a.source, b.source);
  row("sha256", shortSha(a.sha256), shortSha(b.sha256));
  out.push("");
  const n = report.changes.length;
  out.push(n === 0 ? "**No change: the two policies say the same. 无变更**" : `**${n} change${n === 1 ? "" : "s"} 处变更**`);
  for (const g of groupChanges(report.changes)) {
    out.push("", `## ${md(g.heading)}`, "");
    for (const c of g.changes) out.push(...changeItem(c));
  }
  if (report.witnesses.length > 0) {
    out.push("", `## Witnesses 差异示例 (as of ${report.asOf})`);
    for (const w of report.witnesses) {
      out.push("", `### 等级 ${md(w.grade)}`, "", `old: ${md(outcomeText(w.old))} · new: ${md(outcomeText(w.new))}`, "", "```json", JSON.stringify(w.record), "```");
    }
  }
  const impact = report.impact;
  if (impact) {
    out.push("", `## Impact 影响: ${md(impact.source)} (as of ${impact.asOf})`, "");
    out.push(`${impact.records} records, ${impact.moved.length} moved, ${impact.errors.length} not graded.`, "");
    const { rows, cols, count } = matrixAxes(report);
    out.push(`| old \\\\ new | ${cols.map((c) => md(c ?? "null")).join(" | ")} |`);
    out.push(`|---|${cols.map(() => "---:").join("|")}|`);
    for (const r of rows) out.push(`| ${md(r ?? "null")} | ${cols.map((c) => String(count(r, c))).join(" | ")} |`);
    if (impact.moved.length > 0) {
      out.push("", "### Moved records 等级变化的记录", "", "| line | id | old | new |", "|---:|---|---|---|");
      for (const m of impact.moved) out.push(`| ${m.line} | ${md(m.id ?? "")} | ${md(outcomeText(m.old))} | ${md(outcomeText(m.new))} |`);
    }
    if (impact.errors.length > 0) {
      out.push("", "### Not graded 未能评定", "");
      for (const e of impact.errors) out.push(`- line ${e.line} ${md(e.id ?? "")}: ${e.code} ${md(e.message)}`);
    }
  }
  return `${out.join("\n")}\n`;
}
