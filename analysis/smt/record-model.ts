// The symbolic credit record: for each record part a policy reads, K element slots (K the bound),
// each present or not, with a solver variable for each field the encoding asks for (created on
// first use, so a field no rule reads costs nothing and is written from the registry's examples).
// A nested part's slot points at its parent's slot (a violation at its decision), so "K violations"
// are K violations in all, however they are spread over decisions. Slots are ordered (present ones
// first, children by parent) to cut the symmetric search space without losing a record: any record
// can be reordered that way without changing its grade. A model of the solver becomes a credit
// record (`toRecord`) that the real evaluator grades; record/registry.ts says where everything goes.
import recordSchema from "../../record/record.schema.json" with { type: "json" };
import { fromDayNumber } from "../../record/dates.js";
import { formatYuan } from "../../record/money.js";
import { ENUMS, PARTS, type FieldType, type PartId } from "../../record/registry.js";
import type { Bx, Ix, Terms } from "./terms.js";
import { type DayRange, type NumKind, type SVal } from "./values.js";
import type { ZModel } from "./z3.js";

export const STATUS_CODES = ["in_force", "revoked", "repaired"] as const;

/** String values: each literal a policy compares with gets a code; larger codes are other strings. */
export class StringCodes {
  private readonly codes = new Map<string, number>();
  readonly names: string[] = [];
  add(s: string): number {
    let c = this.codes.get(s);
    if (c === undefined) {
      c = this.names.length;
      this.codes.set(s, c);
      this.names.push(s);
    }
    return c;
  }
  code(s: string): number {
    return this.add(s);
  }
  /** The string a code stands for: a literal, or a made-up one that equals no literal. */
  name(c: number): string {
    if (c < this.names.length) return this.names[c] as string;
    let n = c - this.names.length + 1;
    let s = `其他${n}`;
    while (this.codes.has(s)) s = `其他${++n}`;
    return s;
  }
}

export interface Slot {
  part: PartId;
  index: number;
  name: string;
  present: Bx;
  /** Index of the parent part's slot holding this element (nested parts). */
  parent?: Ix;
  /** Field values stored on this element's own object, by key. */
  own: Map<string, SVal>;
  /** The status on the data day, as a code of STATUS_CODES (status owners). */
  status?: Ix;
}

export interface RecordModelOptions {
  /** At most this many elements of each part … */
  k: number;
  /** … or of this part. */
  perPart?: Partial<Record<PartId, number>>;
  /** The range every date is drawn from (day numbers). */
  days: DayRange;
  /** The latest data day of the policies encoded: elements dated after it are left out (they do not exist yet on any of them). */
  maxDataDay: number;
  /** Scores and other numbers: units of 1/scale. */
  scale: bigint;
  strings: StringCodes;
  /** Fields policies declare, by part: their key and type tag. */
  declared: { part: PartId; name: string; type: string }[];
}

type SchemaDef = { required?: string[]; properties?: Record<string, { items?: { $ref?: string } }> };
const DEFS = (recordSchema as unknown as { $defs: Record<string, SchemaDef>; properties: Record<string, { items?: { $ref?: string } }> });

/** The JSON Schema definition of a part's elements, found through the record schema. */
function partDef(part: PartId): SchemaDef | undefined {
  const p = PARTS[part];
  const container = p.parent ? partDef(p.parent)?.properties : DEFS.properties;
  const ref = container?.[p.key]?.items?.$ref;
  return ref ? DEFS.$defs[ref.replace("#/$defs/", "")] : undefined;
}

function requiredKeys(part: PartId): Set<string> {
  return new Set(partDef(part)?.required ?? []);
}

export class SymRecord {
  readonly constraints: Bx[] = [];
  private readonly slotsByPart = new Map<PartId, Slot[]>();
  private readonly subjectVals = new Map<string, SVal>();
  private readonly required = new Map<PartId, Set<string>>();

  constructor(
    readonly t: Terms,
    readonly opts: RecordModelOptions,
  ) {}

  private fresh(name: string): Ix {
    return this.t.z.Int.const(name);
  }

  private within(x: Ix, lo: bigint | number, hi: bigint | number): void {
    this.constraints.push(this.t.cmp(">=", x, BigInt(lo)), this.t.cmp("<=", x, BigInt(hi)));
  }

  /** The parts with slots so far. */
  parts(): PartId[] {
    return [...this.slotsByPart.keys()];
  }

  /** The K slots of a part (and, first, of the parts enclosing it). */
  slots(part: PartId): Slot[] {
    const have = this.slotsByPart.get(part);
    if (have) return have;
    const def = PARTS[part];
    const parents = def.parent ? this.slots(def.parent) : undefined;
    const t = this.t;
    const out: Slot[] = [];
    const k = this.opts.perPart?.[part] ?? this.opts.k;
    for (let i = 0; i < k; i++) {
      const name = `${part}${i}`;
      const slot: Slot = { part, index: i, name, present: t.z.Bool.const(`${name}.present`), own: new Map() };
      if (i > 0) this.constraints.push(t.implies(slot.present, (out[i - 1] as Slot).present));
      if (parents) {
        const p = this.fresh(`${name}.parent`);
        slot.parent = p;
        this.within(p, 0, parents.length - 1);
        this.constraints.push(t.implies(slot.present, t.or(...parents.map((ps) => t.and(t.cmp("=", p, BigInt(ps.index)), ps.present)))));
        if (i > 0) this.constraints.push(t.implies(slot.present, t.cmp(">=", p, (out[i - 1] as Slot).parent as Ix)));
      }
      out.push(slot);
    }
    this.slotsByPart.set(part, out);
    // Every element has its date (elements dated after the data day do not exist yet): make it now.
    if (def.fields.find((f) => f.id === def.dateField && !f.owner)) for (const s of out) this.date(s);
    return out;
  }

  /** The slots of `owner` that hold `slot` (itself, or the ancestor of that part), each with when it is the one. */
  ancestors(slot: Slot, owner: PartId): { slot: Slot; when: Bx }[] {
    if (slot.part === owner) return [{ slot, when: true }];
    const def = PARTS[slot.part];
    if (!def.parent || slot.parent === undefined) return [];
    const out: { slot: Slot; when: Bx }[] = [];
    for (const p of this.slots(def.parent)) {
      const here = this.t.cmp("=", slot.parent, BigInt(p.index));
      for (const a of this.ancestors(p, owner)) out.push({ slot: a.slot, when: this.t.and(here, a.when) });
    }
    return out;
  }

  /** The element's own date field (its part's date, when the part owns it). */
  date(slot: Slot): SVal {
    const def = PARTS[slot.part];
    return this.own(slot, def.dateField, { t: "date" }, true, true);
  }

  private isRequired(part: PartId, key: string): boolean {
    let r = this.required.get(part);
    if (!r) this.required.set(part, (r = requiredKeys(part)));
    return r.has(key);
  }

  /**
   * A field stored on the element's own object under `key`, of registry type `type` (or a declared
   * field's type tag), made on first use.
   */
  own(slot: Slot, key: string, type: FieldType | { t: string }, required = this.isRequired(slot.part, key), isDate = false): SVal {
    const have = slot.own.get(key);
    if (have) return have;
    const t = this.t;
    const name = `${slot.name}.${key}`;
    const nulVar = (): Bx => (required ? false : t.z.Bool.const(`${name}.null`));
    let v: SVal;
    switch (type.t) {
      case "date": {
        const x = this.fresh(name);
        this.within(x, this.opts.days.lo, isDate ? this.opts.maxDataDay : this.opts.days.hi);
        v = { k: "num", t: "date", v: x, nul: nulVar(), scale: 1n };
        break;
      }
      case "bool":
        v = { k: "bool", v: t.z.Bool.const(name), nul: false };
        break;
      case "enum": {
        const x = this.fresh(name);
        this.within(x, 0, ENUMS[(type as { enum: keyof typeof ENUMS }).enum].values.length - 1);
        v = { k: "code", dom: (type as { enum: string }).enum, v: x, nul: nulVar() };
        break;
      }
      case "string": {
        const x = this.fresh(name);
        this.constraints.push(t.cmp(">=", x, 0n));
        v = { k: "code", dom: "string", v: x, nul: nulVar() };
        break;
      }
      case "money": {
        const x = this.fresh(name);
        this.constraints.push(t.cmp(">=", x, 0n));
        v = { k: "num", t: "money", v: x, nul: nulVar(), scale: 1n };
        break;
      }
      case "count": {
        const x = this.fresh(name);
        this.constraints.push(t.cmp(">=", x, 0n));
        v = { k: "num", t: "count", v: x, nul: nulVar(), scale: 1n };
        break;
      }
      case "number":
        // Registry numbers (restriction_months) are integers in the record schema.
        v = { k: "num", t: "number", v: this.fresh(name), nul: nulVar(), scale: 1n };
        break;
      case "score":
        v = { k: "num", t: "score", v: this.fresh(name), nul: nulVar(), scale: this.opts.scale };
        break;
      default:
        throw new Error(`no symbolic field of type ${type.t}`);
    }
    slot.own.set(key, v);
    return v;
  }

  /** The element's status on the data day (a status owner's), as a code. */
  status(slot: Slot): Ix {
    if (slot.status === undefined) {
      const x = this.fresh(`${slot.name}.status`);
      this.within(x, 0, STATUS_CODES.length - 1);
      slot.status = x;
    }
    return slot.status;
  }

  /** A subject-level value, made on first use: kind, region, public_credit, indicators. */
  subject(key: string, make: () => SVal): SVal {
    let v = this.subjectVals.get(key);
    if (!v) this.subjectVals.set(key, (v = make()));
    return v;
  }

  subjectKind(): SVal {
    return this.subject("kind", () => {
      const x = this.fresh("kind");
      this.within(x, 0, ENUMS.subject_kind.values.length - 1);
      return { k: "code", dom: "subject_kind", v: x, nul: false };
    });
  }

  region(): SVal {
    return this.subject("region", () => {
      const x = this.fresh("region");
      this.constraints.push(this.t.cmp(">=", x, 0n));
      return { k: "code", dom: "string", v: x, nul: this.t.z.Bool.const("region.null") };
    });
  }

  /** public_credit: whether there is one, its score (0–100) and its date. */
  publicCredit(): { has: Bx; score: SVal & { k: "num" }; date: SVal & { k: "num" } } {
    const has = this.subject("pc.has", () => ({ k: "bool", v: this.t.z.Bool.const("pc.has"), nul: false })) as SVal & { k: "bool" };
    const score = this.subject("pc.score", () => {
      const x = this.fresh("pc.score");
      this.within(x, 0n, 100n * this.opts.scale);
      return { k: "num", t: "score", v: x, nul: false, scale: this.opts.scale };
    }) as SVal & { k: "num" };
    const date = this.subject("pc.date", () => {
      const x = this.fresh("pc.date");
      this.within(x, this.opts.days.lo, this.opts.maxDataDay);
      return { k: "num", t: "date", v: x, nul: false, scale: 1n };
    }) as SVal & { k: "num" };
    return { has: has.v, score, date };
  }

  indicator(key: string): SVal {
    return this.subject(`indicator.${key}`, () => ({
      k: "num",
      t: "number" as NumKind,
      v: this.fresh(`indicators.${key}`),
      nul: this.t.z.Bool.const(`indicators.${key}.null`),
      scale: this.opts.scale,
    }));
  }

  /** Every slot's presence, for asking the solver for the smallest record. */
  presence(): Bx[] {
    return [...this.slotsByPart.values()].flat().map((s) => s.present);
  }

  /** The credit record a model of the solver stands for. */
  toRecord(m: ZModel): Record<string, unknown> {
    const t = this.t;
    const bool = (b: Bx) => (typeof b === "boolean" ? b : t.z.isTrue(m.eval(b, true)));
    const int = (x: Ix) => (typeof x === "bigint" ? x : BigInt(m.eval(x, true).toString()));
    const value = (v: SVal, type: string): unknown => {
      if (v.k === "null" || v.k === "dur" || v.k === "dexpr") return undefined;
      if (bool(v.nul)) return undefined;
      if (v.k === "bool") return bool(v.v) ? true : undefined;
      const n = int(v.v);
      if (v.k === "code") return v.dom === "string" ? this.opts.strings.name(Number(n)) : ENUMS[v.dom as keyof typeof ENUMS].values[Number(n)]?.id;
      switch (v.t) {
        case "date":
          return fromDayNumber(Number(n));
        case "money":
          return formatYuan(n);
        case "count":
          return Number(n);
        default:
          return v.scale !== 1n ? Number(decimal(n, v.scale)) : Number(n);
      }
    };
    const record: Record<string, unknown> = { id: "witness" };
    const objects = new Map<Slot, Record<string, unknown>>();
    for (const [part, slots] of this.slotsByPart) {
      const def = PARTS[part];
      for (const s of slots) {
        if (!bool(s.present)) continue;
        const obj: Record<string, unknown> = {};
        for (const [key, v] of s.own) {
          const field = def.fields.find((f) => (f.key ?? f.id) === key && !f.owner);
          const x = value(v, field?.type.t ?? "");
          if (x !== undefined) obj[key] = x;
        }
        if (s.status !== undefined) obj["status"] = STATUS_CODES[Number(int(s.status))];
        // What the record schema requires and nothing asked for: the registry's example values.
        for (const key of requiredKeys(part)) {
          if (key in obj) continue;
          const f = def.fields.find((x) => (x.key ?? x.id) === key && !x.owner);
          if (f?.example === "@date") obj[key] = obj[def.dateField];
          else if (f?.example !== undefined) obj[key] = f.example;
          else if (key === "status") obj[key] = "in_force";
        }
        for (const child of Object.values(PARTS)) if (child.parent === part && requiredKeys(part).has(child.key)) obj[child.key] = [];
        objects.set(s, obj);
      }
    }
    for (const [part, slots] of this.slotsByPart) {
      const def = PARTS[part];
      for (const s of slots) {
        const obj = objects.get(s);
        if (!obj) continue;
        let container: Record<string, unknown> = record;
        if (def.parent && s.parent !== undefined) {
          const parent = this.slots(def.parent)[Number(int(s.parent))];
          container = (parent && objects.get(parent)) as Record<string, unknown>;
        }
        const arr = (container[def.key] as unknown[] | undefined) ?? [];
        arr.push(obj);
        container[def.key] = arr;
      }
    }
    const kind = this.subjectVals.get("kind");
    if (kind) {
      const k = value(kind, "");
      if (k !== "legal_person") record["kind"] = k;
    }
    const region = this.subjectVals.get("region");
    if (region) {
      const r = value(region, "");
      if (r !== undefined) record["region"] = r;
    }
    const has = this.subjectVals.get("pc.has");
    if (has && has.k === "bool" && bool(has.v)) {
      const score = this.subjectVals.get("pc.score") ?? { k: "num", t: "score", v: 0n, nul: false, scale: 1n };
      const date = this.subjectVals.get("pc.date");
      record["public_credit"] = { score: Number(value(score, "score") ?? 0), date: date ? value(date, "") : fromDayNumber(this.opts.maxDataDay) };
    }
    const indicators: Record<string, number> = {};
    for (const [key, v] of this.subjectVals) {
      if (!key.startsWith("indicator.")) continue;
      const x = value(v, "score");
      if (x !== undefined) indicators[key.slice("indicator.".length)] = Number(x);
    }
    if (Object.keys(indicators).length) record["indicators"] = indicators;
    return record;
  }
}

/** n / scale as a decimal string ("85.01"). */
export function decimal(n: bigint, scale: bigint): string {
  if (scale === 1n) return n.toString();
  const neg = n < 0n;
  const a = neg ? -n : n;
  const digits = scale.toString().length - 1;
  const int = a / scale;
  const frac = (a % scale).toString().padStart(digits, "0").replace(/0+$/, "");
  return `${neg ? "-" : ""}${int}${frac ? `.${frac}` : ""}`;
}
