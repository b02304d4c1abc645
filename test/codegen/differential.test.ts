// The shared differential corpus: every seed policy's own test cases, the shipped example records
// (valid and bad) and generated records, graded as of several days by the in-process evaluator
// and by the generated module (the file `compile --target js` writes, imported, and the same code
// loaded in-process as `eval` runs it). Any difference fails; every result also validates against
// the policy's generated result schema.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import Ajv2020Module from "ajv/dist/2020.js";
import addFormatsModule from "ajv-formats";
import { beforeAll, describe, expect, it } from "vitest";
import { instantiate } from "../../runtime/instantiate.js";
import { resultSchema } from "../../compiler/backends/result-schema.js";
import { policyRef } from "../../compiler/backends/result-shape.js";
import { makeGrader } from "../../runtime/evaluate.js";
import { CORPUS_DAYS, projectDir, ROOT, seedPolicies, writeTarget } from "./generated.js";
import { randomRecords } from "./random-records.js";

const Ajv2020 = Ajv2020Module.default;
const addFormats = addFormatsModule.default;

const lines = (name: string) => readFileSync(join(ROOT, "examples", name), "utf8").split("\n").filter(Boolean);
const examples = lines("records.jsonl").map((l) => JSON.parse(l) as unknown);
const bad = lines("bad-records.jsonl").map((l) => {
  try {
    return JSON.parse(l) as unknown;
  } catch {
    return l; // a malformed line reaches the grader as a string: not an object
  }
});
const generated = randomRecords(1500);

type Module = { grade(record: unknown, asOf: string): unknown; evaluate(record: unknown, asOf: string): unknown };

describe.each(seedPolicies())("$file: interpreter and generated module agree", (seed) => {
  const cases: [unknown, string][] = [
    ...seed.ir.tests.map((t) => [t.record, t.asOf] as [unknown, string]),
    ...examples.flatMap((r) => CORPUS_DAYS.slice(0, 2).map((d) => [r, d] as [unknown, string])),
    ...bad.map((r) => [r, "2021-12-31"] as [unknown, string]),
    ...generated.map((r, i) => [r, CORPUS_DAYS[i % CORPUS_DAYS.length] as string] as [unknown, string]),
    [{ id: "bad-day" }, "2021-02-29"],
  ];
  const interpreter = makeGrader(seed.ir, seed.sha256);
  let fileModule: Module;
  const loaded = instantiate(seed.ir, policyRef(seed.ir, seed.sha256)) as Module;

  beforeAll(async () => {
    const dir = projectDir();
    const [js] = await writeTarget(dir, seed, "js");
    fileModule = (await import(pathToFileURL(js as string).href)) as Module;
  });

  it(`grades all ${cases.length} cases the same, byte for byte`, () => {
    const differences: string[] = [];
    for (const [record, day] of cases) {
      const expected = JSON.stringify(interpreter.grade(record, day));
      for (const [name, m] of [["module file", fileModule], ["in-process module", loaded]] as const) {
        const actual = JSON.stringify(m.grade(record, day));
        if (actual !== expected && differences.length < 5) differences.push(`${name}, ${day}:\n  interpreter ${expected}\n  generated   ${actual}`);
      }
    }
    expect(differences).toEqual([]);
  });

  it("covers error results and several different outcomes", () => {
    type Out = { grade?: string | null; error?: unknown; categories?: { id: string }[]; obligations?: unknown[]; matched?: unknown[]; items?: { outputs: unknown }[] };
    const outs = cases.map(([r, d]) => interpreter.grade(r, d) as Out);
    expect(outs.filter((o) => o.error).length).toBeGreaterThan(5);
    const outcome = (o: Out) => JSON.stringify([o.grade, o.categories?.map((c) => c.id), (o.obligations?.length ?? 0) > 0, o.matched?.length, o.items?.map((i) => i.outputs)]);
    expect(new Set(outs.filter((o) => !o.error).map(outcome)).size).toBeGreaterThan(4);
  });

  it("returns results that validate against the generated result schema", () => {
    const ajv = new Ajv2020({ allErrors: true, strict: false });
    addFormats(ajv);
    const validate = ajv.compile(resultSchema(seed.ir, policyRef(seed.ir, seed.sha256)));
    const validateError = ajv.getSchema("#/$defs/ErrorResult") ?? ajv.compile({ $ref: "#/$defs/ErrorResult", ...resultSchema(seed.ir, policyRef(seed.ir, seed.sha256)) });
    const failures: string[] = [];
    for (const [record, day] of cases) {
      const out = fileModule.grade(record, day) as { error?: unknown };
      const ok = out.error ? validateError(out) : validate(out);
      if (!ok && failures.length < 3) failures.push(`${JSON.stringify(out).slice(0, 300)}: ${ajv.errorsText(out.error ? validateError.errors : validate.errors)}`);
    }
    expect(failures).toEqual([]);
  });

  it("evaluate() on a valid record equals grade(), and refuses a day that is not a date", () => {
    const record = generated[7];
    expect(fileModule.evaluate(record, "2021-12-31")).toEqual(fileModule.grade(record, "2021-12-31"));
    expect(() => fileModule.evaluate(record, "2021-02-29")).toThrow(RangeError);
    expect(() => fileModule.evaluate(null, "2021-12-31")).toThrow(TypeError);
    // Junk inside an object is skipped as the evaluator skips it, never a crash.
    const junk = { id: "j", sanctions: "none", honors: [null, 3, { date: 20210601 }], ratings: { level: "good" } };
    expect((fileModule.evaluate(junk, "2021-12-31") as { id: string }).id).toBe("j");
  });
});
