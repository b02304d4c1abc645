// Results as output lines (JSON Lines and CSV), byte for byte what JSON.stringify (and the CSV
// cells of csv-output.ts) give, at the speed of the grader. A graded result has a fixed layout
// (compiler/backends/result-shape.ts, runtime/evaluate.ts): id, as_of, policy, grade, label,
// matched, measures, notifications, then the policy's extras. Of these only id and matched (and
// the extras) differ from subject to subject: everything from "as_of" to "label" depends on the
// day and the grade, and the measures and notifications of a grade are shared, frozen arrays. So
// the text of those parts is made once per grade and day (checked by identity and equality on
// every record, never assumed) and spliced around the per-record parts.
import type { EvalOutput } from "../../runtime/evaluate.js";

/** The result fields a policy's results carry beyond the core ones, in this order after notifications. */
export interface ResultExtras {
  categories: boolean;
  scores: boolean;
  obligations: boolean;
  snapshot: boolean;
  items?: boolean;
}

type Graded = Record<string, unknown> & { id: string | null; as_of: string; policy: object; grade: string | null; label: string | null };

/** The text of the fields from as_of to label, for one day, policy reference, grade and label. */
interface Head {
  asOf: string;
  policy: object;
  grade: string | null;
  label: string | null;
  text: string;
}

/** Serialised once per shared frozen array (a grade's measures or notifications). */
const shared = new WeakMap<object, string>();

function sharedJson(v: unknown): string {
  if (v !== null && typeof v === "object" && Object.isFrozen(v)) {
    let text = shared.get(v);
    if (text === undefined) shared.set(v, (text = JSON.stringify(v)));
    return text;
  }
  return JSON.stringify(v) as string;
}

const EXTRA_KEYS = [
  ["categories", "categories"],
  ["scores", "scores"],
  ["obligations", "obligations"],
  ["snapshot", "data_as_of"],
  ["items", "items"],
] as const;

/**
 * A function from a result to its JSON line (without the newline) for results of one policy
 * layout. An error result, or anything not laid out as a graded result, goes through JSON.stringify.
 */
export function makeResultJson(extras: ResultExtras): (result: EvalOutput) => string {
  const extraKeys = EXTRA_KEYS.filter(([flag]) => extras[flag]).map(([, key]) => key);
  const extraNames = extraKeys.map((k) => `,${JSON.stringify(k)}:`);
  const heads = new Map<string | null, Head>();
  const head = (r: Graded): string => {
    const h = heads.get(r.grade);
    if (h && h.asOf === r.as_of && h.policy === r.policy && h.label === r.label) return h.text;
    const text = `,"as_of":${JSON.stringify(r.as_of)},"policy":${sharedJson(r.policy)},"grade":${JSON.stringify(r.grade)},"label":${JSON.stringify(r.label)},"matched":`;
    heads.set(r.grade, { asOf: r.as_of, policy: r.policy, grade: r.grade, label: r.label, text });
    return text;
  };
  return (result) => {
    if ("error" in result) return JSON.stringify(result);
    const r = result as unknown as Graded;
    let out = `{"id":${r.id === null ? "null" : JSON.stringify(r.id)}${head(r)}${JSON.stringify(r["matched"])},"measures":${sharedJson(r["measures"])},"notifications":${sharedJson(r["notifications"])}`;
    for (let i = 0; i < extraKeys.length; i++) {
      const v = JSON.stringify(r[extraKeys[i] as string]);
      if (v !== undefined) out += extraNames[i] + v;
    }
    return out + "}";
  };
}

/** The extras of a policy's results, from its IR. */
export function resultExtras(ir: { categories: readonly unknown[]; models: readonly unknown[]; obligations: readonly unknown[]; snapshot: unknown; itemRules: readonly unknown[] }): ResultExtras {
  return { categories: ir.categories.length > 0, scores: ir.models.length > 0, obligations: ir.obligations.length > 0, snapshot: ir.snapshot !== null, items: ir.itemRules.length > 0 };
}
