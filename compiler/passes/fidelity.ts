// The fidelity pass: the policy against the text its 来源文件 names, when the caller supplied it
// (the CLI reads it beside the policy file). Every quote occurs verbatim in the article it cites
// (CP-E0801, with the closest passage as help; CP-E0803 when it is another article's); every
// citation names an article of the source (CP-E0802); the document's title, number and issuer
// are its own (CP-E0809); every article is cited or listed as not encoded (CP-W0804), and every
// sentence of a cited one quoted or listed (CP-W0805).
import { diag, type Diagnostic } from "../../diagnostics/diagnostics.js";
import type { CompileContext } from "../context.js";
import { checkFidelity } from "../fidelity/coverage.js";

const META_WORDS: Record<string, string> = { title: "标题 title", authority: "发文机关 authority", document: "文号 document", interpreter: "解释机关 interpreter" };

/** Up to this many characters of a passage or sentence in a message. */
const SHOWN = 80;

function shown(s: string): string {
  return s.length > SHOWN ? `${s.slice(0, SHOWN)}…` : s;
}

export function fidelity(ctx: CompileContext): void {
  const src = ctx.source;
  if (!src) return;
  if ("missing" in src) {
    ctx.diagnostics.push(diag("CP-W0806", src.span, [src.name, src.missing]));
    return;
  }
  const f = checkFidelity(ctx.policy, src.text);
  const out: Diagnostic[] = ctx.diagnostics;
  for (const u of f.unknown) out.push(diag("CP-E0802", u.span, [u.article, src.name]));
  for (const span of f.ambiguous) out.push(diag("CP-E0807", span));
  for (const q of f.quotes) {
    const where = q.citation.article ?? "解释说明";
    if (q.kind === "missing") {
      const passage = f.source.body.slice(q.closest.start, q.closest.end);
      out.push(
        diag("CP-E0801", q.citation.span, [where], {
          key: "help/closest-passage",
          args: [q.unit?.id ?? "?", shown(passage), q.closest.quoteHas || "（无）", q.closest.sourceHas || "（无）"],
        }),
      );
    } else {
      out.push(diag("CP-E0803", q.citation.span, [q.cited.id, q.found?.id ?? "?"], { key: "help/quote-found-at", args: [q.found?.id ?? "?"] }));
    }
  }
  for (const m of f.meta) out.push(diag("CP-E0809", m.span, [META_WORDS[m.key] ?? m.key, m.value]));
  for (const row of f.rows) {
    if (row.accounted) continue;
    const cited = Object.values(row.cited).some((l) => l.length > 0);
    const first = row.uncovered[0];
    if (!cited && row.notEncoded.length === 0) out.push(diag("CP-W0804", src.span, [row.unit.id], { key: "help/not-encoded", args: [row.unit.id] }));
    else out.push(diag("CP-W0805", src.span, [row.unit.id, shown(first ?? "")], { key: "help/not-encoded", args: [row.unit.id] }));
  }
}
