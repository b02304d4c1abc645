// The legal meaning of boundary words. 民法典 第一千二百五十九条: "以上、以下、以内、届满" include
// the number; "不满、超过、以外" exclude it. The other words follow their plain meaning. An explicit
// （含）/（不含） marker overrides the default, so "3次（不含）以内" is "< 3".

export type CmpOp = "<" | "<=" | ">" | ">=" | "=" | "!=";
export type Marker = "incl" | "excl";

export interface BoundaryWord {
  /** Stable id: the AST and IR carry this, never the spelling. */
  id: string;
  zh: string[];
  en: string[];
  /** Where the Chinese text puts the word relative to the number. */
  zhPosition: "prefix" | "postfix";
  op: CmpOp;
  /** Why the default reading is what it is, for hover text. */
  basis: string;
  /** The same in English. */
  basisEn: string;
}

const CIVIL_CODE = "民法典第一千二百五十九条";
const CIVIL_CODE_EN = "Civil Code art. 1259 (民法典第一千二百五十九条)";

export const BOUNDARY_WORDS: readonly BoundaryWord[] = [
  { id: "yishang", zh: ["以上"], en: ["at least"], zhPosition: "postfix", op: ">=", basis: `${CIVIL_CODE}：以上包括本数`, basisEn: `${CIVIL_CODE_EN}: 以上 includes the number` },
  { id: "yixia", zh: ["以下"], en: ["at most"], zhPosition: "postfix", op: "<=", basis: `${CIVIL_CODE}：以下包括本数`, basisEn: `${CIVIL_CODE_EN}: 以下 includes the number` },
  { id: "yinei", zh: ["以内"], en: ["within"], zhPosition: "postfix", op: "<=", basis: `${CIVIL_CODE}：以内包括本数`, basisEn: `${CIVIL_CODE_EN}: 以内 includes the number` },
  { id: "jieman", zh: ["届满"], en: ["reaching"], zhPosition: "postfix", op: ">=", basis: `${CIVIL_CODE}：届满包括本数`, basisEn: `${CIVIL_CODE_EN}: 届满 includes the number` },
  { id: "yiwai", zh: ["以外"], en: ["beyond"], zhPosition: "postfix", op: ">", basis: `${CIVIL_CODE}：以外不包括本数`, basisEn: `${CIVIL_CODE_EN}: 以外 excludes the number` },
  { id: "buman", zh: ["不满", "未满"], en: ["under"], zhPosition: "prefix", op: "<", basis: `${CIVIL_CODE}：不满不包括本数`, basisEn: `${CIVIL_CODE_EN}: 不满 excludes the number` },
  { id: "chaoguo", zh: ["超过"], en: ["over"], zhPosition: "prefix", op: ">", basis: `${CIVIL_CODE}：超过不包括本数`, basisEn: `${CIVIL_CODE_EN}: 超过 excludes the number` },
  { id: "buchaoguo", zh: ["不超过"], en: ["not over"], zhPosition: "prefix", op: "<=", basis: `“超过”不包括本数，故“不超过”包括本数（${CIVIL_CODE}）`, basisEn: `超过 excludes the number, so 不超过 includes it (${CIVIL_CODE_EN})` },
  { id: "gaoyu", zh: ["高于"], en: ["above"], zhPosition: "prefix", op: ">", basis: "高于：严格大于，不包括本数", basisEn: "高于: strictly greater, the number excluded" },
  { id: "diyu", zh: ["低于"], en: ["below"], zhPosition: "prefix", op: "<", basis: "低于：严格小于，不包括本数", basisEn: "低于: strictly less, the number excluded" },
  { id: "budiyu", zh: ["不低于"], en: ["not below"], zhPosition: "prefix", op: ">=", basis: "不低于：大于或等于，包括本数", basisEn: "不低于: greater or equal, the number included" },
  { id: "bugaoyu", zh: ["不高于"], en: ["not above"], zhPosition: "prefix", op: "<=", basis: "不高于：小于或等于，包括本数", basisEn: "不高于: less or equal, the number included" },
  { id: "shaoyu", zh: ["少于"], en: ["fewer than", "less than"], zhPosition: "prefix", op: "<", basis: "少于：严格小于，不包括本数", basisEn: "少于: strictly less, the number excluded" },
  { id: "duoyu", zh: ["多于"], en: ["more than"], zhPosition: "prefix", op: ">", basis: "多于：严格大于，不包括本数", basisEn: "多于: strictly greater, the number excluded" },
  { id: "bushaoyu", zh: ["不少于"], en: ["not fewer than", "not less than"], zhPosition: "prefix", op: ">=", basis: "不少于：大于或等于，包括本数", basisEn: "不少于: greater or equal, the number included" },
  { id: "buduoyu", zh: ["不多于"], en: ["not more than"], zhPosition: "prefix", op: "<=", basis: "不多于：小于或等于，包括本数", basisEn: "不多于: less or equal, the number included" },
];

export const BOUNDARY_BY_ID: ReadonlyMap<string, BoundaryWord> = new Map(BOUNDARY_WORDS.map((w) => [w.id, w]));

/** The comparison a boundary word means, after an optional （含）/（不含） marker. */
export function boundaryOp(wordId: string, marker?: Marker): CmpOp {
  const word = BOUNDARY_BY_ID.get(wordId);
  if (!word) throw new Error(`unknown boundary word ${wordId}`);
  if (!marker) return word.op;
  switch (word.op) {
    case "<":
    case "<=":
      return marker === "incl" ? "<=" : "<";
    case ">":
    case ">=":
      return marker === "incl" ? ">=" : ">";
    default:
      return word.op;
  }
}

const OP_READING: Record<CmpOp, string> = { "<": "<", "<=": "≤", ">": ">", ">=": "≥", "=": "=", "!=": "≠" };

/** "x < 3" style reading for hover text and the formatter's comments. */
export function mathReading(subject: string, op: CmpOp, operand: string): string {
  return `${subject} ${OP_READING[op]} ${operand}`;
}
