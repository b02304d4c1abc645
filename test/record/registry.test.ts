// The registry of record parts (record/registry.ts) against the record schema it describes, and the
// invariants the backends rely on when they build elements from it.
import { describe, expect, it } from "vitest";
import recordSchema from "../../record/record.schema.json" with { type: "json" };
import {
  COMPUTED_READS,
  fieldPaths,
  partChain,
  PART_IDS,
  PARTS,
  SUBJECT_FIELDS,
  ownerOf,
  type PartDef,
} from "../../record/registry.js";

type Schema = { properties?: Record<string, Schema>; items?: Schema; $ref?: string; allOf?: Schema[]; type?: unknown };
const root = recordSchema as unknown as Schema & { $defs: Record<string, Schema> };

/** The schema at a dotted record path, following arrays and $refs. */
function schemaAt(path: string): Schema | undefined {
  let s: Schema | undefined = root;
  for (const key of path.split(".")) {
    s = deref(s);
    if (s?.items) s = deref(s.items);
    s = s?.properties?.[key];
    if (!s) return undefined;
  }
  return deref(s);
}

function deref(s: Schema | undefined): Schema | undefined {
  const ref = s?.$ref ?? s?.allOf?.[0]?.$ref;
  return ref ? root.$defs[ref.replace("#/$defs/", "")] : s;
}

describe("the record registry", () => {
  it("names only paths the record schema has, for every field of every part", () => {
    const missing: string[] = [];
    for (const part of Object.values(PARTS)) {
      if (!schemaAt(partChain(part.id).map((p) => p.key).join("."))) missing.push(part.id);
      for (const f of part.fields) for (const p of fieldPaths(part, f)) if (!schemaAt(p)) missing.push(`${part.id}.${f.id} → ${p}`);
    }
    for (const f of SUBJECT_FIELDS) if (f.path !== null && !schemaAt(f.path)) missing.push(`subject.${f.id} → ${f.path}`);
    expect(missing).toEqual([]);
  });

  it("puts each value on the part itself or an enclosing one", () => {
    for (const part of Object.values(PARTS)) {
      const chain = partChain(part.id).map((p) => p.id);
      for (const f of part.fields) if (f.owner) expect(chain, `${part.id}.${f.id}`).toContain(f.owner);
      for (const fn of part.functions ?? []) expect(PARTS[fn.over.part].parent).toBe(part.id);
    }
  });

  it("dates every part and gives a status only as an enumeration of statuses", () => {
    for (const part of Object.values(PARTS)) {
      expect(part.fields.find((f) => f.id === part.dateField)?.type, part.id).toEqual({ t: "date" });
      if (part.statusField) expect(part.fields.find((f) => f.id === part.statusField)?.type, part.id).toEqual({ t: "enum", enum: "status" });
    }
  });

  it("lets the parts of one family share their date and status owners (the generated loops cut at one level)", () => {
    const families = new Map<string, PartDef[]>();
    for (const id of PART_IDS) {
      const root = partChain(id)[0]!.id;
      families.set(root, [...(families.get(root) ?? []), PARTS[id]]);
    }
    for (const [root, parts] of families) {
      const dates = new Set(parts.map((p) => ownerOf(p, p.dateField)));
      const statuses = new Set(parts.map((p) => (p.statusField ? ownerOf(p, p.statusField) : "none")));
      expect([...dates], root).toHaveLength(1);
      expect([...statuses], root).toHaveLength(1);
    }
  });

  it("says what each computed field reads", () => {
    for (const part of Object.values(PARTS)) for (const f of part.fields) if (f.computed) expect(COMPUTED_READS[f.computed].length).toBeGreaterThan(0);
  });
});
