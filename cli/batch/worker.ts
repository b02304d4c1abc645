// A grading thread of `credit-policy eval`: receives the policy's IR once, builds its own grader
// (the generated module), then turns batches of input items into output text. The main thread
// writes the batches back in input order.
import { parentPort, workerData } from "node:worker_threads";
import { makeBatchGrader, type BatchSetup } from "./grade-batch.js";
import type { GradeItem } from "./items.js";

const run = makeBatchGrader(workerData as BatchSetup);
parentPort?.on("message", (msg: { seq: number; items: GradeItem[] }) => {
  const { bytes, stats } = run(msg.items);
  // Handed over without a copy: the main thread only writes the bytes.
  parentPort?.postMessage({ seq: msg.seq, bytes, stats }, [bytes.buffer as ArrayBuffer]);
});
parentPort?.postMessage({ ready: true });
