// Start-up: each command a user waits for, as a whole process (the built CLI, dist/cli/bin.js),
// against bare `node -e 0`. Targets (medians of wall time on this machine): --version, --help,
// list under 150 ms; check and test of one policy under 300 ms; eval of one record under 400 ms.
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { AS_OF, records } from "./dataset.js";
import { CLI, timedNode } from "./children.js";
import type { Row } from "./harness.js";

export interface StartupRow extends Row {
  /** The target for the median wall time, in seconds. */
  target?: number;
}

export function startupRows(tmp: string): StartupRow[] {
  const one = join(tmp, "one-record.jsonl");
  writeFileSync(one, JSON.stringify([...records(40, 5)].find((r) => r["sanctions"])) + "\n");
  const cli = (name: string, label: string, args: string[], target?: number): StartupRow => ({
    name,
    label,
    ...(target ? { target } : {}),
    run: () => timedNode({ args: [CLI, ...args] }),
  });
  return [
    { name: "node", label: "`node -e 0` (reference)", run: () => timedNode({ args: ["-e", "0"] }) },
    cli("version", "`credit-policy --version`", ["--version"], 0.15),
    cli("help", "`credit-policy --help`", ["--help"], 0.15),
    cli("list", "`credit-policy list`", ["list"], 0.15),
    cli("check", "`credit-policy check pinglu-fgj`", ["check", "pinglu-fgj"], 0.3),
    cli("test", "`credit-policy test pinglu-fgj`", ["test", "pinglu-fgj"], 0.3),
    cli("eval", "`credit-policy eval pinglu-fgj` of one record", ["eval", "pinglu-fgj", "--input", one, "--as-of", AS_OF, "--quiet"], 0.4),
    cli("compile", "`credit-policy compile pinglu-fgj --target js`", ["compile", "pinglu-fgj", "--target", "js", "--output", join(tmp, "compiled")]),
  ];
}
