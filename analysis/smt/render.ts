// Text for the solver-backed reports: the bound every report states, the analysis as text, and
// the analysis's warnings as diagnostics (codes CP-W11xx) for `check --analyze`. Browser-safe.
import { diag, type Diagnostic } from "../../diagnostics/diagnostics.js";
import { PARTS } from "../../record/registry.js";
import type { AnalysisReport, Finding } from "./analyze.js";
import type { Bound } from "./session.js";
import type { ProofReport, RegionReport } from "./prove.js";
import type { Explanation } from "./explain.js";
import type { CoverageReport } from "./coverage.js";

/** The bound in a word each language shares: "sanctions ≤ 4, violations ≤ 4, honors ≤ 2" (diagnostic arguments). */
export function boundParts(b: Bound): string {
  return b.parts.length ? b.parts.map((p) => `${p} ≤ ${b.perPart[p] ?? b.k}`).join(", ") : `any part ≤ ${b.k}`;
}

/** "for records with at most 4 sanctions (处理决定), 4 violations (违法行为) …, as of 2021-12-31". */
export function boundText(b: Bound): string {
  const en = b.parts.length ? b.parts.map((p) => `${b.perPart[p] ?? b.k} ${p}`).join(", ") : `${b.k} elements of each part`;
  const zh = b.parts.length ? b.parts.map((p) => `${PARTS[p].zh[0]} ${b.perPart[p] ?? b.k} 项`).join("、") : `每部分 ${b.k} 项`;
  return `for records with at most ${en}, graded as of ${b.asOf}; dates ${b.from} … ${b.to}, scores to ${b.decimals} decimals（至多 ${zh} 的记录，评价日 ${b.asOf}）`;
}

export function showGrade(g: string | null | undefined): string {
  return g === null || g === undefined ? "无等级 null" : g;
}

export function json(r: unknown): string {
  return JSON.stringify(r);
}

function leafName(f: Finding): string {
  return `${f.article ?? ""}${f.category !== undefined ? `（类别 ${f.category}）` : f.grade !== undefined ? `（等级 ${showGrade(f.grade)}）` : ""}`;
}

/** The analysis's warnings as diagnostics, each with its witness as a help when it has one. */
export function analysisDiagnostics(r: AnalysisReport): Diagnostic[] {
  const k = boundParts(r.bound);
  const day = r.bound.asOf;
  const out: Diagnostic[] = [];
  for (const f of r.findings) {
    if (f.severity !== "warning" || !f.code) continue;
    const owner = f.category ?? showGrade(f.grade);
    let args: string[];
    switch (f.code) {
      case "CP-W1101":
        args = [k, day, showGrade(f.grade)];
        break;
      case "CP-W1102":
        args = [k, day, f.category ?? ""];
        break;
      case "CP-W1103":
      case "CP-W1104":
      case "CP-W1105":
        args = [k, day, f.article ?? "", owner];
        break;
      case "CP-W1106":
        args = [k, day, f.article ?? "", owner];
        break;
      case "CP-W1107":
        args = [k, day, f.article ?? "", f.condition ?? "", showGrade(f.graded)];
        break;
      default:
        args = [f.condition ?? ""];
    }
    // The record is data, shown as it is (one language would only repeat it).
    out.push(diag(f.code, f.span, args, f.witness ? { text: `见证记录 witness record: ${json(f.witness)}` } : undefined));
  }
  return out;
}

const KIND_TITLE: Record<string, string> = {
  decisive: "起决定作用 decisive",
  contradictory: "不可能成立 can never hold",
  always: "总是成立 always holds",
  redundant: "多余 redundant",
  shadowed: "被遮蔽 shadowed",
  unsupported: "未分析 not analysed",
};

export function renderAnalysisText(r: AnalysisReport): string {
  const lines: string[] = [];
  const by = (kind: Finding["kind"]) => r.findings.filter((f) => f.kind === kind);
  lines.push(`${r.policy.id}${r.policy.version ? ` ${r.policy.version}` : ""}: solver analysis 求解器分析`);
  lines.push(`  ${boundText(r.bound)}`);
  lines.push("");
  const unsupported = by("unsupported");
  if (unsupported.length) {
    lines.push("Not analysed 未分析 (the solver does not encode these; nothing about grades is claimed):");
    for (const f of unsupported) lines.push(`  ${f.span ? `${f.span.file}:${f.span.line}:${f.span.col} ` : ""}${f.condition ?? ""}`);
    return `${lines.join("\n")}\n`;
  }
  lines.push("Grades 等级");
  for (const f of [...by("grade-reachable"), ...by("grade-unreachable")]) {
    if (f.kind === "grade-reachable") lines.push(`  ${showGrade(f.grade)}: reachable 可评定, e.g. ${json(f.witness)}`);
    else {
      lines.push(`  ${showGrade(f.grade)}: NEVER GIVEN 不可能评定 (${f.code})${f.conditionHolds ? "; its condition can hold, but a grade of higher precedence always applies" : "; its condition never holds"}`);
      if (f.witness) lines.push(`    e.g. its condition holds and the grade is ${showGrade(f.graded)}: ${json(f.witness)}`);
    }
  }
  const cats = [...by("category-reachable"), ...by("category-unreachable")];
  if (cats.length) {
    lines.push("Categories 类别");
    for (const f of cats) lines.push(f.kind === "category-reachable" ? `  ${f.category}: holds 可成立, e.g. ${json(f.witness)}` : `  ${f.category}: NEVER HOLDS 不可能成立 (${f.code})`);
  }
  const overlaps = by("overlap");
  lines.push("Overlaps 重叠 (both hold; precedence or the override decides)");
  if (!overlaps.length) lines.push("  none 无");
  for (const f of overlaps) lines.push(`  ${f.grades?.join(" and ")} → ${showGrade(f.graded)}${f.article ? ` (override ${f.article})` : ""}, e.g. ${json(f.witness)}`);
  lines.push("Conditions 条件");
  for (const l of r.leaves) {
    const finding = r.findings.find((f) => f.leaf === l.index && f.kind !== "gap");
    lines.push(`  ${l.article} (${l.kind} ${l.owner}): ${KIND_TITLE[l.status] ?? l.status}${finding?.code ? ` (${finding.code})` : ""}`);
    if (finding?.witness) lines.push(`    e.g. graded ${showGrade(finding.graded)}: ${json(finding.witness)}`);
  }
  const gaps = by("gap");
  lines.push("Gaps 空白 (the rest of the clause holds, the bounded value is beyond its bound, and no grade applies)");
  if (!gaps.length) lines.push("  none 无");
  for (const f of gaps) {
    lines.push(`  ${leafName(f)}: ${f.condition}${f.with?.length ? ` (with ${f.with.join(", ")})` : ""} → ${showGrade(f.graded)} (${f.code})`);
    lines.push(`    e.g. ${json(f.witness)}`);
  }
  const warnings = r.findings.filter((f) => f.severity === "warning").length;
  lines.push("");
  lines.push(`${warnings} warning${warnings === 1 ? "" : "s"}, ${r.queries} solver checks`);
  return `${lines.join("\n")}\n`;
}

/** A `diff --prove` report as text: the proof of equality, or every changed region with its record. */
export function renderProofText(r: ProofReport): string {
  const lines: string[] = [];
  lines.push(`Proof 证明 (Z3): ${r.old.id} ${r.old.version ?? ""} → ${r.new.id} ${r.new.version ?? ""}`);
  lines.push(`  ${boundText(r.bound)}`);
  const mapped = Object.entries(r.gradeMap).filter(([a, b]) => a !== b);
  if (mapped.length) lines.push(`  grade map 等级对应: ${mapped.map(([a, b]) => `${a} = ${showGrade(b)}`).join(", ")}`);
  if (r.unsupported.length) {
    lines.push("  NOT PROVED 未证明: the solver does not encode");
    for (const u of r.unsupported) lines.push(`    ${u.span ? `${u.span.file}:${u.span.line}:${u.span.col} ` : ""}${u.what}`);
    return `${lines.join("\n")}\n`;
  }
  if (r.equal) {
    lines.push("  EQUAL 等价: every such record gets the same grade and the same categories under both.");
    return `${lines.join("\n")}\n`;
  }
  lines.push("  CHANGED 有变化: the records whose grade changes are exactly these (each region with its smallest record, graded by both):");
  if (r.changedQuantities.length) lines.push(`  compared differently 比较方式不同: ${r.changedQuantities.join(", ")}`);
  const region = (x: RegionReport, head: string) => {
    lines.push(`  ${head}: ${x.boxes.length} region${x.boxes.length === 1 ? "" : "s"}${x.complete ? "" : " (and more: the description stopped at its limit)"}`);
    x.boxes.forEach((b, i) => {
      lines.push(`    ${x.boxes.length > 1 ? `(${i + 1}) ` : ""}records with`);
      if (!b.constraints.length) lines.push("      any values 任意");
      for (const c of b.constraints) lines.push(`      ${c.quantity} ${c.text}${c.changed ? "   ← compared differently" : ""}`);
      lines.push(`      e.g. ${json(b.witness)}  (${showGrade(b.old)} → ${showGrade(b.new)})`);
    });
  };
  for (const p of r.pairs) region(p, `${showGrade(p.from)} → ${showGrade(p.to)}`);
  for (const c of r.categories) region(c, `category 类别 ${c.category ?? ""}: ${c.from === "in" ? "in → out 成立 → 不成立" : "out → in 不成立 → 成立"}`);
  return `${lines.join("\n")}\n`;
}

function values(v: Record<string, unknown>): string {
  const parts = Object.entries(v).map(([k, x]) => `${k} = ${x === null ? "无" : String(x)}`);
  return parts.length ? ` [${parts.join("; ")}]` : "";
}

/** One record's explanation as text. */
export function renderExplanationText(e: Explanation): string {
  const lines: string[] = [];
  if (e.error) return `${e.id ?? "(no id)"}: not graded: ${e.error.code} ${e.error.path} ${e.error.message}\n`;
  lines.push(`${e.id ?? "(no id)"} as of ${e.as_of}: ${showGrade(e.grade)}${e.label ? ` ${e.label}` : ""}`);
  if (e.because.length) {
    lines.push("  because 理由:");
    for (const c of e.because) lines.push(`    ${c.article}${c.override ? " (override 直接评定)" : ""} ${c.text}${values(c.values)}`);
  } else if (e.grade === null) lines.push("  because 理由: no grade's condition holds");
  for (const w of e.why_not) {
    if (w.grade === null) {
      lines.push(`  why not 无等级 null: grade ${showGrade(w.outranked_by)} applies`);
      continue;
    }
    if (w.holds) {
      lines.push(`  why not ${w.grade}: it holds, but ${showGrade(w.outranked_by)} takes precedence (优先顺序)`);
      continue;
    }
    lines.push(`  why not ${w.grade}${w.label ? ` ${w.label}` : ""}: its conditions fail`);
    for (const c of w.failing) {
      const misses = c.misses?.length ? ` — misses ${c.misses.map((m) => `${m.condition} (is ${m.value === null ? "无" : String(m.value)})`).join(", ")}` : "";
      lines.push(`    ${c.article}${misses}`);
    }
  }
  const t = e.target;
  if (t) {
    lines.push(`  to reach 目标 ${showGrade(t.grade)}:`);
    if (t.changes.length) {
      for (const c of t.changes) {
        const set = c.set.map((x) => `${x.action === "repair" ? "repair 信用修复" : "revoke 撤销"} ${x.pointer}${x.ref ? ` (${x.ref})` : ""}${x.date ? ` of ${x.date}` : ""}`).join(" and ");
        lines.push(`    ${set} → ${showGrade(c.grade)} as of ${c.effective}`);
      }
    } else if (t.none === "no-change-reaches-it") lines.push("    no repair or revocation of its records reaches it");
    else if (t.none === "budget") lines.push("    the search for changes stopped at its limit of graded records");
    else lines.push("    already there");
    if (t.by_time) lines.push(`    with no new events, from ${t.by_time.day} (${showGrade(t.by_time.grade)})`);
    else if (t.by_time === null && t.changes.length + (t.none ? 1 : 0) > 0) lines.push("    not by the passage of time alone (within the horizon)");
  }
  lines.push(e.next_change ? `  next change 下次变化: ${e.next_change.day} → ${showGrade(e.next_change.grade)} (no new events)` : "  next change 下次变化: none within the horizon (no new events)");
  return `${lines.join("\n")}\n`;
}

const SIDE_TEXT: Record<string, string> = {
  decisiveTrue: "holds and decides 成立且起决定作用",
  decisiveFalse: "fails and decides 不成立且起决定作用",
  true: "holds 成立",
  false: "fails 不成立",
  boundaryAt: "decides at its threshold 在界值上起决定作用",
  boundaryBeside: "decides just beyond its threshold 紧邻界值起决定作用",
};

/** A coverage report as text: what the cases exercise, what they miss, and cases to paste. */
export function renderCoverageText(r: CoverageReport, file?: string): string {
  const lines: string[] = [];
  const frac = (x: { covered: number; total: number; possible?: number }) => `${x.covered} of ${x.total}${x.possible !== undefined && x.possible !== x.total ? ` (${x.possible} can be)` : ""}`;
  lines.push(`Coverage 覆盖 ${r.policy.id}${r.policy.version ? ` ${r.policy.version}` : ""}${file ? ` (${file})` : ""}: ${r.cases} case${r.cases === 1 ? "" : "s"}${r.ungraded ? `, ${r.ungraded} not graded` : ""}`);
  lines.push(`  grades 等级: ${r.grades.map((g) => `${showGrade(g.grade)} ${g.exercised ? "✓" : "✗ never reached by a case"}`).join(", ")}`);
  const unexercised = r.articles.filter((a) => !a.exercised).map((a) => a.article);
  lines.push(`  articles 条款: ${r.articles.length - unexercised.length} of ${r.articles.length} hold in some case${unexercised.length ? `; not: ${unexercised.join(", ")}` : ""}`);
  lines.push(`  clauses 条款项: ${frac(r.clauseCoverage)} seen true and false`);
  lines.push(`  conditions 条件: ${frac(r.conditionCoverage)} seen true and false; MC/DC ${frac(r.mcdc)} decisive both ways; boundaries 界值 ${frac(r.boundaries)} decided on both sides`);
  if (!r.uncovered.length) lines.push("  uncovered 未覆盖: none 无");
  else {
    lines.push("  uncovered 未覆盖:");
    for (const u of r.uncovered) {
      const c = r.conditions[u.condition];
      const where = u.side === "boundaryAt" ? ` (${c?.boundary?.at})` : u.side === "boundaryBeside" ? ` (${c?.boundary?.beside})` : "";
      const fate = u.impossible ? " — no record can (proved within the bound)" : u.by ? ` — proposed: "${u.by}"` : "";
      lines.push(`    ${u.article} (${u.owner}) ${u.text}: ${SIDE_TEXT[u.side] ?? u.side}${where}${fate}`);
    }
  }
  if (r.proposals.length) {
    const w = r.withProposals;
    lines.push(`  proposed cases 建议补充的测试用例 (paste into the policy${w ? `; with them: conditions ${frac(w.conditionCoverage)}, MC/DC ${frac(w.mcdc)}, boundaries ${frac(w.boundaries)}` : ""}):`);
    for (const p of r.proposals) for (const l of p.text.trimEnd().split("\n")) lines.push(`    ${l}`);
  }
  return `${lines.join("\n")}\n`;
}
