// The language server's Node side: a JSON-RPC connection over standard input and output, and a
// host that reads parent plans from the file system. The server itself (analysis/lsp/server.ts) is
// the same one the browser editor runs in its worker.
import { existsSync, readFileSync, statSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { createConnection, StreamMessageReader, StreamMessageWriter } from "vscode-languageserver/node";
import { startServer, type ServerHost } from "../../analysis/lsp/server.js";
import { decodeSource } from "../../dsl/source.js";
import type { Io } from "../io.js";
import { resolveSinglePolicy } from "../load.js";

/** The folder of policy `id` near a document: a sibling of its folder, or under a policies/ folder above it. */
function policyFolderNear(id: string, fromUri: string): string | undefined {
  if (!fromUri.startsWith("file:")) return undefined;
  let dir = dirname(fileURLToPath(fromUri));
  for (let i = 0; i < 6; i++) {
    for (const candidate of [join(dir, id), join(dir, "policies", id)]) {
      if (existsSync(candidate) && statSync(candidate).isDirectory()) return candidate;
    }
    const up = dirname(dir);
    if (up === dir) break;
    dir = up;
  }
  return undefined;
}

/** Reads a policy by id from the file system: beside the document first, then as the CLI resolves ids. */
export const fileHost: ServerHost = {
  async findPolicy(id, fromUri) {
    let file: string;
    try {
      file = resolveSinglePolicy(policyFolderNear(id, fromUri) ?? id);
    } catch {
      return undefined;
    }
    const src = decodeSource(readFileSync(file), file);
    return "text" in src ? { text: src.text, file, source: file } : undefined;
  },
};

/** Serve until the client says exit; the exit code is 0 after a shutdown request, 1 otherwise (LSP). */
export function runStdioServer(io: Io): Promise<number> {
  void io;
  const connection = createConnection(new StreamMessageReader(process.stdin), new StreamMessageWriter(process.stdout));
  startServer(connection, fileHost);
  let shutdown = false;
  return new Promise((done) => {
    connection.onShutdown(() => {
      shutdown = true;
    });
    connection.onExit(() => done(shutdown ? 0 : 1));
    process.stdin.on("end", () => done(shutdown ? 0 : 1));
    connection.listen();
  });
}
