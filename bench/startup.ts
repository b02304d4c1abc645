// Start-up: each command a user waits for, as a whole process (the built CLI, dist/cli/bin.js),
// against bare `node -e 0`. Targets (medians of wall time on this machine): --version, --help,
// list under 150 ms; check and test of one policy under 300 ms; eval of one record under 400 ms.
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { AS_OF, records } from "./dataset.js";
import { CLI, ROOT, timedNode } from "./children.js";
import type { Row } from "./harness.js";

export interface StartupRow extends Row {
  /** The target for the median wall time, in seconds. */
  target?: number;
}

const support = (file: string) => pathToFileURL(join(ROOT, "dist", "support", file)).href;

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
    // What a generated module loads (issue 18's target: the import well under 50 ms, i.e. this row
    // minus the `node -e 0` row), from ESM and from CommonJS; and the public API, which brings the compiler.
    { name: "support", label: "`import \"credit-policy/support\"` (ESM; minus `node -e 0` = the import)", run: () => timedNode({ args: ["--input-type=module", "-e", `import ${JSON.stringify(support("index.js"))};`] }) },
    { name: "support-cjs", label: "`require(\"credit-policy/support\")` (CommonJS)", run: () => timedNode({ args: ["-e", `require(${JSON.stringify(join(ROOT, "dist", "support", "index.cjs"))});`] }) },
    { name: "api", label: "`import { compile, evaluate } from \"credit-policy\"` (the API: compiler included)", run: () => timedNode({ args: ["--input-type=module", "-e", `import ${JSON.stringify(pathToFileURL(join(ROOT, "dist", "api", "index.js")).href)};`] }) },
  ];
}
