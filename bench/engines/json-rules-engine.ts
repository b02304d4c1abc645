// pinglu-fgj in json-rules-engine, as its documentation suggests: the rules (第八条's thresholds,
// any/all, C > B > A by priority) as JSON; the one-year counts as dynamic facts computed from the
// record fact (the engine has no aggregation of its own), cached per run.
import { Almanac, Engine, type RuleProperties } from "json-rules-engine";
import type { Grade, PingluRecord } from "../pinglu-hand.js";
import { yearBefore } from "./window.js";

const RANK: Record<string, number> = {
  order_to_correct: 1, warning: 2, criticism: 3, fine: 4, confiscation: 4, suspend_license: 5, downgrade_qualification: 5,
  revoke_license: 5, restrict_operations: 5, order_suspension: 5, order_closure: 5, restrict_practice: 5, detention: 5,
};

const atLeast = (fact: string, value: number) => ({ fact, operator: "greaterThanInclusive", value });
const under = (fact: string, value: number) => ({ fact, operator: "lessThan", value });
const grade = (g: string) => ({ type: "grade", params: { grade: g } });

export const RULES: RuleProperties[] = [
  { name: "C 第八条（三）", priority: 3, conditions: { any: [atLeast("findings", 1), atLeast("severe", 1), atLeast("lowRatings", 1)] }, event: grade("C") },
  {
    name: "B 第八条（二）",
    priority: 2,
    conditions: {
      any: [
        { all: [atLeast("minor", 1), under("minor", 3)] },
        { all: [atLeast("cases", 1), under("cases", 3), { fact: "fineCents", operator: "lessThanInclusive", value: 50_000_000 }] },
        { all: [atLeast("breaches", 1), under("breaches", 3)] },
      ],
    },
    event: grade("B"),
  },
  { name: "A 第八条（一）", priority: 1, conditions: { any: [atLeast("govHonors", 1), atLeast("goodRatings", 1), atLeast("assocHonors", 1)] }, event: grade("A") },
];

export function pingluJsonRulesEngine(asOf: string): (record: unknown) => Promise<Grade> {
  const from = yearBefore(asOf);
  const inYear = (d: string) => d > from && d <= asOf;
  const counts = (s: string | undefined) => s === undefined || s === "in_force";
  const engine = new Engine(RULES);
  const record = async (almanac: Almanac) => (await almanac.factValue("record")) as PingluRecord;
  const violations = async (almanac: Almanac) =>
    (await record(almanac)).sanctions?.filter((s) => counts(s.status) && inYear(s.date)).flatMap((s) => s.violations) ?? [];
  const rank = (v: { penalties: { kind: string }[] }) => Math.max(0, ...v.penalties.map((p) => RANK[p.kind] ?? 0));
  engine.addFact("govHonors", async (_p, a) => (await record(a)).honors?.filter((h) => h.grantor === "government" && h.for_integrity === true && inYear(h.date)).length ?? 0);
  engine.addFact("assocHonors", async (_p, a) => (await record(a)).honors?.filter((h) => h.grantor === "association" && h.verified === true && inYear(h.date)).length ?? 0);
  engine.addFact("goodRatings", async (_p, a) => (await record(a)).ratings?.filter((x) => x.level === "good" && inYear(x.date)).length ?? 0);
  engine.addFact("lowRatings", async (_p, a) => (await record(a)).ratings?.filter((x) => x.level === "low" && inYear(x.date)).length ?? 0);
  engine.addFact("minor", async (_p, a) => (await violations(a)).filter((v) => [1, 2].includes(rank(v))).length);
  engine.addFact("cases", async (_p, a) => (await violations(a)).filter((v) => rank(v) > 2 && v.severe !== true).length);
  engine.addFact("fineCents", async (_p, a) =>
    (await violations(a))
      .filter((v) => rank(v) > 2 && v.severe !== true)
      .flatMap((v) => v.penalties)
      .filter((p) => p.kind === "fine" && p.amount !== undefined)
      .reduce((sum, p) => sum + Math.round(Number(p.amount) * 100), 0),
  );
  engine.addFact("severe", async (_p, a) => (await violations(a)).filter((v) => v.severe === true).length);
  engine.addFact("breaches", async (_p, a) => (await record(a)).commitment_breaches?.filter((b) => counts(b.status) && inYear(b.date)).length ?? 0);
  engine.addFact("findings", async (_p, a) => (await record(a)).determinations?.filter((d) => d.kind === "severe_dishonesty" && counts(d.status) && inYear(d.date)).length ?? 0);
  return async (r) => {
    const { events } = await engine.run({ record: r });
    const grades = new Set(events.map((e) => e.params?.["grade"] as string));
    return grades.has("C") ? "C" : grades.has("B") ? "B" : grades.has("A") ? "A" : null;
  };
}
