// Preloaded into the CLI by bench/sql.ts (`node --import`): writes the process's peak resident
// memory and CPU time (all threads, DuckDB's included) to $CP_USAGE_FILE as JSON when it exits.
import { writeFileSync } from "node:fs";

process.on("exit", () => {
  const u = process.resourceUsage();
  if (process.env.CP_USAGE_FILE) writeFileSync(process.env.CP_USAGE_FILE, JSON.stringify({ maxRSS: u.maxRSS, user: u.userCPUTime, system: u.systemCPUTime }));
});
