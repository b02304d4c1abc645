// A small policy for revision tests: `meta` goes inside the header; grades A and B (A: one breach
// of a commitment in a year, B: two) unless `grades` says otherwise; `extra` is appended.
export function smallPolicy(meta: string, opts: { id?: string; grades?: string[]; extra?: string } = {}): string {
  const grades = opts.grades ?? ["A", "B"];
  return `policy "${opts.id ?? "p"}" {
  title "t"
${meta}
}
let n = count commitment_breaches in last 1 year
${grades.map((g, i) => `grade ${g} "${g}" any {\n  第${"一二三四五"[i]}条 "t": n at least ${i + 1} times\n}`).join("\n")}
precedence ${[...grades].reverse().join(" > ")}
default none
${opts.extra ?? ""}
`;
}
