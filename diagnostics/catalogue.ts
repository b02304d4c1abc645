// The one catalogue of message templates, in Chinese and English: every diagnostic code (CP-E…
// errors, CP-W… warnings, CP-R… credit record errors), the other wordings a code may take (a
// variant such as "CP-R004/as-of"), the labels of related spans ("note/…"), the help hints
// ("help/…") and the few words a message composes ("value/…", "type/…"). Diagnostics and record
// errors carry a key and its arguments, never prose; text is made only where it is shown (the CLI,
// the eval output line, the editor) by the renderers below.
//
// Pure data and string filling, no imports: runtime/support.ts (which generated policy modules
// import) renders record errors with it, so it must stay light and browser-safe.

export type Lang = "zh" | "en";
export type Severity = "error" | "warning";

export interface Template {
  zh: string;
  en: string;
}

/** Templates take {0}, {1}… placeholders; zh and en use the same ones. */
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
  "CP-E0108": { severity: "error", zh: "表达式或条件嵌套超过 {0} 层", en: "expressions or conditions nested deeper than {0} levels" },
  "CP-E0109": {
    severity: "error",
    zh: "测试记录中的数 {0} 无法原样保留（读作 {1}）：请写成小数位数较少的数字，或写成字符串",
    en: "the number {0} in a test record cannot be kept as written (it reads as {1}); write digits a double holds exactly, or a string",
  },
  "CP-E0110": { severity: "error", zh: "{0} 只能出现一次", en: "{0} may be stated only once" },
  // YAML form
  "CP-E0201": { severity: "error", zh: "YAML 语法错误：{0}", en: "YAML syntax error: {0}" },
  "CP-E0202": { severity: "error", zh: "YAML 结构不符合政策模式：{0}", en: "YAML does not match the policy schema: {0}" },
  "CP-E0203": { severity: "error", zh: "YAML 嵌套超过 {0} 层", en: "YAML nested deeper than {0} levels" },
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
  "CP-E0312": {
    severity: "error",
    zh: "逐项规则 {1} 不能读取主体级派生值 {0}：逐项规则只读取本项的字段、参数、主体字段和规则内的定义",
    en: "item rule {1} cannot read the subject-level value {0}: an item rule reads its item's fields, parameters, subject fields and its own values",
  },
  "CP-E0313": { severity: "error", zh: "字段类型 {0} 未知（可用：{1}）", en: "unknown field type {0} (known: {1})" },
  "CP-E0314": { severity: "error", zh: "参数 {0} 的值应为字面量（数量、日期、文字或是否）", en: "parameter {0} must be a literal (a quantity, a date, a text or yes/no)" },
  "CP-E0315": { severity: "error", zh: "命名条件之间存在循环引用：{0}", en: "named filters refer to each other in a cycle: {0}" },
  "CP-E0317": {
    severity: "error",
    zh: "{0} 建立在超过 {1} 个定义（派生值、命名条件或逐项输出）逐个引用的链上",
    en: "{0} builds on a chain of more than {1} definitions (derived values, named filters or per-item outputs) reading each other",
  },
  "CP-E0318": { severity: "error", zh: "命名条件 {0} 展开后超过 {1} 层或 {2} 个节点", en: "named filter {0} expands to more than {1} levels or {2} nodes" },
  "CP-E0316": { severity: "error", zh: "函数 {0} 的参数应为{1}，共 {2} 个以上", en: "{0} takes {2} or more arguments, each {1}" },
  // Types and units
  "CP-E0401": { severity: "error", zh: "类型不匹配：{0} 不能与 {1} 比较", en: "type mismatch: cannot compare {0} with {1}" },
  "CP-E0402": { severity: "error", zh: "此处应为 {0}，实际为 {1}", en: "expected {0}, found {1}" },
  "CP-E0403": { severity: "error", zh: "（含）/（不含）只能与边界用语连用", en: "（含）/（不含） only qualifies a boundary word" },
  "CP-E0404": { severity: "error", zh: "时间窗口应为期间（年、个月、日），实际为 {0}", en: "a window must be a duration (年, 个月, 日), found {0}" },
  "CP-E0405": { severity: "error", zh: "金额精度超过一分：{0}", en: "money more precise than a fen: {0}" },
  "CP-E0406": { severity: "error", zh: "{0} 只能用于 {1}", en: "{0} only applies to {1}" },
  "CP-E0407": { severity: "error", zh: "次数必须为整数：{0}", en: "a count must be a whole number: {0}" },
  "CP-E0408": { severity: "error", zh: "期间超出日历范围（至多 9999 年、119988 个月、3652059 日）：{0}", en: "a period longer than the calendar holds (at most 9999 years, 119,988 months, 3,652,059 days): {0}" },
  // Citations and structure
  "CP-E0501": { severity: "error", zh: "条件缺少引用条款", en: "the condition cites no article" },
  "CP-E0502": { severity: "error", zh: "措施缺少条款原文", en: "the measure has no verbatim text" },
  "CP-E0503": { severity: "error", zh: "政策没有任何等级、类别或义务规则", en: "the policy defines no grade, category or obligation" },
  "CP-E0504": { severity: "error", zh: "测试用例 {0} 的记录不符合信用记录模式：{1} {2}", en: "test case {0}: the record breaks the credit record schema at {1}: {2}" },
  "CP-E0505": { severity: "error", zh: "多个等级规则时必须声明优先顺序", en: "several grades need a precedence" },
  "CP-E0506": { severity: "error", zh: "测试用例名称 {0} 重复", en: "test case name {0} is used twice" },
  "CP-E0508": { severity: "error", zh: "待填写：{0}", en: "a place to fill is still empty: {0}" },
  // Score bands, models, plans
  "CP-E0510": { severity: "error", zh: "分档 {0} 有空白：{1} 不属于任何档", en: "bands {0} leave a gap: {1} is in no band" },
  "CP-E0511": { severity: "error", zh: "分档 {0} 有重叠：{1} 同时属于 {2}", en: "bands {0} overlap: {1} is in {2}" },
  "CP-E0512": { severity: "error", zh: "分档 {0} 的条件只能是对依据值的上下限（如 高于 85分）", en: "a band of {0} must be bounds on its subject (e.g. above 85 points)" },
  "CP-E0513": { severity: "error", zh: "评价模型 {0} 的权重合计 {1} 不等于满分 {2}", en: "the weights of model {0} add up to {1}, not its total {2}" },
  "CP-E0514": { severity: "error", zh: "评价时点 {0} 不是有效的月日", en: "snapshot {0} is not a valid month and day" },
  "CP-E0515": { severity: "error", zh: "{0} 只能引用等级或类别，{1} 都不是", en: "{0} names a grade or category; {1} is neither" },
  "CP-E0516": { severity: "error", zh: "期限应为日期，实际为 {0}", en: "a due date must be a date, found {0}" },
  "CP-E0517": { severity: "error", zh: "义务 {0} 须指明记录部分（针对 处理决定 …）", en: "obligation {0} names no record part (for each sanctions …)" },
  "CP-E0518": {
    severity: "error",
    zh: "逐项规则 {1} 针对 {2}，其中的义务 {0} 不能针对其他记录部分",
    en: "obligation {0} in item rule {1} is for each item of {2}; it cannot name another part",
  },
  "CP-E0519": { severity: "error", zh: "措施 {0} 只能引用本逐项规则的类别", en: "measures {0} in an item rule must name one of the rule's categories" },
  // Against a parent plan (check --against)
  "CP-E0520": { severity: "error", zh: "缺少上级方案要求的部分：{0}", en: "missing a section the parent plan requires: {0}" },
  "CP-E0521": { severity: "error", zh: "等级应为上级方案统一的 {0}，实际为 {1}", en: "grades must be the plan's unified {0}, found {1}" },
  "CP-E0522": { severity: "error", zh: "等级 {0} 没有措施", en: "grade {0} has no measures" },
  "CP-E0523": { severity: "error", zh: "评价模型满分应为 {0}，实际为 {1}", en: "the model's total must be {0}, found {1}" },
  "CP-E0524": { severity: "error", zh: "上级方案 {0} 未声明部门要求（部门要求 / requires）", en: "parent plan {0} states no department requirements (requires)" },
  "CP-E0525": { severity: "error", zh: "政策声明的上级方案是 {0}，而非 {1}", en: "the policy names {0} as its parent plan, not {1}" },
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
  "CP-W0526": {
    severity: "warning",
    zh: "按上级方案 {0} {1} 的例外，免于要求“{2}”：{3}",
    en: "exempt from the plan's requirement {2} by the exception of {0} {1}: {3}",
  },
  "CP-E0527": { severity: "error", zh: "上级方案 {0} 在 {1} 没有例外（现有：{2}）", en: "plan {0} states no exception at {1} (known: {2})" },
  "CP-W0607": {
    severity: "warning",
    zh: "规定留有空白：{0} 不计 {2} 的{1}，且没有其他等级计入这类{1}",
    en: "the regulation leaves a gap: {0} does not count {1} that are {2}, and no other grade counts them, so a record with only such {1} may get no grade",
  },
  // Fidelity to the source text (compiler/fidelity/): quotes, citations, every article accounted for
  "CP-E0801": { severity: "error", zh: "{0} 的引文与来源文件原文不符", en: "the quote at {0} does not occur in the source text" },
  "CP-E0802": { severity: "error", zh: "来源文件 {1} 中没有 {0}", en: "the source text {1} has no {0}" },
  "CP-E0803": { severity: "error", zh: "引文出自 {1}，而非所引的 {0}", en: "the quote is from {1}, not from {0} it cites" },
  "CP-W0804": { severity: "warning", zh: "{0} 既未编码也未列为不予编码", en: "{0} is neither encoded nor listed as not encoded" },
  "CP-W0805": { severity: "warning", zh: "{0} 中有原文既未引用也未列为不予编码：“{1}”", en: "{0} has text neither quoted nor listed as not encoded: “{1}”" },
  "CP-W0806": { severity: "warning", zh: "找不到来源文件 {0}（{1}）：未核对引文与条款", en: "source text {0} not found ({1}): quotes and articles not checked" },
  "CP-E0807": { severity: "error", zh: "不予编码引用原文时只能列一个条款", en: "a not-encoded statement that quotes text names one article" },
  "CP-E0809": { severity: "error", zh: "元数据 {0} 的值“{1}”不在来源文件中", en: "the {0} “{1}” does not occur in the source text" },
  // Solver-backed analysis (analysis/smt/: `analyze`, `check --analyze`). {0} and {1} state the bound:
  // records with at most {0} items of each part, graded as of {1}.
  "CP-W1101": { severity: "warning", zh: "等级 {2} 不可能评定（{0} 的记录，评价日 {1}）", en: "grade {2} is never given (records with {0}, as of {1})" },
  "CP-W1102": { severity: "warning", zh: "类别 {2} 不可能成立（{0} 的记录，评价日 {1}）", en: "category {2} never holds (records with {0}, as of {1})" },
  "CP-W1103": {
    severity: "warning",
    zh: "{2}（{3}）的条件不可能成立（{0} 的记录，评价日 {1}）",
    en: "the condition of {2} ({3}) can never hold (records with {0}, as of {1})",
  },
  "CP-W1104": {
    severity: "warning",
    zh: "{2}（{3}）的条件总是成立（{0} 的记录，评价日 {1}）",
    en: "the condition of {2} ({3}) always holds (records with {0}, as of {1})",
  },
  "CP-W1105": {
    severity: "warning",
    zh: "{2} 的条件对 {3} 多余：无论它是否成立，{3} 都不变（{0} 的记录，评价日 {1}）",
    en: "the condition of {2} is redundant in {3}: whether it holds never changes {3} (records with {0}, as of {1})",
  },
  "CP-W1106": {
    severity: "warning",
    zh: "{2} 的条件被遮蔽：它决定等级 {3} 时，总有优先的等级成立（{0} 的记录，评价日 {1}）",
    en: "the condition of {2} is shadowed: whenever it decides grade {3}, a grade of higher precedence applies (records with {0}, as of {1})",
  },
  "CP-W1107": {
    severity: "warning",
    zh: "规定留有空白：{2} 的其余条件成立而 {3} 时，不属于任何等级，评定为 {4}（{0} 的记录，评价日 {1}）",
    en: "the regulation leaves a gap: with the rest of {2} holding and {3}, no grade applies and the result is {4} (records with {0}, as of {1})",
  },
  "CP-W1108": { severity: "warning", zh: "未分析：求解器不编码 {0}", en: "not analysed: the solver does not encode {0}" },
  // Revisions of one policy (compiler/versions.ts)
  "CP-E0701": { severity: "error", zh: "同一政策的修订版本必须使用同一政策标识：{0} 与 {1}", en: "revisions of one policy must share its id: {0} vs {1}" },
  "CP-E0702": { severity: "error", zh: "修订版本的有效期重叠：{0}（{1}）与 {2}（{3}）", en: "revisions overlap: {0} (in force {1}) and {2} (in force {3})" },
  "CP-E0703": { severity: "error", zh: "修订版本之间有空档：{0} 至 {1} 没有有效的版本", en: "a gap between revisions: no revision is in force from {0} to {1}" },
  "CP-E0704": { severity: "error", zh: "修订版本 {0} 与 {1} 的等级不同（{2} / {3}），须在后一版本声明等级对应（等级对应 / grade map）", en: "revisions {0} and {1} have different grades ({2} / {3}); the later one must declare a grade map" },
  "CP-E0705": { severity: "error", zh: "{0} 早于政策 {1} 的第一个版本（自 {2} 起施行）", en: "{0} is before the first revision of {1} (in force from {2})" },
  "CP-E0706": { severity: "error", zh: "{0} 没有有效的 {1} 版本（最后一个版本自 {2} 起失效）", en: "no revision of {1} is in force on {0} (the last one expired on {2})" },
  "CP-E0707": { severity: "error", zh: "政策 {0} 没有版本 {1}（现有：{2}）", en: "policy {0} has no revision {1} (known: {2})" },
  "CP-E0708": { severity: "error", zh: "{0} 应为日期 YYYY-MM-DD 或 未载明", en: "{0} must be a date YYYY-MM-DD or unstated" },
  "CP-E0709": { severity: "error", zh: "失效日期 {0} 不晚于生效日期 {1}", en: "expires {0} is not after effective {1}" },
  "CP-E0710": { severity: "error", zh: "多个修订版本使用同一版本号 {0}", en: "several revisions share the version {0}" },
  "CP-E0711": { severity: "error", zh: "等级对应中的 {0} 不是版本 {1} 的等级", en: "{0} in the grade map is not a grade of revision {1}" },
  "CP-E0712": { severity: "error", zh: "等级对应未说明版本 {1} 的等级 {0} 对应何等级", en: "the grade map does not say what grade {0} of revision {1} becomes" },
  "CP-W0701": { severity: "warning", zh: "测试用例 {0} 的评价日 {1} 不在本版本的有效期内（{2}）：test 按当日有效的版本评定", en: "test case {0} is dated {1}, outside this revision's period ({2}); test grades it under the revision in force that day" },
  "CP-W0702": { severity: "warning", zh: "等级对应引用的版本 {0} 不在本政策的修订版本中", en: "the grade map names revision {0}, which is not among this policy's revisions" },

  // Import of offices' files (ingest/, `credit-policy import`): why a row was rejected. {0} is a
  // column as its header is written, unless the message says otherwise.
  "CP-E0901": { severity: "error", zh: "缺少必需的列：{0}（{1}）", en: "missing required column(s) {0} ({1})" },
  "CP-E0902": { severity: "error", zh: "处罚类别 {0} 不在对照表中（ingest/data/values.json）", en: "处罚类别 {0} is not in the mapping table (ingest/data/values.json)" },
  "CP-E0902/ambiguous": { zh: "处罚类别 {0} 含义不明确：{1}", en: "处罚类别 {0} is ambiguous: {1}" },
  "CP-E0903": {
    severity: "error",
    zh: "{0} 列的 {1} 不是日期（可用 2021-06-01、2021/6/1、2021年6月1日、20210601 或 Excel 日期序号）",
    en: "{1} in column {0} is not a date (2021-06-01, 2021/6/1, 2021年6月1日, 20210601 or an Excel serial)",
  },
  "CP-E0903/order": { zh: "{0} 列的日期 {1} 早于 {2}", en: "{1} in column {0} is before {2}" },
  "CP-E0904": { severity: "error", zh: "{0} 列的 {1} 不是金额（非负十进制数，精确到分）", en: "{1} in column {0} is not an amount (a non-negative decimal, to the fen at most)" },
  "CP-E0904/missing": { zh: "处罚类别含罚款，但 {0} 未给出罚款金额", en: "the row imposes 罚款 but {0} states no fine amount" },
  "CP-E0904/no-kind": { zh: "{0} 列有金额 {1}，但处罚类别中没有相应的处罚", en: "column {0} has the amount {1}, but 处罚类别 imposes no such penalty" },
  "CP-E0904/ambiguous": { zh: "{0} 中有多个不同的金额：{1}", en: "{0} states several different amounts: {1}" },
  "CP-E0905": { severity: "error", zh: "该行没有可识别主体的代码（统一社会信用代码、其他代码或证件号码）", en: "the row identifies no subject (no 统一社会信用代码, other code or 证件号码)" },
  "CP-E0905/masked": { zh: "{0} 列的证件号码 {1} 已脱敏，无法识别主体", en: "the number {1} in column {0} is masked and identifies no one" },
  "CP-E0905/excel-number": { zh: "{0} 列的代码 {1} 已被 Excel 存为数字，位数已丢失", en: "the code {1} in column {0} was stored as a number by Excel and has lost digits" },
  "CP-E0906": { severity: "error", zh: "统一社会信用代码 {0} 校验码错误（应为 {1}）", en: "统一社会信用代码 {0} has a wrong check character (expected {1})" },
  "CP-E0906/format": { zh: "{0} 列的 {1} 不是 18 位统一社会信用代码", en: "{1} in column {0} is not an 18-character 统一社会信用代码" },
  "CP-E0906/id-card": { zh: "{0} 列的身份证号码 {1} 校验码错误或位数不对", en: "the 身份证号码 {1} in column {0} has a wrong check character or length" },
  "CP-E0907": { severity: "error", zh: "决定书 {0}（{1}）与 {2} 处的同一决定不一致：{3}", en: "decision {0} of {1} conflicts with its copy at {2}: {3} differ" },
  "CP-E0908": { severity: "error", zh: "{0} 列的 {1} 不在对照表中（ingest/data/values.json）", en: "{1} in column {0} is not in the mapping table (ingest/data/values.json)" },
  "CP-E0909": { severity: "error", zh: "没有决定书文号为 {0} 的处罚决定", en: "no imported decision has 决定书文号 {0}" },
  "CP-E0909/ambiguous": { zh: "决定书文号 {0} 对应多个机关的决定（{1}），请填写处罚机关", en: "several decisions have 决定书文号 {0} ({1}); give the 处罚机关" },
  "CP-E0910": { severity: "error", zh: "决定 {0} 在 {1} 的状态变更与 {2} 处的记录冲突", en: "the status change of decision {0} on {1} conflicts with the one at {2}" },
  "CP-E0910/before": { zh: "决定 {0} 的状态变更日期 {1} 早于其决定日期 {2}", en: "decision {0}'s status change on {1} is before its date {2}" },
  "CP-E0910/subject": { zh: "修复记录的统一社会信用代码 {1} 与决定 {0} 的主体 {2} 不一致", en: "统一社会信用代码 {1} differs from the subject {2} of decision {0}" },
  "CP-E0910/undated": { zh: "决定 {0} 的当前状态 {1} 没有日期，不能再按日期变更", en: "decision {0} carries the undated status {1}; dated changes cannot follow it" },
  "CP-E0911": { severity: "error", zh: "{0} 列为空", en: "column {0} is empty" },
  "CP-E0912": { severity: "error", zh: "由该行生成的记录不符合信用记录模式：{0} {1}", en: "the record made from the row breaks the credit record schema at {0}: {1}" },
  "CP-E0913": { severity: "error", zh: "前 {0} 行中没有可识别的表头（ingest/data/columns.json）", en: "no known header row in the first {0} rows (ingest/data/columns.json)" },
  "CP-E0913/ambiguous": { zh: "表头同时符合多种格式：{0}", en: "the header row fits several layouts: {0}" },
  "CP-E0914": { severity: "error", zh: "该行含有无法按 {0} 解码的字节", en: "the row holds bytes that are not valid {0}" },
  "CP-E0914/csv": { zh: "第 {0} 行起无法按 CSV 读取：{1}", en: "unreadable CSV from row {0}: {1}" },

  // SQL backend (CP-E10xx): what it cannot translate exactly (a compile error, never a silent difference).
  "CP-E1001": { severity: "error", zh: "SQL 后端不支持：{0}", en: "the SQL backend does not support {0}" },

  // Credit record errors: the `error` of an eval output line (cli-contract.md), the record panel of
  // the editor. The English templates reproduce the eval output's messages byte for byte.
  "CP-R000": { severity: "error", zh: "第 {0} 行：JSON 格式错误：{1}", en: "line {0}: malformed JSON: {1}" },
  "CP-R000/json": { zh: "JSON 格式错误：{0}", en: "malformed JSON: {0}" },
  "CP-R000/not-utf8": { zh: "第 {0} 行：不是 UTF-8 文本，请将文件另存为 UTF-8", en: "line {0}: not UTF-8 text; save the file as UTF-8" },
  "CP-R000/csv-cell": { zh: "第 {0} 行 {1} 列：JSON 格式错误：{2}", en: "line {0}, column {1}: malformed JSON: {2}" },
  "CP-R000/csv-cells": { zh: "第 {0} 行：有 {1} 个单元格，但标题行有 {2} 个", en: "line {0}: {1} cells, but the header row has {2}" },
  "CP-R000/csv-row": { zh: "第 {0} 行：{1}", en: "line {0}: {1}" },
  "CP-R000/csv-unreadable": { zh: "第 {0} 行：无法读取", en: "line {0}: unreadable row" },
  "CP-R000/no-record": { zh: "第 {0} 行：没有记录，只有 {1}", en: "line {0}: no record, only {1}" },
  "CP-R000/empty-element": { zh: "第 {0} 行：JSON 数组中有空元素（多余的逗号）", en: "line {0}: an empty element in the JSON array (a comma too many)" },
  "CP-R000/after-array": { zh: "第 {0} 行：JSON 数组结束后还有内容", en: "line {0}: text after the end of the JSON array" },
  "CP-R001": { severity: "error", zh: "记录应为 JSON 对象，实际为 {0}", en: "expected the record to be a JSON object, got {0}" },
  "CP-R002": { severity: "error", zh: "缺少必填字段 {0}", en: "missing required property {0}" },
  "CP-R003": { severity: "error", zh: "应为{0}，实际为 {1}", en: "expected {0}, got {1}" },
  "CP-R003/or-null": { zh: "应为{0}或 null，实际为 {1}", en: "expected {0} or null, got {1}" },
  "CP-R003/null": { zh: "应为 null", en: "expected null" },
  "CP-R004": { severity: "error", zh: "应为 ISO 日期 YYYY-MM-DD，实际为 {0}", en: "expected an ISO date YYYY-MM-DD, got {0}" },
  "CP-R004/or-null": { zh: "应为 ISO 日期 YYYY-MM-DD 或 null，实际为 {0}", en: "expected an ISO date YYYY-MM-DD or null, got {0}" },
  "CP-R004/as-of": { zh: "评价日应为日历日期 YYYY-MM-DD，实际为 {0}", en: "as-of day must be a calendar date YYYY-MM-DD, got {0}" },
  "CP-R005": {
    severity: "error",
    zh: "应为以元为单位的金额：非负数字或最多两位小数的十进制字符串，实际为 {0}",
    en: "expected an amount in yuan: a non-negative number or decimal string with at most two decimals, got {0}",
  },
  "CP-R006": { severity: "error", zh: "应为以下取值之一：{0}，实际为 {1}", en: "expected one of {0}, got {1}" },
  "CP-R007": { severity: "error", zh: "应为满足条件（{0}）的值，实际为 {1}", en: "expected a value that {0}, got {1}" },
  "CP-R007/non-empty": { zh: "应为非空字符串，实际为 {0}", en: "expected a non-empty string, got {0}" },
  "CP-R007/range": { zh: "应为 {0} 至 {1} 之间的数，实际为 {2}", en: "expected a number from {0} to {1}, got {2}" },
  "CP-R008": { severity: "error", zh: "无法评定：{0}", en: "cannot evaluate: {0}" },
  "CP-R009": {
    severity: "error",
    zh: "状态 {0} 与状态变更记录的最后一项 {1} 不一致",
    en: "status {0} differs from the last entry of status_history, {1}",
  },
  "CP-R009/order": { zh: "状态变更记录应按日期排列：{0} 在 {1} 之后", en: "status_history must be in order of from: {0} comes after {1}" },
  // Limits (README, "Limits"): a record over one is refused whole, and the batch goes on.
  "CP-R010": { severity: "error", zh: "第 {0} 行：记录有 {1} 字节，超过上限 {2} 字节（--max-record-bytes）", en: "line {0}: the record has {1} bytes, more than the limit of {2} (--max-record-bytes)" },
  "CP-R010/at-least": { zh: "第 {0} 行：记录超过 {1} 字节，超过上限 {2} 字节（--max-record-bytes）", en: "line {0}: the record has more than {1} bytes, over the limit of {2} (--max-record-bytes)" },
  "CP-R011": { severity: "error", zh: "数组和对象嵌套超过 {0} 层", en: "arrays and objects nested deeper than {0} levels" },
  "CP-R012": { severity: "error", zh: "数组有 {0} 个元素，超过上限 {1} 个", en: "an array of {0} elements, more than the limit of {1}" },
  // The database layout (issue 15): amounts its DECIMAL(18,2) columns cannot hold exactly.
  "CP-R013": {
    severity: "error",
    zh: "金额超出数据库表可精确保存的上限（9999999999999999.99 元），实际为 {0}",
    en: "an amount beyond what the database layout holds exactly (9999999999999999.99 yuan), got {0}",
  },
  // What a JSON parser reports (jsonc-parser's codes), for the editor's record panel.
  "json/InvalidSymbol": { zh: "无效的符号", en: "invalid symbol" },
  "json/InvalidNumberFormat": { zh: "数字格式错误", en: "invalid number format" },
  "json/PropertyNameExpected": { zh: "应为属性名", en: "property name expected" },
  "json/ValueExpected": { zh: "应为值", en: "value expected" },
  "json/ColonExpected": { zh: "应为冒号", en: "colon expected" },
  "json/CommaExpected": { zh: "应为逗号", en: "comma expected" },
  "json/CloseBraceExpected": { zh: "缺少右花括号", en: "closing brace expected" },
  "json/CloseBracketExpected": { zh: "缺少右方括号", en: "closing bracket expected" },
  "json/EndOfFileExpected": { zh: "一个记录之后还有内容（一次只能有一个 JSON 对象）", en: "more after the record (one JSON object at a time)" },
  "json/InvalidCommentToken": { zh: "JSON 不允许注释", en: "JSON allows no comments" },
  "json/UnexpectedEndOfComment": { zh: "注释未结束", en: "unterminated comment" },
  "json/UnexpectedEndOfString": { zh: "字符串未结束", en: "unterminated string" },
  "json/UnexpectedEndOfNumber": { zh: "数字未结束", en: "unterminated number" },
  "json/InvalidUnicode": { zh: "无效的 Unicode 转义", en: "invalid Unicode escape" },
  "json/InvalidEscapeCharacter": { zh: "无效的转义字符", en: "invalid escape character" },
  "json/InvalidCharacter": { zh: "无效的字符", en: "invalid character" },
  /** After the first record error of an eval output line: how many more, and where. */
  "record/more": { zh: "（另有 {0} 处：{1}）", en: " (and {0} more: {1})" },
  /** The same when the search stopped at its cap (record/validate.ts MAX_ERRORS). */
  "record/more-capped": { zh: "（另有至少 {0} 处：{1}）", en: " (and at least {0} more: {1})" },
  // Words record errors compose (arguments that are references, rendered in the same language).
  "value/nothing": { zh: "无", en: "nothing" },
  "value/array": { zh: "数组", en: "an array" },
  "value/object": { zh: "对象", en: "an object" },
  "value/huge-number": { zh: "超出范围的数（绝对值大于 1.8e308）", en: "a number out of range (beyond ±1.8e308)" },
  "type/object": { zh: "对象", en: "an object" },
  "type/array": { zh: "数组", en: "an array" },
  "type/integer": { zh: "整数", en: "an integer" },
  "type/number": { zh: "数字", en: "a number" },
  "type/string": { zh: "字符串", en: "a string" },
  "type/boolean": { zh: "是/否", en: "a boolean" },
  "type/null": { zh: "null", en: "a null" },
  "list/or": { zh: "{0}或{1}", en: "{0} or {1}" },

  // What a test case's result differs in (runtime/test-runner.ts): the English is the CLI's `test` output.
  "case/grade": { zh: "等级：预期 {0}，实际 {1}", en: "grade: expected {0}, got {1}" },
  "case/matched": { zh: "条款：预期 {0}，实际 {1}", en: "matched: expected {0}, got {1}" },
  "case/measures": { zh: "措施：预期 {0}，实际 {1}", en: "measures: expected {0}, got {1}" },
  "case/categories": { zh: "类别：预期 {0}，实际 {1}", en: "categories: expected {0}, got {1}" },
  "case/obligations": { zh: "义务：预期 {0}，实际 {1}", en: "obligations: expected {0}, got {1}" },
  "case/score": { zh: "评价模型 {0}：预期 {1}，实际 {2}", en: "score {0}: expected {1}, got {2}" },
  "case/item": { zh: "逐项 {0} {1}：预期 {2}，实际 {3}", en: "item {0} {1}: expected {2}, got {3}" },
  "case/record-error": { zh: "记录错误 {0}：{1}", en: "record error at {0}: {1}" },
  "value/no-grade": { zh: "无等级", en: "null" },
  "value/none": { zh: "无", en: "none" },
  "value/no-output": { zh: "无此输出", en: "no such output" },
  "value/todo": { zh: "待填写", en: "TODO" },
  // Metadata entries by their id (a place to fill in a draft's header, CP-E0508).
  // Why the source text a policy names (来源文件) could not be read (CP-W0806).
  "source/no-such-file": { zh: "{0}：文件不存在", en: "{0}: no such file" },
  "source/not-utf8": { zh: "{0}：不是 UTF-8 文本", en: "{0}: not UTF-8 text" },
  "meta/id": { zh: "政策标识", en: "policy id" },
  "meta/title": { zh: "标题", en: "title" },
  "meta/authority": { zh: "发文机关", en: "issuing authority" },
  "meta/document": { zh: "文号", en: "document number" },
  "meta/issued": { zh: "发布日期", en: "issued" },
  "meta/effective": { zh: "生效日期", en: "effective" },
  "meta/expires": { zh: "失效日期", en: "expires" },
  "meta/trial": { zh: "试行", en: "trial" },
  "meta/interpreter": { zh: "解释机关", en: "interpreting authority" },
  "meta/source": { zh: "来源文件", en: "source file" },
  "meta/version": { zh: "版本", en: "version" },
  "meta/parent": { zh: "上级方案", en: "parent plan" },
  "meta/department": { zh: "部门", en: "department" },
  "meta/domain": { zh: "监管领域", en: "domain" },
  // Sections a parent plan requires (check --against, CP-E0520).
  "section/parent": { zh: "上级方案（文件信息 上级方案）", en: "the parent plan (metadata: parent)" },
  "section/collects": { zh: "信用信息归集范围（归集范围）", en: "the credit information collected (collects)" },
  "section/period": { zh: "评价周期（评价时点 或 评价周期）", en: "the evaluation period (snapshot or period)" },
  "section/grades": { zh: "统一等级（等级）", en: "the common grades (grade)" },
  "section/measures": { zh: "与信用等级相对应的监管措施（措施）", en: "the measures for each grade (measures)" },
  "section/model": { zh: "信用等级分类标准：评价模型（评价模型）", en: "the classification standard: a score model (model)" },
  "section/bands": { zh: "信用等级分类标准：分档（分档）", en: "the classification standard: score bands (bands)" },
  // What to type instead of a full-width character that is not needed at all (CP-E0002).
  "hint/end-line": { zh: "{0}（无需此符号，换行即可）", en: "{0} (not needed: end the line instead)" },
  "hint/string-quotes": { zh: "{0}（字符串用 \"…\"、“…” 或 「…」）", en: "{0} (strings use \"…\", “…” or 「…」)" },

  /** The same words written in each language (a type's name, what a parser expected): the one of the language shown. */
  "text/zh-en": { zh: "{0}", en: "{1}" },
  /** A message that reached us only as text (an exception's): shown as it is. */
  text: { zh: "{0}", en: "{0}" },

  // Labels of related spans (`FILE:LINE:COL: note: …` under a diagnostic).
  "note/first-defined": { zh: "首次定义于此", en: "first defined here" },
  "note/first-written": { zh: "首次出现于此", en: "first written here" },

  // Help hints (` — …` after a diagnostic).
  "help/keyword-glued": { zh: "名称“{0}”含关键字“{1}”，是否漏了空格？", en: "the name contains the keyword {1}; add a space" },
  "help/field-of-part": { zh: "{0} 是 {1} 的字段，只能在针对 {1} 的条件中读取", en: "{0} is a field of {1}: read it in a filter or rule over {1}" },
  "help/closest-passage": {
    zh: "原文最接近处（{0}）：“{1}”；第一处不同：引文为“{2}”，原文为“{3}”",
    en: "closest passage of the source ({0}): “{1}”; first difference: the quote has “{2}”, the source “{3}”",
  },
  "help/quote-found-at": { zh: "原文见 {0}", en: "the text is at {0}" },
  "help/not-encoded": {
    zh: "引用该条，或写 不予编码 {0} 程序性|组织性|不可判定|说明性|原文缺失",
    en: "cite it, or write not encoded {0} procedural|organisational|undecidable|explanatory|absent",
  },
  "help/did-you-mean": { zh: "是否应为 {0}？", en: "did you mean {0}?" },
  "help/name-digits": {
    zh: "中文名称不能含数字（“{0}”会被读作名称加数字）：请改用中文数字或去掉数字",
    en: "a Chinese name cannot hold digits (\"{0}\" reads as a name then a number): write the number in Chinese or drop it",
  },
} as const satisfies Record<string, Template & { severity?: Severity }>;

type Entries = typeof CATALOGUE;

/** Every key of the catalogue. */
export type MessageKey = keyof Entries;

/** The keys that are codes: they carry a severity. */
export type DiagnosticCode = { [K in MessageKey]: Entries[K] extends { severity: Severity } ? K : never }[MessageKey];

/** Codes of credit record errors (eval output lines, the editor's record panel). */
export type RecordErrorCode = Extract<DiagnosticCode, `CP-R${string}`>;

/** A message as data: a catalogue key and its arguments, rendered where it is shown. */
export interface MessageRef {
  key: MessageKey;
  args?: readonly MessageArg[];
}

/** An argument: text as it is (names, values, paths), or a catalogue reference rendered in the same language. */
export type MessageArg = string | MessageRef;

const KEYS: ReadonlySet<string> = new Set(Object.keys(CATALOGUE));

export function isMessageKey(key: string): key is MessageKey {
  return KEYS.has(key);
}

export function isDiagnosticCode(key: string): key is DiagnosticCode {
  return KEYS.has(key) && "severity" in CATALOGUE[key as MessageKey];
}

export function severityOf(code: DiagnosticCode): Severity {
  return (CATALOGUE[code] as { severity: Severity }).severity;
}

export function template(key: MessageKey, lang: Lang): string {
  return CATALOGUE[key][lang];
}

/** Fill `{n}` placeholders; an argument the template does not get renders as "". */
export function fill(text: string, args: readonly string[]): string {
  return text.replace(/\{(\d+)\}/g, (_, i: string) => args[Number(i)] ?? "");
}

export function renderArg(arg: MessageArg, lang: Lang): string {
  return typeof arg === "string" ? arg : renderText(arg.key, arg.args ?? [], lang);
}

/** A catalogue message in one language. */
export function renderText(key: MessageKey, args: readonly MessageArg[], lang: Lang): string {
  return fill(template(key, lang), args.map((a) => renderArg(a, lang)));
}

/** "中文 (English)": the form the CLI prints, for a clerk and a developer alike. */
export function renderBilingual(key: MessageKey, args: readonly MessageArg[]): string {
  return `${renderText(key, args, "zh")} (${renderText(key, args, "en")})`;
}

/** Placeholder numbers a template uses, sorted and unique (for the catalogue's own tests). */
export function placeholders(text: string): number[] {
  return [...new Set([...text.matchAll(/\{(\d+)\}/g)].map((m) => Number(m[1])))].sort((a, b) => a - b);
}

// ---- Credit record errors -------------------------------------------------------------------

/** A record error as data: where, its stable code, and the arguments of its message. */
export interface RecordErrorData {
  /** JSON Pointer to the offending value, e.g. `/sanctions/0/date`; `""` is the record itself. */
  path: string;
  code: RecordErrorCode;
  args: readonly MessageArg[];
  /** The catalogue message when it is not the code's own (a variant such as "CP-R007/range"). */
  key?: MessageKey;
}

/** A record error's message in one language (English: exactly as eval prints it). */
export function renderRecordError(e: Pick<RecordErrorData, "code" | "args" | "key">, lang: Lang): string {
  return renderText(e.key ?? e.code, e.args, lang);
}
