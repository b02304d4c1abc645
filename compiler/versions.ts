// Revisions of one policy kept side by side: whether they form one coherent history, and which
// one is in force on a day. Browser-safe (the editor shows the same checks).
//
// A revision is in force on the days D with effective ≤ D < expires. `生效日期`/`effective` is
// its first day (`未载明`/`unstated` or absent: in force from the start of time); `失效日期`/
// `expires` is the day it stops being in force, which is its successor's effective day (absent:
// open-ended). So the revisions of one id must tile the calendar: each revision but the latest
// states an `expires` equal to the next one's `effective` — no overlap, no gap. A day before the
// first revision, or after the last one expired, has no revision: an error, never a fallback.
//
// Grades that change between consecutive revisions need a grade map in the later one
// (`等级对应 "<earlier version>" { A = 优, … }`), so histories and diffs know what became what.
import type { MetaKeyId, Policy } from "../dsl/ast.js";
import { diag, withRelated, type Diagnostic } from "../diagnostics/diagnostics.js";
import type { Span } from "../diagnostics/span.js";
import { addDays, isIsoDate } from "../record/dates.js";
import type { IRPolicy } from "./ir.js";

export interface Revision {
  ir: IRPolicy;
  /** sha256 of its source text. */
  sha256: string;
  /** Where it was read from (a path, or git's REV:PATH), for messages. */
  file: string;
  /** The AST, for the positions of its metadata in diagnostics. */
  ast?: Policy;
}

export interface RevisionPeriod {
  revision: Revision;
  /** First day in force; null: from the start of time. */
  from: string | null;
  /** First day no longer in force; null: open-ended. */
  until: string | null;
}

export interface RevisionSet {
  id: string;
  /** Earliest first. */
  periods: RevisionPeriod[];
  diagnostics: Diagnostic[];
}

/** A revision's name: its `version`, else its file name. */
export function revisionName(r: Revision): string {
  const v = r.ir.meta["version"];
  return typeof v === "string" && v !== "" ? v : (r.file.split(/[\\/:]/).pop() ?? r.file);
}

/** "2021-04-15 … 2022-12-31", "… 2022-12-31", "2023-01-01 …", "always". */
export function periodText(p: { from: string | null; until: string | null }): string {
  if (p.from === null && p.until === null) return "always";
  const last = p.until === null ? "" : ` ${addDays(p.until, -1)}`;
  return `${p.from ?? ""} …${last}`.trim();
}

function metaSpan(r: Revision, key: MetaKeyId): Span {
  return r.ast?.meta[key]?.span ?? r.ast?.span ?? r.ir.span;
}

/** A revision's effective or expires day: a date, null (unstated/absent), or a diagnostic. */
function metaDay(r: Revision, key: "effective" | "expires", out: Diagnostic[]): string | null {
  const astValue = r.ast?.meta[key];
  const v = r.ir.meta[key];
  if (v === undefined || v === null || astValue?.kind === "unstated") return null;
  if (typeof v === "string" && isIsoDate(v) && (astValue === undefined || astValue.kind === "date")) return v;
  out.push(diag("CP-E0708", metaSpan(r, key), [key]));
  return null;
}

function gradeIds(ir: IRPolicy): string[] {
  return [...new Set(ir.grades.map((g) => g.id))].sort();
}

/** The periods of the revisions and every inconsistency between them. */
export function buildRevisionSet(revisions: readonly Revision[]): RevisionSet {
  const diagnostics: Diagnostic[] = [];
  const periods: RevisionPeriod[] = revisions.map((revision) => {
    const from = metaDay(revision, "effective", diagnostics);
    const until = metaDay(revision, "expires", diagnostics);
    if (from !== null && until !== null && until <= from) diagnostics.push(diag("CP-E0709", metaSpan(revision, "expires"), [until, from]));
    return { revision, from, until };
  });
  // ISO dates order as strings; the start of time first; ties keep the given (file) order.
  periods.sort((a, b) => (a.from === b.from ? 0 : a.from === null ? -1 : b.from === null ? 1 : a.from < b.from ? -1 : 1));
  const first = periods[0];
  const id = first?.revision.ir.id ?? "";
  if (periods.length < 2) return { id, periods, diagnostics };

  for (const p of periods) {
    if (p.revision.ir.id !== id) diagnostics.push(diag("CP-E0701", p.revision.ast?.span ?? p.revision.ir.span, [id, p.revision.ir.id]));
  }
  // Reported once per shared version, at the second revision, pointing back at the first.
  const byVersion = new Map<string, { first: Revision; count: number }>();
  for (const p of periods) {
    const v = p.revision.ir.meta["version"];
    if (typeof v !== "string") continue;
    const seen = byVersion.get(v) ?? { first: p.revision, count: 0 };
    byVersion.set(v, { ...seen, count: seen.count + 1 });
    if (seen.count === 1) diagnostics.push(withRelated(diag("CP-E0710", metaSpan(p.revision, "version"), [v]), metaSpan(seen.first, "version")));
  }
  const names = new Set(periods.map((p) => revisionName(p.revision)));

  for (let i = 1; i < periods.length; i++) {
    const a = periods[i - 1] as RevisionPeriod;
    const b = periods[i] as RevisionPeriod;
    const at = metaSpan(b.revision, "effective");
    const nameA = revisionName(a.revision);
    const nameB = revisionName(b.revision);
    if (a.until === null || b.from === null || a.until > b.from) {
      diagnostics.push(diag("CP-E0702", at, [nameA, periodText(a), nameB, periodText(b)]));
    } else if (a.until < b.from) {
      diagnostics.push(diag("CP-E0703", at, [a.until, addDays(b.from, -1)]));
    }
    checkGradeMap(a, b, diagnostics);
  }
  for (const p of periods) {
    for (const m of p.revision.ir.gradeMaps ?? []) {
      if (!names.has(m.from)) diagnostics.push(diag("CP-W0702", m.span, [m.from]));
    }
  }
  return { id, periods, diagnostics };
}

/** Grades that differ between consecutive revisions need the later one's map from the earlier. */
function checkGradeMap(a: RevisionPeriod, b: RevisionPeriod, out: Diagnostic[]): void {
  const older = gradeIds(a.revision.ir);
  const newer = gradeIds(b.revision.ir);
  const nameA = revisionName(a.revision);
  const map = b.revision.ir.gradeMaps?.find((m) => m.from === nameA);
  if (!map) {
    if (older.join(",") !== newer.join(",")) {
      out.push(diag("CP-E0704", b.revision.ast?.span ?? b.revision.ir.span, [nameA, revisionName(b.revision), older.join(" "), newer.join(" ")]));
    }
    return;
  }
  for (const from of Object.keys(map.map)) {
    if (!older.includes(from)) out.push(diag("CP-E0711", map.span, [from, nameA]));
  }
  for (const g of older) {
    if (!(g in map.map) && !newer.includes(g)) out.push(diag("CP-E0712", map.span, [g, nameA]));
  }
}

/** What the grades of `older` are in `newer`: by its grade map from `older`, else by id. */
export function gradeMapping(older: IRPolicy, newer: IRPolicy, olderName?: string): Map<string, string | null> {
  const name = olderName ?? (typeof older.meta["version"] === "string" ? (older.meta["version"] as string) : undefined);
  const declared = name === undefined ? undefined : newer.gradeMaps?.find((m) => m.from === name);
  const newIds = new Set(newer.grades.map((g) => g.id));
  const out = new Map<string, string | null>();
  for (const g of older.grades) {
    const mapped = declared && g.id in declared.map ? (declared.map[g.id] as string | null) : newIds.has(g.id) ? g.id : null;
    out.set(g.id, mapped);
  }
  return out;
}

/** The revision in force on `day`, or why there is none (a diagnostic without a position). */
export function revisionInForce(set: RevisionSet, day: string): { period: RevisionPeriod } | { error: Diagnostic } {
  for (const p of set.periods) {
    if ((p.from === null || p.from <= day) && (p.until === null || day < p.until)) return { period: p };
  }
  const first = set.periods[0];
  const last = set.periods[set.periods.length - 1];
  if (first?.from && day < first.from) return { error: diag("CP-E0705", undefined, [day, set.id, first.from]) };
  return { error: diag("CP-E0706", undefined, [day, set.id, last?.until ?? "?"]) };
}

/** The revision named `name`: by version, else by file name or path. */
export function findRevision(set: RevisionSet, name: string): { period: RevisionPeriod } | { error: Diagnostic } {
  const found =
    set.periods.find((p) => p.revision.ir.meta["version"] === name) ??
    set.periods.find((p) => p.revision.file === name || p.revision.file.split(/[\\/]/).pop() === name);
  if (found) return { period: found };
  return { error: diag("CP-E0707", undefined, [set.id, name, set.periods.map((p) => revisionName(p.revision)).join(", ")]) };
}

/** The latest revision (the one in force last). */
export function latestRevision(set: RevisionSet): RevisionPeriod | undefined {
  return set.periods[set.periods.length - 1];
}

/** Test cases dated outside their own revision's period (test grades them by the day's revision). */
export function testsOutsidePeriod(set: RevisionSet): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const p of set.periods) {
    for (const t of p.revision.ir.tests) {
      if (!isIsoDate(t.asOf)) continue;
      if ((p.from !== null && t.asOf < p.from) || (p.until !== null && t.asOf >= p.until)) {
        out.push(diag("CP-W0701", t.span, [t.name, t.asOf, periodText(p)]));
      }
    }
  }
  return out;
}
