// `credit-policy coverage POLICY [--json]`: every article of the policy's source text (条, 项, 目;
// a plan's parts and items; the annex) with what cites it — grades, measures, notes, tests — or
// the reason it is not encoded, and any sentence neither quoted nor listed. Exit 1 when an article
// is not accounted for or a quote is not verbatim; 2 when the policy names no readable source.
import type { CitationRole } from "../../compiler/fidelity/citations.js";
import { accountedPercent, checkFidelity, type CoverageRow, type Fidelity } from "../../compiler/fidelity/coverage.js";
import type { NotEncodedReason } from "../../dsl/ast.js";
import { defineCommand, POLICY_ARG } from "../command.js";
import { line, type Io } from "../io.js";
import { compileFile, resolveSinglePolicy, sourceTextBeside, UsageError } from "../load.js";

const REASONS: Record<NotEncodedReason, string> = {
  procedural: "程序性 procedural",
  organisational: "组织性 organisational",
  undecidable: "不可判定 undecidable",
  explanatory: "说明性 explanatory",
  absent: "原文缺失 absent",
};
const ROLES: readonly CitationRole[] = ["grades", "measures", "notes", "tests", "other"];

function rowJson(r: CoverageRow) {
  return {
    article: r.unit.id,
    level: r.unit.level,
    ...(r.unit.title ? { title: r.unit.title } : {}),
    line: r.unit.line,
    cited: r.cited,
    not_encoded: r.notEncoded.map((n) => ({
      reason: n.reason,
      ...(n.from ? { from: n.from } : {}),
      ...(n.quote ? { quote: n.quote } : {}),
      ...(n.note ? { note: n.note } : {}),
    })),
    uncovered: r.uncovered,
    accounted: r.accounted,
  };
}

function quoteProblems(f: Fidelity) {
  return f.quotes.map((q) =>
    q.kind === "missing"
      ? { article: q.citation.article ?? null, quote: q.citation.quote, problem: "not in source", closest: f.source.body.slice(q.closest.start, q.closest.end) }
      : { article: q.citation.article ?? null, quote: q.citation.quote, problem: "other article", found_in: q.found?.id ?? null },
  );
}

const width = (s: string): number => [...s].reduce((w, ch) => w + (/[\u1100-\uffff]/.test(ch) ? 2 : 1), 0);
const pad = (s: string, w: number): string => s + " ".repeat(Math.max(0, w - width(s)));

/** "grades: 等级 B, 等级 C; tests: 6": what cites a unit, labels for rules and measures, counts for notes and tests. */
function citedText(r: CoverageRow): string {
  const parts: string[] = [];
  for (const role of ROLES) {
    const labels = r.cited[role];
    if (labels.length === 0) continue;
    const shown = role === "notes" || role === "tests" ? String(labels.length) : labels.slice(0, 2).join(", ") + (labels.length > 2 ? ` +${labels.length - 2}` : "");
    parts.push(`${role}: ${shown}`);
  }
  return parts.join("; ") || "-";
}

function statusText(r: CoverageRow): string {
  const reasons = [...new Set(r.notEncoded.map((n) => REASONS[n.reason]))];
  const notEncoded = reasons.length ? `not encoded: ${reasons.join(", ")}` : "";
  const own = r.unit.sentences.some((s) => !s.structural);
  const cited = ROLES.some((role) => r.cited[role].length > 0);
  if (r.accounted) {
    if (!own && !cited && !notEncoded) return "heading: see its parts";
    if (!cited) return notEncoded;
    return notEncoded ? `cited; the rest ${notEncoded}` : "cited";
  }
  const first = r.uncovered[0];
  return `NOT ACCOUNTED${first ? ` — “${first.length > 40 ? `${first.slice(0, 40)}…` : first}”` : ""}${notEncoded ? `; ${notEncoded}` : ""}`;
}

export function coverageCommand(arg: string, opts: { json?: boolean }, io: Io): number {
  const file = resolveSinglePolicy(arg);
  const r = compileFile(file);
  if (!r.ast) throw new UsageError(`${file}: does not parse; run credit-policy check ${arg}`);
  const meta = r.ast.meta.source;
  if (meta?.kind !== "string") throw new UsageError(`${file}: names no source text (来源文件 / source)`);
  const found = sourceTextBeside(file)(meta.value);
  if (!found || "missing" in found) throw new UsageError(`${file}: source text ${meta.value} not found (${found && "missing" in found ? found.missing : ""})`);
  const f = checkFidelity(r.ast, found.text);
  const accounted = f.rows.filter((x) => x.accounted).length;
  const ok = accounted === f.rows.length && f.quotes.length === 0 && f.unknown.length === 0;
  if (opts.json) {
    line(
      io.stdout,
      JSON.stringify({
        policy: r.ast.id,
        file,
        source: meta.value,
        articles: f.rows.length,
        accounted,
        percent: accountedPercent(f),
        rows: f.rows.map(rowJson),
        quotes: quoteProblems(f),
        unknown: f.unknown.map((u) => ({ article: u.article, line: u.span.line })),
      }),
    );
    return ok ? 0 : 1;
  }
  const rows = f.rows.map((x) => [`${"  ".repeat(depth(x))}${x.unit.id}`, citedText(x), statusText(x)]);
  const head = ["article 条款", "cited by 引用", "status 状态"];
  const widths = head.map((h, i) => Math.max(width(h), ...rows.map((row) => width(row[i] as string))));
  line(io.stdout, `${r.ast.id}: ${meta.value}`);
  line(io.stdout, head.map((h, i) => pad(h, widths[i] as number)).join("  ").trimEnd());
  for (const row of rows) line(io.stdout, row.map((c, i) => pad(c, widths[i] as number)).join("  ").trimEnd());
  for (const q of quoteProblems(f)) line(io.stdout, `quote not verbatim at ${q.article ?? "解释说明"}: “${q.quote}”`);
  for (const u of f.unknown) line(io.stdout, `${file}:${u.span.line}: ${u.article} is not an article of ${meta.value}`);
  line(io.stdout, `${accounted} of ${f.rows.length} articles accounted for (${accountedPercent(f)}%)`);
  return ok ? 0 : 1;
}

function depth(r: CoverageRow): number {
  let d = 0;
  for (let u = r.unit.parent; u; u = u.parent) d++;
  return d;
}

export const command = defineCommand({
  name: "coverage",
  summary: "Every article of a policy's source text: what cites it, or why it is not encoded.",
  usage: "POLICY [--json]",
  description:
    "Reads the source text the policy's 来源文件 names (beside the policy file) and lists each of its articles " +
    "(条, 项, 目; a plan's parts 一、 and items （一）; the annex) with the grades, measures, notes and tests that cite it, " +
    "or the reason it is not encoded (不予编码), and any sentence neither quoted nor listed. Exit 1 when an article is " +
    "not accounted for or a quote is not verbatim.",
  positionals: [POLICY_ARG],
  options: {
    json: { type: "boolean", help: "one JSON object: the rows, the quotes that are not verbatim, citations of no article" },
  },
  run({ values, positionals }, io) {
    return coverageCommand(positionals[0] as string, { ...(values.json ? { json: true } : {}) }, io);
  },
});
