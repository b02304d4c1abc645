// The editor's web worker runs the language server — the same analysis/lsp/server.ts that
// `credit-policy lsp --stdio` runs for VS Code — over the page's postMessage channel, so the
// browser editor and other editors give the same answers. Parent plans are read through the page
// (creditPolicy/readPolicy: it has the file API). Two requests only this editor uses are added:
// the record panel's check (with the record's why / why not) and the compare view's diff.
import { BrowserMessageReader, BrowserMessageWriter, createConnection } from "vscode-languageserver/browser";
import { explainRecord } from "../../../analysis/lsp/explain-view.js";
import { READ_POLICY_REQUEST, type ReadPolicyParams, type ReadPolicyResult } from "../../../analysis/lsp/protocol.js";
import { startServer } from "../../../analysis/lsp/server.js";
import { isIsoDate } from "../../../record/dates.js";
import { isError } from "../../../runtime/evaluate.js";
import type { RecordErrorCode } from "../../../diagnostics/catalogue.js";
import { diffSources } from "../analysis/diff.js";
import { checkRecordText } from "../analysis/record-check.js";
import { CHECK_RECORD_REQUEST, DIFF_REQUEST, type CheckRecordParams, type CheckRecordResult, type DiffParams, type DiffResult } from "./protocol.js";

// The worker's global scope (the DOM typings the editor compiles with do not name it).
const scope = self as unknown as Worker;
const connection = createConnection(new BrowserMessageReader(scope), new BrowserMessageWriter(scope));

const server = startServer(connection, {
  async findPolicy(id, from) {
    const found = await connection.sendRequest<ReadPolicyResult>(READ_POLICY_REQUEST, { id, from } satisfies ReadPolicyParams);
    return found ?? undefined;
  },
});

const TOP = { line: 1, col: 1, endLine: 1, endCol: 2 };

connection.onRequest(CHECK_RECORD_REQUEST, (p: CheckRecordParams): CheckRecordResult => {
  const parsed = checkRecordText(p.recordText);
  if (parsed.several) return { problems: [], more: parsed.several };
  if (parsed.problems.length > 0) return { problems: parsed.problems };
  const a = server.analysisOf(p.uri);
  if (!a?.grader) return { problems: [], policyBroken: true };
  // The record was valid above: what is left is the as-of day, or a record that cannot be evaluated.
  if (!isIsoDate(p.asOf)) return { problems: [{ path: "", code: "CP-R004", key: "CP-R004/as-of", args: [JSON.stringify(p.asOf)], range: TOP }] };
  const out = a.grader.grade(parsed.value, p.asOf);
  if (isError(out)) return { problems: [{ path: out.error.path, code: out.error.code as RecordErrorCode, key: "text", args: [out.error.message], range: TOP }] };
  const explanation = explainRecord(a, parsed.value, p.asOf, server.language());
  return {
    problems: [],
    result: {
      grade: out.grade,
      label: out.label,
      matched: out.matched.map((m) => ({ grade: m.grade, article: m.article, text: m.text, ...(m.negated ? { negated: true } : {}) })),
      measures: out.measures.map((m) => ({ article: m.article, text: m.text })),
    },
    ...(explanation ? { explanation } : {}),
  };
});

connection.onRequest(DIFF_REQUEST, (p: DiffParams): DiffResult => diffSources(p.left, p.right, p.records, p.asOf || undefined));

connection.listen();
