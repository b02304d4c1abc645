// `credit-policy diff OLD NEW --prove`: either a proof that the two policies grade every record
// within the bound alike (through the newer one's grade map), or the complete set of records whose
// grade changes, per pair of grades, as boxes over the quantities the policies compare (regions.ts),
// each with the smallest record in it, graded by both policies' evaluators before it is shown.
// Categories are compared the same way (in one and not the other). Browser-safe.
import type { IRPolicy } from "../../compiler/ir.js";
import { gradeMapping } from "../../compiler/versions.js";
import type { UnsupportedUse } from "./encode.js";
import type { Probed } from "./probe.js";
import type { ConcreteDecision } from "./leaves.js";
import { Regions, type Constraint } from "./regions.js";
import { Session, type Bound } from "./session.js";
import type { Bx } from "./terms.js";
import type { Z3 } from "./z3.js";

export interface RegionBox {
  /** Per quantity (changed ones first): its allowed values; a quantity not listed takes any value. */
  constraints: Constraint[];
  witness: Record<string, unknown>;
  /** How the two policies grade the witness. */
  old: string | null;
  new: string | null;
}

export interface RegionReport {
  /** The grades (old, then new), or a category's membership (in → out). */
  from: string | null;
  to: string | null;
  category?: string;
  boxes: RegionBox[];
  /** False when the description stopped at its limit of boxes (the set is larger). */
  complete: boolean;
}

export interface ProofReport {
  format: "credit-policy-proof";
  formatVersion: 1;
  old: { id: string; version: string | null };
  new: { id: string; version: string | null };
  bound: Bound;
  /** What the old grades are in the new policy (the new one's grade map; a grade kept keeps its id). */
  gradeMap: Record<string, string | null>;
  /** Proved: every record within the bound gets the same grade (mapped) and the same categories. */
  equal: boolean;
  /** The records whose grade changes, per pair of grades (old → new): together, all of them. */
  pairs: RegionReport[];
  /** The quantities the two policies compare differently (a threshold, a unit, a boundary word). */
  changedQuantities: string[];
  categories: RegionReport[];
  unsupported: UnsupportedUse[];
  queries: number;
}

function version(ir: IRPolicy): string | null {
  const v = ir.meta["version"];
  return typeof v === "string" ? v : null;
}

export async function provePolicies(z3: Z3, oldIr: IRPolicy, newIr: IRPolicy, opts: { asOf: string; k?: number; limit?: number }): Promise<ProofReport> {
  const s = new Session(z3, [oldIr, newIr], opts);
  const [a, b] = s.encodings as [(typeof s.encodings)[0], (typeof s.encodings)[0]];
  const [pa, pb] = s.probes as [(typeof s.probes)[0], (typeof s.probes)[0]];
  const t = s.t;
  const map = gradeMapping(oldIr, newIr);
  const mapped = (g: string | null): string | null => (g !== null && map.has(g) ? (map.get(g) as string | null) : g);
  const da = a.decide();
  const db = b.decide();
  const regions = new Regions(s, [a, b]);
  s.seal();
  const report: ProofReport = {
    format: "credit-policy-proof",
    formatVersion: 1,
    old: { id: oldIr.id, version: version(oldIr) },
    new: { id: newIr.id, version: version(newIr) },
    bound: s.bound,
    gradeMap: Object.fromEntries(map),
    equal: false,
    pairs: [],
    changedQuantities: regions.quantities.filter((q) => q.changed).map((q) => q.label),
    categories: [],
    unsupported: [...a.unsupported, ...b.unsupported],
    queries: 0,
  };
  if (report.unsupported.length) return report;

  const newOf = (g: string | null): Bx => db.outcome.get(g) ?? false;
  const changed = t.or(...[...da.outcome].map(([g, f]) => t.and(f, t.not(newOf(mapped(g))))));
  const graded = (r: Record<string, unknown>): { old: Probed; new: Probed } | undefined => {
    const x = pa.run(r, opts.asOf);
    const y = pb.run(r, opts.asOf);
    return "error" in x || "error" in y ? undefined : { old: x, new: y };
  };
  const describe = async (f: Bx, inRegion: (d: ConcreteDecision[]) => boolean, confirm: (g: { old: Probed; new: Probed }) => boolean, what: string) => {
    const { boxes, complete } = await regions.describe(f, inRegion, opts.limit);
    const out: RegionBox[] = [];
    for (const box of boxes) {
      const w = await s.witness(
        t.and(f, regions.boxFormula(box)),
        (r) => {
          const g = graded(r);
          return g !== undefined && confirm(g);
        },
        what,
      );
      if (!w) throw new Error(`a region of ${what} without a record`);
      const g = graded(w) as { old: Probed; new: Probed };
      out.push({ constraints: regions.describeBox(box), witness: w, old: g.old.grade, new: g.new.grade });
    }
    return { boxes: out, complete };
  };

  const categoryIds = [...new Set([...oldIr.categories, ...newIr.categories].map((c) => c.id))];
  const catChange = categoryIds.map((c) => t.xor(da.categories.get(c) ?? false, db.categories.get(c) ?? false));
  if (!(await s.sat(t.or(changed, ...catChange)))) {
    report.equal = true;
    report.queries = s.queries;
    return report;
  }
  if (await s.sat(changed)) {
    for (const [x, fx] of da.outcome) {
      for (const [y, fy] of db.outcome) {
        if (y === mapped(x)) continue;
        const f = t.and(fx, fy);
        const pair = (d: ConcreteDecision[]) => d[0]?.grade === x && d[1]?.grade === y;
        if (!regions.seen(pair) && !(await s.sat(f))) continue;
        report.pairs.push({ from: x, to: y, ...(await describe(f, pair, (g) => g.old.grade === x && g.new.grade === y, `${String(x)} → ${String(y)}`)) });
      }
    }
  }
  for (const c of categoryIds) {
    const inOld = da.categories.get(c) ?? false;
    const inNew = db.categories.get(c) ?? false;
    for (const [from, f] of [
      [true, t.and(inOld, t.not(inNew))],
      [false, t.and(t.not(inOld), inNew)],
    ] as const) {
      const moved = (d: ConcreteDecision[]) => d[0]?.categories.has(c) === from && d[1]?.categories.has(c) === !from;
      if (!regions.seen(moved) && !(await s.sat(f))) continue;
      const region = await describe(f, moved, (g) => g.old.categories.has(c) === from && g.new.categories.has(c) === !from, `category ${c}`);
      report.categories.push({ category: c, from: from ? "in" : "out", to: from ? "out" : "in", ...region });
    }
  }
  report.queries = s.queries;
  return report;
}
