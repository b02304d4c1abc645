// Preloaded into a measured child process (`node --import`, bench/children.ts): writes the
// process's CPU time in seconds (user + system, all threads) and its peak resident memory in KiB
// to $CP_RSS_FILE when it exits.
import { writeFileSync } from "node:fs";

process.on("exit", () => {
  if (!process.env.CP_RSS_FILE) return;
  const u = process.resourceUsage();
  writeFileSync(process.env.CP_RSS_FILE, JSON.stringify({ cpu: (u.userCPUTime + u.systemCPUTime) / 1e6, maxRSS: u.maxRSS }));
});
