// Runs the built command (dist/, as `npx credit-policy` does) in a child process.
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { join } from "node:path";

export const ROOT = join(import.meta.dirname, "..", "..");
const BIN = join(ROOT, "dist", "cli", "bin.js");

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
  lines: string[];
}

export function cli(args: string[], opts: { input?: string | Buffer; cwd?: string; env?: NodeJS.ProcessEnv } = {}): CliResult {
  if (!existsSync(BIN)) throw new Error("dist/ is missing: run `npm run build` first (npm test does)");
  const r = spawnSync(process.execPath, [BIN, ...args], {
    cwd: opts.cwd ?? ROOT,
    input: opts.input,
    encoding: "utf8",
    maxBuffer: 256 * 1024 * 1024,
    env: { ...process.env, NO_COLOR: "1", ...opts.env },
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr, lines: r.stdout.split("\n").filter(Boolean) };
}

/** A stack trace looks like "    at fn (file.js:1:2)". */
export const STACK_TRACE = /^\s+at .+[:(]\d+:\d+\)?$/m;
