// `credit-policy list [--json]`: the policies in policies/ with id, title, document number and
// effective date.
// Its options here; its work in ../run/list.ts, loaded on use (start-up loads no more than the option tables).
import { defineCommand } from "../command.js";

export const command = defineCommand({
  name: "list",
  summary: "The policies in policies/: id, document number, effective date, title.",
  usage: "[--json]",
  positionals: [],
  options: {
    json: { type: "boolean", help: "one JSON object per policy and line, with its file and whether it compiles" },
  },
  async run({ values }, io) {
    const { listCommand } = await import("../run/list.js");
    return await listCommand({ ...(values.json ? { json: true } : {}) }, io);
  },
});
