// The diff report as terminal text: changes by article, witnesses, impact, in one language
// (labels.ts). ANSI colours only when asked (the CLI decides: a terminal, NO_COLOR, FORCE_COLOR);
// without colours a word diff reads [-deleted-]{+inserted+}. Control characters in the policies'
// strings are shown as escapes, never sent to the terminal.
import { escapeControlsDeep } from "../../diagnostics/controls.js";
import { groupChanges, isMove, matrixAxes, outcomeText, periodOf, shortSha } from "./group.js";
import { ungradedWarning } from "./impact.js";
import { asOfPhrase, changeCount, changeRef, impactSummary, kindName, lineNo, reasonText, ungradedText, word, type ReportLang } from "./labels.js";
import type { Change, DiffReport, MovedRecord, PolicySide } from "./model.js";
import type { WordOp } from "./text.js";

interface Paint {
  bold(s: string): string;
  dim(s: string): string;
  del(s: string): string;
  ins(s: string): string;
  was(s: string): string;
  now(s: string): string;
}

const ESC = "\x1b[";
const COLOUR: Paint = {
  bold: (s) => `${ESC}1m${s}${ESC}22m`,
  dim: (s) => `${ESC}2m${s}${ESC}22m`,
  del: (s) => `${ESC}31;9m${s}${ESC}29;39m`,
  ins: (s) => `${ESC}32;4m${s}${ESC}24;39m`,
  was: (s) => `${ESC}31m${s}${ESC}39m`,
  now: (s) => `${ESC}32m${s}${ESC}39m`,
};
const PLAIN: Paint = {
  bold: (s) => s,
  dim: (s) => s,
  del: (s) => `[-${s}-]`,
  ins: (s) => `{+${s}+}`,
  was: (s) => s,
  now: (s) => s,
};

function words(ops: readonly WordOp[], p: Paint): string {
  return ops.map((o) => (o.op === "equal" ? o.text : o.op === "delete" ? p.del(o.text) : p.ins(o.text))).join("");
}

function sideLine(label: string, s: PolicySide, p: Paint, lang: ReportLang): string {
  return `${label} ${p.bold(`${s.id} ${s.version ?? word("unversioned", lang)}`)}  ${s.source}  sha256 ${shortSha(s.sha256)}  ${p.dim(periodOf(s, lang))}`;
}

function changeLines(c: Change, n: number, p: Paint, lang: ReportLang): string[] {
  const absent = word("absent", lang);
  const num = p.dim(`[${n}]`);
  if (c.kind === "metadata") return [`  ${num} ${p.bold(c.key ?? "")}: ${p.was(c.old ?? absent)} → ${p.now(c.new ?? absent)}`];
  const head = [c.article, c.grade !== undefined ? `${word("grade", lang)} ${c.grade}` : undefined, kindName(c.kind, lang)].filter(Boolean).join("  ");
  const out = [`  ${num} ${p.bold(head)}`];
  const what = c.key ?? c.subject;
  if (c.old !== undefined || c.new !== undefined) {
    const math = c.detail && typeof c.detail["old"] === "object" && c.detail["old"] && "math" in (c.detail["old"] as object)
      ? p.dim(`  (${(c.detail["old"] as { math: string }).math} → ${(c.detail["new"] as { math: string }).math})`)
      : "";
    out.push(`    ${what ? `${what}: ` : ""}${p.was(c.old ?? absent)} → ${p.now(c.new ?? absent)}${math}`);
  }
  const defs = c.detail?.["definitions"];
  if (Array.isArray(defs)) for (const d of defs) out.push(p.dim(`      ${String(d)}`));
  if (c.text) out.push(`    ${word("text", lang)}: ${words(c.text.diff, p)}`);
  return out;
}

function movedLines(m: MovedRecord, p: Paint, lang: ReportLang): string[] {
  const who = [m.id ?? "—", m.name].filter(Boolean).join("  ");
  const out = [`  ${lineNo(m.line, lang)}  ${who}  ${p.was(outcomeText(m.old, lang))} → ${p.now(outcomeText(m.new, lang))}`];
  const show = (v: unknown) => (v === undefined ? word("noValue", lang) : v === null ? word("absent", lang) : typeof v === "string" ? v : JSON.stringify(v));
  if (m.values.length) out.push(p.dim(`    ${m.values.map((v) => `${v.name}: ${show(v.old)} → ${show(v.new)}`).join("; ")}`));
  out.push(p.dim(`    ${word("movedBy", lang)}: ${m.changes.length ? m.changes.map((i) => changeRef(i + 1, lang)).join(", ") : word("noLinkedChange", lang)}`));
  return out;
}

/** Display width: CJK and full-width characters take two columns. */
function width(s: string): number {
  let n = 0;
  for (const ch of s) n += /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/.test(ch) ? 2 : 1;
  return n;
}
const padEnd = (s: string, w: number) => s + " ".repeat(Math.max(0, w - width(s)));
const padStart = (s: string, w: number) => " ".repeat(Math.max(0, w - width(s))) + s;

export function renderText(given: DiffReport, opts: { color?: boolean; lang?: ReportLang } = {}): string {
  const report = escapeControlsDeep(given);
  const p = opts.color ? COLOUR : PLAIN;
  const lang = opts.lang ?? "zh";
  const out: string[] = [];
  out.push(sideLine(word("old", lang), report.old, p, lang));
  out.push(sideLine(word("new", lang), report.new, p, lang));
  out.push(p.dim(`${word("asOf", lang)} ${report.asOf}: ${reasonText(report.asOfReason, lang)}`));
  out.push("");
  out.push(p.bold(changeCount(report.changes.length, lang)));
  for (const g of groupChanges(report.changes, lang)) {
    out.push("");
    out.push(p.bold(g.heading));
    g.changes.forEach((c, i) => out.push(...changeLines(c, g.numbers[i] as number, p, lang)));
  }
  if (report.witnesses.length > 0) {
    out.push("");
    out.push(p.bold(`${word("witnesses", lang)} (${asOfPhrase(report.asOf, lang)})`));
    for (const w of report.witnesses) {
      out.push(`  ${p.bold(`${word("grade", lang)} ${w.grade}`)}: ${word("old", lang)} ${p.was(outcomeText(w.old, lang))} → ${word("new", lang)} ${p.now(outcomeText(w.new, lang))}`);
      out.push(`    ${JSON.stringify(w.record)}`);
    }
  }
  const impact = report.impact;
  if (impact) {
    out.push("");
    out.push(p.bold(`${word("impact", lang)} ${impact.source} (${asOfPhrase(impact.asOf, lang)}): ${impactSummary(impact.records, impact.moved.length, impact.errors.length, lang)}`));
    const warning = ungradedWarning(report);
    if (warning) out.push(`  ${word("warning", lang)}: ${ungradedText(warning, lang)}`);
    const { rows, cols, count } = matrixAxes(report);
    const name = (g: string | null) => (g === null ? word("noGrade", lang) : g);
    const first = Math.max(width(word("corner", lang)), ...rows.map((r) => width(name(r)))) + 2;
    const w = Math.max(6, ...cols.map((c) => width(name(c)) + 2));
    out.push(`  ${padEnd(word("corner", lang), first)}${cols.map((c) => padStart(name(c), w)).join("")}`);
    for (const r of rows) {
      const counts = cols.map((c) => {
        const v = count(r, c);
        const text = padStart(String(v), w);
        return v > 0 && isMove(report, r, c) ? p.bold(text) : v === 0 ? p.dim(text) : text;
      });
      out.push(`  ${padEnd(name(r), first)}${counts.join("")}`);
    }
    for (const m of impact.moved) out.push(...movedLines(m, p, lang));
    for (const e of impact.errors) out.push(p.dim(`  ${lineNo(e.line, lang)}  ${e.id ?? "—"}  ${e.code} ${e.message}`));
  }
  return `${out.join("\n")}\n`;
}
