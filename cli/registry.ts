// Every command of the command line, in the order the overall help lists them. A new command is
// one file in commands/ exporting `command`, and one line here.
import type { Command } from "./command.js";
import { command as analyze } from "./commands/analyze.js";
import { command as check } from "./commands/check.js";
import { command as compile } from "./commands/compile.js";
import { command as convert } from "./commands/convert.js";
import { command as coverage } from "./commands/coverage.js";
import { command as db } from "./commands/db.js";
import { command as diff } from "./commands/diff.js";
import { command as evalCmd } from "./commands/eval.js";
import { command as explain } from "./commands/explain.js";
import { command as fmt } from "./commands/fmt.js";
import { command as importCmd } from "./commands/import.js";
import { command as ir } from "./commands/ir.js";
import { command as list } from "./commands/list.js";
import { command as lsp } from "./commands/lsp.js";
import { command as newCmd } from "./commands/new.js";
import { command as test } from "./commands/test.js";

export const COMMANDS: readonly Command[] = [evalCmd, importCmd, compile, db, check, coverage, analyze, explain, newCmd, test, diff, fmt, convert, list, ir, lsp];
