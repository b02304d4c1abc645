// The language server as a program of its own: the VS Code extension bundles this file (with
// everything it imports) as dist/server.mjs and runs it with node. `credit-policy lsp --stdio` is
// the same server behind the command line.
import { runStdioServer } from "./stdio.js";

runStdioServer({ stdout: process.stdout, stderr: process.stderr }).then(
  (code) => process.exit(code),
  (e: unknown) => {
    process.stderr.write(`credit-policy language server: ${(e as Error).message}\n`);
    process.exit(70);
  },
);
