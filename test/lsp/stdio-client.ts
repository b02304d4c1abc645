// A client for the built `credit-policy lsp --stdio`, as an editor runs it: the server in a child
// process, JSON-RPC over its standard input and output. Used by the JSON-RPC suite and by the
// browser test that compares the editor's answers with this server's.
import { spawn, type ChildProcess } from "node:child_process";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import {
  createProtocolConnection,
  StreamMessageReader,
  StreamMessageWriter,
  type InitializeResult,
  type ProtocolConnection,
  type PublishDiagnosticsParams,
} from "vscode-languageserver-protocol/node";

const ROOT = join(import.meta.dirname, "..", "..");
const BIN = join(ROOT, "dist", "cli", "bin.js");
const WAIT = 20_000;

export interface Server {
  proc: ChildProcess;
  conn: ProtocolConnection;
  init: InitializeResult;
  /** Diagnostics published for a URI, the latest version first. */
  diagnostics(uri: string, version?: number): Promise<PublishDiagnosticsParams>;
  exit: Promise<number | null>;
}

/** Start the built server (or another command running it) and initialize it in a locale. */
export async function startServer(locale: string, options: Record<string, unknown> = {}, command: { args: string[]; cwd: string } = { args: [BIN, "lsp", "--stdio"], cwd: ROOT }): Promise<Server> {
  const proc = spawn(process.execPath, command.args, { cwd: command.cwd, stdio: ["pipe", "pipe", "pipe"] });
  const exit = new Promise<number | null>((done) => proc.on("exit", (code) => done(code)));
  const conn = createProtocolConnection(new StreamMessageReader(proc.stdout!), new StreamMessageWriter(proc.stdin!));
  const published: PublishDiagnosticsParams[] = [];
  const waiting: (() => void)[] = [];
  conn.onNotification("textDocument/publishDiagnostics", (p: PublishDiagnosticsParams) => {
    published.push(p);
    waiting.splice(0).forEach((w) => w());
  });
  conn.listen();
  const init = await conn.sendRequest<InitializeResult>("initialize", { processId: process.pid, rootUri: pathToFileURL(ROOT).href, capabilities: {}, locale, initializationOptions: options });
  await conn.sendNotification("initialized", {});
  const diagnostics = async (uri: string, version?: number): Promise<PublishDiagnosticsParams> => {
    const deadline = Date.now() + WAIT;
    for (;;) {
      const found = [...published].reverse().find((p) => p.uri === uri && (version === undefined || p.version === version));
      if (found) return found;
      if (Date.now() > deadline) throw new Error(`no diagnostics for ${uri} v${version}`);
      await new Promise<void>((r) => {
        waiting.push(r);
        setTimeout(r, 200);
      });
    }
  };
  return { proc, conn, init, diagnostics, exit };
}

