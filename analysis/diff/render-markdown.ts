// The diff report as Markdown for a written report, in one language (labels.ts): the provenance
// table, changes by article with the word diff as ~~deleted~~ **inserted**, witnesses as JSON
// blocks, the impact as tables with each moved record's deciding values and the changes concerned.
import { groupChanges, matrixAxes, outcomeText, periodOf } from "./group.js";
import { ungradedWarning } from "./impact.js";
import { asOfPhrase, changeCount, changeRef, impactSummary, kindName, lineNo, reasonText, ungradedText, word, type ReportLang } from "./labels.js";
import type { Change, DiffReport } from "./model.js";
import type { WordOp } from "./text.js";

/** Inline text with Markdown's special characters escaped. */
function md(s: string): string {
  return s.replace(/([\\`*_~[\]<>|#])/g, "\\$1");
}

function words(ops: readonly WordOp[]): string {
  return ops.map((o) => (o.op === "equal" ? md(o.text) : o.op === "delete" ? `~~${md(o.text)}~~` : `**${md(o.text)}**`)).join("");
}

function changeItem(c: Change, n: number, lang: ReportLang): string[] {
  const absent = word("absent", lang);
  const head = [md(changeRef(n, lang)), c.article ? `**${md(c.article)}**` : undefined, c.grade !== undefined ? `${word("grade", lang)} ${md(c.grade)}` : undefined, md(kindName(c.kind, lang))]
    .filter(Boolean)
    .join(" · ");
  const what = c.key ?? c.subject;
  const values = c.old !== undefined || c.new !== undefined ? ` — ${what ? `${md(what)}: ` : ""}${md(c.old ?? absent)} → ${md(c.new ?? absent)}` : "";
  const out = [`- ${head}${values}`];
  const defs = c.detail?.["definitions"];
  if (Array.isArray(defs)) for (const d of defs) out.push(`  - ${md(String(d))}`);
  if (c.text) out.push(`  - ${word("text", lang)}: ${words(c.text.diff)}`);
  return out;
}

export function renderMarkdown(report: DiffReport, opts: { lang?: ReportLang } = {}): string {
  const lang = opts.lang ?? "zh";
  const { old: a, new: b } = report;
  const out: string[] = [];
  out.push(`# ${word("title", lang)}: ${md(`${a.id} ${a.version ?? ""}`.trim())} → ${md(`${b.id} ${b.version ?? ""}`.trim())}`);
  out.push("", `## ${word("provenance", lang)}`, "");
  out.push(`| | |`, `|---|---|`);
  if (report.provenance) {
    out.push(`| ${word("tool", lang)} | ${md(`${report.provenance.tool.name} ${report.provenance.tool.version}`)} |`);
    out.push(`| ${word("generatedAt", lang)} | ${report.provenance.generatedAt} |`);
  }
  out.push(`| ${word("asOf", lang)} | ${report.asOf} |`, `| ${word("asOfWhy", lang)} | ${md(reasonText(report.asOfReason, lang))} |`);
  if (report.impact) {
    out.push(`| ${word("cases", lang)} | ${md(report.impact.source)} |`, `| ${word("casesSha", lang)} | ${report.impact.sha256 ?? "—"} |`, `| ${word("records", lang)} | ${report.impact.records} |`);
  }
  out.push("", `| | ${word("oldPolicy", lang)} | ${word("newPolicy", lang)} |`, "|---|---|---|");
  const row = (k: string, x: string, y: string) => out.push(`| ${k} | ${md(x)} | ${md(y)} |`);
  row(word("policyId", lang), a.id, b.id);
  row(word("policyTitle", lang), a.title ?? "", b.title ?? "");
  row(word("version", lang), a.version ?? word("unversioned", lang), b.version ?? word("unversioned", lang));
  row(word("inForce", lang), periodOf(a, lang), periodOf(b, lang));
  row(word("source", lang), a.source, b.source);
  row(word("sha256", lang), a.sha256 || "—", b.sha256 || "—");
  const warning = ungradedWarning(report);
  if (warning) out.push("", `> **${word("warning", lang)}** ${md(ungradedText(warning, lang))}`);
  out.push("", `## ${word("changes", lang)}`, "", `**${changeCount(report.changes.length, lang)}**`);
  for (const g of groupChanges(report.changes, lang)) {
    out.push("", `### ${md(g.heading)}`, "");
    g.changes.forEach((c, i) => out.push(...changeItem(c, g.numbers[i] as number, lang)));
  }
  if (report.witnesses.length > 0) {
    out.push("", `## ${word("witnesses", lang)} (${asOfPhrase(report.asOf, lang)})`);
    for (const w of report.witnesses) {
      out.push(
        "",
        `### ${word("grade", lang)} ${md(w.grade)}`,
        "",
        `${word("old", lang)}: ${md(outcomeText(w.old, lang))} · ${word("new", lang)}: ${md(outcomeText(w.new, lang))}`,
        "",
        "```json",
        JSON.stringify(w.record),
        "```",
      );
    }
  }
  const impact = report.impact;
  if (impact) {
    out.push("", `## ${word("impact", lang)}: ${md(impact.source)} (${asOfPhrase(impact.asOf, lang)})`, "");
    out.push(impactSummary(impact.records, impact.moved.length, impact.errors.length, lang), "");
    const { rows, cols, count } = matrixAxes(report);
    const name = (g: string | null) => md(g === null ? word("noGrade", lang) : g);
    out.push(`| ${md(word("corner", lang))} | ${cols.map(name).join(" | ")} |`);
    out.push(`|---|${cols.map(() => "---:").join("|")}|`);
    for (const r of rows) out.push(`| ${name(r)} | ${cols.map((c) => String(count(r, c))).join(" | ")} |`);
    if (impact.moved.length > 0) {
      out.push(
        "",
        `### ${word("moved", lang)}`,
        "",
        `| ${word("line", lang)} | ${word("subject", lang)} | ${word("before", lang)} | ${word("after", lang)} | ${word("values", lang)} | ${word("movedBy", lang)} |`,
        "|---:|---|---|---|---|---|",
      );
      const show = (v: unknown) => (v === undefined ? word("noValue", lang) : v === null ? word("absent", lang) : typeof v === "string" ? v : JSON.stringify(v));
      for (const m of impact.moved) {
        const values = m.values.map((v) => md(`${v.name}: ${show(v.old)} → ${show(v.new)}`)).join("<br>");
        const changes = m.changes.length ? m.changes.map((i) => changeRef(i + 1, lang)).join(", ") : word("noLinkedChange", lang);
        out.push(`| ${m.line} | ${md([m.id ?? "", m.name ?? ""].filter(Boolean).join(" "))} | ${md(outcomeText(m.old, lang))} | ${md(outcomeText(m.new, lang))} | ${values} | ${md(changes)} |`);
      }
    }
    if (impact.errors.length > 0) {
      out.push("", `### ${word("notGraded", lang)}`, "");
      for (const e of impact.errors) out.push(`- ${lineNo(e.line, lang)} ${md(e.id ?? "")}: ${e.code} ${md(e.message)}`);
    }
  }
  return `${out.join("\n")}\n`;
}
