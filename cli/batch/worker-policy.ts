// Whether and how many worker threads grade a batch run. A worker costs its start (its own copy of
// the validator and the generated module, ≈0.1 s of CPU) and a copy of every batch in and out; it
// pays only when the run is long enough and a core is free for it. Measured on the 2-core machine
// this project runs on (BENCHMARKS.md, "Worker threads: where they pay"): below about 100,000
// records one thread finishes first; when the load average already fills the cores, a second
// worker only competes with the first.

/** Records below which one thread is faster than starting workers. */
export const WORKERS_FROM = 100_000;

export interface RunShape {
  /** The input's size in bytes, when it is a file. */
  totalBytes: number | null;
  /** Bytes and records read so far (the first batches). */
  bytesRead: number;
  recordsRead: number;
  /** Cores of the machine and its 1-minute load average. */
  cores: number;
  load: number;
}

/** The records a run is expected to hold: from the file's size and the bytes per record so far; null when the input's size is unknown. */
export function expectedRecords(s: RunShape): number | null {
  if (s.totalBytes === null || s.recordsRead === 0 || s.bytesRead === 0) return null;
  return Math.round((s.totalBytes / s.bytesRead) * s.recordsRead);
}

/**
 * Workers to start now (0: keep grading in this thread). With a known input size, decided once
 * from the expected number of records; for a stream of unknown length, workers start once
 * WORKERS_FROM records have been graded here. A machine whose load already fills its cores gets
 * one worker at most (reading and writing stay on this thread, grading on the worker).
 */
export function workersFor(s: RunShape): number {
  const expected = expectedRecords(s);
  const long = expected === null ? s.recordsRead >= WORKERS_FROM : expected >= WORKERS_FROM;
  if (!long) return 0;
  const free = Math.floor(s.cores - s.load + 0.5);
  return Math.max(1, Math.min(s.cores, free));
}
