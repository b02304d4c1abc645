// This package's name and version (package.json), for --version and for the reports that state
// which tool made them (diff's provenance, check's JSON and SARIF).
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { PACKAGE_ROOT } from "./package-root.js";

let cached: { name: string; version: string } | undefined;

export function toolInfo(): { name: string; version: string } {
  cached ??= (() => {
    const pkg = JSON.parse(readFileSync(join(PACKAGE_ROOT, "package.json"), "utf8")) as { name: string; version: string };
    return { name: pkg.name, version: pkg.version };
  })();
  return cached;
}

/** When a report is made: now, or SOURCE_DATE_EPOCH (seconds) for a reproducible report. */
export function reportTime(env: NodeJS.ProcessEnv = process.env): string {
  const epoch = env["SOURCE_DATE_EPOCH"];
  if (epoch !== undefined && /^\d+$/.test(epoch)) return new Date(Number(epoch) * 1000).toISOString();
  return new Date().toISOString();
}
