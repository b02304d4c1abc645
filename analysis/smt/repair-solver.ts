// The fewest status changes (repairs, revocations) that reach a grade, found by the solver: for a
// record with too many records of its own for explain's exhaustive search. The symbolic record is
// pinned to the concrete one — the same elements, parents, dates and fields — with only the status
// of each candidate element left free (its status now, or repaired, or revoked); the policy is
// encoded as for every other analysis, and the solver tightens the number of changed statuses until
// no smaller set reaches the target. The answer is checked by grading the changed record.
// Browser-safe (the solver is handed in).
import type { IRPolicy } from "../../compiler/ir.js";
import { dayNumber } from "../../record/dates.js";
import { parseYuan } from "../../record/money.js";
import { ENUMS, PARTS, type FieldType, type PartId } from "../../record/registry.js";
import { statusOn } from "../../record/status.js";
import { snapshotDay } from "../../runtime/evaluator.js";
import { STATUS_CODES, type Slot } from "./record-model.js";
import { Session } from "./session.js";
import type { Bx, Ix } from "./terms.js";
import type { SVal } from "./values.js";
import type { Z3 } from "./z3.js";

type Rec = Record<string, unknown>;

export interface StatusChoice {
  part: PartId;
  index: number;
  /** Statuses it may be given (besides the one it has), as the action that gives each. */
  actions: { action: "repair" | "revoke"; status: string }[];
}

/** The elements of a part in record order, with their parent's index (nested parts), dropping those dated after the day. */
function elements(rec: Rec, part: PartId, day: string): { obj: Rec; parent?: number; index: number }[] {
  const def = PARTS[part];
  if (!def.parent) {
    const arr = Array.isArray(rec[def.key]) ? (rec[def.key] as unknown[]) : [];
    return arr.flatMap((x, index) => {
      if (!x || typeof x !== "object") return [];
      const d = (x as Rec)[def.dateField];
      return typeof d === "string" && d <= day ? [{ obj: x as Rec, index }] : [];
    });
  }
  const parents = elements(rec, def.parent, day);
  const out: { obj: Rec; parent?: number; index: number }[] = [];
  parents.forEach((p, pi) => {
    const arr = Array.isArray(p.obj[def.key]) ? (p.obj[def.key] as unknown[]) : [];
    arr.forEach((x, index) => {
      if (x && typeof x === "object") out.push({ obj: x as Rec, parent: pi, index });
    });
  });
  return out;
}

/**
 * The smallest set of status changes (fewest elements) under which `ir` grades `rec` as of `day`
 * with a grade in `goal`, each change taking effect on `changeDay`; undefined when none does.
 */
export async function solveRepairs(
  z3: Z3,
  ir: IRPolicy,
  rec: Rec,
  day: string,
  choices: readonly StatusChoice[],
  goal: readonly (string | null)[],
): Promise<{ part: PartId; index: number; action: "repair" | "revoke" }[] | undefined> {
  const data = snapshotDay(day, ir.snapshot);
  const parts = Object.keys(PARTS) as PartId[];
  const perPart: Partial<Record<PartId, number>> = {};
  const elems = new Map<PartId, ReturnType<typeof elements>>();
  for (const p of parts) {
    const e = elements(rec, p, data);
    elems.set(p, e);
    perPart[p] = e.length;
  }
  // Enough slots for the most elements any part has; the slots beyond a part's elements stay empty.
  const s = new Session(z3, [ir], { asOf: day, k: Math.max(1, ...Object.values(perPart).map((n) => n ?? 0)) });
  const rec0 = s.rec;
  const t = s.t;
  const enc = s.encodings[0] as NonNullable<(typeof s.encodings)[0]>;
  const d = enc.decide();
  const reach = t.or(...goal.map((g) => d.outcome.get(g) ?? false));
  // Pin every slot, field and status the encoding made to the record's own values.
  const toggles: { choice: StatusChoice; action: StatusChoice["actions"][number]; on: Bx }[] = [];
  const pins: Bx[] = [];
  const pinValue = (v: SVal, raw: unknown, type: FieldType | { t: string }) => {
    if (v.k === "bool") return pins.push(t.iff(v.v, raw === true));
    if (v.k !== "num" && v.k !== "code") return;
    let x: bigint | null = null;
    switch (type.t) {
      case "date":
        x = typeof raw === "string" ? BigInt(dayNumber(raw)) : null;
        break;
      case "money":
        x = parseYuan(raw) ?? null;
        break;
      case "enum": {
        const i = ENUMS[(type as { enum: keyof typeof ENUMS }).enum].values.findIndex((y) => y.id === raw);
        x = i < 0 ? null : BigInt(i);
        break;
      }
      case "string":
        x = typeof raw === "string" ? BigInt(rec0.opts.strings.code(raw)) : null;
        break;
      default:
        x = typeof raw === "number" && Number.isInteger(raw) ? BigInt(raw) * (v.k === "num" ? v.scale : 1n) : null;
    }
    if (x === null) pins.push(t.bool(v.nul));
    else pins.push(t.and(t.not(v.nul), t.cmp("=", v.v as Ix, x)));
  };
  for (const p of rec0.parts()) {
    const def = PARTS[p];
    const list = elems.get(p) ?? [];
    rec0.slots(p).forEach((slot: Slot, i) => {
      const e = list[i];
      pins.push(t.iff(slot.present, e !== undefined));
      if (!e) return;
      if (slot.parent !== undefined && e.parent !== undefined) pins.push(t.cmp("=", slot.parent, BigInt(e.parent)));
      for (const [key, v] of slot.own) {
        const f = def.fields.find((x) => (x.key ?? x.id) === key && !x.owner) ?? ir.fields.filter((x) => x.part === p && x.name === key).map((x) => ({ type: x.type as FieldType }))[0];
        pinValue(v, e.obj[key], f?.type ?? { t: "string" });
      }
      if (slot.status !== undefined) {
        const now = BigInt(STATUS_CODES.indexOf(statusOn(e.obj, data) as (typeof STATUS_CODES)[number]));
        const choice = choices.find((c) => c.part === p && c.index === e.index);
        const options: Bx[] = [t.cmp("=", slot.status, now)];
        for (const a of choice?.actions ?? []) {
          const on = t.cmp("=", slot.status, BigInt(STATUS_CODES.indexOf(a.status as (typeof STATUS_CODES)[number])));
          options.push(on);
          toggles.push({ choice: choice as StatusChoice, action: a, on });
        }
        pins.push(t.or(...options));
      }
    });
  }
  s.seal();
  const cost = t.add(...toggles.map((x) => t.ite(x.on, 1n, 0n)));
  const m = await s.smallestBy(t.and(reach, ...pins), cost);
  if (!m) return undefined;
  const z = z3.ctx;
  return toggles.filter((x) => (typeof x.on === "boolean" ? x.on : z.isTrue(m.eval(x.on, true)))).map((x) => ({ part: x.choice.part, index: x.choice.index, action: x.action.action }));
}
