// `diff OLD NEW --prove`: the solver's proof of equality, or the records whose grade changes
// (analysis/smt/prove.ts), for cli/diff/run-diff.ts to show after the diff's report.
import { provePolicies } from "../../analysis/smt/prove.js";
import { renderProofText } from "../../analysis/smt/render.js";
import type { Side } from "../diff/run-diff.js";
import { checkBound, solver } from "./common.js";

export function proveHook(bound: string | undefined): (a: Side, b: Side, asOf: string) => Promise<{ text: string; json: unknown; equal: boolean }> {
  const k = checkBound(bound);
  return async (a, b, asOf) => {
    const report = await provePolicies(await solver(), a.ir, b.ir, { asOf, ...(k !== undefined ? { k } : {}) });
    return { text: renderProofText(report), json: report, equal: report.equal && report.unsupported.length === 0 };
  };
}
