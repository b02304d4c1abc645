// Credit records for the fuzzer: valid ones built from the record schema's parts, the same with
// hostile values put in (wrong types, impossible dates, huge and tiny numbers, deep nesting,
// __proto__, control characters), and their JSON text mutated byte by byte; and batches of them
// as JSON Lines, JSON arrays and CSV, each input unit known to yield exactly one output line.
import fc from "fast-check";

const day = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom("2020-02-29", "2020-12-31", "2021-01-01", "2021-06-15", "2021-10-31", "2021-12-31", "2022-01-05", "2022-03-01") },
  { weight: 2, arbitrary: fc.date({ min: new Date("2019-01-01"), max: new Date("2023-12-31"), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10)) },
);
const status = fc.constantFrom("in_force", "in_force", "revoked", "repaired");
const amount = fc.oneof(fc.constantFrom(0, 0.1, 100, 500000, 500000.01, 499999.99), fc.constantFrom("0.29", "500000.00", "1"));
const kind = fc.constantFrom("order_to_correct", "warning", "criticism", "fine", "confiscation", "suspend_license", "revoke_license", "detention");
const opt = <T>(a: fc.Arbitrary<T>) => fc.option(a, { nil: undefined, freq: 2 });

function clean<T extends Record<string, unknown>>(o: T): T {
  for (const k of Object.keys(o)) if (o[k] === undefined) delete o[k];
  return o;
}

const penalty = fc.record({ kind, amount: opt(amount), restriction_months: opt(fc.nat(36)) }).map(clean);
const violation = fc.record({ severe: opt(fc.boolean()), penalties: fc.array(penalty, { maxLength: 3 }) }).map(clean);
const sanction = fc
  .record({ id: opt(fc.constantFrom("罚〔2021〕1号", "s-2")), date: day, status, procedure: opt(fc.constantFrom("ordinary", "summary")), violations: fc.array(violation, { maxLength: 3 }) })
  .map(clean);

/** A valid credit record (by construction): every part with plausible values around the windows. */
export const recordArb: fc.Arbitrary<Record<string, unknown>> = fc
  .record({
    id: fc.oneof(fc.constantFrom("91140802MAQKY52A6E", "张某某"), fc.string({ minLength: 1, maxLength: 8 })),
    kind: opt(fc.constantFrom("legal_person", "organization", "natural_person")),
    name: opt(fc.string({ maxLength: 6 })),
    sanctions: opt(fc.array(sanction, { maxLength: 3 })),
    lists: opt(fc.array(fc.record({ list: fc.constantFrom("red", "black", "watch", "abnormal"), from: day, until: opt(fc.option(day, { nil: null })) }).map(clean), { maxLength: 2 })),
    honors: opt(fc.array(fc.record({ date: day, grantor: fc.constantFrom("government", "association"), for_integrity: opt(fc.boolean()), verified: opt(fc.boolean()) }).map(clean), { maxLength: 2 })),
    commitment_breaches: opt(fc.array(fc.record({ date: day, status: opt(status) }).map(clean), { maxLength: 3 })),
    determinations: opt(fc.array(fc.record({ kind: fc.constant("severe_dishonesty"), date: day }), { maxLength: 1 })),
    ratings: opt(fc.array(fc.record({ by: fc.constant("市场监管局"), date: day, level: fc.constantFrom("good", "low") }), { maxLength: 2 })),
    public_credit: opt(fc.record({ score: fc.oneof(fc.integer({ min: 0, max: 100 }), fc.constantFrom(85, 85.01, 70, 50)), date: day })),
    warnings: opt(fc.array(fc.record({ date: day, deadline: day, rectified_on: opt(fc.option(day, { nil: null })) }).map(clean), { maxLength: 2 })),
    indicators: opt(fc.dictionary(fc.constantFrom("监督检查", "投诉举报", "x"), fc.integer({ min: 0, max: 100 }), { maxKeys: 2 })),
  })
  .map(clean);

/** Values a careless or hostile producer writes where a record expects something else. */
const hostileValue: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom(null, true, -1, 1e308, 5e-324, "", "2021-02-30", "2021-13-01", "0000-01-01", "1.234", "-5", "NaN", "\u0000", "\u001b[2J", "\u202e", "__proto__", [], {}),
  fc.string({ maxLength: 8 }),
  fc.double(),
  fc.integer().map((n) => n * 1e20),
  fc.nat({ max: 80 }).map((n) => {
    let v: unknown = 1;
    for (let i = 0; i < n; i++) v = [v];
    return v;
  }),
  fc.constant({ __proto__: { polluted: true } }),
);

/** A record with one value somewhere replaced (or one key added) by a hostile one. */
export const hostileRecordArb: fc.Arbitrary<unknown> = fc.tuple(recordArb, fc.array(fc.tuple(fc.nat(), hostileValue, fc.constantFrom("replace", "add", "__proto__")), { minLength: 1, maxLength: 3 })).map(([r, edits]) => {
  const copy = JSON.parse(JSON.stringify(r)) as unknown;
  for (const [pick, shared, how] of edits) {
    // A copy: constants of the generator are shared between runs, and must never end up in a cycle.
    const value: unknown = structuredClone(shared);
    // The containers of the record, in a fixed order; one is picked to change.
    const containers: Record<string, unknown>[] = [];
    const walk = (v: unknown) => {
      if (v && typeof v === "object") {
        containers.push(v as Record<string, unknown>);
        for (const x of Object.values(v)) walk(x);
      }
    };
    walk(copy);
    const target = containers[pick % containers.length] as Record<string, unknown>;
    const keys = Object.keys(target);
    if (how === "__proto__") Object.defineProperty(target, "__proto__", { value, enumerable: true, writable: true, configurable: true });
    else if (how === "add" || keys.length === 0) Object.defineProperty(target, Array.isArray(target) ? String(keys.length) : `x${pick % 5}`, { value, enumerable: true, writable: true, configurable: true });
    else target[keys[pick % keys.length] as string] = value;
  }
  return copy;
});

/** A JSON text mutated at the character level: a record line as a careless export writes it. */
export const mutatedTextArb: fc.Arbitrary<string> = fc
  .tuple(
    fc.oneof(recordArb, hostileRecordArb).map((r) => JSON.stringify(r)),
    fc.array(
      fc.tuple(fc.nat(), fc.oneof(fc.constantFrom("", "\n", '"', "\\", "{", "}", "[", "]", ",", ":", "\u00a0", "\ufeff", "\r", "1e309", "\u0000", "\ud800"), fc.string({ maxLength: 3 })), fc.integer({ min: 0, max: 5 })),
      { minLength: 1, maxLength: 3 },
    ),
  )
  .map(([text, edits]) => edits.reduce((t, [at, piece, cut]) => {
    const i = t.length ? at % t.length : 0;
    return t.slice(0, i) + piece + t.slice(i + cut);
  }, text));

/** One unit of a batch and what it must yield: a line for a record or for junk, nothing for a blank line. */
export type Unit =
  | { kind: "record"; record: unknown }
  | { kind: "text"; text: string }
  | { kind: "blank"; text: string }
  | { kind: "bom-record"; record: unknown };

export const unitArb: fc.Arbitrary<Unit> = fc.oneof(
  { weight: 6, arbitrary: fc.constant(null).chain(() => trackedRecordLazy()).map((record): Unit => ({ kind: "record", record })) },
  { weight: 2, arbitrary: hostileRecordArb.map((record): Unit => ({ kind: "record", record })) },
  { weight: 2, arbitrary: mutatedTextArb.filter((t) => !t.includes("\n") && !t.includes("\r") && /[^ \t]/.test(t)).map((text): Unit => ({ kind: "text", text })) },
  { weight: 1, arbitrary: fc.constantFrom("", " ", "\t", " \t ").map((text): Unit => ({ kind: "blank", text })) },
  { weight: 1, arbitrary: fc.constantFrom("\u00a0", "\u3000", "\ufeff", "\u00a0\u3000").map((text): Unit => ({ kind: "text", text })) },
  { weight: 1, arbitrary: fc.constant(null).chain(() => trackedRecordLazy()).map((record): Unit => ({ kind: "bom-record", record })) },
);

// trackedRecord is defined below (it needs VALID); units reach it lazily.
function trackedRecordLazy(): fc.Arbitrary<Record<string, unknown>> {
  return trackedRecord;
}

/** How a batch's text reaches the reader: cut into reads of these sizes, in turn. */
export const chunkSizesArb = fc.array(fc.integer({ min: 1, max: 300 }), { minLength: 1, maxLength: 4 });

/** A batch input with the lines it must give (see checkBatch). */
export interface BatchCase {
  input: Buffer;
  format: "json" | "jsonl" | "csv";
  sizes: number[];
  /** Per output line: a clean record's id, or null for any other line. */
  lines: (string | null)[];
  maxRecordBytes?: number;
}

const isClean = (u: Unit): u is Extract<Unit, { record: unknown }> =>
  (u.kind === "record" || u.kind === "bom-record") && u.record !== null && typeof u.record === "object" && !Array.isArray(u.record);

/** Records of the units get ids u0, u1 … (when they are objects), so their lines can be told apart. */
function withIds(units: Unit[]): Unit[] {
  return units.map((u, i) => (isClean(u) ? { ...u, record: { ...(u.record as object), id: `u${i}` } } : u));
}

/** Record ids clean enough that the record is surely graded: a valid record from recordArb. */
function cleanId(u: Unit, valid: boolean): string | null {
  return valid && isClean(u) ? ((u.record as { id: string }).id ?? null) : null;
}

export const jsonlCaseArb: fc.Arbitrary<BatchCase> = fc
  .tuple(fc.array(unitArb, { minLength: 1, maxLength: 12 }), chunkSizesArb, fc.option(fc.constantFrom(200, 2000), { nil: undefined }), fc.constantFrom("\n", "\r\n"))
  .map(([drawn, sizes, max, eol]) => {
    const units = withIds(drawn);
    const lines: (string | null)[] = [];
    const text = units
      .map((u, i) => {
        const body = u.kind === "record" ? JSON.stringify(u.record) : u.kind === "bom-record" ? "\ufeff" + JSON.stringify(u.record) : u.text;
        if (u.kind !== "blank") {
          const tooLong = max !== undefined && Buffer.byteLength(body.replace(/^\ufeff/, "")) > max;
          lines.push(tooLong ? null : cleanId(u, validUnit(drawn[i])));
        }
        return body;
      })
      .join(eol);
    // A byte order mark that opens the file marks its encoding: a first line of only that is blank.
    const first = units[0];
    if (first?.kind === "text" && /^\ufeff[ \t]*$/.test(first.text)) lines.shift();
    const input = Buffer.from(text + eol);
    // A file whose first character is [ may be read as a JSON array: these are read as JSON Lines by name.
    const format = /^[\s\ufeff]*\[/.test(text) ? "jsonl" : "json";
    return { input, format, sizes, lines, ...(max !== undefined ? { maxRecordBytes: max } : {}) } as BatchCase;
  });

/** Whether a unit came from recordArb (valid) rather than hostileRecordArb: told by validating later; here by shape. */
function validUnit(u: Unit | undefined): boolean {
  return !!u && isClean(u) && VALID.has(u.record as object);
}
const VALID = new WeakSet<object>();
const trackedRecord = recordArb.map((r) => {
  VALID.add(r);
  return r;
});

/** Elements of a JSON array: records, scalars and holes; each element gives one line. */
const elementArb: fc.Arbitrary<{ text: string; id: string | null; record?: unknown }> = fc.oneof(
  { weight: 6, arbitrary: trackedRecord.map((record) => ({ text: "", id: "", record })) },
  { weight: 2, arbitrary: hostileRecordArb.map((record) => ({ text: JSON.stringify(record), id: null })) },
  { weight: 1, arbitrary: fc.constantFrom("1", '"x"', "null", "[]", "{}", '{"id":1}', "true", '{"id":"a\nb"}', '"\u2028"', "1e309").map((text) => ({ text, id: null })) },
  { weight: 1, arbitrary: fc.constant({ text: "", id: null }) },
);

export const arrayCaseArb: fc.Arbitrary<BatchCase> = fc
  .tuple(fc.array(elementArb, { minLength: 1, maxLength: 10 }), chunkSizesArb, fc.constantFrom(",", ",\n", ", \r\n  "), fc.boolean())
  .map(([elements, sizes, sep, trailingComma]) => {
    const parts = elements.map((e, i) => {
      if (e.record !== undefined) {
        const id = `u${i}`;
        return { text: JSON.stringify({ ...(e.record as object), id }), id };
      }
      return { text: e.text, id: e.id };
    });
    // A lone hole is an empty array, `[]`: no element, no line.
    const lines = parts.length === 1 && parts[0]?.text === "" && !trailingComma ? [] : parts.map((p) => p.id);
    if (trailingComma) lines.push(null);
    const text = `[${sep === ",\n" ? "\n" : ""}${parts.map((p) => p.text).join(sep)}${trailingComma ? sep : ""}]\n`;
    return { input: Buffer.from(text), format: "json", sizes, lines } as BatchCase;
  });

const CSV_COLUMNS = ["id", "name", "kind", "sanctions", "lists", "honors", "commitment_breaches", "public_credit", "indicators"];

function csvCell(v: unknown, json: boolean): string {
  if (v === undefined) return "";
  return json || typeof v !== "string" ? JSON.stringify(v) ?? "" : v;
}

function csvRow(cells: string[]): string {
  return cells.map((c) => (/[",\r\n]/.test(c) || c !== c.trim() ? `"${c.replace(/"/g, '""')}"` : c)).join(",");
}

export const csvCaseArb: fc.Arbitrary<BatchCase> = fc
  .tuple(
    fc.array(
      fc.oneof(
        { weight: 6, arbitrary: trackedRecord.map((r) => ({ record: r as unknown, junk: undefined as string | undefined })) },
        { weight: 2, arbitrary: hostileRecordArb.map((r) => ({ record: r, junk: undefined as string | undefined })) },
        { weight: 1, arbitrary: fc.constantFrom("a,b", 'x,y,z,"{",,,,,', "only", ",,,,,,,,,,,").map((junk) => ({ record: undefined as unknown, junk })) },
      ),
      { minLength: 1, maxLength: 10 },
    ),
    chunkSizesArb,
    fc.constantFrom("\n", "\r\n"),
    fc.boolean(),
  )
  .map(([rows, sizes, eol, bom]) => {
    const lines: (string | null)[] = [];
    const body = rows.map((row, i) => {
      if (row.junk !== undefined) {
        lines.push(null);
        return row.junk;
      }
      const r: Record<string, unknown> = row.record && typeof row.record === "object" && !Array.isArray(row.record) ? { ...(row.record as Record<string, unknown>), id: `u${i}` } : { id: `u${i}`, name: row.record };
      const valid = VALID.has(row.record as object);
      lines.push(valid ? `u${i}` : null);
      return csvRow(CSV_COLUMNS.map((c) => csvCell(r[c], !["id", "name", "kind"].includes(c))));
    });
    const text = (bom ? "\ufeff" : "") + [CSV_COLUMNS.join(","), ...body].join(eol) + eol;
    return { input: Buffer.from(text), format: "csv", sizes, lines } as BatchCase;
  });
