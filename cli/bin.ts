#!/usr/bin/env node
// The executable behind `credit-policy` (package.json "bin"): runs main() on this process.
// Each command loads its own modules when it runs (cli/run/), so `--version` and `--help` load
// only the option tables; chevrotain comes as one bundled file (scripts/dist-chevrotain.mjs).
import { main } from "./main.js";

const argv = process.argv.slice(2);
// A reader that goes away (`| head`) ends the output, not with a stack trace.
process.stdout.on("error", (e: NodeJS.ErrnoException) => {
  if (e.code === "EPIPE") process.exit(process.exitCode ?? 0);
  throw e;
});

main(argv, { stdout: process.stdout, stderr: process.stderr }).then(
  (code) => {
    process.exitCode = code;
  },
  (e: unknown) => {
    process.stderr.write(`credit-policy: internal error: ${(e as Error).message}\n`);
    process.exitCode = 70;
  },
);
