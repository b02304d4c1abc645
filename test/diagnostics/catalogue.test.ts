// The diagnostics catalogue (diagnostics/catalogue.ts): every entry in both languages with the
// same placeholders, every code the sources use present in it, the CLI line format with related
// places, and record errors rendered to exactly the English eval has always printed.
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { describe, expect, it } from "vitest";
import { compilePolicy } from "../../compiler/compile.js";
import { CATALOGUE, isDiagnosticCode, isMessageKey, placeholders, renderRecordError, renderText, type MessageKey } from "../../diagnostics/catalogue.js";
import { diag, formatDiagnostic, formatDiagnosticLines, renderHelp, renderMessage, withRelated, type Diagnostic } from "../../diagnostics/diagnostics.js";
import { decodeSource } from "../../dsl/source.js";
import { keywordHint } from "../../dsl/tokens.js";
import { validateRecord } from "../../record/validate.js";
import { gradeChecked, validateRecord as validateRecordText } from "../../runtime/support.js";

const ROOT = join(import.meta.dirname, "..", "..");
const KEYS = Object.keys(CATALOGUE) as MessageKey[];
/** Placeholders, and braces that look like a mistyped one (full-width, spaced, unclosed). */
const STRAY = /\{\s*\d+\s*\}|[{}｛｝]/;

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    if (name === "node_modules" || name === "dist") return [];
    if (statSync(p).isDirectory()) return sources(p);
    return /\.(ts|mjs)$/.test(name) && !name.endsWith(".d.ts") ? [p] : [];
  });
}

const SOURCE_DIRS = ["diagnostics", "record", "dsl", "compiler", "ingest", "runtime", "analysis", "cli", "editor/src"];

/**
 * Arguments a language's sentence leaves out on purpose; any other difference between the two
 * templates' placeholders is a mistake. (The English keyword hint never repeated the name: the
 * CLI prints both languages side by side, and its text must not change.)
 */
const OMITTED: Partial<Record<MessageKey, { zh?: number[]; en?: number[] }>> = {
  "help/keyword-glued": { en: [0] },
};

/** The placeholders a template takes, counting those its language leaves out on purpose. */
function arity(key: MessageKey, lang: "zh" | "en"): number[] {
  return [...new Set([...placeholders(CATALOGUE[key][lang]), ...(OMITTED[key]?.[lang] ?? [])])].sort((a, b) => a - b);
}

describe("the catalogue", () => {
  it("has a Chinese and an English template for every entry, with the same placeholders", () => {
    expect(KEYS.length).toBeGreaterThan(100);
    for (const key of KEYS) {
      const { zh, en } = CATALOGUE[key] as { zh: string; en: string };
      expect(zh.trim(), key).not.toBe("");
      expect(en.trim(), key).not.toBe("");
      expect(arity(key, "zh"), key).toEqual(arity(key, "en"));
    }
  });

  it("numbers the placeholders of each entry 0, 1, 2 … without holes", () => {
    for (const key of KEYS) {
      const used = arity(key, "en");
      expect(used, key).toEqual(used.map((_, i) => i));
    }
  });

  it("renders every entry, Chinese and English, with no stray placeholder or brace", () => {
    for (const key of KEYS) {
      const args = arity(key, "en").map((i) => `«${i}»`);
      for (const lang of ["zh", "en"] as const) {
        const text = renderText(key, args, lang);
        expect(text, `${key} ${lang}`).not.toMatch(STRAY);
        args.forEach((a, i) => {
          if (!OMITTED[key]?.[lang]?.includes(i)) expect(text, `${key} ${lang}`).toContain(a);
        });
      }
    }
  });

  it("gives a severity to codes only, and every code's Chinese template contains Chinese", () => {
    for (const key of KEYS) {
      expect(isDiagnosticCode(key), key).toBe(/^CP-[EWR]\d{3,4}$/.test(key));
      if (isDiagnosticCode(key)) {
        expect(CATALOGUE[key].severity, key).toBe(key.startsWith("CP-W") ? "warning" : "error");
        expect(CATALOGUE[key].zh, key).toMatch(/[\u4e00-\u9fff]/);
      }
    }
  });

  it("holds every code and message key the sources and the docs name", () => {
    const files = [...SOURCE_DIRS.flatMap((d) => sources(join(ROOT, d))), join(ROOT, "README.md"), join(ROOT, "ARCHITECTURE.md")];
    const used = new Map<string, string>();
    for (const file of files) {
      const text = readFileSync(file, "utf8");
      for (const m of text.matchAll(/\bCP-[EWR]\d{3,4}(?:\/[a-z][a-z0-9-]*)?\b/g)) used.set(m[0], relative(ROOT, file));
      for (const m of text.matchAll(/["'`]((?:note|help|value|type|list|record)\/[a-z][a-z0-9-]*)["'`]/g)) used.set(m[1] as string, relative(ROOT, file));
    }
    expect(used.size).toBeGreaterThan(80);
    const missing = [...used].filter(([key]) => !isMessageKey(key)).map(([key, file]) => `${key} (${file})`);
    expect(missing).toEqual([]);
  });
});

describe("diagnostics as data", () => {
  const span = { file: "a.policy", line: 7, col: 1, endLine: 7, endCol: 9, start: 60, end: 68 };
  const first = { file: "a.policy", line: 5, col: 1, endLine: 5, endCol: 9, start: 40, end: 48 };

  it("carry a code, a severity and arguments, and no prose", () => {
    const d = diag("CP-E0302", span, ["c"]);
    expect(d).toEqual({ code: "CP-E0302", severity: "error", args: ["c"], span });
    expect(renderMessage(d, "zh")).toBe("名称 c 重复定义");
    expect(renderMessage(d, "en")).toBe("c is defined twice");
  });

  it("print as the CLI's FILE:LINE:COL line, a related place as an indented note line", () => {
    const d = withRelated(diag("CP-E0302", span, ["c"]), first);
    expect(formatDiagnosticLines(d)).toEqual(["a.policy:7:1: error CP-E0302: 名称 c 重复定义 (c is defined twice)", "  a.policy:5:1: note: 首次定义于此 (first defined here)"]);
    expect(formatDiagnostic(d)).toBe(formatDiagnosticLines(d).join("\n"));
    expect(formatDiagnostic({ ...diag("CP-E0202", undefined, ["/x: bad"]), path: "/x" }, "p.yaml")).toBe(
      "p.yaml:/x: error CP-E0202: YAML 结构不符合政策模式：/x: bad (YAML does not match the policy schema: /x: bad)",
    );
  });

  it("keep a help as data, and a plain string as text", () => {
    const hint = keywordHint("计数违法行为");
    expect(hint).toEqual({ key: "help/keyword-glued", args: ["计数违法行为", "计数"] });
    const fromString = diag("CP-E0301", span, ["计数违法行为"], hint);
    expect(fromString.help).toEqual(hint);
    expect(diag("CP-E0301", span, ["x"], hint).help).toEqual(hint);
    expect(renderHelp(hint!, "en")).toBe("the name contains the keyword 计数; add a space");
    // The CLI text is what it was when the help was a bilingual string.
    expect(formatDiagnostic(fromString)).toBe(
      "a.policy:7:1: error CP-E0301: 未定义的名称 计数违法行为 (unknown name 计数违法行为) — 名称“计数违法行为”含关键字“计数”，是否漏了空格？ (the name contains the keyword 计数; add a space)",
    );
    const text = diag("CP-E0301", span, ["x"], "see 第八条");
    expect(text.help).toEqual({ text: "see 第八条" });
    expect(formatDiagnostic(text)).toMatch(/ — see 第八条$/);
  });

  it("render without leftovers for every diagnostic the fixtures and the seed policies produce", () => {
    const dir = join(ROOT, "test", "fixtures", "diagnostics");
    const files = [
      ...readdirSync(dir).filter((f) => f.endsWith(".policy")).map((f) => join(dir, f)),
      ...readdirSync(join(ROOT, "policies")).map((id) => join(ROOT, "policies", id, `${id}.policy`)),
    ];
    const all: Diagnostic[] = [];
    for (const file of files) {
      const decoded = decodeSource(readFileSync(file), file);
      if ("error" in decoded) all.push(decoded.error);
      else all.push(...compilePolicy(decoded.text, file).diagnostics);
    }
    expect(all.length).toBeGreaterThan(30);
    for (const d of all) {
      expect(d.args.length, d.code).toBeGreaterThanOrEqual(arity(d.code, "en").length);
      for (const lang of ["zh", "en"] as const) {
        const text = [renderMessage(d, lang), ...(d.help ? [renderHelp(d.help, lang)] : [])].join(" ");
        expect(text, d.code).not.toMatch(/\{\d+\}|undefined/);
      }
    }
  });
});

describe("record errors as data", () => {
  // Representative bad records (examples/bad-records.jsonl, test/runtime/record-schema.test.ts)
  // with the English message eval printed before record errors became data, byte for byte.
  const cases: [unknown, string, string, string][] = [
    [[1], "CP-R001", "", "expected the record to be a JSON object, got an array"],
    [undefined, "CP-R001", "", "expected the record to be a JSON object, got nothing"],
    [5, "CP-R001", "", "expected the record to be a JSON object, got 5"],
    [{}, "CP-R002", "/id", 'missing required property "id"'],
    [{ id: 7 }, "CP-R003", "/id", "expected a string, got 7"],
    [{ id: "x", sanctions: {} }, "CP-R003", "/sanctions", "expected an array, got an object"],
    [{ id: "x", indicators: { a: {} } }, "CP-R003", "/indicators/a", "expected a number, got an object"],
    [{ id: "x", sanctions: [{ date: "2021-02-30", status: "in_force", violations: [] }] }, "CP-R004", "/sanctions/0/date", 'expected an ISO date YYYY-MM-DD, got "2021-02-30"'],
    [{ id: "x", lists: [{ list: "red", from: "2021-01-01", until: 5 }] }, "CP-R004", "/lists/0/until", "expected an ISO date YYYY-MM-DD or null, got 5"],
    [
      { id: "x", sanctions: [{ date: "2021-01-01", status: "in_force", violations: [{ penalties: [{ kind: "fine", amount: "1000.125" }] }] }] },
      "CP-R005",
      "/sanctions/0/violations/0/penalties/0/amount",
      'expected an amount in yuan: a non-negative number or decimal string with at most two decimals, got "1000.125"',
    ],
    [{ id: "x", sanctions: [{ date: "2021-01-01", status: "cancelled", violations: [] }] }, "CP-R006", "/sanctions/0/status", 'expected one of in_force, revoked, repaired, got "cancelled"'],
    [{ id: "" }, "CP-R007", "/id", 'expected a non-empty string, got ""'],
    [{ id: "x", public_credit: { score: 101, date: "2021-01-01" } }, "CP-R007", "/public_credit/score", "expected a number from 0 to 100, got 101"],
    [
      { id: "x", kind: "y".repeat(100) },
      "CP-R006",
      "/kind",
      `expected one of legal_person, organization, natural_person, got "${"y".repeat(56)}…`,
    ],
  ];

  it.each(cases)("%j → %s at %j, the same English as before", (record, code, path, message) => {
    const [error] = validateRecord(record);
    expect(error).toMatchObject({ code, path });
    expect(error).not.toHaveProperty("message");
    expect(renderRecordError(error!, "en")).toBe(message);
    expect(validateRecordText(record)[0]).toEqual({ path, message, code });
    const zh = renderRecordError(error!, "zh");
    expect(zh).not.toMatch(/\{\d+\}|undefined|\bgot\b|expected/);
  });

  it("keep eval's error line: the first error, how many more and where; a bad day; a failure", () => {
    const ref = { id: "p", version: "1", sha256: "0" };
    const evaluate = () => ({ grade: null });
    expect(gradeChecked({ id: "x", sanctions: [{ date: null }] }, "2021-12-31", ref, evaluate)).toEqual({
      id: "x",
      as_of: "2021-12-31",
      policy: ref,
      error: { path: "/sanctions/0/date", message: "expected an ISO date YYYY-MM-DD, got null (and 2 more: /sanctions/0/status, /sanctions/0/violations)", code: "CP-R004" },
    });
    expect(gradeChecked({ id: "x" }, "2021-02-30", ref, evaluate)).toEqual({
      id: "x",
      policy: ref,
      error: { path: "", message: 'as-of day must be a calendar date YYYY-MM-DD, got "2021-02-30"', code: "CP-R004" },
    });
    const fails = () => {
      throw new RangeError("no working-day table for 2099");
    };
    expect(gradeChecked({ id: "x" }, "2021-12-31", ref, fails)).toMatchObject({ error: { path: "", message: "cannot evaluate: no working-day table for 2099", code: "CP-R008" } });
  });

  it("render the words of a message in the same language", () => {
    const [error] = validateRecord({ id: "x", sanctions: {} });
    expect(renderRecordError(error!, "zh")).toBe("应为数组，实际为 对象");
  });
});
