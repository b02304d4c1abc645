// When eval starts worker threads: only for runs long enough to pay for them (by the input's
// size, or for a stream once enough records went by), and no more workers than free cores.
import { describe, expect, it } from "vitest";
import { expectedRecords, WORKERS_FROM, workersFor } from "../../cli/batch/worker-policy.js";

const shape = { cores: 2, load: 0, bytesRead: 256 * 1024, recordsRead: 1400 };

describe("worker policy", () => {
  it("expects records from the file's size and the bytes per record read so far", () => {
    expect(expectedRecords({ ...shape, totalBytes: 256 * 1024 * 100 })).toBe(140_000);
    expect(expectedRecords({ ...shape, totalBytes: null })).toBeNull();
  });

  it("keeps short runs on one thread and gives long ones a worker per free core", () => {
    expect(workersFor({ ...shape, totalBytes: 256 * 1024 * 10 })).toBe(0);
    expect(workersFor({ ...shape, totalBytes: 256 * 1024 * 1000 })).toBe(2);
    // A busy machine: one worker at most.
    expect(workersFor({ ...shape, totalBytes: 256 * 1024 * 1000, load: 1.8 })).toBe(1);
    expect(workersFor({ ...shape, totalBytes: 256 * 1024 * 1000, load: 12 })).toBe(1);
    expect(workersFor({ ...shape, cores: 8, totalBytes: 256 * 1024 * 1000, load: 3 })).toBe(5);
  });

  it("starts workers for a stream of unknown length once enough records went by", () => {
    expect(workersFor({ ...shape, totalBytes: null, recordsRead: WORKERS_FROM - 1 })).toBe(0);
    expect(workersFor({ ...shape, totalBytes: null, recordsRead: WORKERS_FROM })).toBe(2);
  });
});
