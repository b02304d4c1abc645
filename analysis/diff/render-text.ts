// The diff report as terminal text: changes by article, witnesses, impact. ANSI colours only when
// asked (the CLI asks when standard output is a TTY and NO_COLOR is unset); without colours a
// word diff reads [-deleted-]{+inserted+}. Control characters in the policies' strings are shown
// as escapes, never sent to the terminal.
import { escapeControlsDeep } from "../../diagnostics/controls.js";
import { KIND_LABEL } from "./compare.js";
import { groupChanges, matrixAxes, outcomeText, periodOf, shortSha } from "./group.js";
import type { Change, DiffReport, PolicySide } from "./model.js";
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

function sideLine(label: string, s: PolicySide, p: Paint): string {
  return `${label} ${p.bold(`${s.id} ${s.version ?? "unversioned"}`)}  ${s.source}  sha256 ${shortSha(s.sha256)}  ${p.dim(periodOf(s))}`;
}

function changeLines(c: Change, p: Paint): string[] {
  if (c.kind === "metadata") return [`  ${p.bold(c.key ?? "")}: ${p.was(c.old ?? "（无）")} → ${p.now(c.new ?? "（无）")}`];
  const head = [c.article, c.grade !== undefined ? `等级 ${c.grade}` : undefined, KIND_LABEL[c.kind]].filter(Boolean).join("  ");
  const out = [`  ${p.bold(head)}`];
  const what = c.key ?? c.subject;
  if (c.old !== undefined || c.new !== undefined) {
    const math = c.detail && typeof c.detail["old"] === "object" && c.detail["old"] && "math" in (c.detail["old"] as object)
      ? p.dim(`  (${(c.detail["old"] as { math: string }).math} → ${(c.detail["new"] as { math: string }).math})`)
      : "";
    out.push(`    ${what ? `${what}: ` : ""}${p.was(c.old ?? "（无）")} → ${p.now(c.new ?? "（无）")}${math}`);
  }
  const defs = c.detail?.["definitions"];
  if (Array.isArray(defs)) for (const d of defs) out.push(p.dim(`      ${String(d)}`));
  if (c.text) out.push(`    条文 text: ${words(c.text.diff, p)}`);
  return out;
}

export function renderText(given: DiffReport, opts: { color?: boolean } = {}): string {
  const report = escapeControlsDeep(given);
  const p = opts.color ? COLOUR : PLAIN;
  const out: string[] = [];
  out.push(sideLine("old", report.old, p));
  out.push(sideLine("new", report.new, p));
  const n = report.changes.length;
  out.push("");
  out.push(p.bold(n === 0 ? "No change: the two policies say the same. 无变更" : `${n} change${n === 1 ? "" : "s"} 处变更`));
  for (const g of groupChanges(report.changes)) {
    out.push("");
    out.push(p.bold(g.heading));
    for (const c of g.changes) out.push(...changeLines(c, p));
  }
  if (report.witnesses.length > 0) {
    out.push("");
    out.push(p.bold(`Witnesses 差异示例 (as of ${report.asOf})`));
    for (const w of report.witnesses) {
      out.push(`  ${p.bold(`等级 ${w.grade}`)}: old ${p.was(outcomeText(w.old))} → new ${p.now(outcomeText(w.new))}`);
      out.push(`    ${JSON.stringify(w.record)}`);
    }
  }
  const impact = report.impact;
  if (impact) {
    out.push("");
    out.push(p.bold(`Impact 影响 ${impact.source} (as of ${impact.asOf}): ${impact.records} records, ${impact.moved.length} moved, ${impact.errors.length} not graded`));
    const { rows, cols, count } = matrixAxes(report);
    const cell = (s: string) => s.padStart(6);
    out.push(`  ${"old\\new".padEnd(8)}${cols.map((c) => cell(c ?? "null")).join("")}`);
    for (const r of rows) {
      const counts = cols.map((c) => {
        const v = count(r, c);
        const text = cell(String(v));
        return v > 0 && (r === null ? null : (report.gradeMap[r] ?? null)) !== c ? p.bold(text) : v === 0 ? p.dim(text) : text;
      });
      out.push(`  ${(r ?? "null").padEnd(8)}${counts.join("")}`);
    }
    for (const m of impact.moved) {
      out.push(`  line ${m.line}  ${m.id ?? "(no id)"}  ${p.was(outcomeText(m.old))} → ${p.now(outcomeText(m.new))}`);
    }
    for (const e of impact.errors) out.push(p.dim(`  line ${e.line}  ${e.id ?? "(no id)"}  ${e.code} ${e.message}`));
  }
  return `${out.join("\n")}\n`;
}
