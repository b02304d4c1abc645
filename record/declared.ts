// Fields a policy declares on a record part (字段 处理决定.履行说明 文字): the record schema lets
// any other key through, so the policy checks what it reads — the value's type, at its JSON
// Pointer, with the record errors' codes. Absent or null values are simply absent.
import type { RecordErrorData } from "../diagnostics/catalogue.js";
import { isIsoDate } from "./dates.js";
import { parseYuan } from "./money.js";
import { partChain, type PartId } from "./registry.js";

export interface DeclaredField {
  part: PartId;
  name: string;
  /** An IRType tag: date, money, count, score, number, bool or string. */
  type: string;
}

function objects(v: unknown): { obj: Record<string, unknown>; index: number }[] {
  if (!Array.isArray(v)) return [];
  const out: { obj: Record<string, unknown>; index: number }[] = [];
  v.forEach((x, index) => {
    if (x && typeof x === "object" && !Array.isArray(x)) out.push({ obj: x as Record<string, unknown>, index });
  });
  return out;
}

/** Why `v` is not a value of declared type `type`, as a record error at `path`; undefined when it is one. */
function check(v: unknown, type: string, path: string): RecordErrorData | undefined {
  const shown = JSON.stringify(v)?.slice(0, 60) ?? "undefined";
  switch (type) {
    case "date":
      return typeof v === "string" && isIsoDate(v) ? undefined : { path, code: "CP-R004", args: [shown] };
    case "money":
      return parseYuan(v) !== undefined ? undefined : { path, code: "CP-R005", args: [shown] };
    case "count":
      return Number.isSafeInteger(v) && (v as number) >= 0 ? undefined : { path, code: "CP-R003", args: [{ key: "type/integer" }, shown] };
    case "score":
    case "number":
      return typeof v === "number" && Number.isFinite(v) ? undefined : { path, code: "CP-R003", args: [{ key: "type/number" }, shown] };
    case "bool":
      return typeof v === "boolean" ? undefined : { path, code: "CP-R003", args: [{ key: "type/boolean" }, shown] };
    default:
      return typeof v === "string" ? undefined : { path, code: "CP-R003", args: [{ key: "type/string" }, shown] };
  }
}

/** Every declared field of `record` whose value is not of its declared type, in record order. */
export function declaredFieldErrors(record: Record<string, unknown>, fields: readonly DeclaredField[]): RecordErrorData[] {
  const out: RecordErrorData[] = [];
  for (const f of fields) {
    const chain = partChain(f.part);
    const visit = (level: number, container: Record<string, unknown>, pointer: string): void => {
      const p = chain[level];
      if (!p) return;
      for (const { obj, index } of objects(container[p.key])) {
        const here = `${pointer}/${p.key}/${index}`;
        if (level < chain.length - 1) visit(level + 1, obj, here);
        else if (obj[f.name] !== undefined && obj[f.name] !== null) {
          const e = check(obj[f.name], f.type, `${here}/${f.name.replace(/~/g, "~0").replace(/\//g, "~1")}`);
          if (e) out.push(e);
        }
      }
    };
    visit(0, record, "");
  }
  return out;
}
