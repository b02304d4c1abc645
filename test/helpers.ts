// Shared test helpers: compile a policy from text and grade records with it.
import { compilePolicy } from "../compiler/compile.js";
import { bilingualMessage } from "../diagnostics/diagnostics.js";
import type { IRPolicy } from "../compiler/ir.js";
import { makeGrader, type Grader } from "../runtime/evaluate.js";

export function compileOk(text: string, file = "t.policy"): { ir: IRPolicy; grader: Grader } {
  const r = compilePolicy(text, file);
  const errors = r.diagnostics.filter((d) => d.severity === "error");
  if (!r.ir || errors.length) throw new Error(`does not compile: ${errors.map((d) => `${d.code} ${d.span?.line}:${d.span?.col} ${bilingualMessage(d)}`).join("; ")}`);
  return { ir: r.ir, grader: makeGrader(r.ir, r.sha256) };
}

export function codes(text: string, file = "t.policy"): string[] {
  return compilePolicy(text, file).diagnostics.map((d) => `${d.code}@${d.span?.line}:${d.span?.col}`);
}

/** A one-grade policy whose single clause is `when`, over `n` = breaches of commitments in a year. */
export function onePolicy(when: string, lets = "let n = count commitment_breaches in last 1 year"): string {
  return `policy "t" { title "t" }
disregard revoked, repaired 第十六条
${lets}
grade B "b" any {
  第一条 "t": ${when}
}
measures B management 第二条 { 第二条（一） "m" }
`;
}

export function breaches(n: number, date = "2021-06-01"): Record<string, unknown> {
  return { id: `r${n}`, commitment_breaches: Array.from({ length: n }, () => ({ date })) };
}
