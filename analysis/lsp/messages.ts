// The language server's own words, in Chinese and English: what hover, completion, the outline
// and quick fixes say around the policy's names. One language per answer, the client's: a Chinese
// interface reads no English prose (code, ids and the policy's own text aside), and the English
// one is as complete. Compiler diagnostics are not here: they come from diagnostics/catalogue.ts.
import type { IRType } from "../../compiler/ir.js";

export type Lang = "zh" | "en";

const M = {
  // What a name is (hover titles, completion details).
  derivedValue: { zh: "派生值", en: "derived value" },
  param: { zh: "参数", en: "parameter" },
  filter: { zh: "命名条件", en: "named filter" },
  output: { zh: "逐项输出", en: "per-item output" },
  itemValue: { zh: "逐项派生值", en: "per-item value" },
  itemRuleOf: { zh: "逐项规则 **{0}**，针对 **{1}**", en: "item rule **{0}**, for each **{1}**" },
  inItemRule: { zh: "逐项规则 {0}", en: "item rule {0}" },
  grade: { zh: "等级", en: "grade" },
  part: { zh: "记录部分", en: "record part" },
  field: { zh: "字段", en: "field" },
  subjectField: { zh: "主体字段", en: "subject field" },
  declaredField: { zh: "本政策声明的字段", en: "a field this policy declares" },
  enumValue: { zh: "取值", en: "value" },
  keyword: { zh: "关键字", en: "keyword" },
  otherSpelling: { zh: "英文写法 {0}", en: "Chinese spelling {0}" },
  boundaryWord: { zh: "边界用语", en: "boundary word" },
  comparison: { zh: "比较", en: "comparison" },
  basis: { zh: "依据：{0}", en: "Basis: {0}" },
  markerIncl: { zh: "（含）：明确包括本数", en: "(inclusive): the number is explicitly included" },
  markerExcl: { zh: "（不含）：明确不包括本数", en: "(exclusive): the number is explicitly excluded" },
  builtin: { zh: "内置函数", en: "built-in function" },
  partFunction: { zh: "{0} 的函数", en: "function of {0}" },
  aggregate: { zh: "聚合", en: "aggregate" },
  unit: { zh: "单位", en: "unit" },
  article: { zh: "条款", en: "article" },
  tag: { zh: "措施标记", en: "measure tag" },
  tagOwn: { zh: "本政策自定的标记（不在共享词表 dsl/tags.ts 中）", en: "a tag of this policy's own (not in the shared vocabulary, dsl/tags.ts)" },
  tagValues: { zh: "取值：{0}", en: "Values: {0}" },
  tagCarriedBy: { zh: "带有此标记的措施：{0}", en: "Measures carrying it: {0}" },
  type: { zh: "类型：{0}", en: "Type: {0}" },
  recordPath: { zh: "记录中的位置：{0}", en: "In the record: {0}" },
  computed: { zh: "由记录计算：{0}", en: "Computed from the record: {0}" },
  values: { zh: "取值：{0}", en: "Values: {0}" },
  fields: { zh: "字段：{0}", en: "Fields: {0}" },
  readBy: { zh: "读取它的条款：{0}", en: "Read by: {0}" },
  readByNone: { zh: "本政策没有条款读取它。", en: "No article of this policy reads it." },
  decidedBy: { zh: "判定条款：{0}", en: "Decided by: {0}" },
  noQuote: { zh: "本政策未引用该条原文。", en: "The policy quotes no text for this article." },
  itemRuleDefinedIn: { zh: "定义于逐项规则 {0}", en: "defined in item rule {0}" },
  // Where an article is quoted.
  "quote/clause": { zh: "条件", en: "condition" },
  "quote/measure": { zh: "措施", en: "measure" },
  "quote/notice": { zh: "告知", en: "notice" },
  "quote/record-keeping": { zh: "登记留存", en: "record keeping" },
  "quote/disregard": { zh: "不予计入", en: "disregard" },
  "quote/note": { zh: "解释说明", en: "interpretation note" },
  "quote/grade": { zh: "等级", en: "grade" },
  "quote/param": { zh: "参数", en: "parameter" },
  "quote/item-rule": { zh: "逐项规则", en: "item rule" },
  "quote/category": { zh: "类别", en: "category" },
  "quote/obligation": { zh: "义务", en: "obligation" },
  // Units.
  "unit/money": { zh: "金额单位：1{0} = {1}元", en: "money: 1 {0} = {1} yuan" },
  "unit/count": { zh: "次数单位", en: "a count" },
  "unit/duration": { zh: "期间单位，按日历计算（近 1年：评价日前一年之次日起至评价日）", en: "a duration, by the calendar (in last 1 year: from the day after one year before the day asked for, to that day)" },
  "unit/workdays": {
    zh: "工作日，按国务院节假日安排计算（含调休上班日；record/data/cn-workdays.json）",
    en: "working days, by the State Council's holiday arrangements (make-up working days included; record/data/cn-workdays.json)",
  },
  "unit/score": { zh: "分值单位", en: "points of a score" },
  // Completion details.
  "detail/keyword": { zh: "关键字 · {0}", en: "keyword · {0}" },
  "detail/boundary": { zh: "边界用语 {0}", en: "boundary word {0}" },
  "detail/unit": { zh: "单位 · {0}", en: "unit · {0}" },
  "detail/part": { zh: "记录部分 · {0}", en: "record part · {0}" },
  "detail/field": { zh: "{0} 的字段 · {1}", en: "field of {0} · {1}" },
  "detail/subject": { zh: "主体字段 · {0}", en: "subject field · {0}" },
  "detail/enum": { zh: "{0} · {1}", en: "{0} · {1}" },
  "detail/value": { zh: "派生值", en: "derived value" },
  "detail/param": { zh: "参数 · {0}", en: "parameter · {0}" },
  "detail/filter": { zh: "命名条件", en: "named filter" },
  "detail/output": { zh: "{0} 的逐项输出 · 逐项规则 {1}", en: "output of {0} · item rule {1}" },
  "detail/itemValue": { zh: "逐项派生值 · 逐项规则 {0}", en: "per-item value · item rule {0}" },
  "detail/grade": { zh: "等级 · {0}", en: "grade · {0}" },
  "detail/article": { zh: "条款", en: "article" },
  "detail/builtin": { zh: "内置函数 · {0}", en: "built-in · {0}" },
  "detail/function": { zh: "{0} 的函数 · {1}", en: "function of {0} · {1}" },
  "detail/bool": { zh: "是否", en: "yes/no" },
  "detail/evaluationDay": { zh: "评价当日", en: "the day asked for" },
  // Quick fixes.
  "fix/space": { zh: "插入空格：{0}", en: "Insert a space: {0}" },
  "fix/replace": { zh: "改为 {0}", en: "Change to {0}" },
  "fix/delete": { zh: "删除 {0}", en: "Delete {0}" },
  // Rename.
  "rename/invalid": { zh: "{0} 不能作为名称：应为一个词（中文或英文字母、数字、下划线）且不是关键字", en: "{0} cannot be a name: a name is one word (Chinese, or letters, digits and _) and not a keyword" },
  "rename/taken": { zh: "名称 {0} 已被使用", en: "{0} is already a name in this policy" },
  "rename/notHere": { zh: "此处没有可重命名的名称", en: "Nothing here can be renamed" },
  formatFailed: { zh: "无法格式化：政策有语法错误。", en: "Cannot format: the policy has syntax errors." },
  // Outline.
  "outline/values": { zh: "派生值", en: "Derived values" },
  "outline/tests": { zh: "测试用例", en: "Test cases" },
  "outline/measures": { zh: "措施", en: "Measures" },
} as const satisfies Record<string, { zh: string; en: string }>;

export type MessageId = keyof typeof M;

/** A message in one language, {0}… filled. */
export function say(lang: Lang, id: MessageId, ...args: (string | number)[]): string {
  return M[id][lang].replace(/\{(\d+)\}/g, (_, i: string) => String(args[Number(i)] ?? ""));
}

const TYPE_NAMES: Record<IRType["t"], { zh: string; en: string }> = {
  count: { zh: "次数", en: "count" },
  money: { zh: "金额", en: "money" },
  score: { zh: "分数", en: "score" },
  number: { zh: "数字", en: "number" },
  duration: { zh: "期间", en: "duration" },
  workdays: { zh: "工作日", en: "working days" },
  date: { zh: "日期", en: "date" },
  bool: { zh: "是否", en: "yes/no" },
  string: { zh: "文字", en: "text" },
  null: { zh: "无", en: "none" },
  enum: { zh: "取值", en: "value" },
  rank: { zh: "处罚严重程度", en: "severity class" },
};

/** A type tag's name in one language. */
export function typeText(t: string, lang: Lang): string {
  return TYPE_NAMES[t as IRType["t"]]?.[lang] ?? t;
}

/** A list joined as the language writes lists. */
export function joinList(items: readonly string[], lang: Lang): string {
  return items.join(lang === "zh" ? "、" : ", ");
}
