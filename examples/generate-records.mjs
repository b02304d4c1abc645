#!/usr/bin/env node
// Deterministic generator of example credit records (see /work/shared/spec/credit-record.md).
//
//   node examples/generate-records.mjs
//
// Writes, next to this script:
//   records.jsonl          ~300 records, one JSON object per line
//   records.json           the first 50 of them as a pretty-printed JSON array
//   bad-records.jsonl      12 lines mixing valid records with schema / syntax errors
//   expected-grades.json   {"<id>": {"pinglu-fgj": …, "wugang-sfj": …, "yuncheng-kjj": …}} as of 2021-12-31
//   README.md              what the files hold, the boundary cases and their expected grades
//
// No dependencies, no clock, no environment: a fixed-seed PRNG (mulberry32) drives every
// random choice, so the output is byte-identical on every run. The expected grades come from
// the small reference implementation below (one plain function per policy); the hand-written
// boundary cases additionally carry the grades expected by hand, and the script fails if the
// two disagree.

import { writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const OUT_DIR = dirname(fileURLToPath(import.meta.url));
const AS_OF = '2021-12-31';
const SEED = 20211231;
const TOTAL = 300;
const MIN_PER_GRADE = 20;
const POLICIES = ['pinglu-fgj', 'wugang-sfj', 'yuncheng-kjj'];
const GRADES = ['A', 'B', 'C', null];

// ---------------------------------------------------------------------------------------------
// PRNG
// ---------------------------------------------------------------------------------------------

function mulberry32(seed) {
  let a = seed >>> 0;
  return function next() {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const rand = mulberry32(SEED);
const chance = (p) => rand() < p;
const randInt = (lo, hi) => lo + Math.floor(rand() * (hi - lo + 1)); // inclusive
const pick = (arr) => arr[Math.floor(rand() * arr.length)];
function weighted(pairs) {
  // pairs: [[value, weight], …]
  const total = pairs.reduce((s, [, w]) => s + w, 0);
  let r = rand() * total;
  for (const [v, w] of pairs) {
    if ((r -= w) < 0) return v;
  }
  return pairs[pairs.length - 1][0];
}

// ---------------------------------------------------------------------------------------------
// Calendar dates (ISO YYYY-MM-DD, pure calendar arithmetic in UTC — no time zones involved)
// ---------------------------------------------------------------------------------------------

const isLeap = (y) => (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
const daysInMonth = (y, m) => [31, isLeap(y) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][m - 1];
function isValidDate(s) {
  if (typeof s !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(s)) return false;
  const [y, m, d] = s.split('-').map(Number);
  return m >= 1 && m <= 12 && d >= 1 && d <= daysInMonth(y, m);
}
const dayNum = (s) => {
  const [y, m, d] = s.split('-').map(Number);
  return Date.UTC(y, m - 1, d) / 86400000;
};
const fromDayNum = (n) => new Date(n * 86400000).toISOString().slice(0, 10);
const addDays = (s, n) => fromDayNum(dayNum(s) + n);
function minusYears(s, n) {
  let [y, m, d] = s.split('-').map(Number);
  y -= n;
  if (m === 2 && d === 29 && !isLeap(y)) d = 28; // 29 February minus one year is 28 February
  return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}
const randDate = (lo, hi) => fromDayNum(randInt(dayNum(lo), dayNum(hi)));

// Windows relative to AS_OF = 2021-12-31: "within one year" is 2021-01-01 … 2021-12-31.
const WIN_FIRST = addDays(minusYears(AS_OF, 1), 1); // 2021-01-01
const WIN_LAST_OUT = minusYears(AS_OF, 1); // 2020-12-31
const inWin = () => randDate(addDays(WIN_FIRST, 1), addDays(AS_OF, -1)); // strictly inside, not on an edge
const beforeWin = () => randDate('2018-03-01', addDays(WIN_LAST_OUT, -1));
const afterD = () => randDate('2022-01-03', '2022-06-30');
function anyDate() {
  return weighted([[inWin, 60], [beforeWin, 28], [afterD, 7], [() => pick([WIN_FIRST, WIN_LAST_OUT, AS_OF, '2020-02-29']), 5]])();
}

// ---------------------------------------------------------------------------------------------
// Money: amounts are JSON numbers or decimal strings with at most two decimals
// ---------------------------------------------------------------------------------------------

function toCents(a) {
  if (typeof a === 'number') return Math.round(a * 100);
  const m = /^(\d+)(?:\.(\d{1,2}))?$/.exec(a);
  if (!m) throw new Error(`bad amount ${JSON.stringify(a)}`);
  return Number(m[1]) * 100 + Number((m[2] ?? '').padEnd(2, '0'));
}
const LIMIT_CENTS = 50000000; // 50 万元 = 500000.00 yuan
// A random amount in yuan, rendered either as a number or as a two-decimal string.
function randAmount(loYuan, hiYuan) {
  const cents = randInt(loYuan * 100, hiYuan * 100);
  const style = weighted([['int', 45], ['num', 25], ['str', 30]]);
  if (style === 'int') return Math.round(cents / 100);
  if (style === 'num') return cents / 100;
  return (cents / 100).toFixed(2);
}

// ---------------------------------------------------------------------------------------------
// Reference implementation of the three bureau policies
// ---------------------------------------------------------------------------------------------

const HEAVIER = [
  'suspend_license', 'downgrade_qualification', 'revoke_license', 'restrict_operations',
  'order_suspension', 'order_closure', 'restrict_practice', 'detention',
];
// order_to_correct < warning < criticism < fine = confiscation < heavier kinds (第九条: the most severe one counts)
function kindRank(kind) {
  switch (kind) {
    case 'order_to_correct': return 0;
    case 'warning': return 1;
    case 'criticism': return 2;
    case 'fine':
    case 'confiscation': return 3;
    default:
      if (HEAVIER.includes(kind)) return 4;
      throw new Error(`unknown penalty kind ${kind}`);
  }
}
const violationRank = (v) => Math.max(...v.penalties.map((p) => kindRank(p.kind)));
const CLASS_NAMES = ['order_to_correct', 'warning', 'criticism', 'fine/confiscation', 'heavier'];

function makeContext(asOf) {
  const lo = minusYears(asOf, 1);
  return {
    asOf,
    within1y: (date) => date > lo && date <= asOf, // ISO strings compare like dates
    active: (m) => m.from <= asOf && (m.until === undefined || m.until === null || asOf <= m.until),
  };
}
const inForce = (x) => (x.status ?? 'in_force') === 'in_force';

// Every violation (第十条: each one separately) of an in-force sanction dated within one year.
function violationsWithin(rec, ctx) {
  const out = [];
  for (const s of rec.sanctions ?? []) {
    if (s.status !== 'in_force' || !ctx.within1y(s.date)) continue;
    for (const v of s.violations) out.push(v);
  }
  return out;
}

// 第八条（二）, shared by pinglu-fgj and wugang-sfj; `kinds` are the penalty kinds whose amounts are summed.
function pingluStyleB(rec, ctx, kinds) {
  const vs = violationsWithin(rec, ctx);
  const minor = vs.filter((v) => violationRank(v) <= 1).length; // 责令（限期）改正、警告
  const cases = vs.filter((v) => violationRank(v) >= 2 && v.severe !== true); // 行政处罚案件 (not 严重)
  let sum = 0;
  for (const v of cases) for (const p of v.penalties) if (kinds.includes(p.kind) && p.amount !== undefined) sum += toCents(p.amount);
  const breaches = (rec.commitment_breaches ?? []).filter((e) => inForce(e) && ctx.within1y(e.date)).length;
  return (
    (minor >= 1 && minor < 3) ||
    (cases.length >= 1 && cases.length < 3 && sum <= LIMIT_CENTS) ||
    (breaches >= 1 && breaches < 3)
  );
}

function gradePinglu(rec, asOf = AS_OF) {
  const ctx = makeContext(asOf);
  const vs = violationsWithin(rec, ctx);
  const ratings = (rec.ratings ?? []).filter((r) => ctx.within1y(r.date));
  const C =
    (rec.determinations ?? []).some((d) => d.kind === 'severe_dishonesty' && inForce(d) && ctx.within1y(d.date)) ||
    vs.some((v) => v.severe === true) ||
    ratings.some((r) => r.level === 'low');
  if (C) return 'C';
  if (pingluStyleB(rec, ctx, ['fine'])) return 'B';
  const A =
    (rec.honors ?? []).some(
      (h) =>
        ctx.within1y(h.date) &&
        ((h.grantor === 'government' && h.for_integrity === true) || (h.grantor === 'association' && h.verified === true)),
    ) || ratings.some((r) => r.level === 'good');
  return A ? 'A' : null;
}

function gradeWugang(rec, asOf = AS_OF) {
  const ctx = makeContext(asOf);
  const lists = (rec.lists ?? []).filter(ctx.active);
  if (lists.some((m) => m.list === 'black')) return 'C';
  if (pingluStyleB(rec, ctx, ['fine', 'confiscation'])) return 'B'; // 罚没款
  if (lists.some((m) => m.list === 'red')) return 'A';
  return null;
}

function gradeYuncheng(rec, asOf = AS_OF) {
  const ctx = makeContext(asOf);
  const lists = (rec.lists ?? []).filter(ctx.active);
  if (lists.some((m) => m.list === 'black')) return 'C';
  if (violationsWithin(rec, ctx).some((v) => violationRank(v) >= 1)) return 'B'; // has an administrative penalty
  if (lists.some((m) => m.list === 'red')) return 'A';
  return null;
}

const gradeAll = (rec, asOf = AS_OF) => ({
  'pinglu-fgj': gradePinglu(rec, asOf),
  'wugang-sfj': gradeWugang(rec, asOf),
  'yuncheng-kjj': gradeYuncheng(rec, asOf),
});

// ---------------------------------------------------------------------------------------------
// Self-check of the records we emit as valid (mirrors credit-record.md)
// ---------------------------------------------------------------------------------------------

const PENALTY_KINDS = ['order_to_correct', 'warning', 'criticism', 'fine', 'confiscation', ...HEAVIER];
function validate(rec) {
  const errs = [];
  const need = (cond, path, msg) => { if (!cond) errs.push(`${path}: ${msg}`); };
  const date = (v, path) => need(isValidDate(v), path, `bad date ${JSON.stringify(v)}`);
  need(rec && typeof rec === 'object' && !Array.isArray(rec), '', 'not an object');
  need(typeof rec.id === 'string' && rec.id.length > 0, '/id', 'missing id');
  if (rec.kind !== undefined) need(['legal_person', 'organization', 'natural_person'].includes(rec.kind), '/kind', 'kind');
  (rec.lists ?? []).forEach((m, i) => {
    need(['red', 'black', 'watch', 'abnormal'].includes(m.list), `/lists/${i}/list`, 'list');
    date(m.from, `/lists/${i}/from`);
    if (m.until !== undefined && m.until !== null) date(m.until, `/lists/${i}/until`);
  });
  (rec.honors ?? []).forEach((h, i) => {
    date(h.date, `/honors/${i}/date`);
    need(['government', 'association'].includes(h.grantor), `/honors/${i}/grantor`, 'grantor');
  });
  (rec.sanctions ?? []).forEach((s, i) => {
    date(s.date, `/sanctions/${i}/date`);
    need(['in_force', 'revoked', 'repaired'].includes(s.status), `/sanctions/${i}/status`, 'status');
    need(Array.isArray(s.violations) && s.violations.length > 0, `/sanctions/${i}/violations`, 'violations');
    s.violations.forEach((v, j) => {
      need(Array.isArray(v.penalties) && v.penalties.length > 0, `/sanctions/${i}/violations/${j}/penalties`, 'penalties');
      v.penalties.forEach((p, k) => {
        const path = `/sanctions/${i}/violations/${j}/penalties/${k}`;
        need(PENALTY_KINDS.includes(p.kind), `${path}/kind`, 'kind');
        if (p.amount !== undefined) {
          need(['fine', 'confiscation'].includes(p.kind), `${path}/amount`, 'amount on a non-money penalty');
          const ok =
            (typeof p.amount === 'number' && p.amount >= 0 && Math.abs(p.amount * 100 - Math.round(p.amount * 100)) < 1e-6) ||
            (typeof p.amount === 'string' && /^\d+(\.\d{1,2})?$/.test(p.amount));
          need(ok, `${path}/amount`, `bad amount ${JSON.stringify(p.amount)}`);
        } else {
          need(!['fine', 'confiscation'].includes(p.kind), `${path}/amount`, 'examples always give fine/confiscation amounts');
        }
      });
    });
  });
  (rec.commitment_breaches ?? []).forEach((e, i) => {
    date(e.date, `/commitment_breaches/${i}/date`);
    if (e.status !== undefined) need(['in_force', 'revoked', 'repaired'].includes(e.status), `/commitment_breaches/${i}/status`, 'status');
  });
  (rec.determinations ?? []).forEach((d, i) => {
    date(d.date, `/determinations/${i}/date`);
    need(d.kind === 'severe_dishonesty', `/determinations/${i}/kind`, 'kind');
    if (d.status !== undefined) need(['in_force', 'revoked', 'repaired'].includes(d.status), `/determinations/${i}/status`, 'status');
  });
  (rec.ratings ?? []).forEach((r, i) => {
    date(r.date, `/ratings/${i}/date`);
    need(['good', 'low'].includes(r.level), `/ratings/${i}/level`, 'level');
    need(typeof r.by === 'string', `/ratings/${i}/by`, 'by');
  });
  if (rec.public_credit !== undefined) {
    need(rec.public_credit.score >= 0 && rec.public_credit.score <= 100, '/public_credit/score', 'score');
    date(rec.public_credit.date, '/public_credit/date');
  }
  (rec.warnings ?? []).forEach((w, i) => {
    date(w.date, `/warnings/${i}/date`);
    date(w.deadline, `/warnings/${i}/deadline`);
    if (w.rectified_on !== undefined) date(w.rectified_on, `/warnings/${i}/rectified_on`);
  });
  return errs;
}

// ---------------------------------------------------------------------------------------------
// Names and ids
// ---------------------------------------------------------------------------------------------

// [name prefix, administrative division code]
const REGIONS = [
  ['平鲁区', '140603'], ['朔州市', '140600'], ['朔城区', '140602'], ['运城市', '140800'], ['盐湖区', '140802'],
  ['河津市', '140882'], ['永济市', '140881'], ['舞钢市', '410481'], ['平顶山市', '410400'], ['长治市', '140400'],
];
const COMPANY_TRADES = [
  '煤业', '商贸', '建筑工程', '科技', '能源', '物流', '农业开发', '新材料', '电力', '化工', '食品',
  '机械制造', '房地产开发', '信息技术', '生物科技', '钢铁', '运输', '医药', '环保科技', '供热',
];
const COMPANY_FORMS = ['有限公司', '有限公司', '有限责任公司', '股份有限公司'];
// [suffix, USCC registration authority + type]
const ORG_FORMS = [
  ['行业协会', '51'], ['商会', '51'], ['科技服务中心', '52'], ['职业培训学校', '52'], ['慈善基金会', '53'],
  ['律师事务所', '31'], ['司法鉴定所', '39'], ['科学技术协会', '51'],
];
const SURNAMES = '王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗梁宋郑谢韩唐冯于董萧程曹袁邓许傅沈曾彭吕苏卢蒋蔡贾丁魏薛叶阎余潘杜戴夏钟汪田任姜范方石姚谭廖邹熊金陆郝孔白崔康毛邱秦江史顾侯邵孟龙万段雷钱汤尹黎易常武乔贺赖龚文'.split('');

const USCC_CHARS = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const USCC_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];
// 9-character organization code (GB 11714): 8 characters + check character.
function orgCode() {
  const body = 'MA' + Array.from({ length: 6 }, () => pick('0123456789ABCDEFGHJKLMNPQRTUWXY'.split(''))).join('');
  const val = (c) => (c >= '0' && c <= '9' ? Number(c) : c.charCodeAt(0) - 55);
  const w = [3, 7, 9, 10, 5, 8, 4, 2];
  const c = 11 - (body.split('').reduce((s, ch, i) => s + val(ch) * w[i], 0) % 11);
  return body + (c === 10 ? 'X' : c === 11 ? '0' : String(c));
}
// 18-character 统一社会信用代码 (GB 32100-2015) with a correct check character.
function uscc(prefix2, division) {
  const body = prefix2 + division + orgCode();
  const sum = body.split('').reduce((s, ch, i) => s + USCC_CHARS.indexOf(ch) * USCC_WEIGHTS[i], 0);
  const c = (31 - (sum % 31)) % 31;
  return body + USCC_CHARS[c];
}

const usedIds = new Set();
function makeSubject(kind, region) {
  const [regionName, division] = region ?? pick(REGIONS);
  const seq = records.length + 1;
  if (kind === 'natural_person') {
    return { id: `ex-${String(seq).padStart(4, '0')}`, name: pick(SURNAMES) + (chance(0.7) ? '某某' : '某') };
  }
  let id;
  let name;
  if (kind === 'organization') {
    const [suffix, prefix2] = pick(ORG_FORMS);
    name = `${regionName}某某${suffix}`;
    do id = uscc(prefix2, division); while (usedIds.has(id));
  } else {
    name = `${regionName}某某${pick(COMPANY_TRADES)}${pick(COMPANY_FORMS)}`;
    do id = uscc('91', division); while (usedIds.has(id));
  }
  return { id, name };
}

const AUTHORITIES = [
  ['朔州市平鲁区发展和改革局', '平发改罚'], ['运城市科学技术局', '运市科罚'], ['舞钢市司法局', '舞司罚'],
  ['朔州市平鲁区市场监督管理局', '平市监罚'], ['运城市市场监督管理局', '运市监罚'], ['舞钢市应急管理局', '舞应急罚'],
  ['平顶山市生态环境局舞钢分局', '平环罚'], ['长治市交通运输局', '长交罚'],
];
const RATERS = ['国家税务总局朔州市平鲁区税务局', '运城市市场监督管理局', '舞钢市住房和城乡建设局', '朔州市平鲁区应急管理局', '平顶山市生态环境局'];
const GOV_HONORS = [
  ['诚信经营示范单位', true], ['守合同重信用企业', true], ['诚信纳税人', true], ['安全生产先进单位', false],
  ['科技创新先进单位', false], ['诚实守信先进典型', true],
];
const ASSOC_HONORS = ['行业诚信自律先进单位', '会员诚信示范单位', '优秀会员单位', '年度诚信服务之星'];
const DET_BY = ['朔州市平鲁区人民政府', '运城市人民政府', '舞钢市人民政府', '山西省发展和改革委员会', '河南省社会信用体系建设领导小组办公室'];

// ---------------------------------------------------------------------------------------------
// Building blocks
// ---------------------------------------------------------------------------------------------

const P = {
  otc: () => ({ kind: 'order_to_correct' }),
  warn: () => ({ kind: 'warning' }),
  crit: () => ({ kind: 'criticism' }),
  fine: (amount) => ({ kind: 'fine', amount }),
  conf: (amount) => ({ kind: 'confiscation', amount }),
  k: (kind) => ({ kind }),
};
const viol = (...penalties) => ({ penalties });
const severe = (...penalties) => ({ penalties, severe: true });
let sanctionSeq = 0;
// A decision document; status defaults to in_force. id/authority filled in from the PRNG.
function sanc(date, violations, status = 'in_force') {
  const s = {};
  if (chance(0.75)) {
    const [authority, abbr] = pick(AUTHORITIES);
    sanctionSeq += 1;
    s.id = `${abbr}〔${date.slice(0, 4)}〕${sanctionSeq}号`;
    s.date = date;
    s.authority = authority;
  } else {
    s.date = date;
  }
  s.status = status;
  s.violations = Array.isArray(violations) ? violations : [violations];
  return s;
}
const warnS = (date, status) => sanc(date, viol(P.warn()), status);
const otcS = (date, status) => sanc(date, viol(P.otc()), status);
const fineS = (date, amount, status) => sanc(date, viol(P.fine(amount)), status);
// forIntegrity / verified: true, false, or ABSENT (field left out)
const ABSENT = Symbol('absent');
function govHonor(date, forIntegrity) {
  const [title] = pick(GOV_HONORS.filter(([, f]) => f === (forIntegrity === true)));
  const h = { date, grantor: 'government' };
  if (forIntegrity !== ABSENT) h.for_integrity = forIntegrity;
  h.title = title;
  return h;
}
function assocHonor(date, verified, extra = {}) {
  const h = { date, grantor: 'association', ...extra };
  if (verified !== ABSENT) h.verified = verified;
  h.title = pick(ASSOC_HONORS);
  return h;
}
function list(kind, from, until) {
  const m = { list: kind, from };
  if (until !== undefined) m.until = until;
  if (chance(0.5)) m.source = kind === 'red' || kind === 'black' ? '信用中国（山西）' : pick(['国家企业信用信息公示系统', '舞钢市公共信用信息平台']);
  return m;
}
const event = (date, status) => (status === undefined ? { date } : { date, status });
function det(date, status) {
  const d = { kind: 'severe_dishonesty', date, by: pick(DET_BY) };
  if (status !== undefined) d.status = status;
  return d;
}
const rating = (level, date) => ({ by: pick(RATERS), date, level });

// ---------------------------------------------------------------------------------------------
// Record assembly
// ---------------------------------------------------------------------------------------------

const records = [];
const notes = new Map(); // id → {section, tests, expected?}
const FIELD_ORDER = [
  'id', 'name', 'kind', 'lists', 'honors', 'sanctions', 'commitment_breaches', 'determinations', 'ratings',
  'public_credit', 'warnings', 'indicators',
];

function finish(subject, kind, fields, omitKind) {
  const rec = { ...subject };
  if (!(omitKind && kind === 'legal_person')) rec.kind = kind;
  for (const key of FIELD_ORDER.slice(3)) {
    if (fields[key] !== undefined && !(Array.isArray(fields[key]) && fields[key].length === 0)) rec[key] = fields[key];
  }
  for (const [k, v] of Object.entries(fields)) if (!FIELD_ORDER.includes(k) && !['kind', 'region'].includes(k)) rec[k] = v;
  const errs = validate(rec);
  if (errs.length) throw new Error(`generated an invalid record ${rec.id}: ${errs.join('; ')}`);
  return rec;
}

function add(rec, section, tests, expected) {
  if (usedIds.has(rec.id)) throw new Error(`duplicate id ${rec.id}`);
  usedIds.add(rec.id);
  records.push(rec);
  notes.set(rec.id, { section, tests, expected });
}

// expected: three characters, pinglu-fgj / wugang-sfj / yuncheng-kjj, '-' = null. E.g. 'B-B'.
const parseExpected = (s) => ({
  'pinglu-fgj': s[0] === '-' ? null : s[0],
  'wugang-sfj': s[1] === '-' ? null : s[1],
  'yuncheng-kjj': s[2] === '-' ? null : s[2],
});
function boundary(expected, tests, fields = {}) {
  const kind = fields.kind ?? weighted([['legal_person', 70], ['natural_person', 18], ['organization', 12]]);
  const region = fields.region ? REGIONS.find(([n]) => n === fields.region) : undefined;
  const rec = finish(makeSubject(kind, region), kind, fields, chance(0.2));
  add(rec, 'boundary', tests, parseExpected(expected));
}

// =============================================================================================
// 1. Hand-written boundary cases (expected grades checked against the reference implementation)
// =============================================================================================

const D = AS_OF;
const IN = WIN_FIRST; // 2021-01-01, first day inside the one-year window
const OUT = WIN_LAST_OUT; // 2020-12-31, last day outside
const LATER = '2022-01-05'; // after D

// --- clean records and fields the three policies ignore
boundary('---', 'clean record: id, name and kind only', { kind: 'legal_person', region: '平鲁区' });
boundary('---', 'clean natural person', { kind: 'natural_person' });
boundary('---', 'active watch-list and abnormal-list memberships only (neither red nor black)', {
  kind: 'legal_person', lists: [list('watch', '2021-03-01'), list('abnormal', '2020-07-15', null)],
});
boundary('---', 'public_credit, warnings and indicators only (not read by these policies) plus an extra field', {
  kind: 'organization', public_credit: { score: 41.5, date: '2021-11-30' },
  warnings: [{ date: '2021-06-01', deadline: '2021-07-01' }, { date: '2021-02-01', deadline: '2021-03-01', rectified_on: '2021-02-20' }],
  indicators: { inspection_pass_rate: 0.82, complaints: 3 }, remark: '附加字段：应保留并忽略',
});

// --- pinglu A: honours and ratings
boundary('A--', 'government honour for integrity inside the window', { honors: [govHonor(inWin(), true)] });
boundary('A--', 'government honour for integrity on 2021-01-01, the first day inside the window', { kind: 'legal_person', honors: [govHonor(IN, true)] });
boundary('---', 'government honour for integrity on 2020-12-31, the last day outside the window', { kind: 'legal_person', honors: [govHonor(OUT, true)] });
boundary('A--', 'government honour for integrity on 2021-12-31 = D', { honors: [govHonor(D, true)] });
boundary('---', 'government honour for integrity dated after D (2022-01-05)', { honors: [govHonor(LATER, true)] });
boundary('---', 'government honours not for integrity (for_integrity false, and absent)', {
  honors: [govHonor(inWin(), false), govHonor(inWin(), ABSENT)],
});
boundary('---', 'government honour for integrity on leap day 2020-02-29 (outside as of 2021-12-31; inside as of 2021-02-28)', {
  kind: 'legal_person', honors: [govHonor('2020-02-29', true)],
});
boundary('A--', 'association honour, verified by the industry authority', { kind: 'organization', honors: [assocHonor(inWin(), true)] });
boundary('---', 'association honour, verified false', { honors: [assocHonor(inWin(), false)] });
boundary('---', 'association honours not verified (verified absent, even with for_integrity true)', {
  honors: [assocHonor(inWin(), ABSENT), assocHonor(inWin(), ABSENT, { for_integrity: true })],
});
boundary('A--', 'association honour verified, on 2021-01-01', { honors: [assocHonor(IN, true)] });
boundary('---', 'association honour verified, on 2020-12-31', { honors: [assocHonor(OUT, true)] });
boundary('A--', 'rating good inside the window', { ratings: [rating('good', inWin())] });
boundary('A--', 'rating good on D (2021-12-31)', { ratings: [rating('good', D)] });
boundary('---', 'rating good on 2020-12-31', { ratings: [rating('good', OUT)] });
boundary('---', 'rating good dated after D', { ratings: [rating('good', LATER)] });
boundary('A--', 'all three A conditions at once', {
  honors: [govHonor(inWin(), true), assocHonor(inWin(), true)], ratings: [rating('good', inWin())],
});

// --- pinglu/wugang B(1): 责令改正、警告 fewer than 3
boundary('BBB', '1 warning', { sanctions: [warnS(inWin())] });
boundary('BBB', '2 warnings (two decisions)', { sanctions: [warnS(inWin()), warnS(inWin())] });
boundary('--B', '3 warnings (two decisions) — not "fewer than 3"', { sanctions: [warnS(inWin()), warnS(inWin()), warnS(inWin())] });
boundary('BB-', '2 orders to correct only (yuncheng: not a penalty)', { sanctions: [otcS(inWin()), otcS(inWin())] });
boundary('---', '3 orders to correct only', { sanctions: [otcS(inWin()), otcS(inWin()), otcS(inWin())] });
boundary('BB-', '1 order to correct + 1 order to correct with status repaired', { sanctions: [otcS(inWin()), otcS(inWin(), 'repaired')] });
boundary('BBB', '2 warnings + a third on 2020-12-31 (outside)', { sanctions: [warnS(inWin()), warnS(OUT), warnS(inWin())] });
boundary('--B', '2 warnings + a third on 2021-01-01 (inside) = 3', { sanctions: [warnS(inWin()), warnS(IN), warnS(inWin())] });
boundary('BBB', '2 warnings + a third dated after D', { sanctions: [warnS(inWin()), warnS(inWin()), warnS(LATER)] });
boundary('BBB', '2 warnings + a third revoked', { sanctions: [warnS(inWin()), warnS(inWin(), 'revoked'), warnS(inWin())] });
boundary('BBB', '2 warnings + a third repaired', { sanctions: [warnS(inWin()), warnS(inWin()), warnS(inWin(), 'repaired')] });
boundary('BBB', '1 violation with order_to_correct + warning (第九条: classed as warning)', { sanctions: [sanc(inWin(), viol(P.otc(), P.warn()))] });
boundary('BBB', '1 decision with 2 warning violations', { sanctions: [sanc(inWin(), [viol(P.warn()), viol(P.otc(), P.warn())])] });
boundary('--B', '1 decision with 3 warning violations (第十条: each counts)', { sanctions: [sanc(inWin(), [viol(P.warn()), viol(P.warn()), viol(P.otc())])] });
boundary('BBB', 'warning and order to correct on D (2021-12-31)', { sanctions: [sanc(D, viol(P.warn())), sanc(D, viol(P.otc()))] });
boundary('BBB', 'warning on leap day 2020-02-29 (outside) + 2 warnings inside', { sanctions: [warnS('2020-02-29'), warnS(inWin()), warnS(inWin())] });

// --- sanctions that do not count
boundary('---', 'only a revoked decision (fine 30000)', { sanctions: [fineS(inWin(), 30000, 'revoked')] });
boundary('---', 'only a repaired decision (warning)', { sanctions: [warnS(inWin(), 'repaired')] });
boundary('---', 'only a decision dated after D (2022-01-05)', { sanctions: [fineS(LATER, '12000.00')] });
boundary('---', 'only a decision dated 2020-12-31', { sanctions: [fineS(OUT, 8000)] });
boundary('A--', 'revoked severe fine + government honour for integrity', {
  honors: [govHonor(inWin(), true)], sanctions: [sanc(inWin(), severe(P.fine(200000), P.k('suspend_license')), 'revoked')],
});

// --- pinglu/wugang B(2): 行政处罚案件 fewer than 3, 罚款 (wugang: 罚没款) at most 50万
boundary('BBB', '1 fine of 20000', { sanctions: [fineS(inWin(), 20000)] });
boundary('BBB', 'fines "250000.50" + 249999.5 = 500000.00 exactly', { sanctions: [fineS(inWin(), '250000.50'), fineS(inWin(), 249999.5)] });
boundary('--B', 'fines "250000.01" + "250000.00" = 500000.01', { sanctions: [fineS(inWin(), '250000.01'), fineS(inWin(), '250000.00')] });
boundary('BBB', '1 fine "500000.00"', { sanctions: [fineS(inWin(), '500000.00')] });
boundary('--B', '1 fine 500000.01 (JSON number)', { sanctions: [fineS(inWin(), 500000.01)] });
boundary('BBB', 'fines 100000.1 + 399999.9 (JSON numbers) = 500000.00', { sanctions: [fineS(inWin(), 100000.1), fineS(inWin(), 399999.9)] });
boundary('BBB', 'wugang 罚没款 = 499999.4 + 0.2 + 0.2 + 0.2 = 500000.00 exactly (naive float sum gives 500000.00000000006)', {
  sanctions: [sanc(inWin(), [viol(P.fine(499999.4), P.conf(0.2)), viol(P.fine(0.2), P.conf(0.2))])],
});
boundary('--B', '3 small fines in three decisions — not "fewer than 3"', { sanctions: [fineS(inWin(), 1000), fineS(inWin(), '1500.00'), fineS(inWin(), 2000)] });
boundary('--B', '1 decision with 3 violations: fine, fine, criticism (第十条)', {
  sanctions: [sanc(inWin(), [viol(P.fine(5000)), viol(P.warn(), P.fine('3000.00')), viol(P.crit())])],
});
boundary('BBB', '1 decision with 2 violations: fine 300000, confiscation 200000 (罚没款 = 500000.00)', {
  sanctions: [sanc(inWin(), [viol(P.fine(300000)), viol(P.conf(200000))])],
});
boundary('B-B', 'fine 300000 + confiscation "200000.01" (罚款 ≤ 50万, 罚没款 > 50万)', {
  sanctions: [sanc(inWin(), viol(P.fine(300000), P.conf('200000.01')))],
});
boundary('B-B', 'confiscation 600000 only (pinglu sums only 罚款)', { sanctions: [sanc(inWin(), viol(P.conf(600000)))] });
boundary('BBB', '3 warnings + 1 violation with warning + fine (第九条: the latter is a fine case, so B by （二）2)', {
  sanctions: [warnS(inWin()), warnS(inWin()), warnS(inWin()), sanc(inWin(), viol(P.warn(), P.fine('5000.00')))],
});
boundary('BBB', '1 criticism (a penalty case with no fine)', { sanctions: [sanc(inWin(), viol(P.crit()))] });
boundary('BBB', 'suspend_license + fine 100000', { sanctions: [sanc(inWin(), viol(P.k('suspend_license'), P.fine(100000)))] });
boundary('--B', 'order_suspension + fine 800000', { sanctions: [sanc(inWin(), viol(P.k('order_suspension'), P.fine(800000)))] });
boundary('--B', '3 warnings + 1 fine of 600000', { sanctions: [warnS(inWin()), warnS(inWin()), warnS(inWin()), fineS(inWin(), 600000)] });
boundary('BBB', '3 warnings + 1 criticism', { sanctions: [warnS(inWin()), warnS(inWin()), warnS(inWin()), sanc(inWin(), viol(P.crit()))] });
boundary('BBB', 'revoked fine 600000 + in-force fine 100000', { sanctions: [fineS(inWin(), 600000, 'revoked'), fineS(inWin(), 100000)] });
boundary('BBB', 'fine 450000 on 2021-01-01 + fine 100000 on 2020-12-31 (only the first counts)', { sanctions: [fineS(IN, 450000), fineS(OUT, 100000)] });
boundary('BBB', 'fine 450000 inside + fine 100000 after D', { sanctions: [fineS(inWin(), 450000), fineS(LATER, 100000)] });
boundary('BBB', 'detention of a natural person (heaviest class, no amount)', { kind: 'natural_person', sanctions: [sanc(inWin(), viol(P.k('detention')))] });
boundary('--B', '3 warnings + fines 300000 + "200000.01" in two decisions', {
  sanctions: [warnS(inWin()), warnS(inWin()), warnS(inWin()), fineS(inWin(), 300000), fineS(inWin(), '200000.01')],
});

// --- pinglu/wugang B(3): 违反许可承诺书 fewer than 3
boundary('BB-', '1 commitment breach', { commitment_breaches: [event(inWin())] });
boundary('BB-', '2 commitment breaches (one with explicit status in_force)', { commitment_breaches: [event(inWin()), event(inWin(), 'in_force')] });
boundary('---', '3 commitment breaches', { commitment_breaches: [event(inWin()), event(inWin()), event(inWin())] });
boundary('BB-', '2 breaches + 1 revoked + 1 repaired', {
  commitment_breaches: [event(inWin()), event(inWin(), 'revoked'), event(inWin()), event(inWin(), 'repaired')],
});
boundary('BB-', 'breach on 2020-12-31 + breach on 2021-01-01 (= 1)', { commitment_breaches: [event(OUT), event(IN)] });
boundary('BBB', '3 breaches + 1 warning (B by （二）1)', { commitment_breaches: [event(inWin()), event(inWin()), event(inWin())], sanctions: [warnS(inWin())] });
boundary('---', 'breach dated after D only', { commitment_breaches: [event(LATER)] });

// --- pinglu C
boundary('C--', 'determination severe_dishonesty inside the window', { determinations: [det(inWin())] });
boundary('C--', 'determination on 2021-01-01', { determinations: [det(IN)] });
boundary('---', 'determination on 2020-12-31', { determinations: [det(OUT)] });
boundary('---', 'determination revoked', { determinations: [det(inWin(), 'revoked')] });
boundary('---', 'determination repaired', { determinations: [det(inWin(), 'repaired')] });
boundary('---', 'determination dated after D', { determinations: [det(LATER)] });
boundary('C-B', 'severe violation (fine 100000, severe: true) only — wugang: excluded from B（二）2, not a black list', {
  sanctions: [sanc(inWin(), severe(P.fine(100000)))],
});
boundary('---', 'severe violation revoked', { sanctions: [sanc(inWin(), severe(P.k('revoke_license'), P.fine(50000)), 'revoked')] });
boundary('---', 'severe violation on 2020-12-31', { sanctions: [sanc(OUT, severe(P.k('revoke_license')))] });
boundary('CBB', 'one decision: a severe violation and a plain order to correct (wugang B by （二）1)', {
  sanctions: [sanc(inWin(), [severe(P.k('order_closure'), P.conf(80000)), viol(P.otc())])],
});
boundary('C--', 'rating low inside the window', { ratings: [rating('low', inWin())] });
boundary('---', 'rating low on 2020-12-31', { ratings: [rating('low', OUT)] });
boundary('C--', 'rating low on 2021-01-01 beats a rating good (C > A)', { ratings: [rating('good', inWin()), rating('low', IN)] });
boundary('C--', 'determination + government honour for integrity (C > A)', { determinations: [det(inWin())], honors: [govHonor(inWin(), true)] });
boundary('CBB', 'severe fine + 1 warning (pinglu C > B; wugang B from the warning)', {
  sanctions: [sanc(inWin(), severe(P.fine(250000))), warnS(inWin())],
});

// --- lists (wugang / yuncheng A and C)
boundary('-AA', 'red list, open-ended (until absent)', { lists: [list('red', '2020-03-01')] });
boundary('-AA', 'red list, until null', { lists: [list('red', '2021-05-10', null)] });
boundary('---', 'red list that ended before D (until 2021-06-30)', { lists: [list('red', '2020-06-30', '2021-06-30')] });
boundary('---', 'red list that ended the day before D (until 2021-12-30)', { lists: [list('red', '2021-01-01', '2021-12-30')] });
boundary('-AA', 'red list ending on D (until 2021-12-31: still active)', { lists: [list('red', '2020-12-31', D)] });
boundary('-AA', 'red list starting on D (from 2021-12-31)', { lists: [list('red', D)] });
boundary('---', 'red list starting after D (from 2022-01-01)', { lists: [list('red', '2022-01-01')] });
boundary('-AA', 'red list from leap day 2020-02-29 until leap day 2024-02-29', { lists: [list('red', '2020-02-29', '2024-02-29')] });
boundary('-CC', 'black list, open-ended', { lists: [list('black', '2021-04-20')] });
boundary('---', 'black list that ended the day before D', { lists: [list('black', '2020-12-30', '2021-12-30')] });
boundary('---', 'black list starting after D (2022-01-05)', { lists: [list('black', LATER)] });
boundary('-CC', 'black list ending on D', { lists: [list('black', '2019-12-31', D)] });
boundary('-CC', 'red and black both active (C > A)', { lists: [list('red', '2020-01-15'), list('black', '2021-09-01', null)] });
boundary('-AA', 'red active, black expired', { lists: [list('black', '2019-05-01', '2020-05-01'), list('red', '2021-02-01')] });
boundary('-AA', 'red list active + black list starting after D (from 2022-02-01)', {
  lists: [list('red', '2021-02-01'), list('black', '2022-02-01')],
});
boundary('BBB', 'red list + 1 warning (B > A)', { lists: [list('red', '2020-03-01')], sanctions: [warnS(inWin())] });
boundary('BBA', 'red list + 1 order to correct (yuncheng: not a penalty → A)', { lists: [list('red', '2020-03-01')], sanctions: [otcS(inWin())] });
boundary('-AB', 'red list + 3 warnings (wugang: no B condition → A; yuncheng B)', {
  lists: [list('red', '2021-03-01')], sanctions: [warnS(inWin()), warnS(inWin()), warnS(inWin())],
});
boundary('-AB', 'red list + fine 500000.01', { lists: [list('red', '2021-03-01')], sanctions: [fineS(inWin(), '500000.01')] });
boundary('CAB', 'red list + severe fine (pinglu C; wugang: severe is neither B nor C → A; yuncheng B)', {
  lists: [list('red', '2021-03-01')], sanctions: [sanc(inWin(), severe(P.fine(300000)))],
});
boundary('BBA', 'red list + 2 commitment breaches', { lists: [list('red', '2021-03-01')], commitment_breaches: [event(inWin()), event(inWin())] });
boundary('ACC', 'black list + government honour for integrity', { lists: [list('black', '2021-03-01')], honors: [govHonor(inWin(), true)] });
boundary('AAA', 'red list + government honour for integrity', { lists: [list('red', '2021-03-01')], honors: [govHonor(inWin(), true)] });
boundary('CCC', 'black list + determination', { lists: [list('black', '2021-03-01')], determinations: [det(inWin())] });
boundary('BCC', 'black list + 1 fine', { lists: [list('black', '2021-03-01')], sanctions: [fineS(inWin(), '88000.00')] });
boundary('-AA', 'red list + revoked fine + warning after D', {
  lists: [list('red', '2021-03-01')], sanctions: [fineS(inWin(), 20000, 'revoked'), warnS(LATER)],
});
boundary('AAA', 'everything good: red list, both honours, good rating', {
  lists: [list('red', '2020-08-08', null)], honors: [govHonor(inWin(), true), assocHonor(inWin(), true)], ratings: [rating('good', inWin())],
});
boundary('-CC', 'natural person on the black list (限制从业 before the window)', {
  kind: 'natural_person', lists: [list('black', '2020-10-10')], sanctions: [sanc('2020-09-01', viol(P.k('restrict_practice')))],
});
boundary('C--', 'organization with every non-grading field and a low rating', {
  kind: 'organization', ratings: [rating('low', inWin())], public_credit: { score: 38, date: '2021-12-01' },
  lists: [list('watch', '2021-08-01')], warnings: [{ date: '2021-10-01', deadline: '2021-12-01' }],
});

const BOUNDARY_COUNT = records.length;

// =============================================================================================
// 2. Matrix: every pinglu profile × every list profile
// =============================================================================================

const PROFILES = {
  clean: () => ({}),
  'A: government honour': () => ({ honors: [govHonor(inWin(), true)] }),
  'A: verified association honour': () => ({ honors: [assocHonor(inWin(), true), ...(chance(0.5) ? [assocHonor(inWin(), false)] : [])] }),
  'A: rating good': () => ({ ratings: [rating('good', inWin())] }),
  'B: 1–2 warnings': () => ({ sanctions: Array.from({ length: randInt(1, 2) }, () => sanc(inWin(), viol(...(chance(0.3) ? [P.otc(), P.warn()] : [P.warn()])))) }),
  'B: 1–2 orders to correct': () => ({ sanctions: Array.from({ length: randInt(1, 2) }, () => otcS(inWin())) }),
  'B: 1–2 fine cases ≤ 50万': () => ({
    sanctions: Array.from({ length: randInt(1, 2) }, () => sanc(inWin(), viol(...(chance(0.3) ? [P.warn()] : []), P.fine(randAmount(500, 200000))))),
  }),
  'B: 1–2 commitment breaches': () => ({ commitment_breaches: Array.from({ length: randInt(1, 2) }, () => event(inWin())) }),
  'C: determination': () => ({ determinations: [det(inWin())] }),
  'C: severe violation': () => ({ sanctions: [sanc(inWin(), severe(P.k(pick(HEAVIER.slice(0, 6))), P.fine(randAmount(10000, 300000))))] }),
  'C: rating low': () => ({ ratings: [rating('low', inWin())] }),
  'null: 3–4 warnings': () => ({ sanctions: Array.from({ length: randInt(3, 4) }, () => warnS(inWin())) }),
  'null: fine over 50万': () => ({ sanctions: [sanc(inWin(), viol(P.fine(randAmount(500001, 900000))))] }),
  'null: 3+ breaches': () => ({ commitment_breaches: Array.from({ length: randInt(3, 5) }, () => event(inWin())) }),
};
const LIST_PROFILES = {
  'no list': () => [],
  'red (open)': () => [list('red', randDate('2019-01-01', '2021-10-31'))],
  'red (until later)': () => [list('red', randDate('2020-01-01', '2021-10-31'), randDate('2022-01-01', '2024-12-31'))],
  black: () => [list('black', randDate('2020-01-01', '2021-12-01'), chance(0.5) ? null : undefined)],
  'red expired': () => [list('red', randDate('2018-01-01', '2019-12-31'), randDate('2020-01-01', '2021-12-30'))],
  'black not yet / expired': () => [chance(0.5) ? list('black', afterD()) : list('black', '2019-06-01', randDate('2020-01-01', '2021-12-30'))],
};
for (const [pName, pMake] of Object.entries(PROFILES)) {
  for (const [lName, lMake] of Object.entries(LIST_PROFILES)) {
    const kind = weighted([['legal_person', 65], ['natural_person', 20], ['organization', 15]]);
    const fields = { ...pMake() };
    const lists = [...lMake(), ...(chance(0.15) ? [list('watch', randDate('2020-01-01', '2021-12-31'))] : [])];
    if (lists.length) fields.lists = lists;
    const rec = finish(makeSubject(kind), kind, fields, chance(0.2));
    add(rec, 'matrix', `${pName} × ${lName}`);
  }
}
const MATRIX_COUNT = records.length - BOUNDARY_COUNT;

// =============================================================================================
// 3. Random-but-valid mixtures (with a little steering so every grade has enough records)
// =============================================================================================

function randomPenalties(kind) {
  const shape = weighted([
    ['otc', 10], ['warn', 18], ['otc+warn', 6], ['crit', 5], ['fine', 25], ['warn+fine', 8], ['conf', 5],
    ['fine+conf', 6], ['heavy+fine', 8], ['heavy', 4],
  ]);
  const amount = () => (chance(0.12) ? randAmount(300000, 800000) : randAmount(200, 150000));
  const heavy = () => P.k(kind === 'natural_person' ? pick(['restrict_practice', 'detention', 'suspend_license', 'revoke_license']) : pick(HEAVIER.slice(0, 7)));
  switch (shape) {
    case 'otc': return [P.otc()];
    case 'warn': return [P.warn()];
    case 'otc+warn': return [P.otc(), P.warn()];
    case 'crit': return [P.crit()];
    case 'fine': return [P.fine(amount())];
    case 'warn+fine': return [P.warn(), P.fine(amount())];
    case 'conf': return [P.conf(amount())];
    case 'fine+conf': return [P.fine(amount()), P.conf(amount())];
    case 'heavy+fine': return [heavy(), P.fine(amount())];
    default: return [heavy()];
  }
}
function randomViolation(kind) {
  const penalties = randomPenalties(kind);
  const v = { penalties };
  if (violationRank(v) >= 3 && chance(0.1)) v.severe = true;
  return v;
}
function randomStatus() {
  return weighted([['in_force', 82], ['revoked', 9], ['repaired', 9]]);
}
function randomRecord() {
  const kind = weighted([['legal_person', 62], ['natural_person', 22], ['organization', 16]]);
  const f = {};
  const lists = [];
  if (chance(0.22)) {
    const from = weighted([[() => randDate('2018-01-01', '2021-12-31'), 85], [afterD, 15]])();
    const until = weighted([[undefined, 50], [null, 10], [randDate(from < '2021-06-01' ? '2021-06-01' : from, '2024-12-31'), 25], [randDate('2019-01-01', '2021-12-30'), 15]]);
    lists.push(list('red', from, until !== undefined && until !== null && until < from ? undefined : until));
  }
  if (chance(0.16)) {
    const from = weighted([[() => randDate('2018-01-01', '2021-12-31'), 85], [afterD, 15]])();
    const until = weighted([[undefined, 55], [null, 10], [randDate('2022-01-01', '2024-12-31'), 20], [randDate('2019-01-01', '2021-12-30'), 15]]);
    lists.push(list('black', from, until !== undefined && until !== null && until < from ? undefined : until));
  }
  if (chance(0.12)) lists.push(list(pick(['watch', 'abnormal']), randDate('2019-01-01', '2022-03-01'), chance(0.3) ? randDate('2022-03-02', '2023-12-31') : undefined));
  if (lists.length) f.lists = lists;
  if (chance(0.35)) {
    f.honors = Array.from({ length: randInt(1, 2) }, () =>
      chance(0.55) ? govHonor(anyDate(), weighted([[true, 70], [false, 20], [ABSENT, 10]])) : assocHonor(anyDate(), weighted([[true, 60], [false, 25], [ABSENT, 15]])),
    );
  }
  const nSanctions = weighted([[0, 38], [1, 28], [2, 16], [3, 10], [4, 8]]);
  if (nSanctions) {
    f.sanctions = Array.from({ length: nSanctions }, () =>
      sanc(anyDate(), Array.from({ length: weighted([[1, 85], [2, 11], [3, 4]]) }, () => randomViolation(kind)), randomStatus()),
    );
  }
  if (chance(0.22)) f.commitment_breaches = Array.from({ length: randInt(1, 4) }, () => event(anyDate(), chance(0.2) ? randomStatus() : undefined));
  if (chance(0.08)) f.determinations = [det(anyDate(), chance(0.25) ? pick(['revoked', 'repaired']) : undefined)];
  if (chance(0.18)) f.ratings = Array.from({ length: randInt(1, 2) }, () => rating(chance(0.65) ? 'good' : 'low', anyDate()));
  if (chance(0.25)) f.public_credit = { score: chance(0.5) ? randInt(30, 98) : randInt(3000, 9800) / 100, date: randDate('2021-06-01', '2021-12-31') };
  if (chance(0.1)) {
    const date = randDate('2021-01-01', '2021-11-30');
    const w = { date, deadline: addDays(date, pick([15, 30, 60])) };
    if (chance(0.5)) w.rectified_on = addDays(date, randInt(3, 14));
    f.warnings = [w];
  }
  if (chance(0.08)) f.indicators = { inspection_pass_rate: randInt(50, 100) / 100, complaints: randInt(0, 6) };
  return finish(makeSubject(kind), kind, f, chance(0.2));
}

function tally(recs) {
  const counts = Object.fromEntries(POLICIES.map((p) => [p, { A: 0, B: 0, C: 0, null: 0 }]));
  for (const r of recs) {
    const g = gradeAll(r);
    for (const p of POLICIES) counts[p][String(g[p])] += 1;
  }
  return counts;
}
const TARGET = MIN_PER_GRADE + 3;
function deficit(counts) {
  let d = 0;
  for (const p of POLICIES) for (const g of GRADES) d += Math.max(0, TARGET - counts[p][String(g)]);
  return d;
}
{
  const counts = tally(records);
  let guard = 0;
  while (records.length < TOTAL) {
    if (++guard > 200000) throw new Error('could not reach the per-grade minimum');
    const cand = randomRecord();
    const g = gradeAll(cand);
    const before = deficit(counts);
    const remaining = TOTAL - records.length;
    const helps = POLICIES.some((p) => counts[p][String(g[p])] < TARGET);
    if (before >= remaining && !helps) continue; // steer: only take records that fill a short grade
    for (const p of POLICIES) counts[p][String(g[p])] += 1;
    add(cand, 'random', 'random mixture');
  }
}
const RANDOM_COUNT = records.length - BOUNDARY_COUNT - MATRIX_COUNT;

// =============================================================================================
// Expected grades, checks, counts
// =============================================================================================

const expected = {};
const mismatches = [];
for (const r of records) {
  const g = gradeAll(r);
  expected[r.id] = g;
  const note = notes.get(r.id);
  if (note.expected) {
    for (const p of POLICIES) if (note.expected[p] !== g[p]) mismatches.push(`${r.id} (${note.tests}) ${p}: hand ${note.expected[p]}, reference ${g[p]}`);
  }
}
if (mismatches.length) {
  process.stderr.write(`hand-written expectations disagree with the reference implementation:\n  ${mismatches.join('\n  ')}\n`);
  process.exit(1);
}
const counts = tally(records);
for (const p of POLICIES) {
  for (const g of GRADES) {
    if (counts[p][String(g)] < MIN_PER_GRADE) {
      process.stderr.write(`${p}: only ${counts[p][String(g)]} records of grade ${g}\n`);
      process.exit(1);
    }
  }
}

// Leap-day cross-checks at other as-of days (documented in the README).
const leapHonor = records.find((r) => notes.get(r.id).tests.startsWith('government honour for integrity on leap day'));
const altChecks = [
  [leapHonor, '2021-02-28', 'pinglu-fgj', 'A'], // D − 1 year = 2020-02-28, so 2020-02-29 is inside
  [leapHonor, '2021-03-01', 'pinglu-fgj', null], // D − 1 year = 2020-03-01, so 2020-02-29 is outside
];
for (const [r, asOf, p, want] of altChecks) {
  const got = gradeAll(r, asOf)[p];
  if (got !== want) throw new Error(`leap-day check ${r.id} as of ${asOf}: ${p} ${got}, expected ${want}`);
}

// =============================================================================================
// Bad records
// =============================================================================================

const badLines = [];
function badRecord(id, name, kind, fields) {
  const rec = { id, name, kind, ...fields };
  return rec;
}
const badValid1 = badRecord('bad-01', '平鲁区某某商贸有限公司', 'legal_person', { sanctions: [{ id: '平发改罚〔2021〕901号', date: '2021-05-06', status: 'in_force', violations: [{ penalties: [{ kind: 'warning' }] }] }] });
const badValid2 = badRecord('bad-05', '王某某', 'natural_person', { lists: [{ list: 'red', from: '2021-03-01' }] });
const badValid3 = badRecord('bad-10', '舞钢市某某律师事务所', 'organization', { lists: [{ list: 'black', from: '2021-07-01', until: null }], honors: [{ date: '2021-04-01', grantor: 'government', for_integrity: true, title: '诚信经营示范单位' }] });
for (const r of [badValid1, badValid2, badValid3]) {
  const errs = validate(r);
  if (errs.length) throw new Error(`bad-records valid line invalid: ${errs}`);
}
const BAD = [
  [JSON.stringify(badValid1), 'valid: 1 warning in 2021', 'graded: pinglu-fgj B, wugang-sfj B, yuncheng-kjj B'],
  ['{"id":"bad-02","name":"运城市某某科技有限公司","kind":"legal_person","sanctions":[{"date":"2021-03-04","status":"in_force","violations":[{"penalties":[{"kind":"fine","amount":5000}', 'malformed JSON (line cut short)', 'error: not valid JSON; id null'],
  ['{}', 'empty object', 'error at `/id`: required property missing; id null'],
  [JSON.stringify(badRecord('bad-04', '朔州市某某能源有限公司', 'legal_person', { sanctions: [{ date: '2021-02-30', status: 'in_force', violations: [{ penalties: [{ kind: 'warning' }] }] }] })), 'date 2021-02-30 does not exist', 'error at `/sanctions/0/date`'],
  [JSON.stringify(badValid2), 'valid: natural person on an open-ended red list', 'graded: pinglu-fgj null, wugang-sfj A, yuncheng-kjj A'],
  [JSON.stringify(badRecord('bad-06', '舞钢市某某建筑工程有限公司', 'legal_person', { sanctions: [{ date: '2021-08-09', status: 'in_force', violations: [{ penalties: [{ kind: 'fine', amount: -5000 }] }] }] })), 'negative fine amount -5000', 'error at `/sanctions/0/violations/0/penalties/0/amount`'],
  [JSON.stringify(badRecord('bad-07', '平鲁区某某煤业有限公司', 'legal_person', { sanctions: [{ date: '2021-09-10', status: 'in_force', violations: [{ penalties: [{ kind: 'fine', amount: '1000.125' }] }] }] })), 'amount "1000.125" has three decimals', 'error at `/sanctions/0/violations/0/penalties/0/amount`'],
  [JSON.stringify(badRecord('bad-08', '河津市某某物流有限公司', 'legal_person', { sanctions: [{ date: '2021-10-11', status: 'cancelled', violations: [{ penalties: [{ kind: 'warning' }] }] }] })), 'sanction status "cancelled" is not in the enum', 'error at `/sanctions/0/status`'],
  ['[1,2]', 'a JSON array, not an object', 'error: a record must be an object (path ""); id null'],
  [JSON.stringify(badValid3), 'valid: black list + government honour for integrity', 'graded: pinglu-fgj A, wugang-sfj C, yuncheng-kjj C'],
  [JSON.stringify(badRecord('', '永济市某某农业开发有限公司', 'legal_person', { honors: [{ date: '2021-06-01', grantor: 'government', for_integrity: true }] })), 'empty id ""', 'error at `/id`: must be non-empty'],
  [JSON.stringify(badRecord('bad-12', '长治市某某化工有限公司', 'legal_person', { lists: [{ list: 'black', from: '2021/03/05' }] })), 'date "2021/03/05" not in YYYY-MM-DD form', 'error at `/lists/0/from`'],
];
for (const [line] of BAD) badLines.push(line);
// The valid lines' expected grades must match the reference implementation.
for (const [r, want] of [[badValid1, 'BBB'], [badValid2, '-AA'], [badValid3, 'ACC']]) {
  const g = gradeAll(r);
  const w = parseExpected(want);
  for (const p of POLICIES) if (g[p] !== w[p]) throw new Error(`bad-records ${r.id}: ${p} ${g[p]} ≠ ${w[p]}`);
}
// …and every other line must really be bad.
for (const [line, what] of BAD) {
  let parsed;
  try { parsed = JSON.parse(line); } catch { continue; }
  const valid = parsed && typeof parsed === 'object' && !Array.isArray(parsed) && validate(parsed).length === 0;
  if (valid !== what.startsWith('valid')) throw new Error(`bad-records line misclassified: ${what}`);
}

// =============================================================================================
// Output
// =============================================================================================

const fmtGrade = (g) => (g === null ? 'null' : g);
const esc = (s) => String(s).replace(/\|/g, '\\|');

function readme() {
  const L = [];
  L.push('# Example credit records');
  L.push('');
  L.push('Generated by `generate-records.mjs` — **do not edit these files by hand**; change the script and run');
  L.push('');
  L.push('```sh');
  L.push('node examples/generate-records.mjs');
  L.push('```');
  L.push('');
  L.push(`The script has no dependencies and no clock: a fixed-seed PRNG (mulberry32, seed ${SEED}) drives every`);
  L.push('random choice, so the output is byte-identical on every run. It checks its own records against the');
  L.push('record contract (`/work/shared/spec/credit-record.md`), checks the hand-written expectations of the');
  L.push('boundary cases against its reference implementation, refuses to finish if any grade of any policy has');
  L.push(`fewer than ${MIN_PER_GRADE} records, and prints the grade counts to stderr.`);
  L.push('');
  L.push('## Files');
  L.push('');
  L.push('| file | holds |');
  L.push('|---|---|');
  L.push(`| \`records.jsonl\` | ${records.length} valid credit records, one JSON object per line: ${BOUNDARY_COUNT} hand-written boundary cases (first), ${MATRIX_COUNT} matrix cases (every pinglu profile × every list profile), ${RANDOM_COUNT} random-but-valid mixtures |`);
  L.push('| `records.json` | the first 50 records of `records.jsonl` as a pretty-printed JSON array (all of them boundary cases) |');
  L.push(`| \`expected-grades.json\` | \`{"<id>": {"pinglu-fgj": …, "wugang-sfj": …, "yuncheng-kjj": …}}\` for every record of \`records.jsonl\`, as of ${AS_OF}; \`null\` = no grade |`);
  L.push(`| \`bad-records.jsonl\` | ${BAD.length} lines: 3 valid records and ${BAD.length - 3} lines that must be rejected (see below) |`);
  L.push('| `generate-records.mjs` | the generator and the reference implementation of the three policies |');
  L.push('');
  L.push('Try them with the CLI, e.g.');
  L.push('');
  L.push('```sh');
  L.push(`npx credit-policy eval pinglu-fgj --input examples/records.jsonl --as-of ${AS_OF}`);
  L.push(`npx credit-policy eval wugang-sfj --input examples/records.json --as-of ${AS_OF}`);
  L.push(`npx credit-policy eval yuncheng-kjj --input examples/bad-records.jsonl --as-of ${AS_OF}   # exits 3`);
  L.push('```');
  L.push('');
  L.push('Ids: legal persons and organizations carry 18-character 统一社会信用代码 with a correct check');
  L.push('character (GB 32100-2015; prefix `91` enterprise, `51`/`52`/`53` social organisations, `31`/`39` 司法行政');
  L.push('registrations; the division code matches the name\'s region); natural persons carry `ex-NNNN`, where NNNN is');
  L.push('the line number in `records.jsonl`. Names are anonymised (平鲁区某某煤业有限公司, 张某某) and may repeat; ids do not.');
  L.push('About 20 % of legal persons omit `kind` (default `legal_person`). Amounts are a mix of JSON integers, JSON');
  L.push('numbers with decimals and two-decimal strings (`"250000.50"`).');
  L.push('');
  L.push(`## How the expected grades were computed (as of ${AS_OF})`);
  L.push('');
  L.push(`"Within one year" is ${WIN_LAST_OUT} < date ≤ ${AS_OF}, i.e. ${WIN_FIRST} … ${AS_OF}. Only sanctions with`);
  L.push('`status: "in_force"` count, and only events/determinations whose status is absent or `in_force`; things dated');
  L.push('after D do not exist yet. A list membership is active when `from ≤ D` and (`until` absent/null or `D ≤ until`).');
  L.push('Each violation counts separately (第十条) and is classed by its heaviest penalty (第九条):');
  L.push('order_to_correct < warning < criticism < fine = confiscation < the other kinds.');
  L.push('');
  L.push('- **pinglu-fgj** (平发改发〔2021〕121号 第八条): **A** = a government honour with `for_integrity: true`, a');
  L.push('  `good` rating, or an association honour with `verified: true`, within one year. **B** = (1) 1–2 violations classed');
  L.push('  order_to_correct/warning, or (2) 1–2 violations classed above warning and not `severe` whose `fine` amounts sum');
  L.push('  to ≤ 500000.00 yuan, or (3) 1–2 in-force commitment breaches — all within one year. **C** = an in-force');
  L.push('  `severe_dishonesty` determination, a `severe: true` violation, or a `low` rating, within one year.');
  L.push('  Precedence C > B > A, otherwise null.');
  L.push('- **wugang-sfj** (舞司〔2021〕10号): **A** = active red list, **C** = active black list, **B** as pinglu but (2)');
  L.push('  sums fines **and** confiscations (罚没款). C > B > A, otherwise null.');
  L.push('- **yuncheng-kjj** (运市科发〔2021〕29号 第七条): **A** = active red list, **C** = active black list, **B** = any');
  L.push('  in-force violation within one year classed above order_to_correct (a warning counts). C > B > A, otherwise null.');
  L.push('');
  L.push('Sums are exact decimal arithmetic in cents: `499999.4 + 0.2 + 0.2 + 0.2` is 500000.00 (B), although a naive');
  L.push('floating-point sum gives 500000.00000000006.');
  L.push('');
  L.push('Interpretation points worth knowing when comparing with a policy:');
  L.push('');
  L.push('- A `severe: true` violation is excluded from B（二）2 (it is a 严重行政处罚, not a 一般 case). In wugang-sfj');
  L.push('  it is therefore neither B nor C (C there is the black list only): a record with only a severe fine is');
  L.push('  pinglu **C**, wugang **null**, yuncheng **B**. No example puts `severe: true` on a violation classed');
  L.push('  order_to_correct or warning, so it does not matter whether B（二）1 would count one.');
  L.push('- An association honour needs only `verified: true` (its `for_integrity` is not read).');
  L.push('- The three B conditions are alternatives: 3 warnings + 1 fine ≤ 50万 is B by (2).');
  L.push('- Every fine/confiscation in the examples has an `amount`.');
  L.push('');
  L.push('## Grade counts in `records.jsonl`');
  L.push('');
  L.push('| policy | A | B | C | null |');
  L.push('|---|---:|---:|---:|---:|');
  for (const p of POLICIES) L.push(`| ${p} | ${counts[p].A} | ${counts[p].B} | ${counts[p].C} | ${counts[p].null} |`);
  L.push('');
  L.push(`## Boundary cases (lines 1–${BOUNDARY_COUNT} of \`records.jsonl\`)`);
  L.push('');
  L.push(`Expected grades as of ${AS_OF}. "in window" means a date strictly between ${WIN_FIRST} and ${AS_OF}.`);
  L.push('');
  L.push('| # | id | kind | what it tests | pinglu-fgj | wugang-sfj | yuncheng-kjj |');
  L.push('|---:|---|---|---|:-:|:-:|:-:|');
  records.slice(0, BOUNDARY_COUNT).forEach((r, i) => {
    const g = expected[r.id];
    L.push(`| ${i + 1} | \`${r.id}\` | ${r.kind ?? 'legal_person (kind omitted)'} | ${esc(notes.get(r.id).tests)} | ${fmtGrade(g['pinglu-fgj'])} | ${fmtGrade(g['wugang-sfj'])} | ${fmtGrade(g['yuncheng-kjj'])} |`);
  });
  L.push('');
  L.push(`Leap days: record \`${leapHonor.id}\` (government honour for integrity on 2020-02-29) is pinglu-fgj **A** as of`);
  L.push('2021-02-28 (D − 1 year = 2020-02-28, since 2021 has no 29 February) and **null** as of 2021-03-01; the');
  L.push('script checks both. Other leap-day dates: a warning on 2020-02-29 (outside the window) and a red list from');
  L.push('2020-02-29 until 2024-02-29 (active).');
  L.push('');
  L.push(`## Matrix cases (lines ${BOUNDARY_COUNT + 1}–${BOUNDARY_COUNT + MATRIX_COUNT})`);
  L.push('');
  L.push(`Each of these ${Object.keys(PROFILES).length} profiles (dates in window, amounts random):`);
  L.push(Object.keys(PROFILES).map((k) => `*${k}*`).join(', ') + ',');
  L.push(`crossed with each of these ${Object.keys(LIST_PROFILES).length} list profiles: ` + Object.keys(LIST_PROFILES).map((k) => `*${k}*`).join(', ') + '.');
  L.push('About 15 % also carry an active watch-list membership. Expected grades are in `expected-grades.json`.');
  L.push('');
  L.push(`## Random mixtures (lines ${BOUNDARY_COUNT + MATRIX_COUNT + 1}–${records.length})`);
  L.push('');
  L.push('Random but valid: any mix of red/black/watch/abnormal lists (active, ended, not yet started, open-ended),');
  L.push('honours of both grantors, 0–4 decisions with 1–3 violations each (all penalty shapes, some `severe`, some');
  L.push('revoked or repaired), commitment breaches, determinations, ratings, `public_credit`, `warnings`, `indicators`;');
  L.push(`dates mostly inside the window, some before it, some after D, some on ${WIN_FIRST}, ${WIN_LAST_OUT}, ${AS_OF}`);
  L.push('and 2020-02-29. Once the remaining slots run short, only records that fill a grade with too few records are');
  L.push('kept (still deterministic). Expected grades are in `expected-grades.json`.');
  L.push('');
  L.push('## `bad-records.jsonl`');
  L.push('');
  L.push('Per the CLI contract, each line yields one output line in input order: a graded result for the valid ones,');
  L.push('`{"id":…,"error":{"path":…,"message":…}}` for the others (`id` null when there is none), and `eval` exits 3.');
  L.push('Paths are JSON Pointers as in the CLI contract.');
  L.push('');
  L.push('| line | content | expected |');
  L.push('|---:|---|---|');
  BAD.forEach(([, what, exp], i) => L.push(`| ${i + 1} | ${esc(what)} | ${esc(exp)} |`));
  L.push('');
  L.push('The file contains **no blank lines**, on purpose: whether a reader skips blank lines in JSON Lines input is');
  L.push('not exercised by these examples. Every line ends with `\\n`, including the last.');
  L.push('');
  return L.join('\n');
}

const jsonl = records.map((r) => JSON.stringify(r)).join('\n') + '\n';
writeFileSync(join(OUT_DIR, 'records.jsonl'), jsonl);
writeFileSync(join(OUT_DIR, 'records.json'), JSON.stringify(records.slice(0, 50), null, 2) + '\n');
writeFileSync(join(OUT_DIR, 'expected-grades.json'), JSON.stringify(expected, null, 2) + '\n');
writeFileSync(join(OUT_DIR, 'bad-records.jsonl'), badLines.join('\n') + '\n');
writeFileSync(join(OUT_DIR, 'README.md'), readme());

process.stderr.write(`wrote ${records.length} records (${BOUNDARY_COUNT} boundary, ${MATRIX_COUNT} matrix, ${RANDOM_COUNT} random), ${BAD.length} bad-record lines\n`);
process.stderr.write(`expected grades as of ${AS_OF}:\n`);
process.stderr.write(`  ${'policy'.padEnd(14)}     A     B     C  null\n`);
for (const p of POLICIES) {
  const c = counts[p];
  process.stderr.write(`  ${p.padEnd(14)} ${[c.A, c.B, c.C, c.null].map((n) => String(n).padStart(5)).join(' ')}\n`);
}
