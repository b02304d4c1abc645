// The record validator is compiled from the schema at build time (record/generate-validator.mjs):
// the checked-in code must match the schema, the fast validator (first problem only) must accept
// exactly what ajv's own compilation accepts, and validating a valid record compiles no code.
import { execFileSync } from "node:child_process";
import { readFile } from "node:fs/promises";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { describe, expect, it } from "vitest";
import { validateFast } from "../../record/generated/validate-record.js";
import Ajv2020Module from "ajv/dist/2020.js";
import addFormatsModule from "ajv-formats";
import { isIsoDate } from "../../record/dates.js";
import { parseYuan } from "../../record/money.js";
import { recordSchema, validateRecord } from "../../record/validate.js";
import { randomRecords } from "../codegen/random-records.js";

const Ajv2020 = Ajv2020Module.default;
const addFormats = addFormatsModule.default;
const ROOT = fileURLToPath(new URL("../../", import.meta.url));
const script = join(ROOT, "record", "generate-validator.mjs");
const generated = join(ROOT, "record", "generated", "validate-record.ts");

const lines = (name: string) => readFileSync(join(ROOT, "examples", name), "utf8").split("\n").filter(Boolean);
const parsed = (l: string): unknown => {
  try {
    return JSON.parse(l) as unknown;
  } catch {
    return l;
  }
};

describe("record/generated/validate-record.ts", () => {
  it("is up to date with record/record.schema.json (run `node record/generate-validator.mjs`)", async () => {
    const { generateValidator } = (await import(pathToFileURL(script).href)) as { generateValidator: () => Promise<string> };
    expect(await readFile(generated, "utf8")).toBe(await generateValidator());
  });

  it("accepts and refuses exactly what the schema compiled by ajv at run time does", () => {
    const ajv = new Ajv2020({ allErrors: false, strict: true, allowUnionTypes: true });
    addFormats(ajv);
    ajv.addFormat("date", { type: "string", validate: isIsoDate });
    ajv.addKeyword({ keyword: "x-money", type: ["number", "string"], schemaType: "boolean", errors: false, validate: (on: boolean, v: unknown) => !on || parseYuan(v) !== undefined });
    const reference = ajv.compile(recordSchema);
    const corpus = [...lines("records.jsonl"), ...lines("bad-records.jsonl")].map(parsed).concat(randomRecords(1500, 7) as unknown[]);
    let refused = 0;
    for (const r of corpus) {
      const fast = validateFast(r);
      expect(fast).toBe(reference(r));
      if (!fast) {
        refused++;
        expect(validateRecord(r).length).toBeGreaterThan(0);
      } else expect(validateRecord(r).filter((e) => e.code !== "CP-R009")).toEqual([]);
    }
    expect(refused).toBeGreaterThan(5);
    expect(refused).toBeLessThan(corpus.length);
  });

  it("validates a valid record with code generation from strings disallowed (no new Function until a record is refused)", () => {
    const url = pathToFileURL(join(ROOT, "dist", "record", "validate.js")).href;
    const code = `const { validateRecord } = await import(${JSON.stringify(url)});
      const ok = validateRecord({ id: "x", sanctions: [{ date: "2021-01-01", status: "in_force", violations: [{ penalties: [{ kind: "fine", amount: 5 }] }] }] });
      console.log(JSON.stringify([ok.length]));`;
    const out = execFileSync(process.execPath, ["--disallow-code-generation-from-strings", "--input-type=module", "-e", code], { encoding: "utf8" });
    expect(JSON.parse(out)).toEqual([0]);
  });

  it("keeps the errors of a refused record as before: by path, the most specific first", () => {
    expect(validateRecord({ id: "x", sanctions: [{ date: "2021-13-01", status: "in_force", violations: [{ penalties: [{ kind: "fine", amount: 0.001 }] }] }] }).map((e) => [e.code, e.path])).toEqual([
      ["CP-R004", "/sanctions/0/date"],
      ["CP-R005", "/sanctions/0/violations/0/penalties/0/amount"],
    ]);
  });
});
