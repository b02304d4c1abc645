// Policies for the fuzzer: generated from the grammar (typed, so most of them compile and reach
// the evaluators, with some ill-typed pieces on purpose), and the shipped policies mutated at the
// text level (most of those do not compile: they exercise the diagnostics).
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import fc from "fast-check";
import { ROOT } from "../cli/run-cli.js";
import { recordArb } from "./gen-records.js";

type Typed = { text: string; type: "count" | "money" | "bool" };

const ARTICLES = ["第一条", "第二条", "第三条（一）", "第四条（二）1", "第七条", "第八条（三）2", "第十三条第一款", "二（四）"];
const GRADE_IDS = ["A", "B", "C", "D", "优", "良", "中", "差"];

/** Text for quotes: ordinary Chinese, and the characters printers and terminals must survive. */
const quoteText = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom("一年内发生行政处罚案件3次（不含）以内", "信用优良", "实施下列激励措施：", "x") },
  { weight: 2, arbitrary: fc.string({ maxLength: 12 }) },
  { weight: 1, arbitrary: fc.constantFrom('引号"与\\反斜杠', "\u001b[31m红\u0007", "\u202e倒序", "${x}</script>", "\u2028行\u2029", "__proto__") },
);

/** A filter over one part's elements: fields of that part (bool, enum), combined. */
function filterOf(part: string): fc.Arbitrary<string> {
  const leaves: Record<string, string[]> = {
    violations: ["severe", "class > warning", "class above order_to_correct", "status = in_force", "fulfilled"],
    penalties: ["kind = fine", "kind in (warning, fine)", "severe", "amount > 1000 yuan"],
    commitment_breaches: ["status = revoked", "status != repaired"],
    honors: ["for_integrity", "verified", "grantor = government"],
    lists: ["list = red", "list = black and active", "active"],
    ratings: ["level = good", "level = low"],
    determinations: ["kind = severe_dishonesty"],
    sanctions: ["status = in_force", "procedure = ordinary", "fulfilled"],
    warnings: ["rectified_on = none", "deadline < date"],
  };
  const leaf = fc.constantFrom(...(leaves[part] ?? ["none"]));
  return fc.oneof(
    { weight: 4, arbitrary: leaf },
    { weight: 1, arbitrary: fc.tuple(leaf, leaf, fc.constantFrom("and", "or")).map(([a, b, op]) => `${a} ${op} ${b}`) },
    { weight: 1, arbitrary: leaf.map((a) => `not ${a}`) },
    { weight: 1, arbitrary: fc.tuple(leaf, leaf).map(([a, b]) => `(${a} or ${b}) and ${a}`) },
  );
}

const PARTS = ["violations", "penalties", "commitment_breaches", "honors", "lists", "ratings", "determinations", "sanctions", "warnings"];
const window = fc.option(fc.tuple(fc.integer({ min: 1, max: 3 }), fc.constantFrom("year", "years", "months", "days")).map(([n, u]) => ` in last ${n} ${u}`), { nil: "" });

/** A derived value's right-hand side with its type. */
const valueRhs: fc.Arbitrary<Typed> = fc.oneof(
  {
    weight: 4,
    arbitrary: fc
      .constantFrom(...PARTS)
      .chain((p) => fc.tuple(fc.constant(p), fc.option(filterOf(p), { nil: undefined }), window))
      .map(([p, f, w]) => ({ text: `count ${p}${f ? ` where ${f}` : ""}${w}`, type: "count" as const })),
  },
  {
    weight: 2,
    arbitrary: fc
      .tuple(fc.constantFrom("amount(fine)", "amount(fine, confiscation)"), fc.option(filterOf("violations"), { nil: undefined }), window)
      .map(([a, f, w]) => ({ text: `sum ${a} of violations${f ? ` where ${f}` : ""}${w}`, type: "money" as const })),
  },
  {
    weight: 2,
    arbitrary: fc
      .constantFrom(...PARTS)
      .chain((p) => fc.tuple(fc.constant(p), fc.option(filterOf(p), { nil: undefined })))
      .map(([p, f]) => ({ text: `exists ${p}${f ? ` where ${f}` : ""}`, type: "bool" as const })),
  },
);

const BOUNDARY = ["at least", "at most", "within", "beyond", "under", "over", "not over", "above", "below", ">=", "<", "="];

/** A comparison of a value of type `t` (by name) with a quantity of that type — or, rarely, of another (ill-typed). */
function comparison(name: string, t: Typed["type"]): fc.Arbitrary<string> {
  if (t === "bool") return fc.constantFrom(name, `not ${name}`);
  const qty = (tt: Typed["type"]) =>
    tt === "money"
      ? fc.tuple(fc.integer({ min: 0, max: 100 }), fc.constantFrom("wan yuan", "yuan")).map(([n, u]) => `${n} ${u}`)
      : fc.integer({ min: 0, max: 5 }).map((n) => `${n} times`);
  const marker = fc.constantFrom("", "", " (inclusive)", " (exclusive)");
  return fc.oneof(
    { weight: 8, arbitrary: fc.tuple(fc.constantFrom(...BOUNDARY), qty(t), marker).map(([b, q, m]) => (/[<>=]/.test(b) ? `${name} ${b} ${q}` : `${name} ${b} ${q}${m}`)) },
    { weight: 2, arbitrary: fc.tuple(qty(t), qty(t)).map(([a, b]) => `${name} at least ${a} within ${b} (exclusive)`) },
    { weight: 1, arbitrary: qty(t === "money" ? "count" : "money").map((q) => `${name} at least ${q}`) },
  );
}

function expression(values: Typed[], names: string[], depth: number): fc.Arbitrary<string> {
  const leaf = fc.integer({ min: 0, max: Math.max(0, values.length - 1) }).chain((i) => comparison(names[i] ?? "n0", values[i]?.type ?? "count"));
  if (depth <= 0) return leaf;
  const sub = expression(values, names, depth - 1);
  return fc.oneof(
    { weight: 5, arbitrary: leaf },
    { weight: 2, arbitrary: fc.tuple(sub, sub, fc.constantFrom("and", "or")).map(([a, b, op]) => `${a} ${op} ${b}`) },
    { weight: 1, arbitrary: sub.map((a) => `(${a})`) },
    { weight: 1, arbitrary: sub.map((a) => `not (${a})`) },
  );
}

function condition(values: Typed[], names: string[], depth: number): fc.Arbitrary<string> {
  const clause = fc
    .tuple(fc.constantFrom(...ARTICLES), quoteText, expression(values, names, 2))
    .map(([a, q, e]) => `${a} ${JSON.stringify(q)}: ${e}`);
  if (depth <= 0) return clause;
  const sub = condition(values, names, depth - 1);
  return fc.oneof(
    { weight: 3, arbitrary: clause },
    { weight: 2, arbitrary: fc.tuple(fc.constantFrom("any", "all"), fc.array(sub, { minLength: 1, maxLength: 3 })).map(([k, xs]) => `${k} {\n${xs.join("\n")}\n}`) },
    { weight: 1, arbitrary: sub.map((c) => `not ${c}`) },
  );
}

/** A policy from the grammar, English keywords. */
export const generatedPolicy: fc.Arbitrary<string> = fc
  .array(valueRhs, { minLength: 1, maxLength: 5 })
  .chain((values) => {
    const names = values.map((_, i) => `n${i}`);
    // A derived value built from others: arithmetic over counts.
    const counts = names.filter((_, i) => values[i]?.type === "count");
    const extra: Typed[] = counts.length >= 2 ? [{ text: `${counts[0]} + ${counts[1]}`, type: "count" }] : [];
    const all = [...values, ...extra];
    const allNames = all.map((_, i) => `n${i}`);
    return fc.record({
      values: fc.constant(all),
      grades: fc.uniqueArray(fc.constantFrom(...GRADE_IDS), { minLength: 1, maxLength: 4 }).chain((ids) =>
        fc.tuple(fc.constant(ids), fc.array(condition(all, allNames, 2), { minLength: ids.length, maxLength: ids.length }), fc.array(quoteText, { minLength: ids.length, maxLength: ids.length })),
      ),
      severity: fc.boolean(),
      disregard: fc.boolean(),
      defaultGrade: fc.option(fc.constantFrom(...GRADE_IDS), { nil: undefined }),
      measures: fc.boolean(),
      tests: fc.array(fc.tuple(recordArb, fc.constantFrom("2021-12-31", "2021-10-31", "2022-03-01", "2020-02-29")), { maxLength: 2 }),
      version: fc.constantFrom("1", "2021-121", "v\u00a02"),
    });
  })
  .map(({ values, grades: [ids, conds, labels], severity, disregard, defaultGrade, measures, tests, version }) => {
    const lines: string[] = [`policy "fz" {`, `  title "fuzz"`, `  version ${JSON.stringify(version)}`, `}`];
    if (severity || values.some((v) => v.text.includes("class"))) {
      lines.push(
        "severity 第九条 { order_to_correct < warning < criticism < fine = confiscation < suspend_license = downgrade_qualification = revoke_license = restrict_operations = order_suspension = order_closure = restrict_practice = detention }",
      );
    }
    if (disregard) lines.push(`disregard revoked, repaired 第十六条 "撤销或修复的不予计入"`);
    values.forEach((v, i) => lines.push(`let n${i} = ${v.text}`));
    ids.forEach((id, i) => lines.push(`grade ${id} ${JSON.stringify(labels[i] ?? "")} ${conds[i] ?? ""}`));
    if (ids.length > 1) lines.push(`precedence ${ids.join(" > ")}`);
    if (defaultGrade !== undefined) lines.push(`default ${ids.includes(defaultGrade) ? defaultGrade : "none"}`);
    if (measures) for (const id of ids) lines.push(`measures ${id} management 第十二条 { 第十二条（一） "加强检查" tag inspection = increased }`);
    tests.forEach(([r, day], i) => lines.push(`test "case ${i}" as of ${day} {`, `  record ${JSON.stringify(r)}`, `  expect grade none`, `}`));
    return lines.join("\n") + "\n";
  });

/** The shipped policies and fixtures in both forms: the seeds for text mutation. */
export function seedTexts(): { file: string; text: string }[] {
  const out: { file: string; text: string }[] = [];
  const walk = (dir: string) => {
    for (const name of readdirSync(dir).sort()) {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) walk(path);
      else if (/\.policy(\.ya?ml)?$/.test(name)) out.push({ file: name, text: readFileSync(path, "utf8") });
    }
  };
  for (const d of ["policies", "test/fixtures/every-construct", "examples/per-decision", "test/fixtures/differential"]) walk(join(ROOT, d));
  return out;
}

/** Pieces a mutation inserts: the language's own tokens, and characters that break naive readers. */
const JUNK = [
  "(",
  ")",
  "{",
  "}",
  "[",
  "]",
  '"',
  ":",
  "：",
  ",",
  " 且 ",
  " and ",
  " 非 ",
  " not ",
  "任一 {",
  "全部 {",
  "定义 x = 1",
  "优先顺序 A > B",
  "默认等级 无",
  "precedence B > A\n",
  "2021-02-30",
  "2021-12-31",
  "9".repeat(40),
  "0.000000000000000001",
  "-",
  "+",
  "1e309",
  "\u00a0",
  "\u3000",
  "\ufeff",
  "\u0000",
  "\u001b",
  "\r",
  "\n",
  "#",
  "｛",
  "；",
  "第一条",
  "1次",
  "50万元",
  "待填写",
  "---\n",
  "- ",
  ": ",
  "&a ",
  "*a",
  "!!binary ",
  "? ",
];

/** One text mutation, as data (so a failing case shrinks and reads well). */
type Mutation =
  | { op: "delete"; at: number; length: number }
  | { op: "insert"; at: number; piece: string }
  | { op: "duplicate-line"; line: number }
  | { op: "swap-lines"; a: number; b: number }
  | { op: "truncate"; at: number }
  | { op: "replace-digit"; at: number; digit: string };

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ op: fc.constant("delete" as const), at: fc.nat(), length: fc.integer({ min: 1, max: 40 }) }),
  fc.record({ op: fc.constant("insert" as const), at: fc.nat(), piece: fc.oneof(fc.constantFrom(...JUNK), fc.string({ maxLength: 4 })) }),
  fc.record({ op: fc.constant("duplicate-line" as const), line: fc.nat() }),
  fc.record({ op: fc.constant("swap-lines" as const), a: fc.nat(), b: fc.nat() }),
  fc.record({ op: fc.constant("truncate" as const), at: fc.nat() }),
  fc.record({ op: fc.constant("replace-digit" as const), at: fc.nat(), digit: fc.constantFrom("0", "9", "99999999999999999999", ".5", "-1") }),
);

export function mutate(text: string, m: Mutation): string {
  const at = (n: number) => (text.length === 0 ? 0 : n % (text.length + 1));
  switch (m.op) {
    case "delete":
      return text.slice(0, at(m.at)) + text.slice(at(m.at) + m.length);
    case "insert":
      return text.slice(0, at(m.at)) + m.piece + text.slice(at(m.at));
    case "truncate":
      return text.slice(0, at(m.at));
    case "duplicate-line":
    case "swap-lines": {
      const lines = text.split("\n");
      if (m.op === "duplicate-line") {
        const i = m.line % lines.length;
        lines.splice(i, 0, lines[i] as string);
      } else {
        const a = m.a % lines.length;
        const b = m.b % lines.length;
        [lines[a], lines[b]] = [lines[b] as string, lines[a] as string];
      }
      return lines.join("\n");
    }
    case "replace-digit": {
      const digits = [...text.matchAll(/\d+/g)];
      const d = digits.length ? digits[m.at % digits.length] : undefined;
      return d && d.index !== undefined ? text.slice(0, d.index) + m.digit + text.slice(d.index + d[0].length) : text;
    }
  }
}

/** A shipped policy (either form) with one to three mutations. */
export function mutatedPolicy(seeds: { file: string; text: string }[]): fc.Arbitrary<{ file: string; text: string }> {
  return fc
    .tuple(fc.integer({ min: 0, max: seeds.length - 1 }), fc.array(mutation, { minLength: 1, maxLength: 3 }))
    .map(([i, ms]) => {
      const seed = seeds[i] as { file: string; text: string };
      return { file: seed.file, text: ms.reduce(mutate, seed.text) };
    });
}
