// Fidelity of a policy to its source text: every quote found verbatim in the article it cites,
// every citation naming an article of the source, and every article accounted for — its sentences
// quoted by the policy (rules, measures, notes' 「…」, not-encoded statements), or the article
// listed as not encoded with a reason. The fidelity pass reports from this; `credit-policy
// coverage` prints it as a table.
import type { NotEncodedReason, Policy } from "../../dsl/ast.js";
import type { Span } from "../../diagnostics/span.js";
import { policyCitations, type Citation, type CitationRole } from "./citations.js";
import { closestPassage, locate, type ClosestPassage, type Occurrence } from "./locate.js";
import { findUnit, normalise, readSource, unitAt, within, type SourceStructure, type SourceUnit } from "./source-text.js";

/** A sentence counts as quoted when quotes cover at least this share of its characters. */
export const COVERED_SHARE = 0.5;

export type QuoteProblem =
  | { kind: "missing"; citation: Citation; closest: ClosestPassage; unit?: SourceUnit }
  | { kind: "elsewhere"; citation: Citation; found: SourceUnit | undefined; cited: SourceUnit };

export interface NotEncodedEntry {
  reason: NotEncodedReason;
  /** The enclosing unit whose statement this is, when it is not this unit's own. */
  from?: string;
  quote?: string;
  note?: string;
  span: Span;
}

export interface CoverageRow {
  unit: SourceUnit;
  cited: Record<CitationRole, string[]>;
  notEncoded: NotEncodedEntry[];
  /** Sentences of the unit's own text neither quoted nor listed as not encoded. */
  uncovered: string[];
  accounted: boolean;
}

export interface Fidelity {
  source: SourceStructure;
  rows: CoverageRow[];
  /** Citations naming no article of the source. */
  unknown: { article: string; span: Span; role: CitationRole | "not-encoded" }[];
  quotes: QuoteProblem[];
  /** Not-encoded statements quoting text while naming several articles. */
  ambiguous: Span[];
  /** Metadata entries whose text the document does not contain. */
  meta: { key: string; value: string; span: Span }[];
}

const emptyCited = (): Record<CitationRole, string[]> => ({ grades: [], measures: [], notes: [], tests: [], other: [] });

/** Everything the fidelity checks find, for a policy and the text of its source. */
export function checkFidelity(policy: Policy, sourceText: string): Fidelity {
  const src = readSource(sourceText);
  const rows = new Map<SourceUnit, CoverageRow>(src.units.map((u) => [u, { unit: u, cited: emptyCited(), notEncoded: [], uncovered: [], accounted: false }]));
  const covered: Occurrence[] = [];
  const unknown: Fidelity["unknown"] = [];
  const quotes: QuoteProblem[] = [];
  const ambiguous: Span[] = [];

  const note = (u: SourceUnit | undefined, role: CitationRole, label: string): void => {
    const row = u && rows.get(u);
    if (row && !row.cited[role].includes(label)) row.cited[role].push(label);
  };
  /** Finds a quote, preferring the cited unit; records it as covering text, or the problem. */
  const place = (citation: Citation, unit: SourceUnit | undefined): void => {
    const quote = citation.quote as string;
    const scope = citation.anywhere || !unit ? { from: 0, to: src.body.length } : { from: unit.start, to: unit.end };
    const found = locate(src.body, quote, scope.from, scope.to);
    if (found.at && (found.inside || !unit || citation.anywhere)) {
      covered.push(found.at);
      if (citation.anywhere) note(unitAt(src, found.at.start), citation.role, citation.label);
      return;
    }
    if (found.at && unit) {
      quotes.push({ kind: "elsewhere", citation, found: unitAt(src, found.at.start), cited: unit });
      return;
    }
    // Quotes of the title or preamble (a note quoting the document's date) are in the whole text.
    if (citation.anywhere && src.whole.includes(normalise(quote))) return;
    const closest = closestPassage(src.body, quote, unit?.start ?? 0, unit?.end ?? 0);
    // The misquote is reported; the passage it was meant to quote is not reported again as unquoted.
    if (closest.end > closest.start) covered.push({ start: closest.start, end: closest.end });
    quotes.push({ kind: "missing", citation, closest, ...(unitAt(src, closest.start) ? { unit: unitAt(src, closest.start) as SourceUnit } : {}) });
  };

  for (const c of policyCitations(policy)) {
    const unit = c.article !== undefined ? findUnit(src, c.article) : undefined;
    if (c.article !== undefined && !unit && !c.anywhere) {
      if (c.role !== "tests") unknown.push({ article: c.article, span: c.span, role: c.role });
      continue;
    }
    if (!c.anywhere) note(unit, c.role, c.label);
    if (c.quote) place(c, unit);
  }

  const wholeUnits = new Map<SourceUnit, NotEncodedEntry[]>();
  for (const n of policy.notEncoded ?? []) {
    const entry: NotEncodedEntry = { reason: n.reason, ...(n.quote ? { quote: n.quote } : {}), ...(n.note ? { note: n.note } : {}), span: n.span };
    if (n.quote && n.articles.length > 1) ambiguous.push(n.span);
    for (const a of n.articles) {
      const unit = findUnit(src, a.article);
      if (!unit) {
        unknown.push({ article: a.article, span: a.span, role: "not-encoded" });
        continue;
      }
      rows.get(unit)?.notEncoded.push(entry);
      if (n.quote && n.articles.length > 1) continue; // reported as ambiguous; which article the quote is from is unknown
      if (n.quote) place({ article: a.article, quote: n.quote, role: "other", label: "不予编码", span: n.span }, unit);
      else wholeUnits.set(unit, [...(wholeUnits.get(unit) ?? []), entry]);
    }
  }

  // A sentence is quoted when the quotes over it cover enough of its characters.
  const spans = mergeRanges(covered);
  const share = (start: number, end: number): number => {
    let n = 0;
    for (const r of spans) n += Math.max(0, Math.min(end, r.end) - Math.max(start, r.start));
    return end > start ? n / (end - start) : 1;
  };
  for (const row of rows.values()) {
    const u = row.unit;
    const listed = [...wholeUnits.keys()].some((w) => within(u, w));
    // A unit listed whole takes its parts with it.
    for (const [w, entries] of wholeUnits) if (w !== u && within(u, w)) row.notEncoded.push(...entries.map((e) => ({ ...e, from: w.id })));
    const content = u.sentences.filter((s) => !s.structural);
    row.uncovered = listed ? [] : content.filter((s) => share(s.start, s.end) < COVERED_SHARE).map((s) => s.text);
    const cited = Object.values(row.cited).some((l) => l.length > 0);
    row.accounted = listed || (row.uncovered.length === 0 && (content.length > 0 || u.children.length > 0 || cited));
  }

  const meta: Fidelity["meta"] = [];
  for (const key of ["title", "authority", "document", "interpreter"] as const) {
    const v = policy.meta[key];
    if (v?.kind === "string" && !src.whole.includes(normalise(v.value))) meta.push({ key, value: v.value, span: v.span });
  }
  return { source: src, rows: [...rows.values()], unknown, quotes, ambiguous, meta };
}

function mergeRanges(rs: readonly Occurrence[]): Occurrence[] {
  const sorted = [...rs].sort((a, b) => a.start - b.start);
  const out: Occurrence[] = [];
  for (const r of sorted) {
    const last = out[out.length - 1];
    if (last && r.start <= last.end) last.end = Math.max(last.end, r.end);
    else out.push({ ...r });
  }
  return out;
}

/** Accounted units over all units, as a whole percentage (floored, so 100 means every one). */
export function accountedPercent(f: Fidelity): number {
  const n = f.rows.length;
  return n === 0 ? 100 : Math.floor((100 * f.rows.filter((r) => r.accounted).length) / n);
}
