// The --help texts, generated from the registry and each command's option table: what help says
// is what the parser accepts.
import { POLICY_ARG, type Command, type OptionSpec } from "./command.js";

const WIDTH = 100;
/** Option labels wider than this put their help on the next line. */
const LABEL_COLUMN = 34;

/** `prefix` then the words, in lines of at most WIDTH columns; later lines start with `indent`. */
function fill(prefix: string, words: readonly string[], indent: string): string {
  const lines: string[] = [];
  let cur = prefix;
  // A word wider than a whole line still goes on one, rather than leaving an empty line behind.
  let empty = true;
  for (const word of words) {
    if (!empty && cur.length + 1 + word.length > WIDTH) {
      lines.push(cur);
      cur = indent + word;
    } else cur += (empty ? "" : " ") + word;
    empty = false;
  }
  lines.push(cur.trimEnd());
  return lines.join("\n");
}

const words = (text: string) => text.split(/\s+/).filter(Boolean);
/** A bracketed group ([--as-of YYYY-MM-DD]) stays on one line. */
const usageWords = (usage: string) => usage.match(/\[[^\]]*\]|\S+/g) ?? [];

function usageLines(c: Command, lead: string): string {
  const prefix = `${lead}credit-policy ${c.name} `;
  return fill(prefix, usageWords(c.usage), " ".repeat(prefix.length));
}

function placeholder(spec: OptionSpec): string {
  return "choices" in spec ? ` ${spec.choices.join("|")}` : "value" in spec ? ` ${spec.value}` : "";
}

function optionLines(c: Command): string[] {
  const rows = Object.entries(c.options).map(([name, spec]) => ({
    label: `  ${spec.short ? `-${spec.short}, ` : "    "}--${name}${placeholder(spec)}`,
    help: spec.help,
  }));
  const column = Math.min(LABEL_COLUMN, Math.max(...rows.map((r) => r.label.length)) + 2);
  const indent = " ".repeat(column);
  return rows.map((r) =>
    r.label.length + 2 > column ? `${r.label}\n${fill(indent, words(r.help), indent)}` : fill(r.label.padEnd(column), words(r.help), indent),
  );
}

/** `credit-policy COMMAND --help`. */
export function commandHelp(c: Command): string {
  const parts = [usageLines(c, "Usage: "), fill("", words(c.summary), ""), ...(c.description ? [fill("", words(c.description), "")] : [])];
  if (c.positionals.length > 0) {
    const column = Math.max(...c.positionals.map((p) => p.name.length)) + 4;
    const rows = c.positionals.map((p) => fill(`  ${p.name}`.padEnd(column), words(p.help), " ".repeat(column)));
    parts.push(["Arguments:", ...rows].join("\n"));
  }
  if (Object.keys(c.options).length > 0) parts.push(["Options:", ...optionLines(c)].join("\n"));
  return parts.join("\n\n") + "\n";
}

const EXIT_CODES: [number, string][] = [
  [0, "ok"],
  [1, "check found errors, a test failed, or (diff --exit-code) something changed"],
  [2, "usage error, unreadable file, a policy that does not compile or whose revisions do not fit together, or no revision in force on the day"],
  [3, "eval could not grade some records (their error lines are in the output)"],
  [70, "internal error, a bug (CREDIT_POLICY_DEBUG=1 prints its stack trace)"],
];

/** `credit-policy --help`: every command's usage and summary. */
export function overallHelp(commands: readonly Command[]): string {
  const entries = commands.map((c) => `${usageLines(c, "  ")}\n${fill("      ", words(c.summary), "      ")}`);
  entries.push("  credit-policy COMMAND --help\n      The command's arguments and options.");
  entries.push("  credit-policy --version\n      The version of credit-policy.");
  const title = "credit-policy — credit grading regulations (信用分级分类监管) as policy-as-data";
  const policy = fill("", words(`${POLICY_ARG.name} is ${POLICY_ARG.help}.`), "");
  const exits = ["Exit codes:", ...EXIT_CODES.map(([code, what]) => fill(`  ${code}`.padEnd(6), words(what), "      "))].join("\n");
  return [title, ["Usage:", ...entries].join("\n"), policy, exits].join("\n\n") + "\n";
}
