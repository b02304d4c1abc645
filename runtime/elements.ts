// The elements of a record part as the evaluator reads them, built from the registry alone
// (record/registry.ts): walk the part's chain of arrays from the top of the record, drop elements
// dated after the data day and those whose status the policy disregards (at the part that owns the
// date and the status), and read each field where the registry says it lives. The code generator
// (compiler/backends/js-sources.ts) builds the same elements in generated loops.
import { parseYuan } from "../record/money.js";
import { statusOn } from "../record/status.js";
import { ownerOf, partChain, PARTS, type ComputedId, type FieldDef, type PartDef, type PartId } from "../record/registry.js";

type Obj = Record<string, unknown>;

export interface Elem {
  readonly part: PartId;
  /** Field values by field id: money as bigint fen (or null), yes/no as booleans, the rest as written. */
  readonly fields: Record<string, unknown>;
  /** The value of the part's date field, for windows. */
  readonly date: string | undefined;
  /** Where the element is in the record, as a JSON Pointer ("/sanctions/0/violations/1"). */
  readonly pointer: string;
  /** The element's own object, for functions over its sub-parts (amount of its penalties). */
  readonly object: Obj;
  /** Its object and those of the parts enclosing it, by part. */
  readonly objects: ReadonlyMap<PartId, Obj>;
}

/** What building elements needs from the evaluation: the day, the statuses that do not count, the severity ranks. */
export interface ElementScope {
  asOf: string;
  disregarded: ReadonlySet<string>;
  severity: Readonly<Record<string, number>>;
  /** The fields the policy declares, by part: read on the element as registry fields are. */
  declared?: ReadonlyMap<PartId, readonly FieldDef[]>;
}

function str(v: unknown): string | undefined {
  return typeof v === "string" ? v : undefined;
}

function objects(v: unknown): { obj: Obj; index: number }[] {
  if (!Array.isArray(v)) return [];
  const out: { obj: Obj; index: number }[] = [];
  v.forEach((x, index) => {
    if (x && typeof x === "object") out.push({ obj: x as Obj, index });
  });
  return out;
}

const COMPUTE: Record<ComputedId, (own: Obj, scope: ElementScope) => unknown> = {
  class: (violation, scope) => {
    let rank = 0;
    for (const p of objects(violation["penalties"])) rank = Math.max(rank, scope.severity[str(p.obj["kind"]) ?? ""] ?? 0);
    return rank;
  },
  active: (list, scope) => {
    const until = str(list["until"]);
    return until === undefined || scope.asOf <= until;
  },
  status: (element, scope) => statusOn(element, scope.asOf),
};

function read(field: FieldDef, objs: ReadonlyMap<PartId, Obj>, part: PartDef, scope: ElementScope): unknown {
  const owner = objs.get(field.owner ?? part.id) as Obj;
  if (field.computed) return COMPUTE[field.computed](owner, scope);
  const raw = owner[field.key ?? field.id];
  switch (field.type.t) {
    case "bool":
      return raw === true;
    case "money":
      return parseYuan(raw) ?? null;
    default:
      return raw ?? null;
  }
}

/**
 * The elements of `id` in `record` that exist on the scope's day and count under its disregard
 * rule; with `within`, only the descendants of that element (its filters were applied already).
 */
export function elementsOf(record: Obj, id: PartId, scope: ElementScope, within?: Elem): Elem[] {
  const part = PARTS[id];
  const full = partChain(id);
  const start = within ? full.findIndex((p) => p.id === within.part) + 1 : 0;
  const chain = full;
  const dateField = part.fields.find((f) => f.id === part.dateField);
  const dateOwner = ownerOf(part, part.dateField);
  const dateKey = dateField?.key ?? part.dateField;
  const statusOwner = part.statusField !== undefined && scope.disregarded.size ? ownerOf(part, part.statusField) : undefined;
  const out: Elem[] = [];
  const objs = new Map<PartId, Obj>(within ? within.objects : []);
  const visit = (level: number, container: Obj, pointer: string): void => {
    const p = chain[level] as PartDef;
    for (const { obj, index } of objects(container[p.key])) {
      if (p.id === dateOwner) {
        const d = obj[dateKey];
        if (typeof d !== "string" || d > scope.asOf) continue;
      }
      if (p.id === statusOwner && scope.disregarded.has(statusOn(obj, scope.asOf))) continue;
      objs.set(p.id, obj);
      const here = `${pointer}/${p.key}/${index}`;
      if (level < chain.length - 1) {
        visit(level + 1, obj, here);
        continue;
      }
      const fields: Record<string, unknown> = {};
      for (const f of part.fields) fields[f.id] = read(f, objs, part, scope);
      for (const f of scope.declared?.get(id) ?? []) fields[f.id] = read(f, objs, part, scope);
      const date = fields[part.dateField];
      out.push({ part: id, fields, date: typeof date === "string" ? date : undefined, pointer: here, object: obj, objects: new Map(objs) });
    }
  };
  if (within) visit(start, within.object, within.pointer);
  else visit(0, record, "");
  return out;
}

/** How an obligation names its element: the element's own id, else its JSON Pointer. */
export function elementRef(el: Elem): string {
  const id = el.object["id"];
  return typeof id === "string" ? id : el.pointer;
}
