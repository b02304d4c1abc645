// Drafting (`credit-policy new`): a department policy that already follows its city plan — the
// metadata filled in from the plan's annex, the four sections the plan requires, the plan's
// unified grades and model total, and clearly marked places to fill (待填写). Until they are
// filled, `check` fails and lists them; filled in, it passes `check` and `check --against`.
import type { Policy } from "../dsl/ast.js";

export interface DraftRequest {
  plan: Policy;
  /** The department as the plan's annex names it, or any name (--name). */
  department: string;
  id: string;
}

export interface Draft {
  id: string;
  text: string;
  /** From the plan's annex; undefined for a department the annex does not list. */
  domain?: string;
}

const q = (s: string) => JSON.stringify(s);

/** The plan's annex row for a department, if any. */
export function findDepartment(plan: Policy, department: string): { unit: string; domain: string; index: number } | undefined {
  const rows = (plan.annexes ?? []).flatMap((a) => a.rows);
  const index = rows.findIndex((r) => r.unit === department);
  const row = rows[index];
  return row ? { unit: row.unit, domain: row.domain, index } : undefined;
}

export function listDepartments(plan: Policy): { unit: string; domain: string }[] {
  return (plan.annexes ?? []).flatMap((a) => a.rows.map((r) => ({ unit: r.unit, domain: r.domain })));
}

export function draftDepartmentPolicy(req: DraftRequest): Draft {
  const { plan, department, id } = req;
  const row = findDepartment(plan, department);
  const requires = plan.requires;
  const grades = requires?.items.find((i) => i.kind === "grades");
  const unified = grades && grades.kind === "grades" ? grades.grades : [
    { id: "A", label: "优秀" },
    { id: "B", label: "良好" },
    { id: "C", label: "中等" },
    { id: "D", label: "差" },
  ];
  const model = requires?.items.find((i) => i.kind === "model");
  const total = model && model.kind === "model" && model.total.kind === "Quantity" ? model.total.value : "100";
  const planTitle = plan.meta.title?.kind === "string" ? plan.meta.title.value : plan.id;
  const planDoc = plan.meta.document?.kind === "string" ? plan.meta.document.value : "";
  const article = requires?.article ?? "三";
  const snapshot = plan.snapshot;
  const month = snapshot?.month.kind === "Quantity" ? snapshot.month.value : "10";
  const day = snapshot?.day.kind === "Quantity" ? snapshot.day.value : "31";
  const inspection = ["lower", "lower", "normal", "higher"];
  const kinds = ["激励措施", "激励措施", "管理措施", "惩戒措施"];

  const lines: string[] = [];
  lines.push(`# ${department}信用分级分类监管制度（起草稿）`);
  lines.push(`# 依据${planTitle}${planDoc ? `（${planDoc}）` : ""}由 credit-policy new 生成。`);
  lines.push(`# 标有“待填写”的地方必须填写；填写完成前 credit-policy check 会逐项报错。`);
  lines.push(`政策 ${q(id)} {`);
  lines.push(`  标题 ${q(`${department}信用分级分类监管制度`)}`);
  lines.push(`  发文机关 ${q(department)}`);
  lines.push(`  文号 待填写`);
  lines.push(`  发布日期 待填写`);
  lines.push(`  生效日期 待填写`);
  lines.push(`  试行 是`);
  lines.push(`  解释机关 ${q(department)}`);
  lines.push(`  版本 "草稿"`);
  lines.push(`  上级方案 ${q(plan.id)}`);
  lines.push(`  部门 ${q(department)}`);
  lines.push(`  监管领域 ${row ? q(row.domain) : "待填写"}`);
  lines.push(`}`);
  lines.push(``);
  lines.push(`解释说明 ${article} ${q(`本制度按上级方案${article}的要求，明确行业信用信息归集范围、信用等级分类标准、评价周期和与信用等级相对应的监管措施。`)}`);
  lines.push(`解释说明 ${q("行业信用评价的指标值取自信用记录的 indicators（0–100 分的分项得分）。")}`);
  lines.push(``);
  lines.push(`归集范围 二（五） {`);
  lines.push(`  ${q("【待填写：本行业归集的监督检查、执法监管、投诉举报、安全质量事故等与监管相关的信用信息】")}`);
  lines.push(`}`);
  lines.push(``);
  lines.push(`评价时点 二（二） ${q("本部门行业信用评价每年度进行一次，以当年时点数据为基准。")} 每年 ${month}月 ${day}日`);
  lines.push(``);
  lines.push(`不予计入 revoked, repaired 四（三） ${q("信用主体主动纠正失信行为、消除不良影响后，可以向失信行为认定单位申请信用修复。")}`);
  lines.push(``);
  lines.push(`定义 一年内行政处罚次数 = 计数 违法行为 近 1年`);
  lines.push(``);
  lines.push(`评价模型 行业信用评价 二（六） ${q(`未开展的领域信用监管评价原则上按总分${total}分设计评价模型`)} 满分 ${total}分 缺失按 待填写 {`);
  lines.push(`  指标项 监督检查 权重 待填写 = 指标.监督检查`);
  lines.push(`  指标项 投诉举报 权重 待填写 = 指标.投诉举报`);
  lines.push(`  减分项 行政处罚 每次 待填写 最多 待填写 = 一年内行政处罚次数`);
  lines.push(`}`);
  lines.push(``);
  lines.push(`分档 统一评价结果 二（六） 依据 行业信用评价 范围 0分 至 ${total}分 {`);
  unified.forEach((g, i) => {
    const bound = i === 0 ? "高于 待填写" : i === unified.length - 1 ? "不高于 待填写" : "不高于 待填写 高于 待填写";
    lines.push(`  ${g.id} ${q(g.label)} 二（六）： ${bound}`);
  });
  lines.push(`}`);
  lines.push(``);
  unified.forEach((g, i) => {
    const effect = inspection[Math.min(i, inspection.length - 1)] as string;
    const kind = kinds[Math.min(i, kinds.length - 1)] as string;
    lines.push(`措施 ${g.id} ${kind} ${article} ${q(`对信用等级为${g.id}级（${g.label}）的信用主体，实施下列措施：`)} {`);
    const text =
      effect === "lower"
        ? "合理降低抽查比例和频次，减少对正常生产经营的影响"
        : effect === "normal"
          ? "按常规比例和频次抽查"
          : "适当提高抽查比例和频次，依法依规实行严格管理和惩戒";
    lines.push(`  ${article} ${q(text)} 标记 inspection = ${effect}`);
    lines.push(`  ${article} ${q(`【待填写：本部门对${g.id}级主体的其他措施】`)}`);
    lines.push(`}`);
  });
  lines.push(``);
  lines.push(`测试 "起草示例：各项满分、无处罚为${unified[0]?.id ?? "A"}级" 评价日 2021-12-31 {`);
  lines.push(`  记录 {"id": "starter-1", "indicators": {"监督检查": 100, "投诉举报": 100}}`);
  lines.push(`  预期 等级 ${unified[0]?.id ?? "A"}`);
  lines.push(`}`);
  return { id, text: lines.join("\n") + "\n", ...(row ? { domain: row.domain } : {}) };
}
