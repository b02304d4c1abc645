// Which grades are better than which, for "why not a better grade" and "what would it take": the
// policy says it through the kind of measures it attaches — incentive (激励措施) above no measures
// (and no grade) above management (管理措施) above punishment (惩戒措施). Grades of one kind rank by
// their score band (the higher band is better), else in the order the policy declares them (its
// first is its best: A before B, 优 before 良). Nothing here is decided silently: README states the
// rule, and `explain --order` overrides it. Browser-safe.
import type { IRPolicy } from "../../compiler/ir.js";

const KIND_RANK: Record<string, number> = { incentive: 3, management: 1, punishment: 0 };
const NEUTRAL = 2;

/** The grades and "no grade" (null) from best to worst. */
export function gradeOrder(ir: IRPolicy, override?: readonly (string | null)[]): (string | null)[] {
  if (override) return [...override];
  const kind = (g: string) => {
    // A measure whose kind the text does not name says nothing about the order.
    const kinds = ir.measures.filter((m) => m.grade === g && m.kind !== undefined).map((m) => KIND_RANK[m.kind as string] ?? NEUTRAL);
    return kinds.length ? Math.min(...kinds) : NEUTRAL;
  };
  const band = (g: string): number => {
    for (const b of ir.bands) {
      const x = b.bands.find((y) => y.grade === g);
      if (x) return x.lo === null ? -Infinity : Number(x.lo);
    }
    return NaN;
  };
  const declared = ir.grades.map((g) => g.id);
  const ids: (string | null)[] = [...declared];
  if (!ids.includes(ir.default)) ids.push(ir.default);
  const rank = (g: string | null) => (g === null ? NEUTRAL : kind(g));
  return ids.sort((a, b) => {
    const r = rank(b) - rank(a);
    if (r !== 0) return r;
    if (a === null || b === null) return a === null ? 1 : -1;
    const ba = band(a);
    const bb = band(b);
    if (!Number.isNaN(ba) && !Number.isNaN(bb) && ba !== bb) return bb - ba;
    return declared.indexOf(a) - declared.indexOf(b);
  });
}
