// `credit-policy lsp --stdio`: the language server (analysis/lsp/) over standard input and output,
// for VS Code (editor/vscode/) and any editor with an LSP client. Loaded on use, so the other
// commands do not pay for the server's modules at start-up.
import { defineCommand } from "../command.js";
import { UsageError } from "../errors.js";

export const command = defineCommand({
  name: "lsp",
  summary: "The language server (LSP) for policy files, over standard input and output.",
  usage: "--stdio",
  description:
    "Diagnostics, completion, hover, definitions, references, rename, outline, formatting, quick fixes and " +
    "semantic tokens for .policy and .policy.yaml files. Parent plans are read from the policies/ folder " +
    "beside the document, else from the working directory's or this package's policies/.",
  positionals: [],
  options: {
    stdio: { type: "boolean", help: "speak JSON-RPC over standard input and output (the only transport)" },
  },
  async run({ values }, io) {
    if (!values.stdio) throw new UsageError("lsp speaks over standard input and output: pass --stdio");
    const { runStdioServer } = await import("../lsp/stdio.js");
    return await runStdioServer(io);
  },
});
