// The diff report as JSON for tools: the DiffReport object itself (schema: diff-report.schema.json).
import type { DiffReport } from "./model.js";

export function renderJson(report: DiffReport): string {
  return `${JSON.stringify(report, null, 2)}\n`;
}
