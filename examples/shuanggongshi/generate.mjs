// Generates the 双公示 sample files of this folder: 行政处罚 data in the 2018 template (the same rows
// as UTF-8 CSV with a BOM, as GBK CSV and as an .xlsx workbook), older data in the 2016 template
// (GBK CSV), a list feed and a repair/revocation feed. Seeded (mulberry32): the output is the same
// on every run. Besides a few thousand random rows it writes the scripted subjects of SCRIPTED
// below, whose grades under pinglu-fgj are worked out by hand in test/import/shuanggongshi.test.ts,
// and the mistakes real exports have: mixed date forms (2021/6/1, 2021年6月1日, 20210601, Excel
// serials), full-width digits, stray spaces, blank or placeholder codes (无), codes with a wrong
// check character, 18-digit ID numbers Excel turned into 1.40602E+17, masked ID numbers, unknown
// 处罚类别, impossible dates, amounts in words, decisions exported twice (agreeing, and a few not).
//
//   node examples/shuanggongshi/generate.mjs                 # rewrites the sample files here
//   node examples/shuanggongshi/generate.mjs --bulk N FILE   # N rows of 2018 CSV (benchmarks)
//
// The check characters are computed here independently of ingest/codes.ts.
import { createWriteStream, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import ExcelJS from "exceljs";
import iconv from "iconv-lite";

const HERE = dirname(fileURLToPath(import.meta.url));
const SEED = 20211231;

export function mulberry32(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

// ---- codes ---------------------------------------------------------------------------------------
const USCC_SET = "0123456789ABCDEFGHJKLMNPQRTUWXY";
export function uscc(first17) {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += USCC_SET.indexOf(first17[i]) * (3 ** i % 31);
  return first17 + USCC_SET[(31 - (sum % 31)) % 31];
}
export function idCard(first17) {
  const w = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * w[i];
  return first17 + "10X98765432"[sum % 11];
}

// ---- pools ---------------------------------------------------------------------------------------
const AUTHORITIES = [
  { name: "朔州市平鲁区市场监督管理局", abbr: "平市监罚", code: uscc("11140603MB19527X0"), types: ["未按规定明码标价", "销售过期食品", "无照经营", "虚假宣传", "未建立进货查验记录", "销售不合格产品"] },
  { name: "朔州市平鲁区应急管理局", abbr: "平应急罚", code: uscc("11140603MB1952810"), types: ["未按规定开展安全生产教育培训", "未如实记录安全隐患排查治理情况", "特种作业人员未持证上岗"] },
  { name: "朔州市生态环境局平鲁分局", abbr: "朔环平罚", code: uscc("11140600MB1953020"), types: ["超标排放大气污染物", "未批先建", "危险废物贮存不规范"] },
  { name: "朔州市平鲁区交通运输局", abbr: "平交罚", code: uscc("11140603MB1952930"), types: ["未取得道路运输经营许可擅自从事道路运输", "车辆超限超载"] },
  { name: "朔州市平鲁区卫生健康局", abbr: "平卫罚", code: uscc("11140603MB1953140"), types: ["未取得医疗机构执业许可证擅自执业", "公共场所卫生许可证过期"] },
  { name: "朔州市平鲁区住房和城乡建设管理局", abbr: "平住建罚", code: uscc("11140603MB1953250"), types: ["未办理施工许可擅自施工", "违反建筑节能标准"] },
];
const SOURCE = { name: "朔州市平鲁区发展和改革局", code: uscc("11140603MB1950120") };
const WORDS = ["鑫源", "恒通", "晋北", "华泰", "宏达", "金鼎", "瑞丰", "兴盛", "福泰", "永安", "德润", "康达", "盛世", "隆昌", "汇丰", "天成", "祥和", "众信", "博远", "佳禾", "锦程", "新峰", "润泽", "泰和"];
const TRADES = ["商贸", "煤业", "建材", "餐饮管理", "物流", "农业科技", "建筑工程", "医药", "汽车维修", "食品", "运输", "环保科技"];
const FORMS = ["有限公司", "有限责任公司", "有限公司", "股份有限公司"];
const SURNAMES = ["王", "李", "张", "刘", "陈", "杨", "赵", "黄", "周", "吴", "郭", "高", "马", "任", "武"];
const GIVEN = ["建国", "丽华", "志强", "秀英", "海涛", "晓燕", "俊杰", "玉兰", "文斌", "桂芳", "永红", "小军"];
const BASES = ["《中华人民共和国行政处罚法》第二十八条", "《中华人民共和国价格法》第四十二条", "《中华人民共和国食品安全法》第一百二十四条", "《中华人民共和国安全生产法》第九十七条", "《中华人民共和国大气污染防治法》第九十九条"];
const KINDS = [
  [0.3, "警告"], [0.36, "罚款"], [0.1, "警告；罚款"], [0.08, "罚款、没收违法所得"], [0.03, "没收违法所得、没收非法财物"],
  [0.02, "责令停产停业"], [0.02, "暂扣许可证件"], [0.01, "吊销许可证件"], [0.04, "通报批评"], [0.02, "限制开展生产经营活动"], [0.02, "其他"],
];

export const AS_OF = "2021-12-31";

// ---- dates and amounts as exports write them -------------------------------------------------------
const FULL = (s) => s.replace(/[0-9]/g, (d) => String.fromCharCode(0xff10 + Number(d))).replace(/\./g, "．");
function serial(iso) {
  const [y, m, d] = iso.split("-").map(Number);
  return Math.round((Date.UTC(y, m - 1, d) - Date.UTC(1899, 11, 30)) / 86400000);
}
/** A date as one of the forms offices write; `form` fixed by the caller's random draw. */
function dateIn(iso, form) {
  const [y, m, d] = iso.split("-");
  switch (form) {
    case "slash": return `${y}/${Number(m)}/${Number(d)}`;
    case "chinese": return `${y}年${Number(m)}月${Number(d)}日`;
    case "digits": return `${y}${m}${d}`;
    case "serial": return String(serial(iso));
    case "full": return FULL(`${y}年${Number(m)}月${Number(d)}日`);
    case "time": return `${iso} 00:00:00`;
    default: return iso;
  }
}
const DATE_FORMS = [[0.42, "iso"], [0.22, "slash"], [0.1, "chinese"], [0.1, "digits"], [0.1, "serial"], [0.03, "full"], [0.03, "time"]];

// ---- the scripted subjects (hand-checked in the test) ---------------------------------------------
// Each: an id suffix, a name, and its rows: [template, date, 处罚类别, fine 万元, options].
// Options: severe, repair [status, date], dupIn2016, conflictIn2016, regnoOnly, person, list, text (2016 处罚结果).
// Random companies have a letter after MA0 in their 主体标识码; the scripted ones have digits only.
const S = (n) => uscc(`91140603MA00000${String(n).padStart(2, "0")}`);
export const SCRIPTED = [
  { n: 1, name: "平鲁区晨光商贸有限公司", rows: [["2018", "2021-03-15", "警告"]] },
  { n: 2, name: "平鲁区晨曦物流有限公司", rows: [["2018", "2021-02-01", "警告"], ["2018", "2021-11-30", "警告"]] },
  { n: 3, name: "平鲁区东升建材有限公司", rows: [["2018", "2021-02-01", "警告"], ["2018", "2021-05-01", "警告"], ["2018", "2021-08-01", "警告"]] },
  { n: 4, name: "平鲁区东方餐饮管理有限公司", rows: [["2018", "2020-12-31", "警告"]] },
  { n: 5, name: "平鲁区东兴煤业有限公司", rows: [["2018", "2022-01-05", "警告"]] },
  { n: 6, name: "平鲁区丰源食品有限公司", rows: [["2018", "2021-06-01", "罚款", "0.5"]] },
  { n: 7, name: "平鲁区丰泰运输有限公司", rows: [["2018", "2021-04-01", "罚款", "20"], ["2018", "2021-09-01", "罚款", "30"]] },
  { n: 8, name: "平鲁区光明医药有限公司", rows: [["2018", "2021-04-01", "罚款", "25"], ["2018", "2021-09-01", "罚款", "25.0001"]] },
  { n: 9, name: "平鲁区光华汽车维修有限公司", rows: [["2018", "2021-07-07", "警告；罚款", "0.2"]] },
  { n: 10, name: "平鲁区和顺建筑工程有限公司", rows: [["2018", "2021-01-10", "罚款", "1"], ["2018", "2021-03-10", "罚款", "1"], ["2018", "2021-06-10", "罚款", "1"]] },
  { n: 11, name: "平鲁区和美农业科技有限公司", rows: [["2018", "2021-05-10", "罚款", "2", { repair: ["信用修复", "2021-09-01"] }]] },
  { n: 12, name: "平鲁区嘉禾环保科技有限公司", rows: [["2018", "2021-05-10", "罚款", "2", { repair: ["已修复", "2022-03-01"] }]] },
  { n: 13, name: "平鲁区嘉信商贸有限公司", rows: [["2018", "2021-04-20", "警告", "", { repair: ["撤销", "2021-08-01"] }]] },
  { n: 14, name: "平鲁区金源煤业有限公司", rows: [["2018", "2021-10-10", "罚款", "5", { severe: "是" }]] },
  { n: 15, name: "平鲁区金泰物流有限公司", rows: [["2018", "2021-03-03", "罚款", "1", { dupIn2016: true }], ["2018", "2021-04-04", "罚款", "1"]] },
  { n: 16, name: "平鲁区锦华建材有限公司", regno: "140603900016601", rows: [["2018", "2021-02-02", "警告"], ["2018", "2021-03-02", "警告", "", { regnoOnly: true }], ["2018", "2021-04-02", "警告", "", { regnoOnly: true }]] },
  { n: 17, name: "王建华", person: idCard("14060319800101123"), rows: [["2018", "2021-08-08", "警告"]] },
  { n: 18, name: "平鲁区锦程餐饮管理有限公司", rows: [["2018", "2021-06-18", "罚款", "1", { conflictIn2016: "10" }]] },
  { n: 19, name: "平鲁区隆盛医药有限公司", rows: [["2016", "2021-02-19", "罚款", "", { text: "罚款人民币48万元" }], ["2018", "2021-05-19", "罚款", "3"]] },
  { n: 20, name: "平鲁区隆泰汽车维修有限公司", rows: [["2018", "2021-09-20", "责令改正"]] },
  { n: 21, name: "平鲁区美佳食品有限公司", rows: [["2018", "2021-09-21", "其他"]] },
  { n: 22, name: "平鲁区美华运输有限公司", rows: [["2018", "2021-09-22", "没收违法所得", "", { confiscation: "100" }]] },
  { n: 23, name: "平鲁区明远建筑工程有限公司", rows: [["2018", "2021-09-23", "吊销许可证件"]] },
  { n: 24, name: "平鲁区明珠煤业有限公司", rows: [["2018", "2021-09-24", "警告"]], list: ["失信联合惩戒对象", "2021-10-01", ""] },
  { n: 25, name: "平鲁区宁远商贸有限公司", rows: [["2018", "2021-07-01", "罚款", "３", { dateForm: "full" }]] },
  { n: 26, name: "平鲁区宁泰农业科技有限公司", rows: [["2018", "2021-03-01", "警告"], ["2018", "2021-04-01", "警告", "", { repair: ["撤销", "2021-06-01"] }], ["2018", "2021-05-01", "警告"]] },
  { n: 27, name: "平鲁区瑞祥物流有限公司", rows: [["2016", "2021-06-27", "罚款", "", { text: "罚款0.8万元", status: "撤销" }]] },
  { n: 28, name: "平鲁区瑞丰医药有限公司", rows: [["2018", "2021-12-31", "罚款", "0.0001"]] },
];
export const scriptedId = (s) => (s.person ? `idcard:${s.person}` : S(s.n));

// ---- rows ----------------------------------------------------------------------------------------
const H2018 = [
  "行政相对人名称", "行政相对人类别", "行政相对人代码_1(统一社会信用代码)", "行政相对人代码_2(工商注册号)", "行政相对人代码_3(组织机构代码)",
  "行政相对人代码_4(税务登记号)", "行政相对人代码_5(事业单位证书号)", "行政相对人代码_6(社会组织登记证号)", "法定代表人", "法定代表人证件类型",
  "法定代表人证件号码", "证件类型", "证件号码", "行政处罚决定书文号", "违法行为类型", "违法事实", "处罚依据", "处罚类别", "处罚内容",
  "罚款金额(万元)", "没收违法所得、没收非法财物的金额(万元)", "暂扣或吊销证照名称及编号", "处罚决定日期", "处罚有效期", "公示截止期",
  "处罚机关", "处罚机关统一社会信用代码", "数据来源单位", "数据来源单位统一社会信用代码", "备注", "严重行政处罚", "案件编号",
];
const H2016 = [
  "行政处罚决定书文号", "处罚名称", "处罚类别1", "处罚类别2", "处罚事由", "处罚依据", "行政相对人名称", "统一社会信用代码", "组织机构代码",
  "工商登记码", "税务登记号", "居民身份证号", "法定代表人姓名", "处罚结果", "处罚决定日期", "处罚机关", "当前状态", "地方编码", "数据更新时间戳", "备注",
];
const HLIST = ["统一社会信用代码", "主体名称", "名单类型", "列入日期", "移出日期", "列入机关", "列入事由"];
const HREPAIR = ["行政处罚决定书文号", "处罚机关", "行政相对人名称", "统一社会信用代码", "处理结果", "修复日期", "修复机关"];

function isoAdd(iso, days) {
  const t = Date.UTC(...iso.split("-").map((x, i) => Number(x) - (i === 1 ? 1 : 0))) + days * 86400000;
  return new Date(t).toISOString().slice(0, 10);
}

class Gen {
  constructor(seed) {
    this.rand = mulberry32(seed);
    this.seq = new Map();
  }
  pick(a) { return a[Math.floor(this.rand() * a.length)]; }
  chance(p) { return this.rand() < p; }
  weighted(list) {
    let r = this.rand();
    for (const [w, v] of list) if ((r -= w) < 0) return v;
    return list[list.length - 1][1];
  }
  docNo(auth, year) {
    const key = `${auth.abbr}${year}`;
    const n = (this.seq.get(key) ?? 0) + 1;
    this.seq.set(key, n);
    return `${auth.abbr}〔${year}〕${n}号`;
  }
  company(i) {
    const name = `朔州市${this.pick(WORDS)}${this.pick(WORDS)}${this.pick(TRADES)}${this.pick(FORMS)}`;
    // A 主体标识码 per company: MA0, a letter, five digits (so up to 21 × 100,000 companies).
    const org = `MA0${"ABCDEFGHJKLMNPQRTUWXY"[Math.floor(i / 100000) % 21]}${String(i % 100000).padStart(5, "0")}`;
    return { name, category: "法人及非法人组织", uscc: uscc(`91140603${org}`), regno: `1406030${String(i).padStart(8, "0")}`, rep: `${this.pick(SURNAMES)}${this.pick(GIVEN)}` };
  }
  person(i) {
    const birth = `19${60 + (i % 40)}${String(1 + (i % 12)).padStart(2, "0")}${String(1 + (i % 28)).padStart(2, "0")}`;
    return { name: `${this.pick(SURNAMES)}${this.pick(GIVEN)}`, category: "自然人", idType: "身份证", id: idCard(`140603${birth}${String(100 + (i % 900)).slice(-3)}`) };
  }
  date() {
    const start = Date.UTC(2020, 0, 1);
    return new Date(start + Math.floor(this.rand() * 1096) * 86400000).toISOString().slice(0, 10);
  }
  fine() {
    const r = this.rand();
    const wan = r < 0.6 ? Math.floor(this.rand() * 200 + 1) / 100 : r < 0.95 ? Math.floor(this.rand() * 1000 + 100) / 100 : Math.floor(this.rand() * 40 + 10);
    return String(wan);
  }
}

/** A decision as data (one 2018 row); the writers lay it out. */
function decision(g, subject, opts = {}) {
  const auth = opts.authority ?? g.pick(AUTHORITIES);
  const date = opts.date ?? g.date();
  const kinds = opts.kinds ?? g.weighted(KINDS);
  const fine = opts.fine ?? (kinds.includes("罚款") ? g.fine() : "");
  const confiscation = opts.confiscation ?? (kinds.includes("没收") ? String(Math.floor(g.rand() * 500 + 1) / 100) : "");
  const type = g.pick(auth.types);
  return {
    subject, date, kinds, fine, confiscation, type, authority: auth,
    no: opts.no ?? g.docNo(auth, date.slice(0, 4)),
    facts: `当事人${type}，经查属实。`, basis: g.pick(BASES),
    content: [kinds.includes("警告") ? "警告" : "", fine ? `罚款人民币${fine}万元` : "", confiscation ? `没收违法所得${confiscation}万元` : ""].filter(Boolean).join("，") || kinds,
    publishUntil: isoAdd(date, kinds === "警告" || kinds === "通报批评" ? 90 : 365 * 3),
    validUntil: kinds.includes("暂扣") || kinds.includes("限制") ? isoAdd(date, 180) : "2099-12-31",
    severe: opts.severe ?? "", caseNo: `A${date.replace(/-/g, "")}${String(Math.floor(g.rand() * 9000 + 1000))}`,
    dateForm: opts.dateForm ?? g.weighted(DATE_FORMS), fineForm: opts.fineForm ?? (g.chance(0.04) ? "full" : "plain"),
    codes: opts.codes ?? "full", remarks: opts.remarks ?? "",
  };
}

/** The 2018 template row of a decision, as text cells; `xlsx` gives typed cells for a workbook. */
function row2018(d, xlsx) {
  const s = d.subject;
  const person = s.category === "自然人";
  const codes = { uscc: s.uscc ?? "", regno: s.regno ?? "", org: s.uscc ? s.uscc.slice(8, 17) : "" };
  if (d.codes === "regno-only") codes.uscc = codes.org = "";
  if (d.codes === "placeholder") { codes.uscc = "无"; codes.org = "/"; }
  if (d.codes === "none") codes.uscc = codes.regno = codes.org = "";
  if (d.codes === "bad-check") codes.uscc = codes.uscc.slice(0, 17) + (codes.uscc[17] === "0" ? "1" : "0");
  if (d.codes === "spaces") codes.uscc = ` ${codes.uscc} `;
  let idNumber = person ? s.id : "";
  if (person && d.codes === "masked") idNumber = `${s.id.slice(0, 4)}**********${s.id.slice(14)}`;
  if (person && d.codes === "excel") idNumber = xlsx ? Number(s.id.slice(0, 17) + "0") : `${s.id[0]}.${s.id.slice(1, 6)}E+17`;
  let date = dateIn(d.date, d.dateForm);
  // Excel turns a typed date into a date cell, and keeps what is no date (2021-02-30) as text.
  const day = new Date(`${d.date}T00:00:00Z`);
  if (xlsx && d.dateForm === "iso" && day.toISOString().startsWith(d.date)) date = day;
  else if (xlsx && d.dateForm === "serial") date = serial(d.date);
  const amount = (v) => (v === "" ? (xlsx ? null : "") : d.fineForm === "full" ? FULL(v) : xlsx && /^\d+(\.\d+)?$/.test(v) ? Number(v) : v);
  return [
    s.name, s.category, codes.uscc, person ? "" : codes.regno, person ? "" : codes.org, person ? "" : codes.uscc.trim(), "", "",
    person ? "" : s.rep, person ? "" : "身份证", "", person ? s.idType : "", idNumber,
    d.no, d.type, d.facts, d.basis, d.kinds, d.content, amount(d.fine), amount(d.confiscation),
    d.kinds.includes("吊销") || d.kinds.includes("暂扣") ? `营业执照 ${String(d.subject.regno ?? "")}` : "",
    date, d.validUntil.replace(/-/g, "/"), d.publishUntil.replace(/-/g, "/"),
    d.authority.name, d.authority.code, SOURCE.name, SOURCE.code, d.remarks, d.severe, d.caseNo,
  ];
}

function row2016(d, status = "正常") {
  const s = d.subject;
  const person = s.category === "自然人";
  const [k1, ...rest] = d.kinds.split(/[；、]/);
  return [
    d.no, `${s.name}${d.type}案`, k1, rest.join("、"), d.type, d.basis, s.name, s.uscc ?? "", s.uscc ? s.uscc.slice(8, 17) : "", s.regno ?? "", s.uscc ?? "",
    person ? s.id : "", person ? "" : s.rep, d.text ?? d.content, dateIn(d.date, d.dateForm), d.authority.name, status, "140603",
    `${isoAdd(d.date, 3)} 09:${String(10 + (d.date.charCodeAt(9) % 50))}:00`, "",
  ];
}

// ---- writers -------------------------------------------------------------------------------------
const csvCell = (v) => {
  const s = v === null || v === undefined ? "" : String(v);
  return /[",\r\n]/.test(s) || s !== s.trim() ? `"${s.replace(/"/g, '""')}"` : s;
};
const csvText = (rows) => rows.map((r) => r.map(csvCell).join(",")).join("\r\n") + "\r\n";

function writeCsv(path, rows, encoding) {
  const text = csvText(rows);
  writeFileSync(path, encoding === "gbk" ? iconv.encode(text, "gbk") : encoding === "utf8-bom" ? "\ufeff" + text : text);
}

async function writeXlsx(path, sheets) {
  const wb = new ExcelJS.Workbook();
  wb.creator = "朔州市平鲁区发展和改革局";
  wb.created = new Date(Date.UTC(2022, 0, 10));
  wb.modified = wb.created;
  for (const { name, rows, dateCols = [] } of sheets) {
    const ws = wb.addWorksheet(name);
    for (const r of rows) {
      const row = ws.addRow(r);
      for (const c of dateCols) if (r[c] instanceof Date) row.getCell(c + 1).numFmt = "yyyy-mm-dd";
    }
  }
  await wb.xlsx.writeFile(path);
}

// ---- the sample set ------------------------------------------------------------------------------
export function sampleData(seed = SEED, bulk = 2600) {
  const g = new Gen(seed);
  const companies = Array.from({ length: 900 }, (_, i) => g.company(i + 1));
  const persons = Array.from({ length: 80 }, (_, i) => g.person(i + 1));
  const d2018 = [];
  const d2016 = [];
  const lists = [];
  const repairs = [];
  const conflicts2016 = [];

  for (let i = 0; i < bulk; i++) {
    const subject = g.chance(0.08) ? g.pick(persons) : g.pick(companies);
    const person = subject.category === "自然人";
    const r = g.rand();
    const codes = person
      ? r < 0.012 ? "masked" : r < 0.016 ? "excel" : "full"
      : r < 0.03 ? "regno-only" : r < 0.04 ? "placeholder" : r < 0.045 ? "none" : r < 0.05 ? "bad-check" : r < 0.09 ? "spaces" : "full";
    const d = decision(g, subject, { codes });
    const m = g.rand();
    if (m < 0.004) d.kinds = "罚没款";
    else if (m < 0.007) d.date = "2021-02-30", (d.dateForm = "iso");
    else if (m < 0.01 && d.fine) d.fine = "伍仟元";
    d2018.push(d);
    if (g.chance(0.02)) d2018.push({ ...d }); // exported twice in the same file
    if (g.chance(0.003) && d.fine && /^\d/.test(d.fine)) conflicts2016.push({ ...d, text: `罚款人民币${Number(d.fine) * 2}万元` });
    if (g.chance(0.03) && !person && d.codes === "full") {
      const day = isoAdd(d.date, 120 + Math.floor(g.rand() * 300));
      repairs.push([d.no, d.authority.name, subject.name, subject.uscc, g.pick(["信用修复", "已修复", "撤销"]), g.chance(0.3) ? day.replace(/-/g, "/") : day, d.authority.name]);
    }
  }
  for (let i = 0; i < 1000; i++) {
    const subject = g.chance(0.06) ? g.pick(persons) : g.pick(companies);
    const d = decision(g, subject, { date: isoAdd("2019-06-01", Math.floor(g.rand() * 700)), codes: "full" });
    if (d.kinds.includes("罚款")) d.text = d.content;
    d2016.push({ d, status: g.chance(0.03) ? "撤销" : "正常" });
  }
  for (let i = 0; i < 240; i++) {
    const s = g.pick(companies);
    const from = g.date();
    const kind = g.pick(["守信联合激励对象", "红名单", "失信联合惩戒对象", "经营异常名录", "重点关注对象名单", "经营异常名单"]);
    const until = g.chance(0.4) ? isoAdd(from, 180 + Math.floor(g.rand() * 400)) : "";
    lists.push([s.uscc, s.name, kind, dateIn(from, g.weighted(DATE_FORMS.filter(([, f]) => f !== "serial"))), until, g.pick(AUTHORITIES).name, "依据有关规定列入"]);
  }
  lists.push(["", "无代码商行", "红名单", "2021-03-01", "", AUTHORITIES[0].name, "缺少代码"]);
  lists.push([companies[5].uscc, companies[5].name, "荣誉榜", "2021-03-01", "", AUTHORITIES[0].name, "未知名单"]);
  repairs.push(["平市监罚〔2019〕9999号", AUTHORITIES[0].name, "不存在的公司", "", "信用修复", "2021-05-01", AUTHORITIES[0].name]);

  // Scripted subjects, spread through the files.
  for (const s of SCRIPTED) {
    const subject = s.person
      ? { name: s.name, category: "自然人", idType: "身份证", id: s.person }
      : { name: s.name, category: "法人及非法人组织", uscc: S(s.n), regno: s.regno ?? `1406039${String(s.n).padStart(8, "0")}`, rep: "李文斌" };
    for (const [template, date, kinds, fine = "", o = {}] of s.rows) {
      const d = decision(g, subject, { date, kinds, fine, authority: AUTHORITIES[s.n % AUTHORITIES.length], confiscation: o.confiscation ?? "", severe: o.severe ?? "", dateForm: o.dateForm ?? "iso", fineForm: "plain", codes: o.regnoOnly ? "regno-only" : "full" });
      if (template === "2016") {
        d.text = o.text;
        d2016.push({ d, status: o.status ?? "正常" });
      } else d2018.splice(Math.floor(g.rand() * d2018.length), 0, d);
      if (o.dupIn2016) d2016.push({ d: { ...d, text: `罚款人民币${fine}万元` }, status: "正常" });
      if (o.conflictIn2016) d2016.push({ d: { ...d, text: `罚款人民币${o.conflictIn2016}万元` }, status: "正常" });
      if (o.repair) repairs.push([d.no, d.authority.name, subject.name, subject.uscc ?? "", o.repair[0], o.repair[1], d.authority.name]);
    }
    if (s.list) lists.push([S(s.n), s.name, s.list[0], s.list[1], s.list[2], AUTHORITIES[0].name, "拒不履行法定义务"]);
  }
  for (const c of conflicts2016) d2016.push({ d: c, status: "正常" });
  return { d2018, d2016, lists, repairs };
}

export async function writeSamples(dir = HERE, seed = SEED) {
  const { d2018, d2016, lists, repairs } = sampleData(seed);
  const rows2018 = d2018.map((d) => row2018(d, false));
  writeCsv(join(dir, "penalties-2018.csv"), [H2018, ...rows2018], "utf8-bom");
  writeCsv(join(dir, "penalties-2018-gbk.csv"), [H2018, ...rows2018], "gbk");
  // The workbook: one sheet per year of decision (a title row above each header, the official
  // full-width brackets in the headers) and a sheet of notes, as departments send them.
  const fullWidth = H2018.map((h) => h.replace(/\(/g, "（").replace(/\)/g, "）"));
  const byYear = new Map();
  for (const d of d2018) {
    const y = /^\d{4}/.test(d.date) ? d.date.slice(0, 4) : "其他";
    if (!byYear.has(y)) byYear.set(y, []);
    byYear.get(y).push(row2018(d, true));
  }
  const dateCol = H2018.indexOf("处罚决定日期");
  await writeXlsx(join(dir, "penalties-2018.xlsx"), [
    { name: "填表说明", rows: [["行政处罚信息填报说明"], ["1. 罚款金额单位为万元。"], ["2. 日期格式为 YYYY/MM/DD。"]] },
    ...[...byYear.keys()].sort().map((y) => ({ name: `${y}年`, rows: [[`朔州市平鲁区行政处罚信息（${y}年）`], fullWidth, ...byYear.get(y)], dateCols: [dateCol] })),
  ]);
  writeCsv(join(dir, "penalties-2016-gbk.csv"), [H2016, ...d2016.map(({ d, status }) => row2016(d, status))], "gbk");
  writeCsv(join(dir, "lists.csv"), [HLIST, ...lists], "utf8-bom");
  writeCsv(join(dir, "repairs.csv"), [HREPAIR, ...repairs], "utf8");
  return { rows2018: d2018.length, rows2016: d2016.length, lists: lists.length, repairs: repairs.length };
}

/** `n` rows of the 2018 template as UTF-8 CSV with a BOM, streamed (for the benchmark). */
export async function writeBulk(path, n, seed = SEED) {
  const g = new Gen(seed);
  const companies = Array.from({ length: Math.max(1000, Math.floor(n / 4)) }, (_, i) => g.company(i + 1));
  const out = createWriteStream(path);
  const put = (s) => (out.write(s) ? undefined : new Promise((r) => out.once("drain", r)));
  await put("\ufeff" + csvText([H2018]));
  for (let i = 0; i < n; i++) {
    const d = decision(g, companies[Math.floor(g.rand() * companies.length)], { codes: g.chance(0.03) ? "regno-only" : "full" });
    await put(csvText([row2018(d, false)]));
  }
  await new Promise((r) => out.end(r));
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const args = process.argv.slice(2);
  if (args[0] === "--bulk") {
    await writeBulk(args[2], Number(args[1]));
    process.stderr.write(`${args[1]} rows written to ${args[2]}\n`);
  } else {
    const counts = await writeSamples();
    process.stderr.write(`wrote the samples: ${JSON.stringify(counts)}\n`);
  }
}
