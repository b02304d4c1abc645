#!/usr/bin/env node
// The executable behind `credit-policy` (package.json "bin"): runs main() on this process.
import { register } from "node:module";

register("./fast-chevrotain.js", import.meta.url);
const { main } = await import("./main.js");

main(process.argv.slice(2), { stdout: process.stdout, stderr: process.stderr }).then(
  (code) => {
    process.exitCode = code;
  },
  (e: unknown) => {
    process.stderr.write(`credit-policy: internal error: ${(e as Error).message}\n`);
    process.exitCode = 70;
  },
);
