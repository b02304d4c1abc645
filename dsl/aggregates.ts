// The aggregates of the language, one row each: the keyword that writes it and whether it takes an
// `of` expression (合计 X 来自 P) or only a record part (计数 P). The grammar, the CST → AST step
// and the printers read this table; the checker's result types (compiler/aggregates.ts), the
// evaluator's steps (runtime/aggregates.ts) and the code generator's (compiler/backends/js-aggregates.ts)
// are records over AggFn, so a new row fails the build at each place that must handle it.

export type AggFn = "count" | "exists" | "every" | "sum" | "max";

export interface AggregateDef {
  fn: AggFn;
  /** The keyword (dsl/tokens.ts KEYWORDS) that writes it; its Chinese spelling is the canonical one. */
  keyword: string;
  /** The keyword the English printer writes, when not `keyword` (English `max` is one token with the model cap). */
  enKeyword?: string;
  /** `KW expression of PART` (true) or `KW PART` (false). */
  of: boolean;
  /** Its `where` is what it tests of every element (全部 … 满足 …), not a filter of the elements it folds. */
  predicate?: boolean;
  doc: { zh: string; en: string };
}

export const AGGREGATES: Record<AggFn, AggregateDef> = {
  count: { fn: "count", keyword: "Count", of: false, doc: { zh: "满足条件的记录条数", en: "how many elements match" } },
  exists: { fn: "exists", keyword: "Exists", of: false, doc: { zh: "是否存在满足条件的记录", en: "whether any element matches" } },
  every: {
    fn: "every",
    keyword: "All",
    of: false,
    predicate: true,
    doc: { zh: "是否每一条记录都满足条件（没有记录时为 是）", en: "whether every element matches (yes when there is none)" },
  },
  sum: { fn: "sum", keyword: "Sum", of: true, doc: { zh: "满足条件的记录的数值合计", en: "the total of a number over the matching elements" } },
  max: {
    fn: "max",
    keyword: "MaxOf",
    enKeyword: "Max",
    of: true,
    doc: { zh: "满足条件的记录中的最大值（最大金额、最晚日期）；没有记录时为 无", en: "the largest value over the matching elements (largest amount, latest date); none when no element matches" },
  },
};

export const AGGREGATE_LIST: readonly AggregateDef[] = Object.values(AGGREGATES);

/** The aggregate a keyword token writes. */
export function aggregateOfKeyword(tokenName: string): AggFn | undefined {
  return AGGREGATE_LIST.find((a) => a.keyword === tokenName || a.enKeyword === tokenName)?.fn;
}
