// What the credit-policy language server says beyond the LSP: the methods a client may use (the
// browser editor uses all of them; VS Code the standard ones), and their payloads.
import type { Range as LspRange } from "vscode-languageserver";
import type { AnalysisSummary } from "./types.js";

/** Server → client, after each analysis, when the client asked for summaries: what the panels show. */
export const ANALYSIS_NOTIFICATION = "creditPolicy/analysis";
/** Client → server: why a record (or a test case) gets its grade, and why not the others. */
export const EXPLAIN_REQUEST = "creditPolicy/explain";
/** Server → client, when the client offered it: a policy by id (the parent plan a policy names). */
export const READ_POLICY_REQUEST = "creditPolicy/readPolicy";

export interface InitializationOptions {
  /** The interface language; default: the client's locale (zh-* → zh), else en. */
  language?: "zh" | "en";
  /** Wait this long after the last change before analysing (default 10 ms: only keystrokes closer than that are coalesced). */
  debounceMs?: number;
  /** Send creditPolicy/analysis after each analysis. */
  summaries?: boolean;
  /** The client answers creditPolicy/readPolicy (the browser editor, which reads files through its server). */
  readPolicies?: boolean;
}

/** creditPolicy/analysis: the panels' data for one version of a document. */
export type AnalysisNotification = AnalysisSummary;

export interface ExplainParams {
  uri: string;
  /** A test case of the policy, by name … */
  caseName?: string;
  /** … or a record to grade as of `asOf`. */
  record?: unknown;
  asOf?: string;
}

export interface ExplainedOperand {
  /** The expression as written in the policy. */
  source: string;
  /** Its value for the record, as the interface language writes it (500000.50元, 是, 无). */
  value: string;
}

export interface ExplainedTestView {
  range: LspRange;
  source: string;
  holds: boolean;
  left: ExplainedOperand;
  /** ≤, <, =, …, or 属于 / in; absent for a yes/no value. */
  op?: string;
  right?: ExplainedOperand[];
}

export interface ExplainedClauseView {
  article: string;
  text: string;
  range: LspRange;
  holds: boolean;
  negated: boolean;
  deciding: boolean;
  tests: ExplainedTestView[];
  values: { name: string; value: string }[];
}

export interface ExplainResult {
  /** The record is rejected: where and why (rendered), and no explanation. */
  error?: { path: string; code: string; message: string };
  grade?: string | null;
  label?: string | null;
  asOf?: string;
  dataDay?: string;
  override?: { grade: string; article: string; text: string; range: LspRange };
  grades?: { grade: string; label: string; holds: boolean; given: boolean; clauses: ExplainedClauseView[] }[];
}

export interface ReadPolicyParams {
  id: string;
  /** The document asking (its parent plan). */
  from: string;
}

export type ReadPolicyResult = { text: string; file: string; source: string } | null;
