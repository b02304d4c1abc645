// The shared vocabulary of measure tags (`标记 inspection = increased`): machine-readable keys and
// values a department's systems act on (inspection frequency, licensing channel, disclosure …),
// with what each means. A policy may use a tag outside this table; the editor then says it is the
// policy's own. Hover and completion read this table.

export interface TagValueDef {
  id: string;
  zh: string;
  en: string;
}

export interface TagDef {
  key: string;
  zh: string;
  en: string;
  values: TagValueDef[];
}

const RESTRICTED: TagValueDef = { id: "restricted", zh: "依法限制", en: "restricted by law" };

export const MEASURE_TAGS: readonly TagDef[] = [
  {
    key: "inspection",
    zh: "日常检查与随机抽查的频次",
    en: "how often the subject is inspected and spot-checked",
    values: [
      { id: "exempt", zh: "免于日常巡查检查（投诉举报、专项检查除外）", en: "exempt from routine inspection (complaints and special checks aside)" },
      { id: "lower", zh: "降低抽查比例和频次", en: "a lower spot-check rate" },
      { id: "normal", zh: "按常规比例和频次抽查", en: "the usual spot-check rate" },
      { id: "higher", zh: "适当提高抽查比例和频次", en: "a higher spot-check rate" },
      { id: "increased", zh: "增加日常检查频次，列为抽查对象", en: "more routine inspections; always in the spot-check pool" },
      { id: "maximum", zh: "加大检查频次和抽查力度，动态监管", en: "the most frequent inspections, under continuous supervision" },
    ],
  },
  {
    key: "licensing",
    zh: "行政许可的办理方式",
    en: "how licence applications are handled",
    values: [
      { id: "green_channel", zh: "绿色通道等便利服务", en: "a green channel and other conveniences" },
      { id: "fast_track", zh: "容缺受理、优先办理", en: "fast track: accepted with documents to follow, handled first" },
    ],
  },
  { key: "market", zh: "市场和行业准入", en: "market and trade entry", values: [{ id: "ban", zh: "实施市场和行业禁入", en: "banned from the market or trade" }] },
  { key: "disclosure", zh: "信息公开", en: "disclosure of the subject's information", values: [{ id: "public", zh: "依法公开披露", en: "disclosed to the public" }] },
  { key: "repair", zh: "信用修复", en: "credit repair", values: [{ id: "available", zh: "可申请信用修复", en: "may apply for credit repair" }] },
  { key: "criticism", zh: "通报批评", en: "public criticism", values: [{ id: "public", zh: "公开通报批评", en: "criticised in public" }] },
  { key: "supervision", zh: "监管方式", en: "the manner of supervision", values: [{ id: "proportionate", zh: "包容审慎、与风险相适应的监管", en: "supervision proportionate to the risk" }] },
  {
    key: "public_resource_trading",
    zh: "公共资源交易",
    en: "public resource trading",
    values: [{ id: "facilitated", zh: "给予便利", en: "facilitated" }],
  },
  { key: "government_funding", zh: "政府资金支持", en: "government funding", values: [{ id: "priority", zh: "优先安排", en: "given priority" }] },
  { key: "fiscal_funding", zh: "财政资金支持", en: "fiscal funding", values: [RESTRICTED] },
  { key: "tax_incentives", zh: "税收优惠", en: "tax incentives", values: [RESTRICTED] },
  { key: "credit_lines", zh: "授信融资", en: "credit lines and financing", values: [RESTRICTED] },
  { key: "bidding", zh: "招标投标", en: "public bidding", values: [RESTRICTED] },
];

export function findTag(key: string): TagDef | undefined {
  return MEASURE_TAGS.find((t) => t.key === key);
}
