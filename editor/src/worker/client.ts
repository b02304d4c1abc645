// The page's side of the analysis worker: one request, one promise.
import type { DiffResult, RecordCheck, Summary } from "../analysis/types.js";
import type { Request, Response } from "./protocol.js";

type Pending = { resolve: (r: Response) => void; reject: (e: Error) => void };
type WithoutId<T> = T extends unknown ? Omit<T, "id"> : never;

export class AnalysisClient {
  private readonly worker: Worker;
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();

  constructor() {
    this.worker = new Worker(new URL("./analysis.worker.ts", import.meta.url), { type: "module", name: "credit-policy-analysis" });
    this.worker.onmessage = (e: MessageEvent<Response>) => {
      const p = this.pending.get(e.data.id);
      if (!p) return;
      this.pending.delete(e.data.id);
      if (e.data.kind === "failed") p.reject(new Error(e.data.message));
      else p.resolve(e.data);
    };
    this.worker.onerror = (e) => {
      for (const p of this.pending.values()) p.reject(new Error(e.message));
      this.pending.clear();
    };
  }

  private send(req: WithoutId<Request>): Promise<Response> {
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      this.worker.postMessage({ ...req, id } as Request);
    });
  }

  async analyze(file: string, text: string, version: number): Promise<Summary> {
    const r = await this.send({ kind: "analyze", file, text, version });
    if (r.kind !== "analyze") throw new Error(`unexpected answer ${r.kind}`);
    return r.summary;
  }

  async checkRecord(file: string, recordText: string, asOf: string): Promise<RecordCheck> {
    const r = await this.send({ kind: "check-record", file, recordText, asOf });
    if (r.kind !== "check-record") throw new Error(`unexpected answer ${r.kind}`);
    return r.check;
  }

  async diff(left: { file: string; text: string; source?: string }, right: { file: string; text: string; source?: string }, records: string, asOf: string): Promise<DiffResult> {
    const r = await this.send({ kind: "diff", left, right, records, asOf });
    if (r.kind !== "diff") throw new Error(`unexpected answer ${r.kind}`);
    return r.diff;
  }
}
