// `check --against PLAN`: what a department policy still lacks against its parent plan's
// requirements (部门要求): a missing section, grade ids other than the plan's unified ones, a
// model whose total differs, a grade without measures. Works on the AST, so a draft with
// unfilled places (待填写) is still checked section by section.
//
// A plan may waive requirements itself (例外 二（六） "先前已开展…按原标准继续执行" 免除 等级, 评价模型);
// a department that uses such an exception says so (适用例外 二（六） "…"), and the check then
// skips what it waives and reports each exemption (CP-W0526) with the plan's article and words.
import type { ClaimDecl, ExceptionDecl, Policy, Requirement, RequirementKind } from "../dsl/ast.js";
import { diag, type Diagnostic } from "../diagnostics/diagnostics.js";
import type { Span } from "../diagnostics/span.js";

const REQUIREMENT_NAMES: Record<RequirementKind, string> = {
  collects: "信用信息归集范围 collects",
  grades: "统一等级 grades",
  model: "评价模型 model",
  period: "评价周期 period",
  measures: "与信用等级相对应的监管措施 measures",
};

function quantityText(e: { kind: string; value?: string }): string {
  return e.kind === "Quantity" ? String(e.value) : "待填写";
}

export function checkAgainstPlan(policy: Policy, plan: Policy): Diagnostic[] {
  const out: Diagnostic[] = [];
  const at: Span = policy.span;
  const requires = plan.requires;
  if (!requires) return [diag("CP-E0524", plan.span, [plan.id])];

  const parent = policy.meta.parent;
  if (!parent || parent.kind !== "string") out.push(diag("CP-E0520", at, ["上级方案 parent (metadata)"]));
  else if (parent.value !== plan.id) out.push(diag("CP-E0525", parent.span, [parent.value, plan.id]));

  const bandGrades = (policy.bands ?? []).flatMap((b) => b.items.map((i) => ({ id: i.grade, span: i.span })));
  const grades = [...policy.grades.map((g) => ({ id: g.id, span: g.span })), ...bandGrades];

  const exceptions = requires.exceptions ?? [];
  const exempt = new Map<RequirementKind, { exception: ExceptionDecl; claim: ClaimDecl }>();
  for (const claim of policy.claims ?? []) {
    const exception = exceptions.find((x) => x.article === claim.article);
    if (!exception) {
      out.push(diag("CP-E0527", claim.span, [plan.id, claim.article, exceptions.map((x) => x.article).join("、") || "无 none"]));
      continue;
    }
    for (const e of exception.exempts) if (!exempt.has(e.kind)) exempt.set(e.kind, { exception, claim });
  }
  for (const [kind, { exception, claim }] of exempt) {
    if (requires.items.some((i) => i.kind === kind)) out.push(diag("CP-W0526", claim.span, [plan.id, exception.article, REQUIREMENT_NAMES[kind], exception.text ?? ""]));
  }

  const need = (kind: Requirement["kind"]) => (exempt.has(kind) ? undefined : requires.items.find((i) => i.kind === kind));
  if (need("collects") && !(policy.collects && policy.collects.items.length > 0)) {
    out.push(diag("CP-E0520", at, ["信用信息归集范围 (归集范围 / collects)"]));
  }
  if (need("period") && !policy.snapshot && !policy.period) out.push(diag("CP-E0520", at, ["评价周期 (评价时点 / snapshot, 评价周期 / period)"]));

  const model = need("model");
  if (model && model.kind === "model") {
    const models = policy.models ?? [];
    if (models.length === 0) out.push(diag("CP-E0520", at, ["信用等级分类标准：评价模型 (评价模型 / model)"]));
    const want = quantityText(model.total as { kind: string; value?: string });
    for (const m of models) {
      const got = quantityText(m.total as { kind: string; value?: string });
      if (got !== want) out.push(diag("CP-E0523", m.total.span, [`${want}分`, `${got}分`]));
    }
    if (!policy.bands?.length) out.push(diag("CP-E0520", at, ["信用等级分类标准：分档 (分档 / bands)"]));
  }

  const unified = need("grades");
  if (unified && unified.kind === "grades") {
    const want = unified.grades.map((g) => g.id);
    const got = grades.map((g) => g.id);
    const same = want.length === got.length && want.every((g) => got.includes(g));
    if (!same) {
      out.push(
        diag("CP-E0521", grades[0]?.span ?? at, [
          unified.grades.map((g) => `${g.id}（${g.label}）`).join("、"),
          got.length ? got.join("、") : "无 none",
        ]),
      );
    }
  }

  if (need("measures")) {
    for (const g of grades) {
      if (!policy.measures.some((m) => m.grade === g.id && m.items.length > 0)) out.push(diag("CP-E0522", g.span, [g.id]));
    }
  }
  return out;
}
