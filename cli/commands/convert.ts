// `credit-policy convert FILE [--output FILE] [--to dsl|yaml] [--lang zh|en]`: DSL ⇄ YAML without
// loss. The target form comes from --to, else the output's extension, else the other form.
// Its options here; its work in ../run/convert.ts, loaded on use (start-up loads no more than the option tables).
import { defineCommand } from "../command.js";

export const command = defineCommand({
  name: "convert",
  summary: "Convert a policy between the text form (.policy) and the YAML form (.policy.yaml).",
  usage: "FILE [--output FILE] [--to dsl|yaml] [--lang zh|en]",
  description: "Nothing is lost either way. The form written comes from --to, else from the --output file's extension, else it is the other form.",
  positionals: [{ name: "FILE", help: "a policy file, or a folder or policy id holding one policy" }],
  options: {
    output: { type: "string", short: "o", value: "FILE", help: "write to FILE instead of standard output" },
    to: { type: "string", choices: ["dsl", "yaml"], help: "the form to write" },
    lang: { type: "string", choices: ["zh", "en"], help: "the keyword language (default: the file's own)" },
  },
  async run({ values, positionals }, io) {
    const { convertCommand } = await import("../run/convert.js");
    const { output, to, lang } = values;
    return await convertCommand(positionals[0] as string, { ...(output ? { output } : {}), ...(to ? { to } : {}), ...(lang ? { lang } : {}) }, io);
  },
});
