// Pass 0, drafting: every place a drafter has yet to fill (the keyword 待填写 / TODO, or a text
// still holding 【待填写…】), all reported at once so that a draft's check is one clear list.
import type { Policy } from "../../dsl/ast.js";
import { diag } from "../../diagnostics/diagnostics.js";
import type { Span } from "../../diagnostics/span.js";
import type { CompileContext } from "../context.js";

/** What a node is called, for saying where a place to fill is: a value, model item, grade … */
function label(obj: Record<string, unknown>): string | undefined {
  for (const key of ["name", "grade", "id", "article"]) if (typeof obj[key] === "string" && obj[key]) return obj[key] as string;
  return undefined;
}

function walk(ctx: CompileContext, node: unknown, span: Span, where: string): void {
  if (Array.isArray(node)) {
    for (const x of node) walk(ctx, x, span, where);
    return;
  }
  if (!node || typeof node !== "object") return;
  const obj = node as Record<string, unknown>;
  const here = (obj["span"] as Span | undefined) ?? span;
  if (obj["kind"] === "Placeholder" || obj["kind"] === "todo") {
    ctx.diagnostics.push(diag("CP-E0508", here, [where]));
    return;
  }
  for (const [k, v] of Object.entries(obj)) {
    // Test records are data, comments are prose: neither is a place to fill.
    if (k === "span" || k === "comments" || k === "trailingComments" || k === "record" || k === "recordSpans" || k === "recordNumbers") continue;
    if (typeof v === "string" && v.includes("待填写")) ctx.diagnostics.push(diag("CP-E0508", here, [v]));
    else walk(ctx, v, here, label(obj) ?? where);
  }
}

export function drafting(ctx: CompileContext): void {
  const p: Policy = ctx.policy;
  for (const [key, value] of Object.entries(p.meta)) if (value?.kind === "todo") ctx.diagnostics.push(diag("CP-E0508", value.span, [key]));
  const { meta: _meta, ...rest } = p;
  walk(ctx, rest, p.span, p.id);
}
