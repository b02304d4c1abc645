// What a department fills in a draft from `credit-policy new --department …` (wugang-credit-plan):
// every place marked 待填写. Shared by the drafting tests and the editor's plan-check tests.

/** What a department fills in: every place marked 待填写 in the draft. */
export function fill(text: string): string {
  return text
    .replace(/文号 待填写/, '文号 "舞监〔2021〕1号"')
    .replace(/发布日期 待填写/, "发布日期 2021-06-01")
    .replace(/生效日期 待填写/, "生效日期 2021-06-01")
    .replace(/"【待填写：本行业[^"]*"/, '"监督检查、执法监管、投诉举报、安全质量事故等信用信息"')
    .replace(/缺失按 待填写/, "缺失按 0分")
    .replace(/(指标项 监督检查 权重) 待填写/, "$1 60分")
    .replace(/(指标项 投诉举报 权重) 待填写/, "$1 40分")
    .replace(/每次 待填写 最多 待填写/, "每次 5分 最多 30分")
    .replace(/(A "[^"]*" 二（六）：) 高于 待填写/, "$1 高于 85分")
    .replace(/(B "[^"]*" 二（六）：) 不高于 待填写 高于 待填写/, "$1 不高于 85分 高于 70分")
    .replace(/(C "[^"]*" 二（六）：) 不高于 待填写 高于 待填写/, "$1 不高于 70分 高于 50分")
    .replace(/(D "[^"]*" 二（六）：) 不高于 待填写/, "$1 不高于 50分")
    .replace(/"【待填写：本部门对.级主体的其他措施】"/g, '"法律、法规、规章规定的其他措施。"');
}
