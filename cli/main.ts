// The `credit-policy` command line. Contract: shared/spec/cli-contract.md. Exit codes: 0 ok;
// 1 check errors or failed tests; 2 usage error, unreadable file, or a policy that does not
// compile; 3 eval wrote an error line for at least one record.
import { parseArgs } from "node:util";
import type { Lang } from "../dsl/print/expr.js";
import { checkCommand } from "./commands/check.js";
import { convertCommand } from "./commands/convert.js";
import type { DiffFormat } from "./commands/diff.js";
import { evalCommand } from "./commands/eval.js";
import { compileCommand } from "./commands/compile.js";
import { fmtCommand } from "./commands/fmt.js";
import { irCommand } from "./commands/ir.js";
import { listCommand } from "./commands/list.js";
import { newCommand } from "./commands/new.js";
import { testCommand } from "./commands/test.js";
import { line, type Io } from "./io.js";
import { PolicyLoadError, UsageError } from "./load.js";

const HELP = `credit-policy — credit grading regulations (信用分级分类监管) as policy-as-data

Usage:
  credit-policy eval POLICY --input FILE|- [--as-of YYYY-MM-DD] [--revision R] [--output FILE]
                   [--format jsonl|csv] [--input-format json|csv] [--workers N] [--quiet]
      Grade every credit record (JSON Lines, a JSON array, or CSV with nested parts as JSON
      cells) as of a day (default: today in China Standard Time), by the revision in force that
      day (--revision: by revision R, its version or file name). One line out per record (JSON
      Lines, or CSV for a .csv output), in input order; a summary on stderr at the end.
  credit-policy compile POLICY --target schema|types|ts|js [--output DIR] [--support MODULE]
      The policy as code: its input JSON Schema, TypeScript declarations of its input and
      result, or a standalone TypeScript / JavaScript module exporting evaluate(record, asOf).
  credit-policy check POLICY... [--against PLAN]
      Parse and check; diagnostics as FILE:LINE:COL: error|warning CODE: message. With
      --against, also what a department policy lacks against its city plan's requirements.
  credit-policy new --department NAME | --name NAME --id ID [--plan PLAN] [--output DIR] [--force]
      Draft a department policy from a city plan (default wugang-credit-plan) into
      policies/<id>/<id>.policy, with the places to fill marked 待填写.
  credit-policy test [POLICY...] [--revision R]
      Run the test cases written in the policies (all of policies/ by default), each graded by
      the revision in force on its day (--revision: only R's cases, graded by R).
  credit-policy diff OLD NEW [--cases FILE] [--as-of YYYY-MM-DD] [--format text|markdown|json|html]
                   [--output FILE] [--exit-code]
      What changed between two policies, by article, in the regulation's terms, with witness
      records; --cases grades every record under both and reports who moves. OLD and NEW are
      files, folders (latest revision), policy ids or git REV:PATH (HEAD~3:policies/pinglu-fgj).
      --exit-code: exit 1 when something changed.
  credit-policy fmt PATH... [--check] [--stdout] [--lang zh|en]
      Rewrite policies in the canonical layout (--check: only report, exit 1 if any differs).
  credit-policy convert FILE [--output FILE] [--to dsl|yaml] [--lang zh|en]
      Convert between the text form (.policy) and the YAML form (.policy.yaml).
  credit-policy list [--json]
      The policies in policies/: id, document number, effective date, title.
  credit-policy ir POLICY [--json]
      The compiled policy as its mathematical reading (boundary words as <, ≤, >, ≥), or its IR
      as JSON.

POLICY is a .policy or .policy.yaml file, a folder holding one policy's revisions, or a policy
id under policies/. Exit codes: 0 ok, 1 errors found or tests failed, 2 usage error or a policy that
does not compile, 3 some records could not be graded (their error lines are in the output).
`;

function lang(v: unknown): Lang | undefined {
  if (v === undefined) return undefined;
  if (v === "zh" || v === "en") return v;
  throw new UsageError(`--lang must be zh or en, got ${String(v)}`);
}

export async function main(argv: string[], io: Io): Promise<number> {
  const [command, ...rest] = argv;
  try {
    switch (command) {
      case "eval": {
        const { values, positionals } = parseArgs({
          args: rest,
          allowPositionals: true,
          options: {
            input: { type: "string", short: "i" },
            "as-of": { type: "string" },
            revision: { type: "string" },
            output: { type: "string", short: "o" },
            format: { type: "string" },
            "input-format": { type: "string" },
            workers: { type: "string" },
            engine: { type: "string" },
            quiet: { type: "boolean", short: "q" },
          },
        });
        if (positionals.length !== 1) throw new UsageError("eval takes one POLICY");
        if (!values.input) throw new UsageError("eval needs --input FILE (or - for standard input)");
        if (values.workers !== undefined && !/^\d+$/.test(values.workers)) throw new UsageError("--workers must be a whole number, 0 or more");
        return await evalCommand(
          {
            policy: positionals[0] as string,
            input: values.input,
            ...(values["as-of"] ? { asOf: values["as-of"] } : {}),
            ...(values.revision !== undefined ? { revision: values.revision } : {}),
            ...(values.output ? { output: values.output } : {}),
            ...(values.format ? { format: values.format } : {}),
            ...(values["input-format"] ? { inputFormat: values["input-format"] } : {}),
            ...(values.workers !== undefined ? { workers: Number(values.workers) } : {}),
            ...(values.engine ? { engine: values.engine } : {}),
            ...(values.quiet ? { quiet: true } : {}),
          },
          io,
        );
      }
      case "compile": {
        const { values, positionals } = parseArgs({
          args: rest,
          allowPositionals: true,
          options: { target: { type: "string", short: "t" }, output: { type: "string", short: "o" }, support: { type: "string" } },
        });
        if (positionals.length !== 1) throw new UsageError("compile takes one POLICY");
        if (!values.target) throw new UsageError("compile needs --target schema|types|ts|js");
        return await compileCommand(
          positionals[0] as string,
          { target: values.target, ...(values.output ? { output: values.output } : {}), ...(values.support ? { support: values.support } : {}) },
          io,
        );
      }
      case "check": {
        const { values, positionals } = parseArgs({ args: rest, allowPositionals: true, options: { against: { type: "string" } } });
        if (positionals.length === 0) throw new UsageError("check takes at least one POLICY");
        return checkCommand(positionals, io, values.against ? { against: values.against } : {});
      }
      case "new": {
        const { values } = parseArgs({
          args: rest,
          options: {
            department: { type: "string" },
            name: { type: "string" },
            plan: { type: "string" },
            id: { type: "string" },
            output: { type: "string" },
            force: { type: "boolean" },
          },
        });
        return newCommand(
          {
            ...(values.department ? { department: values.department } : {}),
            ...(values.name ? { name: values.name } : {}),
            ...(values.plan ? { plan: values.plan } : {}),
            ...(values.id ? { id: values.id } : {}),
            ...(values.output ? { output: values.output } : {}),
            ...(values.force ? { force: true } : {}),
          },
          io,
        );
      }
      case "test": {
        const { values, positionals } = parseArgs({ args: rest, allowPositionals: true, options: { revision: { type: "string" } } });
        return testCommand(positionals, io, values.revision !== undefined ? { revision: values.revision } : {});
      }
      case "diff": {
        const { values, positionals } = parseArgs({
          args: rest,
          allowPositionals: true,
          options: {
            cases: { type: "string" },
            "as-of": { type: "string" },
            format: { type: "string" },
            output: { type: "string", short: "o" },
            "exit-code": { type: "boolean" },
          },
        });
        if (positionals.length !== 2) throw new UsageError("diff takes OLD and NEW");
        // Loaded on use: the diff's modules are no cost to the other commands' start.
        const { DIFF_FORMATS, diffCommand } = await import("./commands/diff.js");
        const format = values.format;
        if (format !== undefined && !(DIFF_FORMATS as readonly string[]).includes(format)) {
          throw new UsageError(`--format must be one of ${DIFF_FORMATS.join(", ")}, got ${format}`);
        }
        return await diffCommand(
          {
            old: positionals[0] as string,
            new: positionals[1] as string,
            ...(values.cases !== undefined ? { cases: values.cases } : {}),
            ...(values["as-of"] !== undefined ? { asOf: values["as-of"] } : {}),
            ...(format !== undefined ? { format: format as DiffFormat } : {}),
            ...(values.output !== undefined ? { output: values.output } : {}),
            ...(values["exit-code"] ? { exitCode: true } : {}),
          },
          io,
        );
      }
      case "fmt": {
        const { values, positionals } = parseArgs({
          args: rest,
          allowPositionals: true,
          options: { check: { type: "boolean" }, stdout: { type: "boolean" }, lang: { type: "string" } },
        });
        if (positionals.length === 0) throw new UsageError("fmt takes at least one PATH");
        const l = lang(values.lang);
        return fmtCommand(positionals, { ...(values.check ? { check: true } : {}), ...(values.stdout ? { stdout: true } : {}), ...(l ? { lang: l } : {}) }, io);
      }
      case "convert": {
        const { values, positionals } = parseArgs({
          args: rest,
          allowPositionals: true,
          options: { output: { type: "string", short: "o" }, to: { type: "string" }, lang: { type: "string" } },
        });
        if (positionals.length !== 1) throw new UsageError("convert takes one FILE");
        const l = lang(values.lang);
        return convertCommand(
          positionals[0] as string,
          { ...(values.output ? { output: values.output } : {}), ...(values.to ? { to: values.to } : {}), ...(l ? { lang: l } : {}) },
          io,
        );
      }
      case "ir": {
        const { values, positionals } = parseArgs({ args: rest, allowPositionals: true, options: { json: { type: "boolean" } } });
        if (positionals.length !== 1) throw new UsageError("ir takes one POLICY");
        return irCommand(positionals[0] as string, { ...(values.json ? { json: true } : {}) }, io);
      }
      case "list": {
        const { values } = parseArgs({ args: rest, options: { json: { type: "boolean" } } });
        return listCommand({ ...(values.json ? { json: true } : {}) }, io);
      }
      case undefined:
      case "help":
      case "--help":
      case "-h":
        io.stdout.write(HELP);
        return command === undefined ? 2 : 0;
      case "--version":
        line(io.stdout, "credit-policy 0.1.0");
        return 0;
      default:
        throw new UsageError(`unknown command ${command}; see credit-policy --help`);
    }
  } catch (e) {
    if (e instanceof PolicyLoadError) {
      // Diagnostics already say where (FILE:LINE:COL) and what (CODE).
      for (const l of e.lines) line(io.stderr, l);
      return 2;
    }
    if (e instanceof UsageError || (e as { code?: string }).code?.startsWith("ERR_PARSE_ARGS")) {
      line(io.stderr, `credit-policy: ${(e as Error).message}`);
      return 2;
    }
    // Anything else is our bug: say so in one line, no stack trace unless asked for.
    line(io.stderr, `credit-policy: internal error: ${(e as Error).message}`);
    if (process.env["CREDIT_POLICY_DEBUG"]) line(io.stderr, String((e as Error).stack));
    return 70;
  }
}
