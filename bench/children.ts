// Timing a whole child process: its wall time from here, its CPU time (user + system, all threads)
// and peak resident memory as the child itself reports them when it exits (bench/rss-at-exit.mjs,
// preloaded), or — for start-up, where a preload would add to what is measured — as bash's `times`
// reports for its finished child.
import { spawn } from "node:child_process";
import { readFileSync, rmSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import type { Sample } from "./harness.js";

export const ROOT = fileURLToPath(new URL("../", import.meta.url));
export const CLI = join(ROOT, "dist", "cli", "bin.js");
const PRELOAD = join(ROOT, "bench", "rss-at-exit.mjs");

export interface ChildRun {
  /** Arguments to node. */
  args: string[];
  /** Where standard output goes (default: discarded). */
  stdout?: string;
  cwd?: string;
}

/** Runs `node …args` with the preload that reports CPU and peak memory; throws when it does not exit 0 or 3. */
export async function measuredNode(run: ChildRun, tmp: string): Promise<Sample> {
  const report = join(tmp, `usage-${process.pid}-${Math.random().toString(36).slice(2)}`);
  const t0 = performance.now();
  const { code, stderr } = await exec(process.execPath, ["--import", PRELOAD, ...run.args], { ...process.env, CP_RSS_FILE: report }, run);
  const wall = (performance.now() - t0) / 1000;
  if (code !== 0 && code !== 3) throw new Error(`node ${run.args.join(" ")} exited ${code}: ${stderr}`);
  const usage = JSON.parse(readFileSync(report, "utf8")) as { cpu: number; maxRSS: number };
  rmSync(report, { force: true });
  return { cpu: usage.cpu, wall, extra: { peak_mb: Math.round(usage.maxRSS / 1024), exit: code ?? -1 } };
}

/** Runs `node …args` under bash and reads the child's CPU time from bash's `times`. */
export async function timedNode(run: ChildRun): Promise<Sample> {
  const script = `"$@" >${run.stdout ? `"${run.stdout}"` : "/dev/null"} 2>/dev/null; code=$?; times; echo "exit $code"`;
  const t0 = performance.now();
  const { stdout, code } = await exec("bash", ["-c", script, "bash", process.execPath, ...run.args], process.env, run, true);
  const wall = (performance.now() - t0) / 1000;
  if (code !== 0) throw new Error(`bash failed: ${stdout}`);
  // `times` prints the shell's own user/system line, then its children's: "0m0.512s 0m0.061s".
  const lines = stdout.trim().split("\n");
  const children = (lines[1] ?? "").match(/(\d+)m([\d.]+)s\s+(\d+)m([\d.]+)s/);
  const exit = Number((lines[2] ?? "").replace("exit ", ""));
  if (!children) throw new Error(`cannot read times: ${stdout}`);
  const cpu = Number(children[1]) * 60 + Number(children[2]) + Number(children[3]) * 60 + Number(children[4]);
  return { cpu, wall, extra: { exit } };
}

function exec(file: string, args: string[], env: NodeJS.ProcessEnv, run: ChildRun, captureStdout = false): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(file, args, { cwd: run.cwd ?? ROOT, env, stdio: ["ignore", captureStdout ? "pipe" : "ignore", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout?.on("data", (d: Buffer) => (stdout += d.toString()));
    child.stderr?.on("data", (d: Buffer) => (stderr += d.toString()));
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, stdout, stderr }));
  });
}
