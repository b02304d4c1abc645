// Preloaded into the CLI by bench/eval-e2e.ts (`node --import`): writes the process's peak resident
// memory (all threads) to $CP_RSS_FILE when it exits.
import { writeFileSync } from "node:fs";

process.on("exit", () => {
  if (process.env.CP_RSS_FILE) writeFileSync(process.env.CP_RSS_FILE, String(process.resourceUsage().maxRSS));
});
