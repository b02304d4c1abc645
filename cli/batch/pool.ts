// Worker threads for `credit-policy eval`: batches go to the least busy worker and come back in
// any order; the caller awaits them in submission order, so the output order is the input order.
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { Worker } from "node:worker_threads";
import type { BatchOutput, BatchSetup } from "./grade-batch.js";
import type { GradeItem } from "./items.js";

const WORKER = new URL("./worker.js", import.meta.url);

/** Workers run from the built package (dist/); from the TypeScript sources grading stays in-process. */
export function workersAvailable(): boolean {
  return WORKER.protocol === "file:" && existsSync(fileURLToPath(WORKER));
}

interface Slot {
  worker: Worker;
  busy: number;
}

export class WorkerPool {
  private readonly pending = new Map<number, { resolve: (o: BatchOutput) => void; reject: (e: Error) => void }>();
  private seq = 0;
  private failure: Error | null = null;

  private constructor(private readonly slots: Slot[]) {
    for (const slot of slots) {
      slot.worker.on("message", (msg: { seq?: number } & BatchOutput) => {
        if (msg.seq === undefined) return;
        slot.busy--;
        const p = this.pending.get(msg.seq);
        this.pending.delete(msg.seq);
        p?.resolve(msg);
      });
      const fail = (e: Error) => {
        this.failure ??= e;
        for (const p of this.pending.values()) p.reject(e);
        this.pending.clear();
      };
      slot.worker.on("error", fail);
      slot.worker.on("exit", (code) => {
        if (code !== 0 || this.pending.size) fail(new Error(`a grading worker stopped (exit code ${code})`));
      });
    }
  }

  /** Starts `n` workers and waits until each has built its grader. */
  static async start(n: number, setup: BatchSetup): Promise<WorkerPool> {
    const slots = await Promise.all(
      Array.from({ length: n }, async () => {
        const worker = new Worker(WORKER, { workerData: setup });
        await new Promise<void>((resolve, reject) => {
          worker.once("message", () => resolve());
          worker.once("error", reject);
        });
        return { worker, busy: 0 };
      }),
    );
    return new WorkerPool(slots);
  }

  run(items: GradeItem[]): Promise<BatchOutput> {
    if (this.failure) return Promise.reject(this.failure);
    const slot = this.slots.reduce((a, b) => (b.busy < a.busy ? b : a));
    const seq = this.seq++;
    slot.busy++;
    return new Promise((resolve, reject) => {
      this.pending.set(seq, { resolve, reject });
      // Line chunks and CSV parts are handed over, not copied: the reader made each one for this batch alone.
      const transfer = items.flatMap((i) => ("chunk" in i ? [i.chunk.buffer as ArrayBuffer] : "csv" in i ? [i.csv.buffer as ArrayBuffer] : []));
      slot.worker.postMessage({ seq, items }, transfer);
    });
  }

  get size(): number {
    return this.slots.length;
  }

  async close(): Promise<void> {
    await Promise.all(this.slots.map((s) => s.worker.terminate()));
  }
}
