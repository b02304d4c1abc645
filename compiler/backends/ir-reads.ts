// The derived values an IR expression reads, found by walking the expression as data: every
// `{ op: "value" }` node, however deeply nested, whatever new ops surround it.
import type { IRExpr } from "../ir.js";

export function irValueReadsOf(e: IRExpr | undefined): string[] {
  const out: string[] = [];
  const visit = (x: unknown): void => {
    if (Array.isArray(x)) x.forEach(visit);
    else if (x && typeof x === "object") {
      const node = x as { op?: unknown; name?: unknown };
      if (node.op === "value" && typeof node.name === "string" && !out.includes(node.name)) out.push(node.name);
      for (const [k, v] of Object.entries(x)) if (k !== "span") visit(v);
    }
  };
  visit(e);
  return out;
}
