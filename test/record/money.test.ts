import { describe, it, expect } from "vitest";
import { formatYuan, parseYuan, sumFen, wan, yuanFromParts, type Fen } from "../../record/money.js";

describe("parseYuan", () => {
  it.each<[unknown, Fen]>([
    ["500000.00", 50_000_000n],
    [500000, 50_000_000n],
    [0.1, 10n],
    [0.01, 1n],
    ["0.01", 1n],
    ["0.1", 10n],
    [0, 0n],
    [-0, 0n],
    ["0", 0n],
    [1234.5, 123_450n],
    [1.15, 115n], // 1.15 is 1.149999… as a float; the written decimal is what counts
    [9007199254740991, 900719925474099100n],
    ["123456789012345678901234.56", 12345678901234567890123456n],
  ])("%j → %s fen", (input, fen) => {
    expect(parseYuan(input)).toBe(fen);
  });

  it.each([
    -1,
    -0.01,
    0.001,
    0.105,
    1e21,
    1e-7,
    9007199254740992,
    Number.NaN,
    Number.POSITIVE_INFINITY,
    "-1",
    "1,000",
    "1e3",
    "500000.001",
    "+1",
    ".5",
    "5.",
    "",
    " 1",
    "1 ",
    "１",
    null,
    undefined,
    true,
    10n,
    {},
  ])("rejects %s", (input) => {
    expect(parseYuan(input)).toBeUndefined();
  });
});

describe("formatYuan", () => {
  it("always writes two decimals", () => {
    expect(formatYuan(50_000_000n)).toBe("500000.00");
    expect(formatYuan(1n)).toBe("0.01");
    expect(formatYuan(10n)).toBe("0.10");
    expect(formatYuan(0n)).toBe("0.00");
    expect(formatYuan(-5n)).toBe("-0.05");
    expect(formatYuan(-12_345n)).toBe("-123.45");
  });

  it("round-trips with parseYuan", () => {
    for (const s of ["0.00", "0.01", "0.99", "1.00", "500000.00", "99999999999999999999.99"]) {
      expect(formatYuan(parseYuan(s)!)).toBe(s);
    }
  });
});

describe("yuanFromParts", () => {
  it("joins the integer and fraction digits", () => {
    expect(yuanFromParts("500000")).toBe(50_000_000n);
    expect(yuanFromParts("500000", "5")).toBe(50_000_050n);
    expect(yuanFromParts("0", "01")).toBe(1n);
    expect(yuanFromParts("1", "")).toBe(100n);
    expect(yuanFromParts("1", "500")).toBe(150n); // trailing zeros are not precision
  });

  it("rejects more precision than a fen and non-digits", () => {
    expect(yuanFromParts("1", "001")).toBeUndefined();
    expect(yuanFromParts("1", "5a")).toBeUndefined();
    expect(yuanFromParts("-1")).toBeUndefined();
    expect(yuanFromParts("")).toBeUndefined();
    expect(yuanFromParts("1e3")).toBeUndefined();
  });
});

describe("wan (万元)", () => {
  it("50万元 is 500000.00 yuan", () => {
    expect(wan("50")).toBe(50_000_000n);
    expect(formatYuan(wan("50")!)).toBe("500000.00");
  });

  it("takes fractions down to a fen", () => {
    expect(wan("0.5")).toBe(500_000n);
    expect(formatYuan(wan("0.5")!)).toBe("5000.00");
    expect(wan("0.000001")).toBe(1n);
    expect(wan("1.2345670")).toBe(1_234_567n);
  });

  it("rejects more precision than a fen and non-decimals", () => {
    expect(wan("0.0000001")).toBeUndefined();
    expect(wan("1.2345678")).toBeUndefined();
    expect(wan("-1")).toBeUndefined();
    expect(wan("1e2")).toBeUndefined();
    expect(wan("")).toBeUndefined();
    expect(wan("五十")).toBeUndefined();
  });
});

describe("sums and comparisons are exact", () => {
  it("0.1 + 0.2 is 0.30", () => {
    expect(0.1 + 0.2).not.toBe(0.3); // the float problem this module exists to avoid
    expect(formatYuan(sumFen([parseYuan(0.1)!, parseYuan(0.2)!]))).toBe("0.30");
    expect(sumFen([parseYuan(0.1)!, parseYuan(0.2)!])).toBe(parseYuan("0.30"));
  });

  it("a fine of exactly 50万元 meets a 50万元 threshold, one fen more exceeds it", () => {
    const threshold = wan("50")!;
    expect(parseYuan("500000.00")! >= threshold).toBe(true);
    expect(parseYuan(500000)! === threshold).toBe(true);
    expect(parseYuan("500000.01")! > threshold).toBe(true);
    expect(parseYuan("499999.99")! < threshold).toBe(true);
  });

  it("many small amounts add up exactly", () => {
    const tenths = Array.from({ length: 1000 }, () => parseYuan(0.1)!);
    expect(formatYuan(sumFen(tenths))).toBe("100.00");
  });

  it("stays exact beyond 2^53 fen", () => {
    const big = parseYuan("90071992547409.93")!; // 2^53 + 1 fen
    expect(big).toBe(2n ** 53n + 1n);
    expect(sumFen([big, big, 1n])).toBe(2n ** 54n + 3n);
    expect(formatYuan(sumFen([big, big, 1n]))).toBe("180143985094819.87");
    expect(sumFen([big, 1n]) > big).toBe(true);
  });

  it("sums any iterable, and nothing to zero", () => {
    expect(sumFen([])).toBe(0n);
    expect(sumFen(new Set([1n, 2n, 3n]))).toBe(6n);
    function* gen() {
      yield 5n;
      yield 7n;
    }
    expect(sumFen(gen())).toBe(12n);
  });
});
