// One catalogue of diagnostics for every stage: a stable code, a severity, and the message in
// Chinese and English. Tests assert codes and positions; the wording may change.
import type { Span } from "./span.js";

export type Severity = "error" | "warning";

interface CatalogueEntry {
  severity: Severity;
  zh: string;
  en: string;
}

/** Messages take {0}, {1}… placeholders. */
export const CATALOGUE = {
  // Input and lexing
  "CP-E0001": { severity: "error", zh: "无法识别的字符 {0}", en: "unexpected character {0}" },
  "CP-E0002": { severity: "error", zh: "不支持全角字符 {0}，请改用 {1}", en: "full-width {0} is not accepted here; type {1}" },
  "CP-E0003": { severity: "error", zh: "文件为空", en: "the file is empty" },
  "CP-E0004": { severity: "error", zh: "不是文本文件（含有二进制内容）", en: "not a text file (binary content)" },
  "CP-E0005": { severity: "error", zh: "文件不是有效的 UTF-8 文本", en: "the file is not valid UTF-8 text" },
  "CP-E0006": { severity: "error", zh: "字符串未结束", en: "unterminated string" },
  // Syntax
  "CP-E0101": { severity: "error", zh: "此处不应出现 {0}，应为 {1}", en: "unexpected {0}; expected {1}" },
  "CP-E0102": { severity: "error", zh: "缺少 {0}", en: "missing {0}" },
  "CP-E0103": { severity: "error", zh: "文件末尾有多余内容 {0}", en: "unexpected {0} after the end of the policy" },
  "CP-E0104": { severity: "error", zh: "数值 {0} 无效：{1}", en: "invalid number {0}: {1}" },
  "CP-E0105": { severity: "error", zh: "日期 {0} 不是有效的日历日期", en: "{0} is not a calendar date" },
  "CP-E0106": { severity: "error", zh: "重复的元数据项 {0}", en: "duplicate metadata entry {0}" },
  "CP-E0107": { severity: "error", zh: "缺少政策声明（policy / 政策）", en: "missing the policy header (policy / 政策)" },
  // YAML form
  "CP-E0201": { severity: "error", zh: "YAML 语法错误：{0}", en: "YAML syntax error: {0}" },
  "CP-E0202": { severity: "error", zh: "YAML 结构不符合政策模式：{0}", en: "YAML does not match the policy schema: {0}" },
  // Names
  "CP-E0301": { severity: "error", zh: "未定义的名称 {0}", en: "unknown name {0}" },
  "CP-E0302": { severity: "error", zh: "名称 {0} 重复定义", en: "{0} is defined twice" },
  "CP-E0303": { severity: "error", zh: "未知的数据来源 {0}（可用：{1}）", en: "unknown record part {0} (known: {1})" },
  "CP-E0304": { severity: "error", zh: "{1} 没有字段 {0}", en: "{1} has no field {0}" },
  "CP-E0305": { severity: "error", zh: "等级 {0} 未定义", en: "grade {0} is not defined" },
  "CP-E0306": { severity: "error", zh: "派生值之间存在循环引用：{0}", en: "derived values refer to each other in a cycle: {0}" },
  "CP-E0307": { severity: "error", zh: "未知的函数 {0}", en: "unknown function {0}" },
  "CP-E0308": { severity: "error", zh: "{0} 不是 {1} 的取值（可用：{2}）", en: "{0} is not a value of {1} (known: {2})" },
  "CP-E0309": { severity: "error", zh: "等级 {0} 在优先顺序中出现多次或缺失", en: "grade {0} is missing from the precedence or listed twice" },
  "CP-E0310": { severity: "error", zh: "严重程度顺序中未列出处罚种类 {0}", en: "the severity order does not rank penalty kind {0}" },
  "CP-E0311": { severity: "error", zh: "使用 class 需要先声明严重程度顺序（severity / 严重程度）", en: "class needs a severity order (severity / 严重程度)" },
  // Types and units
  "CP-E0401": { severity: "error", zh: "类型不匹配：{0} 不能与 {1} 比较", en: "type mismatch: cannot compare {0} with {1}" },
  "CP-E0402": { severity: "error", zh: "此处应为 {0}，实际为 {1}", en: "expected {0}, found {1}" },
  "CP-E0403": { severity: "error", zh: "（含）/（不含）只能与边界用语连用", en: "（含）/（不含） only qualifies a boundary word" },
  "CP-E0404": { severity: "error", zh: "时间窗口应为期间（年、个月、日），实际为 {0}", en: "a window must be a duration (年, 个月, 日), found {0}" },
  "CP-E0405": { severity: "error", zh: "金额精度超过一分：{0}", en: "money more precise than a fen: {0}" },
  "CP-E0406": { severity: "error", zh: "{0} 只能用于 {1}", en: "{0} only applies to {1}" },
  "CP-E0407": { severity: "error", zh: "次数必须为整数：{0}", en: "a count must be a whole number: {0}" },
  // Citations and structure
  "CP-E0501": { severity: "error", zh: "条件缺少引用条款", en: "the condition cites no article" },
  "CP-E0502": { severity: "error", zh: "措施缺少条款原文", en: "the measure has no verbatim text" },
  "CP-E0503": { severity: "error", zh: "政策没有任何等级规则", en: "the policy defines no grade" },
  "CP-E0504": { severity: "error", zh: "测试用例 {0} 的记录不符合信用记录模式：{1} {2}", en: "test case {0}: the record breaks the credit record schema at {1}: {2}" },
  "CP-E0505": { severity: "error", zh: "多个等级规则时必须声明优先顺序", en: "several grades need a precedence" },
  "CP-E0506": { severity: "error", zh: "测试用例名称 {0} 重复", en: "test case name {0} is used twice" },
  // Lints
  "CP-W0601": { severity: "warning", zh: "派生值 {0} 未被使用", en: "derived value {0} is never used" },
  "CP-W0602": { severity: "warning", zh: "等级 {0} 中的条件重复：{1}", en: "grade {0} repeats a condition: {1}" },
  "CP-W0603": {
    severity: "warning",
    zh: "规定留有空白：{0} {1} {2} {3} 时不属于等级 {4}，且没有其他等级涉及该值",
    en: "the regulation leaves a gap: with {1} {2} {3}, {0} no longer gives grade {4} and no other grade reads {1}, so such records may get no grade",
  },
  "CP-W0604": { severity: "warning", zh: "名称 {0} 包含关键字 {1}，是否漏了空格？", en: "name {0} contains the keyword {1}; is a space missing?" },
  "CP-W0605": { severity: "warning", zh: "等级 {0} 没有措施", en: "grade {0} has no measures" },
  "CP-W0606": { severity: "warning", zh: "政策读取处理决定，但未声明撤销或修复记录的处理（disregard / 不予计入）", en: "the policy reads sanctions but states no disregard rule for revoked or repaired records" },
} as const satisfies Record<string, CatalogueEntry>;

export type DiagnosticCode = keyof typeof CATALOGUE;

export interface Diagnostic {
  code: DiagnosticCode;
  severity: Severity;
  /** Chinese and English, so a clerk and a developer both read it. */
  message: string;
  span?: Span;
  /** For YAML input without a span: the JSON path. */
  path?: string;
  help?: string;
}

function fill(template: string, args: readonly string[]): string {
  return template.replace(/\{(\d+)\}/g, (_, i: string) => args[Number(i)] ?? "");
}

export function diag(code: DiagnosticCode, span: Span | undefined, args: readonly string[] = [], help?: string): Diagnostic {
  const entry: CatalogueEntry = CATALOGUE[code];
  const d: Diagnostic = {
    code,
    severity: entry.severity,
    message: `${fill(entry.zh, args)} (${fill(entry.en, args)})`,
  };
  if (span) d.span = span;
  if (help) d.help = help;
  return d;
}

export function hasErrors(ds: readonly Diagnostic[]): boolean {
  return ds.some((d) => d.severity === "error");
}

/** `FILE:LINE:COL: error CODE: message`, the line format the CLI contract fixes. */
export function formatDiagnostic(d: Diagnostic, fallbackFile = "<input>"): string {
  const file = d.span?.file ?? fallbackFile;
  const where = d.span ? `${file}:${d.span.line}:${d.span.col}` : d.path !== undefined ? `${file}:${d.path || "/"}` : file;
  return `${where}: ${d.severity} ${d.code}: ${d.message}${d.help ? ` — ${d.help}` : ""}`;
}

export function sortDiagnostics(ds: Diagnostic[]): Diagnostic[] {
  return ds.sort(
    (a, b) =>
      (a.span?.file ?? "").localeCompare(b.span?.file ?? "") ||
      (a.span?.start ?? 0) - (b.span?.start ?? 0) ||
      a.code.localeCompare(b.code),
  );
}
