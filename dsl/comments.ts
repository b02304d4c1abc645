// Comments as AST content. Both front-ends place a comment the same way: it belongs to the first
// node that can carry comments (ast.ts `Commented`: the policy header, a metadata entry, a
// declaration, a condition, a measure item, a band, a model item, a per-item output, a note)
// starting after it in the source; one with no such node after it is one of the policy's
// `trailingComments`. So a comment at the end of a line of code goes to the node after it, and one
// in a place where nothing starts after it within its block (before a `}`, inside a record) goes
// to the next node outside. The printers write each node's comments on the lines before it, which
// is where they read back from.
import type { CategoryDecl, Commented, Condition, MeasureGroup, MeasureItem, Note, Policy, ValueDecl } from "./ast.js";
import type { Span } from "../diagnostics/span.js";

/** A comment (possibly several lines) that belongs to the first node starting at or after `at`. */
export interface PlacedComment {
  at: number;
  lines: string[];
}

/** A text comment token's image as comment text: no `#` or `//`, no one space after it, no line end. */
export function commentText(image: string): string {
  return image
    .replace(/^(?:#|\/\/)/, "")
    .replace(/^ /, "")
    .trimEnd();
}

/** Every node of the policy that carries comments, outer nodes before the nodes inside them. */
export function commentTargets(policy: Policy): { start: number; node: Commented }[] {
  const out: { start: number; node: Commented }[] = [];
  const add = (node: Commented & { span: Span }): void => {
    out.push({ start: node.span.start, node });
  };
  const notes = (ns: readonly Note[]): void => ns.forEach(add);
  const condition = (c: Condition): void => {
    add(c);
    if (c.kind === "AnyOf" || c.kind === "AllOf") c.items.forEach(condition);
    else if (c.kind === "NotCond") condition(c.item);
    else notes(c.notes);
  };
  const measureItem = (i: MeasureItem): void => {
    add(i);
    i.items.forEach(measureItem);
  };
  const value = (v: ValueDecl): void => {
    add(v);
    notes(v.notes);
  };
  const category = (c: CategoryDecl): void => {
    add(c);
    condition(c.condition);
  };
  const measures = (m: MeasureGroup): void => {
    add(m);
    m.items.forEach(measureItem);
  };
  add(policy);
  for (const v of Object.values(policy.meta)) if (v) add(v);
  notes(policy.notes);
  if (policy.severity) add(policy.severity);
  if (policy.disregard) add(policy.disregard);
  policy.values.forEach(value);
  for (const g of policy.grades) {
    add(g);
    condition(g.condition);
  }
  if (policy.precedence) add(policy.precedence);
  if (policy.default) add(policy.default);
  policy.gradeMaps?.forEach(add);
  policy.measures.forEach(measures);
  policy.notices.forEach(add);
  policy.recordKeeping.forEach(add);
  policy.tests.forEach(add);
  // Score models, city plans and drafting: the declarations, band rows and model items.
  if (policy.snapshot) add(policy.snapshot);
  if (policy.collects) add(policy.collects);
  if (policy.requires) {
    add(policy.requires);
    policy.requires.exceptions?.forEach(add);
  }
  for (const m of policy.models ?? []) {
    add(m);
    m.items.forEach(add);
  }
  for (const b of policy.bands ?? []) {
    add(b);
    b.items.forEach(add);
  }
  policy.overrides?.forEach(add);
  // A category's condition may be a block of cited clauses, each carrying its own comments.
  policy.categories?.forEach(category);
  policy.obligations?.forEach(add);
  policy.annexes?.forEach(add);
  // Parameters, declared fields, named filters and per-item rules with everything inside them.
  policy.params?.forEach(add);
  policy.fields?.forEach(add);
  policy.filters?.forEach(add);
  for (const r of policy.itemRules ?? []) {
    add(r);
    notes(r.notes);
    r.values.forEach(value);
    for (const o of r.outputs) {
      add(o);
      condition(o.condition);
    }
    r.categories.forEach(category);
    r.measures.forEach(measures);
    r.obligations.forEach(add);
  }
  // Fidelity: the period in words, exception claims, not-encoded statements.
  if (policy.period) add(policy.period);
  policy.claims?.forEach(add);
  policy.notEncoded?.forEach(add);
  return out;
}

/**
 * Sets `comments` on the nodes of `policy` (and its `trailingComments`) from comments placed by
 * offset. Comments are taken in the order of `at` (ties in the given order), so each node's
 * comments keep their source order. Comments already on the nodes are replaced.
 */
export function attachComments(policy: Policy, comments: readonly PlacedComment[]): void {
  // Stable sorts: among nodes starting at one offset, the outer one takes the comment.
  const targets = commentTargets(policy).sort((a, b) => a.start - b.start);
  for (const t of targets) delete t.node.comments;
  delete policy.trailingComments;
  const placed = comments
    .map((c, i) => ({ c, i }))
    .sort((a, b) => a.c.at - b.c.at || a.i - b.i)
    .map(({ c }) => c);
  for (const c of placed) {
    if (c.lines.length === 0) continue;
    // The first target starting at or after c.at.
    let lo = 0;
    let hi = targets.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((targets[mid] as { start: number }).start < c.at) lo = mid + 1;
      else hi = mid;
    }
    const target = targets[lo];
    if (target) (target.node.comments ??= []).push(...c.lines);
    else (policy.trailingComments ??= []).push(...c.lines);
  }
}
