// `test --coverage`: each revision's coverage by its own cases and the cases proposed for what they
// miss (analysis/smt/coverage.ts), as text or one JSON line per revision.
import { readFileSync } from "node:fs";
import { coverage } from "../../analysis/smt/coverage.js";
import { renderCoverageText } from "../../analysis/smt/render.js";
import type { IRPolicy } from "../../compiler/ir.js";
import { solver } from "./common.js";

/** The keyword language of a policy source (its first keyword), for the proposed cases. */
function langOf(file: string): "zh" | "en" {
  try {
    const text = readFileSync(file, "utf8");
    return /^\s*(政策|policy:|id:)/m.test(text) && !/^\s*policy\s+"/m.test(text) ? "zh" : "en";
  } catch {
    return "zh";
  }
}

export function coverageHook(format: "text" | "json"): (ir: IRPolicy, file: string) => Promise<string> {
  return async (ir, file) => {
    const report = await coverage(ir, { lang: langOf(file) }, solver);
    return format === "json" ? `${JSON.stringify({ file, ...report })}\n` : renderCoverageText(report, file);
  };
}
