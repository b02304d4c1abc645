// What a command of the command line is: its option table is both what parseArgs parses and
// what --help prints, so the two cannot drift apart. Commands live one per file in commands/ and
// are listed in registry.ts.
import { parseArgs } from "node:util";
import type { Io } from "./io.js";
import { UsageError } from "./errors.js";

interface OptionBase {
  short?: string;
  /** One line (wrapped when long) for the command's --help. */
  help: string;
}

/** One option: its parseArgs config (type, short) plus what --help says about it. */
export type OptionSpec =
  | (OptionBase & { type: "boolean" })
  | (OptionBase & { type: "string"; /** The placeholder --help shows: FILE, YYYY-MM-DD. */ value: string; /** May be given several times. */ multiple?: true })
  | (OptionBase & { type: "string"; /** The only values accepted, shown as the placeholder (jsonl|csv). */ choices: readonly string[] });

export type OptionTable = Record<string, OptionSpec>;

type ValueOf<S> = S extends { type: "boolean" } ? boolean : S extends { choices: readonly (infer C)[] } ? C : S extends { multiple: true } ? string[] : string;

export type Values<O extends OptionTable> = { [K in keyof O]?: ValueOf<O[K]> };

export interface Positional {
  name: string;
  help: string;
  /** One or more (with optional: any number); only the last positional may be many. */
  many?: boolean;
  optional?: boolean;
}

export interface Command<O extends OptionTable = OptionTable> {
  name: string;
  /** One line for the overall help. */
  summary: string;
  /** The synopsis after `credit-policy NAME`. */
  usage: string;
  description?: string;
  positionals: readonly Positional[];
  options: O;
  // A method, not a property: the registry holds commands of different tables as Command.
  run(args: { values: Values<O>; positionals: string[] }, io: Io): number | Promise<number>;
}

/** Infers the table's literal types, so run() sees `--format` as "jsonl" | "csv". */
export function defineCommand<const O extends OptionTable>(command: Command<O>): Command<O> {
  return command;
}

export const POLICY_ARG: Positional = {
  name: "POLICY",
  help: "a .policy or .policy.yaml file, a folder holding one policy's revisions, or a policy id under policies/",
};

function choicesText(choices: readonly string[]): string {
  return choices.length === 2 ? choices.join(" or ") : `one of ${choices.join(", ")}`;
}

function checkPositionals(command: Command, got: readonly string[]): void {
  const ps = command.positionals;
  const last = ps[ps.length - 1];
  if (last?.many) {
    if (!last.optional && got.length === 0) throw new UsageError(`${command.name} takes at least one ${last.name}`);
    return;
  }
  if (ps.length === 0 || got.length === ps.length) return;
  const names = ps.map((p) => p.name);
  throw new UsageError(`${command.name} takes ${names.length === 1 ? `one ${names[0]}` : `${names.slice(0, -1).join(", ")} and ${names.at(-1)}`}`);
}

/** The command's arguments, parsed by its option table and checked against its choices and positionals. */
export function parseCommandArgs<O extends OptionTable>(command: Command<O>, args: string[]): { values: Values<O>; positionals: string[] } {
  // The table itself is the parser's configuration: parseArgs ignores the help-only fields.
  const { values, positionals } = parseArgs({ args, options: command.options, allowPositionals: command.positionals.length > 0 });
  for (const [name, spec] of Object.entries(command.options)) {
    const v = (values as Record<string, unknown>)[name];
    if ("choices" in spec && typeof v === "string" && !spec.choices.includes(v)) {
      throw new UsageError(`--${name} must be ${choicesText(spec.choices)}, got ${JSON.stringify(v)}`);
    }
  }
  checkPositionals(command, positionals);
  return { values: values as unknown as Values<O>, positionals };
}

/** Whether the arguments ask for help: read leniently, so that help wins over any other mistake. */
export function wantsHelp(command: Command, args: string[]): boolean {
  const { tokens } = parseArgs({
    args,
    options: { ...command.options, help: { type: "boolean", short: "h" } },
    allowPositionals: true,
    strict: false,
    tokens: true,
  });
  return tokens.some((t) => t.kind === "option" && t.name === "help");
}
