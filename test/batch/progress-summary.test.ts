// The progress line (terminal only, never in CI or a pipe) and the end-of-run summary.
import { Writable } from "node:stream";
import { describe, expect, it } from "vitest";
import { Progress, progressLine, progressWanted } from "../../cli/batch/progress.js";
import { summaryLine, Tally } from "../../cli/batch/summary.js";
import { cli } from "../cli/run-cli.js";

function stream(isTTY: boolean): Writable & { isTTY: boolean; text: string } {
  const s = new Writable({
    write(chunk, _enc, cb) {
      s.text += String(chunk);
      cb();
    },
  }) as Writable & { isTTY: boolean; text: string };
  s.isTTY = isTTY;
  s.text = "";
  return s;
}

describe("progress", () => {
  it("is drawn on a terminal only, and not in CI", () => {
    expect(progressWanted(stream(true), {})).toBe(true);
    expect(progressWanted(stream(true), { CI: "false" })).toBe(true);
    expect(progressWanted(stream(true), { CI: "true" })).toBe(false);
    expect(progressWanted(stream(true), { CI: "1" })).toBe(false);
    expect(progressWanted(stream(false), {})).toBe(false);
  });

  it("shows records, rate, share done and time left for a file of known size", () => {
    expect(progressLine(250_000, 10, 50, 200, 8)).toBe("250,000 records  25,000/s  [██░░░░░░] 25%  ETA 0:30");
    expect(progressLine(1234, 2, 0, null)).toBe("1,234 records  617/s");
    expect(progressLine(0, 0, 0, 1000, 4)).toBe("0 records  0/s  [░░░░] 0%  ETA –");
  });

  it("redraws one line in place and clears it at the end", () => {
    const s = stream(true);
    const p = new Progress(s, null);
    p.update(10, 0);
    p.update(20, 0); // within 100 ms: not redrawn
    p.done();
    expect(s.text).toMatch(/^\r10 records {2}[\d,]+\/s\x1b\[K\r\x1b\[K$/);
  });

  it("never reaches a pipe: eval's stderr holds the summary only", () => {
    const r = cli(["eval", "pinglu-fgj", "--input", "examples/records.jsonl", "--as-of", "2021-12-31"]);
    expect(r.code).toBe(0);
    expect(r.stderr).not.toContain("\r");
    expect(r.stderr).toMatch(/^credit-policy: 300 records in [\d.]+ s, [\d,]+\/s: 300 graded, 0 errors; C 41, B 102, A 39, no grade 118\n$/);
    expect(cli(["eval", "pinglu-fgj", "--input", "examples/records.jsonl", "--as-of", "2021-12-31", "--quiet"]).stderr).toBe("");
  });
});

describe("summary", () => {
  it("counts graded records and errors, and records per grade in the policy's order", () => {
    const t = new Tally();
    t.add({ records: 3, errors: 1, grades: new Map([["B", 1], ["", 1]]) });
    t.add({ records: 2, errors: 0, grades: new Map([["C", 1], ["B", 1]]) });
    expect(summaryLine(t, 2, ["C", "B", "A"])).toBe("5 records in 2.0 s, 3/s: 4 graded, 1 error; C 1, B 2, no grade 1");
    expect(summaryLine(new Tally(), 0, ["A"])).toBe("0 records in 0.0 s: 0 graded, 0 errors");
  });
});
