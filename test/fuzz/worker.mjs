// A fuzz worker thread of test/fuzz/run.ts: registers tsx in this thread (Node 20 does not pass
// the main thread's loader on), then runs the job run.ts finds in workerData.
import { register } from "tsx/esm/api";

register();
await import("./run.ts");
