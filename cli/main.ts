// The `credit-policy` command line: a dispatcher over the commands of registry.ts. Contract:
// shared/spec/cli-contract.md. Exit codes: 0 ok; 1 check errors or failed tests; 2 usage error,
// unreadable or unwritable file, or a policy that does not compile; 3 eval wrote an error line for at least one
// record; 70 internal error.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { parseCommandArgs, wantsHelp, type Command } from "./command.js";
import { commandHelp, overallHelp } from "./help.js";
import { line, WriteError, type Io } from "./io.js";
import { PolicyLoadError, UsageError } from "./errors.js";
import { PACKAGE_ROOT } from "./package-root.js";
import { COMMANDS } from "./registry.js";

function version(): string {
  return (JSON.parse(readFileSync(join(PACKAGE_ROOT, "package.json"), "utf8")) as { version: string }).version;
}

function findCommand(name: string): Command {
  const command = COMMANDS.find((c) => c.name === name);
  if (!command) throw new UsageError(`unknown command ${name}; see credit-policy --help`);
  return command;
}

async function dispatch(argv: string[], io: Io): Promise<number> {
  const [name, ...rest] = argv;
  switch (name) {
    case undefined:
      io.stdout.write(overallHelp(COMMANDS));
      return 2;
    case "help":
    case "--help":
    case "-h":
      io.stdout.write(name === "help" && rest[0] !== undefined ? commandHelp(findCommand(rest[0])) : overallHelp(COMMANDS));
      return 0;
    case "--version":
      line(io.stdout, `credit-policy ${version()}`);
      return 0;
  }
  const command = findCommand(name);
  if (wantsHelp(command, rest)) {
    io.stdout.write(commandHelp(command));
    return 0;
  }
  return await command.run(parseCommandArgs(command, rest), io);
}

export async function main(argv: string[], io: Io): Promise<number> {
  try {
    return await dispatch(argv, io);
  } catch (e) {
    if (e instanceof PolicyLoadError) {
      // Diagnostics already say where (FILE:LINE:COL) and what (CODE).
      for (const l of e.lines) line(io.stderr, l);
      return 2;
    }
    if (e instanceof UsageError || e instanceof WriteError || (e as { code?: string }).code?.startsWith("ERR_PARSE_ARGS")) {
      line(io.stderr, `credit-policy: ${(e as Error).message}`);
      return 2;
    }
    // Anything else is our bug: say so in one line, no stack trace unless asked for.
    line(io.stderr, `credit-policy: internal error: ${(e as Error).message}`);
    if (process.env["CREDIT_POLICY_DEBUG"]) line(io.stderr, String((e as Error).stack));
    return 70;
  }
}
