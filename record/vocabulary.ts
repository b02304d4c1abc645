// The facts a policy can name: the parts of the credit record (credit-record.md), their fields and
// the values of their enumerations, each with its English name and the Chinese names a clerk
// writes. The compiler resolves either spelling to the English id; the IR only carries ids.

export type FieldType =
  | { t: "date" }
  | { t: "bool" }
  | { t: "string" }
  | { t: "money" }
  | { t: "score" }
  | { t: "number" }
  | { t: "enum"; enum: EnumId }
  | { t: "rank" };

export type EnumId = "status" | "penalty_kind" | "grantor" | "level" | "list_kind" | "determination_kind" | "subject_kind";

export interface EnumDef {
  id: EnumId;
  zh: string;
  values: { id: string; zh: string[] }[];
}

export const ENUMS: Record<EnumId, EnumDef> = {
  status: {
    id: "status",
    zh: "状态",
    values: [
      { id: "in_force", zh: ["有效", "生效"] },
      { id: "revoked", zh: ["已撤销", "撤销"] },
      { id: "repaired", zh: ["已修复", "信用修复"] },
    ],
  },
  penalty_kind: {
    id: "penalty_kind",
    zh: "处理种类",
    values: [
      { id: "order_to_correct", zh: ["责令改正", "责令限期改正"] },
      { id: "warning", zh: ["警告"] },
      { id: "criticism", zh: ["通报批评"] },
      { id: "fine", zh: ["罚款"] },
      { id: "confiscation", zh: ["没收", "没收违法所得"] },
      { id: "suspend_license", zh: ["暂扣许可证件"] },
      { id: "downgrade_qualification", zh: ["降低资质等级"] },
      { id: "revoke_license", zh: ["吊销许可证件"] },
      { id: "restrict_operations", zh: ["限制开展生产经营活动"] },
      { id: "order_suspension", zh: ["责令停产停业"] },
      { id: "order_closure", zh: ["责令关闭"] },
      { id: "restrict_practice", zh: ["限制从业"] },
      { id: "detention", zh: ["行政拘留"] },
    ],
  },
  grantor: {
    id: "grantor",
    zh: "授予方类型",
    values: [
      { id: "government", zh: ["行政机关"] },
      { id: "association", zh: ["行业协会"] },
    ],
  },
  level: {
    id: "level",
    zh: "信用等级",
    values: [
      { id: "good", zh: ["良好"] },
      { id: "low", zh: ["低下"] },
    ],
  },
  list_kind: {
    id: "list_kind",
    zh: "名单类型",
    values: [
      { id: "red", zh: ["红名单", "守信红名单"] },
      { id: "black", zh: ["黑名单", "失信黑名单"] },
      { id: "watch", zh: ["重点关注名单", "重点关注"] },
      { id: "abnormal", zh: ["经营异常名录"] },
    ],
  },
  determination_kind: {
    id: "determination_kind",
    zh: "认定种类",
    values: [{ id: "severe_dishonesty", zh: ["严重失信"] }],
  },
  subject_kind: {
    id: "subject_kind",
    zh: "主体类型",
    values: [
      { id: "legal_person", zh: ["法人"] },
      { id: "organization", zh: ["社会组织"] },
      { id: "natural_person", zh: ["自然人"] },
    ],
  },
};

export interface FieldDef {
  id: string;
  zh: string[];
  type: FieldType;
  doc: string;
}

export interface SourceDef {
  id: SourceId;
  zh: string[];
  doc: string;
  /** The field windows ("近 1年") and the as-of cut-off apply to. */
  dateField: string;
  /** Whether `disregard` statuses apply (the part has a status, its own or its decision's). */
  hasStatus: boolean;
  fields: FieldDef[];
  /** Functions of an element, e.g. a violation's amount(fine, confiscation). */
  functions?: { id: string; zh: string[]; args: EnumId; result: FieldType; doc: string }[];
}

export type SourceId =
  | "sanctions"
  | "violations"
  | "penalties"
  | "honors"
  | "commitment_breaches"
  | "determinations"
  | "ratings"
  | "lists"
  | "warnings";

const date = (zh: string[], doc: string): FieldDef => ({ id: "date", zh, type: { t: "date" }, doc });
const status: FieldDef = { id: "status", zh: ["状态"], type: { t: "enum", enum: "status" }, doc: "in_force, revoked or repaired" };

export const SOURCES: Record<SourceId, SourceDef> = {
  sanctions: {
    id: "sanctions",
    zh: ["处理决定"],
    doc: "处理决定: one decision document each",
    dateField: "date",
    hasStatus: true,
    fields: [date(["日期", "决定日期"], "date of the decision"), status, { id: "authority", zh: ["决定机关"], type: { t: "string" }, doc: "deciding authority" }],
  },
  violations: {
    id: "violations",
    zh: ["违法行为"],
    doc: "违法行为: each violation of every decision, counted separately (第十条)",
    dateField: "date",
    hasStatus: true,
    fields: [
      date(["日期", "决定日期"], "date of the decision the violation belongs to"),
      { ...status, doc: "status of the decision the violation belongs to" },
      { id: "authority", zh: ["决定机关"], type: { t: "string" }, doc: "deciding authority" },
      { id: "severe", zh: ["严重", "严重行政处罚"], type: { t: "bool" }, doc: "the authority classed it as 严重行政处罚" },
      {
        id: "class",
        zh: ["最重处罚"],
        type: { t: "rank" },
        doc: "its most severe penalty kind, by the policy's severity order (第九条)",
      },
    ],
    functions: [
      {
        id: "amount",
        zh: ["金额"],
        args: "penalty_kind",
        result: { t: "money" },
        doc: "the sum of the amounts of its penalties of the given kinds, e.g. amount(fine, confiscation) = 罚没款",
      },
    ],
  },
  penalties: {
    id: "penalties",
    zh: ["处罚"],
    doc: "every penalty of every violation",
    dateField: "date",
    hasStatus: true,
    fields: [
      date(["日期", "决定日期"], "date of the decision"),
      status,
      { id: "kind", zh: ["种类"], type: { t: "enum", enum: "penalty_kind" }, doc: "penalty kind" },
      { id: "amount", zh: ["金额"], type: { t: "money" }, doc: "amount in yuan (fines, confiscations)" },
      { id: "severe", zh: ["严重", "严重行政处罚"], type: { t: "bool" }, doc: "its violation is severe" },
    ],
  },
  honors: {
    id: "honors",
    zh: ["表彰"],
    doc: "表彰、奖励和扶持",
    dateField: "date",
    hasStatus: false,
    fields: [
      date(["日期"], "date of the honour"),
      { id: "grantor", zh: ["授予方"], type: { t: "enum", enum: "grantor" }, doc: "government or association" },
      { id: "for_integrity", zh: ["诚实守信"], type: { t: "bool" }, doc: "granted for honest conduct" },
      { id: "verified", zh: ["经审核认定"], type: { t: "bool" }, doc: "confirmed by the industry authority" },
      { id: "title", zh: ["名称"], type: { t: "string" }, doc: "title of the honour" },
    ],
  },
  commitment_breaches: {
    id: "commitment_breaches",
    zh: ["违反承诺"],
    doc: "违反信用承诺 / 许可承诺书",
    dateField: "date",
    hasStatus: true,
    fields: [date(["日期"], "date of the breach"), status],
  },
  determinations: {
    id: "determinations",
    zh: ["认定"],
    doc: "formal findings such as 认定为严重失信",
    dateField: "date",
    hasStatus: true,
    fields: [
      date(["日期"], "date of the finding"),
      { id: "kind", zh: ["种类"], type: { t: "enum", enum: "determination_kind" }, doc: "severe_dishonesty" },
      { id: "by", zh: ["认定机关"], type: { t: "string" }, doc: "finding authority" },
      status,
    ],
  },
  ratings: {
    id: "ratings",
    zh: ["评级"],
    doc: "grades given by other departments' classification",
    dateField: "date",
    hasStatus: false,
    fields: [
      date(["日期"], "date of the rating"),
      { id: "by", zh: ["评级部门"], type: { t: "string" }, doc: "rating department" },
      { id: "level", zh: ["信用等级"], type: { t: "enum", enum: "level" }, doc: "good or low" },
    ],
  },
  lists: {
    id: "lists",
    zh: ["名单"],
    doc: "名单 memberships",
    dateField: "from",
    hasStatus: false,
    fields: [
      { id: "list", zh: ["名单类型"], type: { t: "enum", enum: "list_kind" }, doc: "red, black, watch or abnormal" },
      { id: "from", zh: ["列入日期"], type: { t: "date" }, doc: "first day of the membership" },
      { id: "until", zh: ["移出日期"], type: { t: "date" }, doc: "last day of the membership, if any" },
      { id: "active", zh: ["有效期内"], type: { t: "bool" }, doc: "from ≤ the evaluation day ≤ until (or no until)" },
      { id: "source", zh: ["发布来源"], type: { t: "string" }, doc: "who published the list" },
    ],
  },
  warnings: {
    id: "warnings",
    zh: ["失信警示"],
    doc: "失信警示 with a rectification deadline",
    dateField: "date",
    hasStatus: false,
    fields: [
      date(["日期", "警示日期"], "date of the warning"),
      { id: "deadline", zh: ["整改期限"], type: { t: "date" }, doc: "rectify by" },
      { id: "rectified_on", zh: ["整改日期"], type: { t: "date" }, doc: "day it was rectified, if any" },
    ],
  },
};

/** Fields of the subject itself, usable anywhere. */
export const SUBJECT_FIELDS: FieldDef[] = [
  { id: "subject_kind", zh: ["主体类型"], type: { t: "enum", enum: "subject_kind" }, doc: "legal_person, organization or natural_person" },
  {
    id: "public_credit_score",
    zh: ["公共信用综合评价得分", "公共信用综合评价结果"],
    type: { t: "score" },
    doc: "public_credit.score: the province's public credit composite score, 0–100 (absent: no value)",
  },
  { id: "public_credit_date", zh: ["公共信用综合评价日期"], type: { t: "date" }, doc: "public_credit.date" },
  { id: "evaluation_day", zh: ["评价当日"], type: { t: "date" }, doc: "the day the record is evaluated as of (--as-of)" },
];

/** `indicators.<key>` / `指标.<key>`: department-specific indicator values (numbers). */
export const INDICATORS_NAMES: readonly string[] = ["indicators", "指标"];

export function findSource(name: string): SourceDef | undefined {
  return Object.values(SOURCES).find((s) => s.id === name || s.zh.includes(name));
}

export function findField(source: SourceDef | undefined, name: string): FieldDef | undefined {
  return source?.fields.find((f) => f.id === name || f.zh.includes(name));
}

export function findSubjectField(name: string): FieldDef | undefined {
  return SUBJECT_FIELDS.find((f) => f.id === name || f.zh.includes(name));
}

export function findEnumValue(enumId: EnumId, name: string): string | undefined {
  return ENUMS[enumId].values.find((v) => v.id === name || v.zh.includes(name))?.id;
}

/** Which enum a bare name belongs to, when it is unambiguous (for `x in (a, b)` and severity). */
export function enumValueLabel(enumId: EnumId, id: string): string {
  const v = ENUMS[enumId].values.find((x) => x.id === id);
  return v ? `${v.id}（${v.zh[0]}）` : id;
}
