// The one registry of the credit record (shared/spec/credit-record.md) that every stage reads: the
// checker (names and types), the evaluator and the code generator (how an element of a part is
// built from the record), the input-schema projection (which record paths a field reads), the diff's
// witness builder (how to write an element back as record JSON) and the editor (names and hovers).
// Each part says where it sits in the record, which field dates it, which field carries its status;
// each field says its type and where its value lives. Adding a part or a field is an entry here
// plus the record schema (record.schema.json); the backends derive everything else.

export type FieldType =
  | { t: "date" }
  | { t: "bool" }
  | { t: "string" }
  | { t: "money" }
  | { t: "score" }
  | { t: "number" }
  | { t: "enum"; enum: EnumId }
  | { t: "rank" };

export type EnumId = "status" | "penalty_kind" | "grantor" | "level" | "list_kind" | "determination_kind" | "subject_kind" | "procedure";

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
  procedure: {
    id: "procedure",
    zh: "程序",
    values: [
      { id: "ordinary", zh: ["普通程序"] },
      { id: "summary", zh: ["简易程序"] },
    ],
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

export type PartId =
  | "sanctions"
  | "violations"
  | "penalties"
  | "honors"
  | "commitment_breaches"
  | "determinations"
  | "ratings"
  | "lists"
  | "warnings";

/**
 * Values computed from the record rather than read from one key. Each backend implements each of
 * them (a `Record<ComputedId, …>` there, so a new one fails the build until it is implemented).
 */
export type ComputedId =
  /** A violation's most severe penalty kind, ranked by the policy's severity order (第九条). */
  | "class"
  /** A list membership is in force on the data day: from ≤ D ≤ until (or no until). */
  | "active"
  /** The status on the data day: the last status_history entry from on or before it, else `status` (credit-record.md). */
  | "status";

export interface FieldDef {
  id: string;
  zh: string[];
  type: FieldType;
  doc: string;
  /** The part whose element holds the value, when it is an enclosing part (a violation's date is its sanction's). */
  owner?: PartId;
  /** The key holding the value in the owner's element; default: the field id. */
  key?: string;
  /** Computed, not read (see ComputedId), on the owner's element. */
  computed?: ComputedId;
  /** A value the witness builder writes when a record needs the field and nothing fixes it; "@date": the element's date. */
  example?: string | boolean;
}

/** A function of an element: a sum over its sub-part, e.g. a violation's amount(fine, confiscation) = 罚没款. */
export interface FunctionDef {
  id: string;
  zh: string[];
  /** The enumeration its arguments are values of. */
  args: EnumId;
  result: FieldType;
  doc: string;
  /** Sums `sum` of the elements of sub-part `part` whose `match` is one of the arguments. */
  over: { part: PartId; match: string; sum: string };
}

export interface PartDef {
  id: PartId;
  zh: string[];
  doc: string;
  /** The key of the part's array: in the record for a top-level part, in the parent's element otherwise. */
  key: string;
  /** The part whose elements hold this part's array. */
  parent?: PartId;
  /** The field windows ("近 1年") and the as-of cut-off read: elements dated after the data day do not exist yet. */
  dateField: string;
  /** The field holding the status the disregard rule (第十六条) reads; absent: the part has none. */
  statusField?: string;
  fields: FieldDef[];
  functions?: FunctionDef[];
}

const date = (zh: string[], doc: string, owner?: PartId): FieldDef => ({ id: "date", zh, type: { t: "date" }, doc, ...(owner ? { owner } : {}) });
const status = (doc: string, owner?: PartId, example?: string): FieldDef => ({
  id: "status",
  zh: ["状态"],
  type: { t: "enum", enum: "status" },
  doc: `${doc}; on the data day, by status_history when the record has one`,
  computed: "status",
  ...(owner ? { owner } : {}),
  ...(example ? { example } : {}),
});

/** What a decision records beyond its date, status and authority: read on the decision and on its violations and penalties. */
function SANCTION_FACTS(owner?: PartId): FieldDef[] {
  const on = owner ? { owner } : {};
  return [
    { id: "procedure", zh: ["程序"], type: { t: "enum", enum: "procedure" }, doc: "ordinary (普通程序) or summary (简易程序)", ...on },
    { id: "published_on", zh: ["公示日期"], type: { t: "date" }, doc: "the day the decision was first published online", ...on },
    { id: "received_on", zh: ["接收日期"], type: { t: "date" }, doc: "the day a pushed record was received", ...on },
    { id: "changed_on", zh: ["变更日期"], type: { t: "date" }, doc: "the day the decision was changed", ...on },
    { id: "fulfilled", zh: ["已履行"], type: { t: "bool" }, doc: "the penalties have been fulfilled", ...on },
    { id: "fulfilled_on", zh: ["履行日期"], type: { t: "date" }, doc: "the day the penalties were fulfilled", ...on },
    { id: "harm_removed", zh: ["已消除不良影响"], type: { t: "bool" }, doc: "the harmful effects have been removed", ...on },
  ];
}

export const PARTS: Record<PartId, PartDef> = {
  sanctions: {
    id: "sanctions",
    zh: ["处理决定"],
    doc: "处理决定: one decision document each",
    key: "sanctions",
    dateField: "date",
    statusField: "status",
    fields: [
      date(["日期", "决定日期"], "date of the decision"),
      status("in_force, revoked or repaired", undefined, "in_force"),
      { id: "authority", zh: ["决定机关"], type: { t: "string" }, doc: "deciding authority" },
      ...SANCTION_FACTS(),
    ],
  },
  violations: {
    id: "violations",
    zh: ["违法行为"],
    doc: "违法行为: each violation of every decision, counted separately (第十条)",
    key: "violations",
    parent: "sanctions",
    dateField: "date",
    statusField: "status",
    fields: [
      date(["日期", "决定日期"], "date of the decision the violation belongs to", "sanctions"),
      status("status of the decision the violation belongs to", "sanctions"),
      { id: "authority", zh: ["决定机关"], type: { t: "string" }, doc: "deciding authority", owner: "sanctions" },
      ...SANCTION_FACTS("sanctions"),
      { id: "severe", zh: ["严重", "严重行政处罚"], type: { t: "bool" }, doc: "the authority classed it as 严重行政处罚" },
      { id: "type", zh: ["违法行为类型"], type: { t: "string" }, doc: "the type of violation as the authority records it" },
      {
        id: "class",
        zh: ["最重处罚"],
        type: { t: "rank" },
        doc: "its most severe penalty kind, by the policy's severity order (第九条)",
        computed: "class",
      },
    ],
    functions: [
      {
        id: "amount",
        zh: ["金额"],
        args: "penalty_kind",
        result: { t: "money" },
        doc: "the sum of the amounts of its penalties of the given kinds, e.g. amount(fine, confiscation) = 罚没款",
        over: { part: "penalties", match: "kind", sum: "amount" },
      },
    ],
  },
  penalties: {
    id: "penalties",
    zh: ["处罚"],
    doc: "every penalty of every violation",
    key: "penalties",
    parent: "violations",
    dateField: "date",
    statusField: "status",
    fields: [
      date(["日期", "决定日期"], "date of the decision", "sanctions"),
      status("status of the decision", "sanctions"),
      { id: "kind", zh: ["种类"], type: { t: "enum", enum: "penalty_kind" }, doc: "penalty kind", example: "warning" },
      { id: "amount", zh: ["金额"], type: { t: "money" }, doc: "amount in yuan (fines, confiscations)" },
      { id: "severe", zh: ["严重", "严重行政处罚"], type: { t: "bool" }, doc: "its violation is severe", owner: "violations" },
      { id: "restriction_months", zh: ["限制期限"], type: { t: "number" }, doc: "a restriction's length in months" },
      { id: "restriction_until", zh: ["限制期限届满日"], type: { t: "date" }, doc: "a restriction's last day" },
      ...SANCTION_FACTS("sanctions"),
    ],
  },
  honors: {
    id: "honors",
    zh: ["表彰"],
    doc: "表彰、奖励和扶持",
    key: "honors",
    dateField: "date",
    fields: [
      date(["日期"], "date of the honour"),
      { id: "grantor", zh: ["授予方"], type: { t: "enum", enum: "grantor" }, doc: "government or association", example: "government" },
      { id: "for_integrity", zh: ["诚实守信"], type: { t: "bool" }, doc: "granted for honest conduct" },
      { id: "verified", zh: ["经审核认定"], type: { t: "bool" }, doc: "confirmed by the industry authority" },
      { id: "title", zh: ["名称"], type: { t: "string" }, doc: "title of the honour" },
    ],
  },
  commitment_breaches: {
    id: "commitment_breaches",
    zh: ["违反承诺"],
    doc: "违反信用承诺 / 许可承诺书",
    key: "commitment_breaches",
    dateField: "date",
    statusField: "status",
    fields: [date(["日期"], "date of the breach"), status("in_force, revoked or repaired")],
  },
  determinations: {
    id: "determinations",
    zh: ["认定"],
    doc: "formal findings such as 认定为严重失信",
    key: "determinations",
    dateField: "date",
    statusField: "status",
    fields: [
      date(["日期"], "date of the finding"),
      { id: "kind", zh: ["种类"], type: { t: "enum", enum: "determination_kind" }, doc: "severe_dishonesty", example: "severe_dishonesty" },
      { id: "by", zh: ["认定机关"], type: { t: "string" }, doc: "finding authority" },
      status("in_force, revoked or repaired"),
    ],
  },
  ratings: {
    id: "ratings",
    zh: ["评级"],
    doc: "grades given by other departments' classification",
    key: "ratings",
    dateField: "date",
    fields: [
      date(["日期"], "date of the rating"),
      { id: "by", zh: ["评级部门"], type: { t: "string" }, doc: "rating department", example: "有关部门" },
      { id: "level", zh: ["信用等级"], type: { t: "enum", enum: "level" }, doc: "good or low", example: "good" },
    ],
  },
  lists: {
    id: "lists",
    zh: ["名单"],
    doc: "名单 memberships",
    key: "lists",
    dateField: "from",
    fields: [
      { id: "list", zh: ["名单类型"], type: { t: "enum", enum: "list_kind" }, doc: "red, black, watch or abnormal", example: "red" },
      { id: "from", zh: ["列入日期"], type: { t: "date" }, doc: "first day of the membership" },
      { id: "until", zh: ["移出日期"], type: { t: "date" }, doc: "last day of the membership, if any" },
      { id: "active", zh: ["有效期内"], type: { t: "bool" }, doc: "from ≤ the evaluation day ≤ until (or no until)", computed: "active" },
      { id: "source", zh: ["发布来源"], type: { t: "string" }, doc: "who published the list" },
    ],
  },
  warnings: {
    id: "warnings",
    zh: ["失信警示"],
    doc: "失信警示 with a rectification deadline",
    key: "warnings",
    dateField: "date",
    fields: [
      date(["日期", "警示日期"], "date of the warning"),
      { id: "deadline", zh: ["整改期限"], type: { t: "date" }, doc: "rectify by", example: "@date" },
      { id: "rectified_on", zh: ["整改日期"], type: { t: "date" }, doc: "day it was rectified, if any" },
    ],
  },
};

export const PART_IDS = Object.keys(PARTS) as PartId[];

/** What a computed field reads, as paths below its owner's element: the input schema lists these record paths. */
export const COMPUTED_READS: Record<ComputedId, string[]> = {
  class: ["penalties.kind"],
  active: ["from", "until"],
  status: ["status", "status_history.status", "status_history.from"],
};

export type SubjectFieldId =
  | "subject_kind"
  | "public_credit_score"
  | "public_credit_date"
  | "public_credit_record_date"
  | "evaluation_day"
  | "data_day"
  | "region";

export interface SubjectFieldDef {
  id: SubjectFieldId;
  zh: string[];
  type: FieldType;
  doc: string;
  /** Where it is in the record (dotted); null: not in the record (the day asked for). */
  path: string | null;
}

/** Fields of the subject itself, usable anywhere. Each backend reads each of them its own way (a Record over SubjectFieldId). */
export const SUBJECT_FIELDS: SubjectFieldDef[] = [
  { id: "subject_kind", zh: ["主体类型"], type: { t: "enum", enum: "subject_kind" }, doc: "legal_person, organization or natural_person", path: "kind" },
  {
    id: "public_credit_score",
    zh: ["公共信用综合评价得分", "公共信用综合评价结果"],
    type: { t: "score" },
    doc: "public_credit.score: the province's public credit composite score, 0–100 (absent: no value)",
    path: "public_credit.score",
  },
  { id: "public_credit_date", zh: ["公共信用综合评价日期"], type: { t: "date" }, doc: "public_credit.date", path: "public_credit.date" },
  {
    id: "public_credit_record_date",
    zh: ["公共信用综合评价记录日期"],
    type: { t: "date" },
    doc: "public_credit.date as the record holds it, also when it is after the data day (公共信用综合评价日期 is none then)",
    path: "public_credit.date",
  },
  { id: "evaluation_day", zh: ["评价当日"], type: { t: "date" }, doc: "the day the record is evaluated as of (--as-of)", path: null },
  {
    id: "data_day",
    zh: ["数据日"],
    type: { t: "date" },
    doc: "the day the data is taken as of: under a snapshot (评价时点) the latest snapshot day on or before the evaluation day, else the evaluation day",
    path: null,
  },
  { id: "region", zh: ["注册地区划"], type: { t: "string" }, doc: "the administrative division of registration (region)", path: "region" },
];

/** `indicators.<key>` / `指标.<key>`: department-specific indicator values (numbers). */
export const INDICATORS_NAMES: readonly string[] = ["indicators", "指标"];

export function findPart(name: string): PartDef | undefined {
  return Object.values(PARTS).find((s) => s.id === name || s.zh.includes(name));
}

export function findField(part: PartDef | undefined, name: string): FieldDef | undefined {
  return part?.fields.find((f) => f.id === name || f.zh.includes(name));
}

export function findSubjectField(name: string): SubjectFieldDef | undefined {
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

/** The parts from the top of the record down to `id`: [sanctions, violations, penalties]. */
export function partChain(id: PartId): PartDef[] {
  const chain: PartDef[] = [];
  for (let p: PartDef | undefined = PARTS[id]; p; p = p.parent ? PARTS[p.parent] : undefined) chain.unshift(p);
  return chain;
}

/** The dotted record path of a part's array: "sanctions.violations". */
export function partPath(id: PartId): string {
  return partChain(id)
    .map((p) => p.key)
    .join(".");
}

/** The dotted record paths a field of a part reads (a computed field: what it is computed from). */
export function fieldPaths(part: PartDef, field: FieldDef): string[] {
  const owner = partPath(field.owner ?? part.id);
  if (field.computed) return COMPUTED_READS[field.computed].map((rel) => `${owner}.${rel}`);
  return [`${owner}.${field.key ?? field.id}`];
}

/** The part owning the field `name` of `part` as read (its date or status lives on an enclosing part). */
export function ownerOf(part: PartDef, name: string): PartId {
  const f = part.fields.find((x) => x.id === name);
  return f?.owner ?? part.id;
}
