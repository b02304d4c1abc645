// The pieces a generated query is made of: translated expressions (`S`), the joins a SELECT needs
// for them, and the list of CTEs, ordered so that each comes after those it reads.
//
// Subject layers. Per-subject columns are computed in a chain of CTEs cp_s0, cp_s1, …: cp_s0 is the
// subjects table with what every expression may read of the subject; layer L adds the columns
// whose inputs all exist in layer L − 1, and joins the grouped aggregates (one row per subject)
// whose own inputs exist in layer L − 1. `need` is the layer an expression's subject-level inputs
// exist in (−1: none), so a value over base fields lands in cp_s1, a value reading it in cp_s2.

/** A translated expression. */
export interface S {
  sql: string;
  /** Whether it can be NULL (an absent field, an empty max, arithmetic on an absent value). */
  nullable: boolean;
  /** The subject layer its subject-level inputs exist in, directly or through its joins; −1 when it reads none. */
  need: number;
  /** The subject layer of the columns it reads directly as s.…; −1 when none. */
  ref: number;
  /** Joins the SELECT computing it must have. */
  joins: readonly Join[];
  /** Conditions under which the query cannot match the evaluator and the record is graded by it instead. */
  fb: readonly string[];
}

/** A LEFT JOIN a SELECT needs (a per-item rule's row, a calendar day, …): unique by alias. */
export interface Join {
  alias: string;
  /** The join clause, after FROM …: "LEFT JOIN cp_r1 r1 ON …". */
  text: string;
  /** CTEs it reads. */
  deps: readonly string[];
  /** The subject layer its CTEs read, as S.need. */
  need: number;
  /** Joins that must come before it in the FROM list (their aliases appear in its ON clause). */
  after?: readonly Join[];
}

type Carried = Pick<S, "need" | "ref" | "joins" | "fb">;

/** An expression made of `parts` (their needs, joins and fallback conditions carried over), plus `extra`. */
export function s(sql: string, nullable: boolean, parts: readonly Carried[] = [], extra: Partial<Carried> = {}): S {
  const joins = new Map<string, Join>();
  const fb: string[] = [];
  let need = extra.need ?? -1;
  let ref = extra.ref ?? -1;
  for (const p of [...parts, { need: -1, ref: -1, joins: extra.joins ?? [], fb: extra.fb ?? [] }]) {
    need = Math.max(need, p.need);
    ref = Math.max(ref, p.ref);
    for (const j of p.joins) {
      joins.set(j.alias, j);
      need = Math.max(need, j.need);
    }
    for (const f of p.fb) if (!fb.includes(f)) fb.push(f);
  }
  return { sql, nullable, need: Math.max(need, ref), ref, joins: [...joins.values()], fb };
}

/** Joins in an order where each comes after those it reads. */
export function orderJoins(joins: Iterable<Join>): Join[] {
  const out: Join[] = [];
  const seen = new Set<string>();
  const visit = (j: Join) => {
    if (seen.has(j.alias)) return;
    seen.add(j.alias);
    for (const a of j.after ?? []) visit(a);
    out.push(j);
  };
  for (const j of joins) visit(j);
  return out;
}

export interface Cte {
  name: string;
  /** Filled in when the query is written (a grouped aggregate gains columns until then). */
  text: () => string;
  deps: () => readonly string[];
}

/** CTEs in an order where each comes after the ones it reads, otherwise in the order they were made. */
export function orderCtes(ctes: readonly Cte[]): Cte[] {
  const byName = new Map(ctes.map((c) => [c.name, c]));
  const out: Cte[] = [];
  const state = new Map<string, "visiting" | "done">();
  const visit = (c: Cte) => {
    const st = state.get(c.name);
    if (st === "done") return;
    if (st === "visiting") throw new Error(`the generated query reads ${c.name} in a circle`);
    state.set(c.name, "visiting");
    for (const d of c.deps()) {
      const dep = byName.get(d);
      if (dep) visit(dep);
    }
    state.set(c.name, "done");
    out.push(c);
  };
  for (const c of ctes) visit(c);
  return out;
}

/** sep-less concatenation of optional JSON pieces, each "" or ",{…}", as the inside of a JSON array. */
export function joinPieces(pieces: readonly string[]): string {
  if (pieces.length === 0) return "''";
  return `SUBSTR(${pieces.join(" || ")}, 2)`;
}
