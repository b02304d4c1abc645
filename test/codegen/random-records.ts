// Credit records made by a seeded generator (mulberry32): every record part the policies read,
// with dates around the windows and days the corpus grades on (year ends, 第四条's one-year
// window, the 10-31 snapshot, leap days), every status, amounts as numbers and strings, optional
// fields present and absent. Valid by construction; deterministic for a seed.

export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const EDGE_DAYS = [
  "2020-02-29", "2020-10-31", "2020-11-01", "2020-12-30", "2020-12-31", "2021-01-01", "2021-02-28", "2021-03-01",
  "2021-10-30", "2021-10-31", "2021-11-01", "2021-12-30", "2021-12-31", "2022-01-01", "2022-01-05", "2022-02-28",
];
const KINDS = ["order_to_correct", "warning", "criticism", "fine", "confiscation", "suspend_license", "revoke_license", "order_closure", "detention"];

export function randomRecords(n: number, seed = 20211231): Record<string, unknown>[] {
  const rnd = mulberry32(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)] as T;
  const chance = (p: number) => rnd() < p;
  const day = (): string => {
    if (chance(0.35)) return pick(EDGE_DAYS);
    const start = Date.UTC(2019, 5, 1);
    const d = new Date(start + Math.floor(rnd() * 1100) * 86_400_000);
    return d.toISOString().slice(0, 10);
  };
  const amount = (): number | string => {
    const yuan = pick([0, 0.1, 0.29, 100, 20000, 250000.5, 249999.5, 499999.99, 500000, 500000.01, 800000]);
    return chance(0.5) ? yuan : yuan.toFixed(2);
  };
  const some = <T>(max: number, make: () => T): T[] => Array.from({ length: Math.floor(rnd() * (max + 1)) }, make);
  const status = () => pick(["in_force", "in_force", "in_force", "revoked", "repaired"]);
  /** A dated status history (repaired or revoked later, sometimes confirmed again), its last entry the status. */
  const withHistory = (e: Record<string, unknown>): Record<string, unknown> => {
    if (!chance(0.35)) return e;
    const history = some(3, () => ({ status: status(), from: day() })).sort((a, b) => (a.from < b.from ? -1 : a.from > b.from ? 1 : 0));
    if (history.length === 0) return e;
    return { ...e, status: history[history.length - 1]!.status, status_history: history };
  };
  const out: Record<string, unknown>[] = [];
  for (let i = 0; i < n; i++) {
    const r: Record<string, unknown> = { id: `rand-${seed}-${i}` };
    if (chance(0.7)) r["kind"] = pick(["legal_person", "organization", "natural_person"]);
    if (chance(0.5)) r["name"] = pick(["平鲁区某某煤业有限公司", "张某某", "舞钢市某某协会", "A \"quoted\" name"]);
    // About a third of subjects have nothing on record, as in a city.
    if (chance(0.3)) {
      out.push(r);
      continue;
    }
    if (chance(0.4)) {
      r["lists"] = some(3, () => {
        const l: Record<string, unknown> = { list: pick(["red", "black", "watch", "abnormal"]), from: day() };
        if (chance(0.5)) l["until"] = chance(0.3) ? null : day();
        return l;
      });
    }
    if (chance(0.4)) {
      r["honors"] = some(2, () => {
        const h: Record<string, unknown> = { date: day(), grantor: pick(["government", "association"]) };
        if (chance(0.7)) h["for_integrity"] = chance(0.6);
        if (chance(0.6)) h["verified"] = chance(0.6);
        return h;
      });
    }
    if (chance(0.6)) {
      r["sanctions"] = some(3, () => {
        const s: Record<string, unknown> = {
          date: day(),
          status: status(),
          violations: some(3, () => {
            const v: Record<string, unknown> = {
              penalties: some(2, () => {
                const kind = pick(KINDS);
                if (kind === "fine" || kind === "confiscation") return { kind, amount: amount() };
                return chance(0.3) ? { kind, restriction_until: day() } : { kind };
              }),
            };
            if (chance(0.3)) v["severe"] = chance(0.5);
            return v;
          }),
        };
        if (chance(0.5)) s["id"] = `决定书-${i}-${Math.floor(rnd() * 1000)}`;
        if (chance(0.5)) s["authority"] = pick(["平鲁区发改局", "舞钢市司法局"]);
        // What per-decision rules read: the procedure, publication, fulfilment, a declared field.
        if (chance(0.6)) s["procedure"] = pick(["ordinary", "ordinary", "summary"]);
        if (chance(0.3)) s["published_on"] = day();
        if (chance(0.3)) s["fulfilled"] = chance(0.6);
        if (chance(0.3)) s["harm_removed"] = chance(0.6);
        if (chance(0.1)) s["履行说明"] = "已缴清";
        return withHistory(s);
      });
    }
    if (chance(0.3)) r["commitment_breaches"] = some(4, () => withHistory(chance(0.5) ? { date: day(), status: status() } : { date: day() }));
    if (chance(0.2)) r["determinations"] = some(2, () => withHistory({ kind: "severe_dishonesty", date: day(), ...(chance(0.5) ? { status: status() } : {}) }));
    if (chance(0.3)) r["ratings"] = some(2, () => ({ by: "市税务局", date: day(), level: pick(["good", "low"]) }));
    if (chance(0.4)) r["public_credit"] = { score: pick([0, 41.5, 69.99, 70, 70.01, 85, 100]), date: day() };
    if (chance(0.3)) {
      r["warnings"] = some(2, () => {
        const w: Record<string, unknown> = { date: day(), deadline: day() };
        if (chance(0.5)) w["rectified_on"] = day();
        return w;
      });
    }
    if (chance(0.3)) r["indicators"] = { inspection_pass_rate: pick([0, 0.5, 0.82, 1]), complaints: pick([0, 1, 3, 12]) };
    out.push(r);
  }
  return out;
}
