// 100,000 records with malformed lines scattered through them, graded on worker threads: exactly
// one output line per record, in input order, each bad line an error naming its path and code,
// the same bytes as grading in one thread, and a summary that adds up.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { cli, ROOT } from "../cli/run-cli.js";

const N = 100_000;
const examples = readFileSync(join(ROOT, "examples", "records.jsonl"), "utf8").split("\n").filter(Boolean);
const expectedGrades = JSON.parse(readFileSync(join(ROOT, "examples", "expected-grades.json"), "utf8")) as Record<string, Record<string, string | null>>;

type Kind = "ok" | "malformed" | "bad-date" | "not-object" | "not-utf8" | "empty-id";

/** What line i holds. */
function kindOf(i: number): Kind {
  if (i % 997 === 500) return "malformed";
  if (i % 1013 === 7) return "bad-date";
  if (i % 4999 === 11) return "not-object";
  if (i % 24_989 === 3) return "not-utf8";
  if (i % 7919 === 17) return "empty-id";
  return "ok";
}

describe(`eval over ${N.toLocaleString("en-US")} records with bad lines scattered in`, () => {
  let dir: string;
  let pooled: ReturnType<typeof cli>;
  let inline: ReturnType<typeof cli>;
  const kinds: Kind[] = [];
  const sources: string[] = [];

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), "cp-100k-"));
    const parts: Buffer[] = [];
    for (let i = 0; i < N; i++) {
      const source = examples[i % examples.length] as string;
      const rec = JSON.parse(source) as Record<string, unknown>;
      rec["id"] = `r-${i}`;
      const kind = kindOf(i);
      kinds.push(kind);
      sources.push(JSON.parse(source).id as string);
      let line: Buffer;
      if (kind === "malformed") line = Buffer.from(JSON.stringify(rec).slice(0, 25));
      else if (kind === "bad-date") line = Buffer.from(JSON.stringify({ ...rec, sanctions: [{ date: "2021-02-30", status: "in_force", violations: [] }] }));
      else if (kind === "not-object") line = Buffer.from("[1, 2, 3]");
      else if (kind === "not-utf8") line = Buffer.concat([Buffer.from('{"id": "'), Buffer.from([0xd0, 0xc5, 0xd3, 0xc3]) /* 信用 in GBK */, Buffer.from('"}')]);
      else if (kind === "empty-id") line = Buffer.from(JSON.stringify({ ...rec, id: "" }));
      else line = Buffer.from(JSON.stringify(rec));
      parts.push(line, Buffer.from(i % 20_000 === 0 ? "\r\n\n" : "\n"));
    }
    writeFileSync(join(dir, "in.jsonl"), Buffer.concat(parts));
    pooled = cli(["eval", "pinglu-fgj", "--input", join(dir, "in.jsonl"), "--as-of", "2021-12-31", "--output", join(dir, "pooled.jsonl"), "--workers", "2"]);
    inline = cli(["eval", "pinglu-fgj", "--input", join(dir, "in.jsonl"), "--as-of", "2021-12-31", "--output", join(dir, "inline.jsonl"), "--workers", "0"]);
  }, 600_000);
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("writes exactly one line per record, in input order, with the right grade or error", () => {
    expect(pooled.code, pooled.stderr).toBe(3);
    const out = readFileSync(join(dir, "pooled.jsonl"), "utf8").split("\n");
    expect(out.pop()).toBe("");
    expect(out).toHaveLength(N);
    const wrong: string[] = [];
    out.forEach((text, i) => {
      const o = JSON.parse(text) as { id: string | null; grade?: string | null; error?: { code: string; path: string; message: string } };
      const kind = kinds[i] as Kind;
      const got =
        kind === "ok" ? [o.id, o.grade] :
        kind === "malformed" ? [o.id, o.error?.code, o.error?.path, /^line \d+: malformed JSON/.test(o.error?.message ?? "")] :
        kind === "bad-date" ? [o.id, o.error?.code, o.error?.path] :
        kind === "not-object" ? [o.id, o.error?.code, o.error?.path] :
        kind === "not-utf8" ? [o.id, o.error?.code, /not UTF-8/.test(o.error?.message ?? "")] :
        [o.id, o.error?.code, o.error?.path];
      const want =
        kind === "ok" ? [`r-${i}`, expectedGrades[sources[i] as string]?.["pinglu-fgj"]] :
        kind === "malformed" ? [`r-${i}`, "CP-R000", "", true] :
        kind === "bad-date" ? [`r-${i}`, "CP-R004", "/sanctions/0/date"] :
        kind === "not-object" ? [null, "CP-R001", ""] :
        kind === "not-utf8" ? [null, "CP-R000", true] :
        ["", "CP-R007", "/id"];
      if (JSON.stringify(got) !== JSON.stringify(want) && wrong.length < 5) wrong.push(`line ${i}: ${JSON.stringify(got)} ≠ ${JSON.stringify(want)}`);
    });
    expect(wrong).toEqual([]);
    expect(new Set(kinds).size).toBe(6);
  });

  it("gives the same bytes on worker threads as in one thread", () => {
    expect(inline.code).toBe(3);
    expect(readFileSync(join(dir, "pooled.jsonl")).equals(readFileSync(join(dir, "inline.jsonl")))).toBe(true);
  });

  it("ends with a summary on stderr that adds up", () => {
    const errors = kinds.filter((k) => k !== "ok").length;
    const m = /^credit-policy: 100,000 records in [\d.]+ s, [\d,]+\/s: ([\d,]+) graded, ([\d,]+) errors; C ([\d,]+), B ([\d,]+), A ([\d,]+), no grade ([\d,]+)\n$/.exec(pooled.stderr);
    expect(m, pooled.stderr).not.toBeNull();
    const nums = (m as RegExpExecArray).slice(1).map((x) => Number(x.replace(/,/g, "")));
    expect(nums[0]).toBe(N - errors);
    expect(nums[1]).toBe(errors);
    expect((nums[2] as number) + (nums[3] as number) + (nums[4] as number) + (nums[5] as number)).toBe(N - errors);
  });
});
