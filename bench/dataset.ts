// A deterministic city-scale dataset of credit records (seeded mulberry32): mostly subjects with
// nothing on record, the rest with honours, ratings, sanction decisions (several violations and
// penalties, amounts as numbers and as strings), commitment breaches, determinations, list
// memberships and the parts pinglu-fgj does not read. Dates fall around the one-year window of
// 2021-12-31, including its edges and days after it.

export const AS_OF = "2021-12-31";

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

const KINDS = ["order_to_correct", "warning", "warning", "criticism", "fine", "fine", "fine", "confiscation", "suspend_license", "order_suspension", "detention"];
const NAMES = ["平鲁区某某煤业有限公司", "朔州市某某商贸有限公司", "某某农民专业合作社", "张某某", "王某"];
const EDGES = ["2020-12-31", "2021-01-01", "2021-12-31", "2022-01-01"];
const ID_CHARS = "0123456789ABCDEFGHJKLMNPQRTUWXY";

export type BenchRecord = Record<string, unknown>;

/** `n` records for seed `seed`; the same arguments always give the same records. */
export function* records(n: number, seed = 1_000_003): Generator<BenchRecord> {
  const rnd = mulberry32(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)] as T;
  const chance = (p: number) => rnd() < p;
  const upTo = (k: number) => 1 + Math.floor(rnd() * k);
  const day = () => (chance(0.08) ? pick(EDGES) : new Date(Date.UTC(2020, 5, 1) + Math.floor(rnd() * 640) * 86_400_000).toISOString().slice(0, 10));
  const amount = () => {
    const yuan = pick([200, 1000, 5000, 20000, 100000, 250000.5, 300000, 499999.99, 600000]);
    return chance(0.5) ? yuan : yuan.toFixed(2);
  };
  for (let i = 0; i < n; i++) {
    let id = "911406";
    for (let k = 0; k < 12; k++) id += ID_CHARS[Math.floor(rnd() * ID_CHARS.length)];
    const r: BenchRecord = { id, name: pick(NAMES) };
    if (chance(0.8)) r["kind"] = pick(["legal_person", "legal_person", "organization", "natural_person"]);
    if (chance(0.65)) {
      yield r;
      continue;
    }
    if (chance(0.25)) r["honors"] = Array.from({ length: upTo(2) }, () => ({ date: day(), grantor: pick(["government", "association"]), for_integrity: chance(0.7), verified: chance(0.5) }));
    if (chance(0.2)) r["ratings"] = Array.from({ length: upTo(2) }, () => ({ by: "市税务局", date: day(), level: chance(0.8) ? "good" : "low" }));
    if (chance(0.55)) {
      r["sanctions"] = Array.from({ length: upTo(3) }, () => ({
        date: day(),
        status: pick(["in_force", "in_force", "in_force", "in_force", "revoked", "repaired"]),
        authority: "朔州市平鲁区某某局",
        violations: Array.from({ length: upTo(2) }, () => {
          const penalties = Array.from({ length: upTo(2) }, () => {
            const kind = pick(KINDS);
            return kind === "fine" || kind === "confiscation" ? { kind, amount: amount() } : { kind };
          });
          return chance(0.08) ? { penalties, severe: true } : { penalties };
        }),
      }));
    }
    if (chance(0.15)) r["commitment_breaches"] = Array.from({ length: upTo(3) }, () => (chance(0.8) ? { date: day() } : { date: day(), status: pick(["revoked", "repaired"]) }));
    if (chance(0.05)) r["determinations"] = [{ kind: "severe_dishonesty", date: day(), by: "市发改委", ...(chance(0.2) ? { status: "revoked" } : {}) }];
    if (chance(0.2)) r["lists"] = [{ list: pick(["red", "black", "watch", "abnormal"]), from: day(), ...(chance(0.5) ? { until: day() } : {}) }];
    if (chance(0.2)) r["public_credit"] = { score: Math.round(rnd() * 1000) / 10, date: day() };
    yield r;
  }
}
