// pinglu-fgj in @gorules/zen-engine: a JDM decision graph (../pinglu.jdm.json) — an expression node
// computing the one-year facts in the ZEN expression language, a first-hit decision table giving
// the grade in precedence order. The caller passes the window (D − 1 year, D].
import { readFileSync } from "node:fs";
import { ZenEngine } from "@gorules/zen-engine";
import type { Grade } from "../pinglu-hand.js";
import { yearBefore } from "./window.js";

export function pingluZen(asOf: string): (record: unknown) => Promise<Grade> {
  const engine = new ZenEngine();
  const decision = engine.createDecision(readFileSync(new URL("../pinglu.jdm.json", import.meta.url)));
  const from = yearBefore(asOf);
  return async (record) => {
    const { result } = (await decision.evaluate({ record, from, asOf })) as { result: { grade: Grade } };
    return result.grade ?? null;
  };
}
