// The interface's words, Chinese first (the clerks' language) with an English switch. Compiler
// diagnostics and record errors are data; the views render them in this language with the
// catalogue's templates (diagnostics/catalogue.ts).

export type UiLang = "zh" | "en";

const STRINGS = {
  appTitle: { zh: "信用政策编辑器", en: "Credit policy editor" },
  policies: { zh: "政策文件", en: "Policy files" },
  problems: { zh: "问题", en: "Problems" },
  noProblems: { zh: "没有问题", en: "No problems" },
  save: { zh: "保存", en: "Save" },
  discard: { zh: "放弃修改", en: "Discard changes" },
  format: { zh: "格式化", en: "Format" },
  tabEdit: { zh: "编辑", en: "Edit" },
  tabDiff: { zh: "对比", en: "Compare" },
  saved: { zh: "已保存", en: "Saved" },
  unsaved: { zh: "未保存", en: "Unsaved" },
  saving: { zh: "正在保存…", en: "Saving…" },
  savedAt: { zh: "已保存到 {0}", en: "Saved to {0}" },
  conflict: {
    zh: "未保存：{0} 在你打开后已在磁盘上被修改。你的修改仍保留在编辑器中。",
    en: "Not saved: {0} changed on disk after you opened it. Your edits are still in the editor.",
  },
  conflictCompare: { zh: "与磁盘版本对比", en: "Compare with the disk version" },
  conflictOverwrite: { zh: "仍然覆盖", en: "Overwrite anyway" },
  conflictReload: { zh: "载入磁盘版本（放弃我的修改）", en: "Load the disk version (drop my edits)" },
  saveFailed: { zh: "保存失败：{0}", en: "Saving failed: {0}" },
  restoredDraft: { zh: "已恢复 {0} 未保存的修改。", en: "Restored unsaved edits from {0}." },
  draftStale: { zh: "注意：磁盘上的文件在此期间已改变，保存前请先对比。", en: "Note: the file changed on disk meanwhile; compare before saving." },
  discardConfirm: { zh: "放弃对 {0} 的所有未保存修改？", en: "Drop all unsaved edits to {0}?" },
  dismiss: { zh: "关闭", en: "Dismiss" },
  cases: { zh: "测试用例", en: "Test cases" },
  casesSummary: { zh: "{0} 通过，{1} 失败", en: "{0} passed, {1} failed" },
  casesStale: { zh: "政策有错误：以下为上次成功编译时的结果。", en: "The policy has errors: results below are from the last good compile." },
  casesNone: { zh: "此政策没有测试用例。", en: "This policy has no test cases." },
  grade: { zh: "等级", en: "Grade" },
  noGrade: { zh: "无等级", en: "no grade" },
  expected: { zh: "预期", en: "expected" },
  matched: { zh: "条款", en: "articles" },
  measures: { zh: "措施", en: "measures" },
  measuresCount: { zh: "{0} 项措施", en: "{0} measures" },
  acceptActual: { zh: "以当前结果为预期", en: "Accept current result" },
  tryRecord: { zh: "试算记录 / 新建用例", en: "Try a record / add a case" },
  example: { zh: "示例记录", en: "Example record" },
  pickExample: { zh: "（选择示例记录）", en: "(pick an example record)" },
  asOf: { zh: "评价日", en: "As of" },
  caseName: { zh: "用例名称", en: "Case name" },
  saveAsCase: { zh: "保存为测试用例", en: "Save as test case" },
  caseAdded: { zh: "已将用例“{0}”加入政策（尚未保存到磁盘）。", en: "Added case “{0}” to the policy (not yet saved to disk)." },
  caseNeedsName: { zh: "请填写用例名称。", en: "Give the case a name." },
  caseDuplicate: { zh: "已有名为“{0}”的用例。", en: "A case named “{0}” already exists." },
  caseRecordInvalid: { zh: "记录有错误，无法保存为用例。", en: "The record has errors; it cannot become a case." },
  policyHasErrors: { zh: "政策有语法错误，请先修正。", en: "The policy has syntax errors; fix them first." },
  recordOk: { zh: "记录有效", en: "Record is valid" },
  recordResult: { zh: "结果", en: "Result" },
  policyBroken: { zh: "政策无法编译，暂不能评定。", en: "The policy does not compile; nothing to grade with." },
  diffLeft: { zh: "左（旧）", en: "Left (old)" },
  diffRight: { zh: "右（新）", en: "Right (new)" },
  diffRun: { zh: "比较", en: "Compare" },
  diffBuffer: { zh: "编辑中：{0}", en: "Editing: {0}" },
  diffDisk: { zh: "磁盘：{0}", en: "On disk: {0}" },
  diffRevision: { zh: "版本 {0}：{1}", en: "Revision {0}: {1}" },
  semanticChanges: { zh: "语义变化（按条款）", en: "Semantic changes (by article)" },
  noSemanticChanges: { zh: "没有语义变化。", en: "No semantic change." },
  witnesses: { zh: "两版评定不同的示例（评价日 {0}）", en: "Records graded differently (as of {0})" },
  recordErrors: { zh: "{0} 条记录无法评定", en: "{0} records could not be graded" },
  policyWide: { zh: "全局", en: "Policy-wide" },
  transitions: { zh: "等级迁移矩阵（示例记录 {0} 条，评价日 {1}）", en: "Grade transitions ({0} example records, as of {1})" },
  transitionsChanged: { zh: "{0} 条记录等级改变", en: "{0} records change grade" },
  diffSideErrors: { zh: "{0} 无法编译：", en: "{0} does not compile:" },
  oldNew: { zh: "旧 \\ 新", en: "old \\ new" },
  formatFailed: { zh: "无法格式化：政策有语法错误。", en: "Cannot format: the policy has syntax errors." },
  compileTime: { zh: "编译+用例 {0} 毫秒", en: "compile+cases {0} ms" },
  errorsWarnings: { zh: "{0} 错误 {1} 警告", en: "{0} errors {1} warnings" },
  loadFailed: { zh: "无法读取 {0}：{1}", en: "Cannot read {0}: {1}" },
  language: { zh: "English", en: "中文" },
  languageTitle: { zh: "切换界面语言（页面将重新载入，未保存的修改会保留）", en: "Switch the interface language (the page reloads; unsaved edits are kept)" },
  casesNotYet: { zh: "政策还有 {0} 个错误，尚未通过检查：修正左侧“问题”中列出的错误后即可运行测试用例。", en: "The policy has {0} errors and does not compile yet: fix the problems listed on the left and its test cases will run." },
  casesNoParse: { zh: "政策有语法错误，尚不能运行测试用例。", en: "The policy has syntax errors; its test cases cannot run yet." },
  planChecked: { zh: "已对照上级方案 {0} 检查（同 check --against）。", en: "Checked against the parent plan {0} (as check --against)." },
  planMissing: { zh: "未找到上级方案 {0}，未能对照检查。", en: "The parent plan {0} was not found; not checked against it." },
  planCheck: { zh: "上级方案", en: "parent plan" },
  coverage: { zh: "用例覆盖：等级 {0}/{1}，条款 {2}/{3}", en: "Case coverage: grades {0}/{1}, articles {2}/{3}" },
  coverageConditions: { zh: "，条件 {0}/{1}", en: ", conditions {0}/{1}" },
  coverageGradeMissing: { zh: "没有用例得到等级 {0}", en: "No case gets grade {0}" },
  coverageArticleMissing: { zh: "没有用例由 {0} 判定（等级 {1}）", en: "No case is decided by {0} (grade {1})" },
  coverageAll: { zh: "每个等级和条款都有用例覆盖。", en: "Every grade and article is exercised by a case." },
  why: { zh: "为什么", en: "Why" },
  whyHide: { zh: "收起", en: "Hide" },
  whyHead: { zh: "结果：{0}（评价日 {1}{2}）", en: "Result: {0} (as of {1}{2})" },
  whyDataDay: { zh: "，数据截至 {0}", en: ", data as of {0}" },
  whyGiven: { zh: "给出此等级：以下标出的条件成立", en: "given: the marked conditions hold" },
  whyHoldsLower: { zh: "条件成立，但按优先顺序让位于更高的等级", en: "its condition holds, but a stronger grade takes precedence" },
  whyNotGiven: { zh: "未给出：以下标出的条件不满足", en: "not given: the marked conditions are not met" },
  whyDeciding: { zh: "决定", en: "decides" },
  whyNegated: { zh: "非", en: "not" },
  whyOverride: { zh: "直接评定为 {0}（{1}）", en: "Set to {0} directly ({1})" },
  pastedRecords: { zh: "粘贴的记录", en: "Pasted records" },
  pastedSeveral: { zh: "粘贴了 {0} 条记录（每行一条）：已载入第 1 条，其余可在“示例记录”中选择。", en: "Pasted {0} records (one a line): the first is loaded; pick the others from the example list." },
  absent: { zh: "（无）", en: "(none)" },
  listSeparator: { zh: "；", en: "; " },
  quotedText: { zh: "条文", en: "Text" },
  movedShown: { zh: "显示其中 {0} 条，共 {1} 条。", en: "Showing {0} of {1}." },
  showAll: { zh: "显示全部", en: "Show all" },
  renameRefused: { zh: "此处没有可重命名的名称", en: "Nothing here can be renamed" },
  readPolicyFailed: { zh: "无法读取上级方案 {0}", en: "Cannot read the parent plan {0}" },
  formatShortcut: { zh: "格式化（Shift+Alt+F）", en: "Format (Shift+Alt+F)" },
} as const satisfies Record<string, Record<UiLang, string>>;

export type StringKey = keyof typeof STRINGS;

let current: UiLang = readLang();

function readLang(): UiLang {
  try {
    const v = globalThis.localStorage?.getItem("cpe:lang");
    return v === "en" ? "en" : "zh";
  } catch {
    return "zh";
  }
}

export function uiLang(): UiLang {
  return current;
}

export function setUiLang(lang: UiLang): void {
  current = lang;
  try {
    globalThis.localStorage?.setItem("cpe:lang", lang);
  } catch {
    // Private mode: the switch still works for this page.
  }
}

export function t(key: StringKey, ...args: (string | number)[]): string {
  return STRINGS[key][current].replace(/\{(\d+)\}/g, (_, i: string) => String(args[Number(i)] ?? ""));
}
