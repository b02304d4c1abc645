import { describe, expect, it } from "vitest";
import type { Aggregate, Bound, Expr } from "../../dsl/ast.js";
import { lex } from "../../dsl/lexer.js";
import { parseFragment } from "../../dsl/parse.js";
import {
  keyword,
  printAdditive,
  printBounds,
  printCalendar,
  printExpr,
  printPrimary,
  printQuantity,
  printValue,
  type Lang,
} from "../../dsl/print/index.js";
import { stripSpans } from "../../diagnostics/span.js";
import { UNITS } from "../../dsl/units.js";

const ORIGIN = { file: "t", line: 1, col: 1, offset: 0 };

function parseExpr(text: string): Expr {
  const r = parseFragment<Expr>(text, "expressionOnly", ORIGIN);
  expect(r.diagnostics, text).toEqual([]);
  return r.value as Expr;
}

function parseValue(text: string): Aggregate | Expr {
  const r = parseFragment<Aggregate | Expr>(text, "valueOnly", ORIGIN);
  expect(r.diagnostics, text).toEqual([]);
  return r.value as Aggregate | Expr;
}

/** Prints `text`'s AST in `lang` and checks that the output parses back to the same AST. */
function roundTrip(text: string, lang: Lang): string {
  const ast = parseExpr(text);
  const printed = printExpr(ast, lang);
  expect(stripSpans(parseExpr(printed)), printed).toEqual(stripSpans(ast));
  return printed;
}

describe("keyword", () => {
  it("gives the first spelling in each language", () => {
    expect(keyword("InLast", "en")).toBe("in last");
    expect(keyword("InLast", "zh")).toBe("近");
    expect(keyword("True", "en")).toBe("true");
    expect(keyword("None", "zh")).toBe("无");
    expect(() => keyword("NoSuchKeyword", "en")).toThrow();
  });
});

describe("boundary words", () => {
  it("puts Chinese postfix words after the quantity and prefix words before it", () => {
    expect(roundTrip("x 1次 以上", "zh")).toBe("x 1次 以上");
    expect(roundTrip("x at least 1 times", "zh")).toBe("x 1次 以上");
    expect(roundTrip("x 3次 以下", "zh")).toBe("x 3次 以下");
    expect(roundTrip("x 3次 届满", "zh")).toBe("x 3次 届满");
    expect(roundTrip("x 3次 以外", "zh")).toBe("x 3次 以外");
    expect(roundTrip("x within 3 times", "zh")).toBe("x 3次 以内");
    expect(roundTrip("x not over 50 wan yuan", "zh")).toBe("x 不超过 50万元");
    expect(roundTrip("x above 70 points", "zh")).toBe("x 高于 70分");
    expect(roundTrip("x 未满 3次", "zh")).toBe("x 不满 3次");
    expect(roundTrip("x 超过 3次", "zh")).toBe("x 超过 3次");
  });

  it("puts every English word before its operand", () => {
    expect(roundTrip("x 1次 以上", "en")).toBe("x at least 1 time");
    expect(roundTrip("x 3次 以内", "en")).toBe("x within 3 times");
    expect(roundTrip("x 不超过 50万元", "en")).toBe("x not over 50 wan yuan");
    expect(roundTrip("x 高于 70分", "en")).toBe("x above 70 points");
    expect(roundTrip("x 不少于 2个", "en")).toBe("x not fewer than 2 times");
    expect(roundTrip("x 3年 届满", "en")).toBe("x reaching 3 years");
    expect(roundTrip("x 10日 以外", "en")).toBe("x beyond 10 days");
  });

  it("prints a Chinese postfix word before a non-quantity operand, where the grammar needs it", () => {
    expect(roundTrip("x at least y", "zh")).toBe("x 以上 y");
    expect(roundTrip("x within y + 3 times", "zh")).toBe("x 以内 y + 3次");
    expect(roundTrip("x at least (y)", "zh")).toBe("x 以上 (y)");
    expect(roundTrip("x within y (exclusive)", "zh")).toBe("x 以内 y（不含）");
  });

  it("prints markers in each language", () => {
    expect(roundTrip("x 3次（不含）以内", "zh")).toBe("x 3次（不含）以内");
    expect(roundTrip("x 3次(含)以上", "zh")).toBe("x 3次（含）以上");
    expect(roundTrip("x 3次（不含）以内", "en")).toBe("x within 3 times (exclusive)");
    expect(roundTrip("x 不超过 50万元（含）", "en")).toBe("x not over 50 wan yuan (inclusive)");
    expect(roundTrip("x not over 50 wan yuan (exclusive)", "zh")).toBe("x 不超过 50万元（不含）");
    expect(roundTrip("x < 3（含）", "en")).toBe("x < 3 (inclusive)");
  });

  it("chains several bounds", () => {
    const zh = "一年内行政处罚案件次数 1次 以上 3次（不含）以内 且 一年内罚款累计 不超过 50万元";
    const en = "一年内行政处罚案件次数 at least 1 time within 3 times (exclusive) and 一年内罚款累计 not over 50 wan yuan";
    expect(roundTrip(zh, "zh")).toBe(zh);
    expect(roundTrip(zh, "en")).toBe(en);
    expect(roundTrip("x 不超过 5次 3次（含）以上", "zh")).toBe("x 不超过 5次 3次（含）以上");
  });
});

describe("operators", () => {
  it("prints explicit operators in ASCII", () => {
    expect(roundTrip("a ≤ 1 且 b ≥ 2 且 c ≠ 3 且 d == 4 且 e ＜ 5 且 f > 6", "zh")).toBe(
      "a <= 1 且 b >= 2 且 c != 3 且 d = 4 且 e < 5 且 f > 6",
    );
  });

  it("prints in (a, b) in each language", () => {
    expect(roundTrip("最重处罚 属于 （责令改正，警告）", "zh")).toBe("最重处罚 属于 (责令改正, 警告)");
    expect(roundTrip("最重处罚 属于 (责令改正, 警告)", "en")).toBe("最重处罚 in (责令改正, 警告)");
    expect(roundTrip('kind in ("a", 3 times, x.y)', "zh")).toBe('kind 属于 ("a", 3次, x.y)');
  });

  it("keeps written parentheses and adds none elsewhere", () => {
    expect(roundTrip("a and (b or c)", "en")).toBe("a and (b or c)");
    expect(roundTrip("(a and b) or c", "en")).toBe("(a and b) or c");
    expect(roundTrip("a and b or c", "en")).toBe("a and b or c");
    expect(roundTrip("not (a or b) and not not c", "en")).toBe("not (a or b) and not not c");
    expect(roundTrip("非 （a 且 b） 或 c", "zh")).toBe("非 (a 且 b) 或 c");
    expect(roundTrip("((a))", "en")).toBe("((a))");
    expect(roundTrip("a - (b + c) > 3 - 1", "en")).toBe("a - (b + c) > 3 - 1");
    expect(roundTrip("not x.y = 1 or f(a, b + 1).z != none", "zh")).toBe("非 x.y = 1 或 f(a, b + 1).z != 无");
  });

  it("adds parentheses where an operand binds looser than its position (ASTs no parse yields)", () => {
    const s = { file: "t", line: 1, col: 1, endLine: 1, endCol: 1, start: 0, end: 0 };
    const a: Expr = { kind: "Name", name: "a", span: s };
    const b: Expr = { kind: "Name", name: "b", span: s };
    const c: Expr = { kind: "Name", name: "c", span: s };
    const or: Expr = { kind: "Or", operands: [a, b], span: s };
    expect(printExpr({ kind: "And", operands: [or, c], span: s }, "en")).toBe("(a or b) and c");
    expect(printExpr({ kind: "Not", operand: { kind: "And", operands: [a, b], span: s }, span: s }, "zh")).toBe("非 (a 且 b)");
    expect(printExpr({ kind: "Or", operands: [or, c], span: s }, "en")).toBe("(a or b) or c");
    expect(
      printExpr({ kind: "Arith", op: "-", left: a, right: { kind: "Arith", op: "+", left: b, right: c, span: s }, span: s }, "en"),
    ).toBe("a - (b + c)");
    expect(printExpr({ kind: "Compare", left: or, bounds: [{ op: "=", right: c, span: s }], span: s }, "en")).toBe("(a or b) = c");
  });
});

describe("literals and quantities", () => {
  it("prints every unit's first spelling, glued in Chinese and spaced in English", () => {
    for (const u of UNITS) {
      const q = { kind: "Quantity" as const, value: "3", unit: u.id, span: { file: "t", line: 1, col: 1, endLine: 1, endCol: 1, start: 0, end: 0 } };
      expect(printQuantity(q, "zh")).toBe(`3${u.zh[0]}`);
      expect(printQuantity(q, "en")).toBe(`3 ${u.en[0]}`);
      for (const lang of ["zh", "en"] as const) {
        const printed = printQuantity(q, lang);
        const r = parseFragment(printed, "quantityOnly", ORIGIN);
        expect(r.diagnostics, printed).toEqual([]);
        expect(stripSpans(r.value)).toEqual(stripSpans(q));
      }
    }
  });

  it("reads a quantity of one in the singular in English", () => {
    expect(roundTrip("x = 1次 且 y = 1分 且 z = 1元 且 w = 1.0件", "en")).toBe("x = 1 time and y = 1 point and z = 1 yuan and w = 1.0 time");
    expect(roundTrip("x = 10次 且 y = 0.5分", "en")).toBe("x = 10 times and y = 0.5 points");
    expect(roundTrip("x = 1年", "en")).toBe("x = 1 year");
    expect(roundTrip("x = 1个月", "en")).toBe("x = 1 month");
    expect(roundTrip("x = 1天", "en")).toBe("x = 1 day");
    expect(roundTrip("x = 1个工作日", "en")).toBe("x = 1 working day");
    expect(roundTrip("x = 2.5万元 且 y = 7", "en")).toBe("x = 2.5 wan yuan and y = 7");
  });

  it("prints strings, dates, booleans and none", () => {
    expect(roundTrip('a = “原文” and b = 「引号」 and c = "q\\"uo\\\\te\\n"', "en")).toBe(
      'a = "原文" and b = "引号" and c = "q\\"uo\\\\te\\n"',
    );
    expect(roundTrip("d >= 2021-01-01 and e = yes and f = no and g = null", "zh")).toBe("d >= 2021-01-01 且 e = 是 且 f = 否 且 g = 无");
    expect(roundTrip("e = 是 且 f = 否 且 g = 无", "en")).toBe("e = true and f = false and g = none");
  });
});

describe("values", () => {
  const cases: [string, string][] = [
    ["计数 违法行为 满足 最重处罚 高于 警告 且 非 严重 近 1年", "count 违法行为 where 最重处罚 above 警告 and not 严重 in last 1 year"],
    ["合计 金额(罚款) 来自 违法行为 满足 最重处罚 高于 警告 近 1年", "sum 金额(罚款) of 违法行为 where 最重处罚 above 警告 in last 1 year"],
    ["存在 认定 满足 种类 = 严重失信", "exists 认定 where 种类 = 严重失信"],
    ["计数 违反承诺 近 6个月", "count 违反承诺 in last 6 months"],
    ["合计 amount 来自 fines", "sum amount of fines"],
    ["a + b - 1", "a + b - 1"],
  ];
  for (const [zh, en] of cases) {
    it(`prints ${en}`, () => {
      const ast = parseValue(zh);
      expect(printValue(ast, "zh")).toBe(zh);
      expect(printValue(ast, "en")).toBe(en);
      expect(stripSpans(parseValue(en))).toEqual(stripSpans(ast));
    });
  }
});

describe("language round trip", () => {
  it("an expression printed in English parses to the Chinese original's AST", () => {
    const zh =
      "（一年内责令改正警告次数 1次 以上 3次（不含）以内 或 非 严重） 且 最重处罚 属于 （罚款，警告） 且 罚款累计 + 10万元 不超过 50万元（含） 且 分数 高于 70分";
    const ast = parseExpr(zh);
    const en = printExpr(ast, "en");
    expect(en).toBe(
      "(一年内责令改正警告次数 at least 1 time within 3 times (exclusive) or not 严重) and 最重处罚 in (罚款, 警告) and 罚款累计 + 10 wan yuan not over 50 wan yuan (inclusive) and 分数 above 70 points",
    );
    expect(stripSpans(parseExpr(en))).toEqual(stripSpans(ast));
    expect(printExpr(parseExpr(en), "zh")).toBe(printExpr(ast, "zh"));
  });
});

describe("random expressions from the grammar", () => {
  // A small seeded generator (mulberry32) so failures reproduce.
  function rng(seed: number): () => number {
    let a = seed;
    return () => {
      a = (a + 0x6d2b79f5) | 0;
      let t = Math.imul(a ^ (a >>> 15), 1 | a);
      t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
      return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    };
  }
  const rand = rng(20240601);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)] as T;
  const names = ["x", "次数", "amount_total", "罚款累计", "severe"];
  const units = ["", "次", " times", "万元", " wan yuan", "年", " years", "个月", "分", " points", "个工作日", "元"];
  const words = ["以上", "at least", "以内", "within", "不超过", "not over", "高于", "above", "不满", "届满", "以外", "多于", "not fewer than"];
  const postfixWords = ["以上", "以下", "以内", "届满", "以外"];
  const markers = ["", "", "（含）", "(exclusive)"];

  const quantity = (): string => `${pick(["1", "3", "50", "2.5"])}${pick(units)}`;
  const primary = (d: number): string => {
    const r = rand();
    if (r < 0.3) return quantity();
    if (r < 0.35) return "2021-12-31";
    if (r < 0.4) return pick(['"s"', "“文”", "yes", "否", "none"]);
    if (r < 0.8 || d <= 0) {
      const n = pick(names);
      const s = rand();
      return s < 0.6 ? n : s < 0.8 ? `${n}.field` : `f(${n}, ${quantity()})`;
    }
    return `(${expr(d - 1)})`;
  };
  const additive = (d: number): string => {
    let s = primary(d);
    while (rand() < 0.25) s += ` ${pick(["+", "-"])} ${primary(d)}`;
    return s;
  };
  const bound = (d: number): string => {
    const r = rand();
    if (r < 0.3) return `${pick(["<", "<=", ">", ">=", "=", "!=", "≤", "＞"])} ${additive(d)}${pick(markers)}`;
    if (r < 0.65) return `${pick(words)} ${additive(d)}${pick(markers)}`;
    return `${quantity()}${pick(markers)} ${pick(postfixWords)}`;
  };
  const comparison = (d: number): string => {
    const left = additive(d);
    if (rand() < 0.15) return `${left} ${pick(["in", "属于"])} (${additive(d)}, ${additive(d)})`;
    let s = left;
    const n = Math.floor(rand() * 3);
    for (let i = 0; i < n; i++) s += ` ${bound(d)}`;
    return s;
  };
  const notExpr = (d: number): string => (rand() < 0.2 ? `${pick(["not", "非"])} ${notExpr(d)}` : comparison(d));
  const andExpr = (d: number): string => {
    let s = notExpr(d);
    while (rand() < 0.3) s += ` ${pick(["and", "且"])} ${notExpr(d)}`;
    return s;
  };
  function expr(d: number): string {
    let s = andExpr(d);
    while (rand() < 0.25) s += ` ${pick(["or", "或"])} ${andExpr(d)}`;
    return s;
  }

  it("print in both languages and parse back to the same AST", () => {
    let parsed = 0;
    for (let i = 0; i < 600; i++) {
      const text = expr(3);
      const r = parseFragment<Expr>(text, "expressionOnly", ORIGIN);
      if (r.diagnostics.length > 0 || !r.value) continue; // the generator over-approximates the grammar
      parsed++;
      for (const lang of ["zh", "en"] as const) {
        const printed = printExpr(r.value, lang);
        const back = parseFragment<Expr>(printed, "expressionOnly", ORIGIN);
        expect(back.diagnostics, `${text}\n→ ${printed}`).toEqual([]);
        expect(stripSpans(back.value), `${text}\n→ ${printed}`).toEqual(stripSpans(r.value));
        expect(printExpr(back.value as Expr, lang)).toBe(printed);
      }
    }
    expect(parsed).toBeGreaterThan(300);
  });
});

describe("score models and city plans", () => {
  const s0 = { file: "t", line: 1, col: 1, endLine: 1, endCol: 1, start: 0, end: 0 };
  const name = (n: string): Expr => ({ kind: "Name", name: n, span: s0 });
  const qty = (value: string, unit?: string): Expr => ({ kind: "Quantity", value, ...(unit ? { unit } : {}), span: s0 });

  function parseBounds(text: string): Bound[] {
    const r = parseFragment<Bound[]>(text, "boundsOnly", ORIGIN);
    expect(r.diagnostics, text).toEqual([]);
    return r.value as Bound[];
  }

  it("prints band bounds as the plan words them and reads them back (boundsOnly)", () => {
    const cases: [string, string, string][] = [
      ["高于85分", "高于 85分", "above 85 points"],
      ["85分(含)以下 高于 70分", "85分（含）以下 高于 70分", "at most 85 points (inclusive) above 70 points"],
      ["at most 50 points (inclusive)", "50分（含）以下", "at most 50 points (inclusive)"],
      [">= 0分 < 60分", ">= 0分 < 60分", ">= 0 points < 60 points"],
      ["以下 x + 1分", "以下 x + 1分", "at most x + 1 point"],
    ];
    for (const [text, zh, en] of cases) {
      const ast = parseBounds(text);
      expect(printBounds(ast, "zh")).toBe(zh);
      expect(printBounds(ast, "en")).toBe(en);
      for (const printed of [zh, en]) expect(stripSpans(parseBounds(printed)), printed).toEqual(stripSpans(ast));
    }
  });

  it("refuses a bounds string with no bound or something after the bounds", () => {
    expect(parseFragment("", "boundsOnly", ORIGIN).diagnostics.map((d) => d.code)).toEqual(["CP-E0102"]);
    const trailing = parseFragment("高于 85分 且 x", "boundsOnly", ORIGIN);
    expect(trailing.value).toBeUndefined();
    expect(trailing.diagnostics[0]).toMatchObject({ code: "CP-E0101", span: { line: 1, col: 8 } });
  });

  it("prints a snapshot's month and day as calendar positions that lex as number, unit, number, unit", () => {
    const month = qty("10", "month");
    const day = qty("31", "day");
    expect(printCalendar(month, "zh")).toBe("10月");
    expect(printCalendar(day, "zh")).toBe("31日");
    expect(printCalendar(month, "en")).toBe("10 month");
    expect(printCalendar(day, "en")).toBe("31 day");
    for (const text of ["10月 31日", "10月31日", "10 month 31 day"]) {
      expect(lex(text, "t").tokens.map((t) => t.tokenType.name), text).toEqual(["NumberLit", "Unit", "NumberLit", "Unit"]);
    }
    for (const lang of ["zh", "en"] as const) {
      for (const q of [month, day]) expect(stripSpans(parseExpr(printCalendar(q, lang)))).toEqual(stripSpans(q));
    }
    // Not a quantity with a unit: printed as any single value.
    expect(printCalendar({ kind: "Placeholder", span: s0 }, "zh")).toBe("待填写");
    expect(printCalendar(qty("10"), "en")).toBe("10");
    expect(printCalendar({ kind: "Arith", op: "+", left: name("m"), right: qty("1"), span: s0 }, "en")).toBe("(m + 1)");
  });

  it("parenthesises what is looser than a single value or a sum", () => {
    const sum: Expr = { kind: "Arith", op: "+", left: name("a"), right: qty("1", "points"), span: s0 };
    const cmp: Expr = { kind: "Compare", left: name("a"), bounds: [{ op: ">", right: qty("1"), span: s0 }], span: s0 };
    expect(printPrimary(sum, "zh")).toBe("(a + 1分)");
    expect(printPrimary(qty("100", "points"), "en")).toBe("100 points");
    expect(printPrimary(name("x"), "en")).toBe("x");
    expect(printAdditive(sum, "en")).toBe("a + 1 point");
    expect(printAdditive(cmp, "en")).toBe("(a > 1)");
  });

  it("prints the 待填写 / TODO placeholder in each language", () => {
    expect(roundTrip("x = 待填写 且 TODO", "en")).toBe("x = TODO and TODO");
    expect(roundTrip("x = TODO + 1分", "zh")).toBe("x = 待填写 + 1分");
  });
});
