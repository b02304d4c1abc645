// The page's side of the language server in the worker: a JSON-RPC connection over postMessage.
// It opens and changes documents, receives diagnostics and the panels' summaries, answers the
// server's requests for parent plans, and sends the requests the Monaco adapter and the views make.
import {
  BrowserMessageReader,
  BrowserMessageWriter,
  createProtocolConnection,
  type InitializeResult,
  type ProtocolConnection,
  type PublishDiagnosticsParams,
} from "vscode-languageserver-protocol/browser";
import { ANALYSIS_NOTIFICATION, READ_POLICY_REQUEST, type AnalysisNotification, type InitializationOptions, type ReadPolicyParams, type ReadPolicyResult } from "../../../analysis/lsp/protocol.js";

export interface ClientEvents {
  diagnostics(p: PublishDiagnosticsParams): void;
  analysis(s: AnalysisNotification): void;
  /** window/showMessage: a warning the server wants the user to see (format refused …). */
  message(text: string, type: number): void;
  readPolicy(p: ReadPolicyParams): Promise<ReadPolicyResult>;
}

export class LspClient {
  private readonly worker: Worker;
  readonly connection: ProtocolConnection;
  readonly ready: Promise<InitializeResult>;

  constructor(language: "zh" | "en", events: ClientEvents, options: Omit<InitializationOptions, "language" | "summaries" | "readPolicies"> = {}) {
    this.worker = new Worker(new URL("../worker/analysis.worker.ts", import.meta.url), { type: "module", name: "credit-policy-language-server" });
    this.connection = createProtocolConnection(new BrowserMessageReader(this.worker), new BrowserMessageWriter(this.worker));
    this.connection.onNotification("textDocument/publishDiagnostics", (p: PublishDiagnosticsParams) => events.diagnostics(p));
    this.connection.onNotification(ANALYSIS_NOTIFICATION, (s: AnalysisNotification) => events.analysis(s));
    this.connection.onNotification("window/showMessage", (p: { type: number; message: string }) => events.message(p.message, p.type));
    this.connection.onRequest(READ_POLICY_REQUEST, (p: ReadPolicyParams) => events.readPolicy(p));
    this.connection.listen();
    const init: InitializationOptions = { ...options, language, summaries: true, readPolicies: true };
    this.ready = this.connection
      .sendRequest<InitializeResult>("initialize", {
        processId: null,
        rootUri: null,
        locale: language === "zh" ? "zh-cn" : "en",
        capabilities: {},
        initializationOptions: init,
      })
      .then(async (r) => {
        await this.connection.sendNotification("initialized", {});
        return r;
      });
  }

  async open(uri: string, languageId: string, version: number, text: string): Promise<void> {
    await this.ready;
    await this.connection.sendNotification("textDocument/didOpen", { textDocument: { uri, languageId, version, text } });
  }

  /** The document's whole new text: one change per edit, no range arithmetic to get wrong. */
  async change(uri: string, version: number, text: string): Promise<void> {
    await this.ready;
    await this.connection.sendNotification("textDocument/didChange", { textDocument: { uri, version }, contentChanges: [{ text }] });
  }

  async close(uri: string): Promise<void> {
    await this.ready;
    await this.connection.sendNotification("textDocument/didClose", { textDocument: { uri } });
  }

  async request<R>(method: string, params: unknown): Promise<R> {
    await this.ready;
    return this.connection.sendRequest<R>(method, params);
  }
}
