// `credit-policy ir POLICY [--json]`: the compiled IR, printed as its mathematical reading (or as
// JSON for tools).
// Its options here; its work in ../run/ir.ts, loaded on use (start-up loads no more than the option tables).
import { defineCommand, POLICY_ARG } from "../command.js";

export const command = defineCommand({
  name: "ir",
  summary: "The compiled policy as its mathematical reading (boundary words as <, ≤, >, ≥), or its IR as JSON.",
  usage: "POLICY [--json]",
  positionals: [POLICY_ARG],
  options: {
    json: { type: "boolean", help: "the IR as JSON, for tools" },
  },
  async run({ values, positionals }, io) {
    const { irCommand } = await import("../run/ir.js");
    return await irCommand(positionals[0] as string, { ...(values.json ? { json: true } : {}) }, io);
  },
});
