// Messages between the page and the analysis worker. Every request carries an id; the worker
// answers each with the same id.
import type { DiffResult, RecordCheck, Summary } from "../analysis/types.js";

export type Request =
  | { kind: "analyze"; id: number; file: string; text: string; version: number }
  | { kind: "check-record"; id: number; file: string; recordText: string; asOf: string }
  | { kind: "diff"; id: number; left: { file: string; text: string; source?: string }; right: { file: string; text: string; source?: string }; records: string; asOf: string };

export type Response =
  | { kind: "analyze"; id: number; summary: Summary }
  | { kind: "check-record"; id: number; check: RecordCheck }
  | { kind: "diff"; id: number; diff: DiffResult }
  | { kind: "failed"; id: number; message: string };
