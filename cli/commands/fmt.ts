// `credit-policy fmt PATH… [--check] [--stdout] [--lang zh|en]`: the canonical layout, idempotent.
// Rewrites files in place; --check only reports files that are not formatted (exit 1).
// Its options here; its work in ../run/fmt.ts, loaded on use (start-up loads no more than the option tables).
import { defineCommand } from "../command.js";

export const command = defineCommand({
  name: "fmt",
  summary: "Rewrite policies in the canonical layout.",
  usage: "PATH... [--check] [--stdout] [--lang zh|en]",
  description: "Formatting is idempotent; files already in the canonical layout are left alone.",
  positionals: [{ name: "PATH", help: "a policy file, a folder of policy files, or a policy id", many: true }],
  options: {
    check: { type: "boolean", help: "only name the files that are not formatted (exit 1 if any)" },
    stdout: { type: "boolean", help: "print the formatted text instead of rewriting the files" },
    lang: { type: "string", choices: ["zh", "en"], help: "the keyword language (default: the file's own)" },
  },
  async run({ values, positionals }, io) {
    const { fmtCommand } = await import("../run/fmt.js");
    const { check, stdout, lang } = values;
    return await fmtCommand(positionals, { ...(check ? { check: true } : {}), ...(stdout ? { stdout: true } : {}), ...(lang ? { lang } : {}) }, io);
  },
});
