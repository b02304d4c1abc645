// The YAML form: text ⇄ YAML round trips over every policy in policies/, and the YAML front-end's
// diagnostics (syntax CP-E0201, schema CP-E0202, grammar errors inside expression strings), each
// at the YAML line and column.
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parseDocument } from "yaml";
import type { Expr, Policy } from "../../dsl/ast.js";
import { commentText } from "../../dsl/comments.js";
import { bilingualMessage, type Diagnostic } from "../../diagnostics/diagnostics.js";
import { parsePolicy } from "../../dsl/parse.js";
import { detectLang, formatPolicy, formatSource } from "../../dsl/print/format.js";
import { stripSpans, type Span } from "../../diagnostics/span.js";
import { Article, Identifier } from "../../dsl/tokens.js";
import { policyToYaml } from "../../dsl/yaml/emit-yaml.js";
import { parseYamlPolicy, policyYamlSchema, yamlExpressionLang } from "../../dsl/yaml/parse-yaml.js";

const POLICIES = "policies";
/** Beside policies/: the per-decision example and the fixtures that use the newer constructs. */
const MORE_POLICIES = ["examples/per-decision", "test/fixtures/differential", "test/fixtures/every-construct"];

function policyFiles(): string[] {
  if (!existsSync(POLICIES)) return [];
  const out: string[] = [];
  for (const dir of readdirSync(POLICIES).sort()) {
    const d = join(POLICIES, dir);
    if (!statSync(d).isDirectory()) continue;
    for (const f of readdirSync(d).sort()) if (f.endsWith(".policy")) out.push(join(d, f));
  }
  return out;
}

function roundTripFiles(): string[] {
  const more = MORE_POLICIES.filter((d) => existsSync(d)).flatMap((d) =>
    readdirSync(d)
      .filter((f) => f.endsWith(".policy"))
      .sort()
      .map((f) => join(d, f)),
  );
  return [...policyFiles(), ...more];
}

/** Structural equality: no spans; recordSpans kept only as the set of JSON Pointers it covers. */
function norm(p: Policy | undefined): unknown {
  const s = stripSpans(p) as (Policy & { tests: { recordSpans?: Record<string, Span> }[] }) | undefined;
  for (const t of s?.tests ?? []) {
    if (t.recordSpans) (t as { recordSpans: unknown }).recordSpans = Object.keys(t.recordSpans).sort();
  }
  return s;
}

function errors(ds: Diagnostic[]): string[] {
  return ds.filter((d) => d.severity === "error").map((d) => `${d.span?.line}:${d.span?.col} ${d.code} ${bilingualMessage(d)}`);
}

/** Every node in an AST value that has a span, with its path. */
function* spanned(value: unknown, path = ""): Generator<{ path: string; node: { kind?: string; span: Span } & Record<string, unknown> }> {
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) yield* spanned(value[i], `${path}/${i}`);
  } else if (value && typeof value === "object") {
    const o = value as Record<string, unknown>;
    if (o["span"] && typeof o["span"] === "object") yield { path, node: o as { span: Span } };
    for (const [k, v] of Object.entries(o)) if (k !== "span" && k !== "recordSpans") yield* spanned(v, `${path}/${k}`);
  }
}

/** Spans are well-formed and point into the YAML text; names and dates slice to themselves. */
function checkSpans(policy: Policy, yaml: string, file: string): void {
  const lines = yaml.split("\n");
  const starts = [0];
  for (let i = 0; i < yaml.length; i++) if (yaml[i] === "\n") starts.push(i + 1);
  const lineCol = (offset: number): [number, number] => {
    let line = 0;
    while (line + 1 < starts.length && (starts[line + 1] as number) <= offset) line++;
    return [line + 1, offset - (starts[line] as number) + 1];
  };
  for (const { path, node } of spanned(policy)) {
    const s = node.span;
    expect(s.file, path).toBe(file);
    expect(s.start, path).toBeGreaterThanOrEqual(0);
    expect(s.end, path).toBeGreaterThanOrEqual(s.start);
    expect(s.end, path).toBeLessThanOrEqual(yaml.length);
    // line/col agree with the offset
    expect([s.line, s.col], path).toEqual(lineCol(s.start));
    expect(s.line, path).toBeLessThanOrEqual(lines.length);
    if (node.kind === "Name") expect(yaml.slice(s.start, s.end), path).toBe(node["name"]);
    if (node.kind === "Date") expect(yaml.slice(s.start, s.end), path).toBe(node["value"]);
  }
  for (const t of policy.tests) {
    expect(Object.keys(t.recordSpans ?? {})).toContain("");
    for (const [ptr, s] of Object.entries(t.recordSpans ?? {})) {
      expect(s.file, ptr).toBe(file);
      expect(s.end, ptr).toBeLessThanOrEqual(yaml.length);
    }
  }
}

function roundTrip(label: string, text: string): void {
  describe(label, () => {
    const parsed = parsePolicy(text, `${label}`);
    it("parses as text", () => {
      expect(errors(parsed.diagnostics)).toEqual([]);
      expect(parsed.policy).toBeDefined();
    });
    for (const lang of ["zh", "en"] as const) {
      it(`text → AST → YAML (${lang}) → AST is the text AST, and YAML → AST → YAML is stable`, () => {
        const ast = parsed.policy as Policy;
        const yaml = policyToYaml(ast, lang);
        const file = `${label}.${lang}.yaml`;
        const back = parseYamlPolicy(yaml, file);
        expect(errors(back.diagnostics)).toEqual([]);
        expect(back.diagnostics).toEqual([]);
        expect(norm(back.policy)).toEqual(norm(ast));
        checkSpans(back.policy as Policy, yaml, file);
        expect(policyToYaml(back.policy as Policy, lang)).toBe(yaml);
        // The expression strings tell the language, though every key is English.
        if (ast.values.length > 0 || ast.grades.length > 0) expect(yamlExpressionLang(yaml)).toBe(lang);
        // The other language reads back to the same AST too.
        const other = policyToYaml(back.policy as Policy, lang === "zh" ? "en" : "zh");
        expect(norm(parseYamlPolicy(other, file).policy)).toEqual(norm(ast));
      });
    }
  });
}

describe("policies/*/*.policy, the per-decision example and the fixtures ⇄ YAML", () => {
  const files = roundTripFiles();
  it("finds the policies", () => {
    expect(policyFiles().length).toBeGreaterThan(0);
    expect(files).toContain("examples/per-decision/per-decision-example.policy");
    expect(files).toContain("test/fixtures/every-construct/per-item.zh.policy");
  });
  for (const f of files) {
    roundTrip(f, readFileSync(f, "utf8"));
    it(`${f}: text → YAML → text is the formatted text, comments included, in both languages`, () => {
      const text = readFileSync(f, "utf8");
      const parsed = parsePolicy(text, f);
      const own = detectLang(parsed.tokens);
      for (const lang of [own, own === "zh" ? "en" : "zh"] as const) {
        const formatted = formatSource(text, f, lang).text as string;
        expect(formatted).toBeDefined();
        const yaml = policyToYaml(parsePolicy(formatted, f).policy as Policy, lang);
        const back = parseYamlPolicy(yaml, `${f}.yaml`);
        expect(errors(back.diagnostics)).toEqual([]);
        expect(formatPolicy(back.policy as Policy, { lang })).toBe(formatted);
        // Straight from the source too, without formatting it first.
        expect(formatPolicy(parseYamlPolicy(policyToYaml(parsed.policy as Policy, lang), "y.yaml").policy as Policy, { lang })).toBe(formatted);
      }
      // Every comment of the source is in the YAML.
      const yaml = policyToYaml(parsed.policy as Policy, own);
      for (const c of parsed.comments) expect(yaml).toContain(`# ${commentText(c.image)}\n`);
    });
    const yamlFile = f.replace(/\.policy$/, ".policy.yaml");
    if (existsSync(yamlFile)) {
      it(`${yamlFile} reads to the same AST as ${f}`, () => {
        const y = parseYamlPolicy(readFileSync(yamlFile, "utf8"), yamlFile);
        expect(errors(y.diagnostics)).toEqual([]);
        expect(norm(y.policy)).toEqual(norm(parsePolicy(readFileSync(f, "utf8"), f).policy));
      });
    }
  }
});

// Every construct of the language once, with strings YAML must quote.
const KITCHEN_SINK = String.raw`policy "demo x" {
  title "Demo: a #test"
  authority "[bracket] first"
  document "- dash"
  issued 2021-08-19
  effective unstated
  expires 2030-01-01
  trial no
  interpreter ""
  version "2021-08-19"
  source "null"
}
note "general \"note\"\nsecond line"
note 第八条 "\"quoted\" start"
severity { warning < fine = confiscation }
disregard revoked, repaired 第十六条
param threshold = 3 wan yuan 第五条第三款 "set by: the province"
param since = 2021-01-01
param strict = yes
param factor = 1.50 第五条
param channel = "- web" 第十三条第一款（三） "#site"
record field sanctions.remark text "a: note"
record field sanctions.checked date
filter light = kind in (warning, fine) and (count penalties where kind = fine) at most 2 times
filter recent = date > since
let a = count sanctions where status = "x" and date >= 2021-01-01 in last 6 months
let b = exists ratings
let c = sum amount(fine) of violations where severe
let d = a + 1 - 2
  note "why d"
let e = "s"
let f = max amount of penalties where light in last 1 year
let g = all penalties where light
let h = later(since, earlier(2022-01-01, since)) + 1 month
grade A "Good" any {
  第八条（一）1: a at least 1 times
  all {
    第八条(一)2 "text: with colon": not (b or c > 3)
    not 第八条（一）3: foo.bar in ("x", "y") and yes and none = null
  }
}
grade B "Bad" 第七条 第八条（二）: d = yes and c not over 50 wan yuan and a 3 times (exclusive) within
  note 第八条 "clause note"
grade 丙 "*star" 二（四） all { }
category watch "Watch: list" 第十条 any {
  第十条第一款（三） "three": (count sanctions where recent) at least 2 times
  not 第十条第二款: strict
}
category plain "plain" 第十一条: a > 1
  note "why"
precedence A > B > 丙
default B
measures A incentive 第十一条 {
  第十一条（一） "x" tag a = b tag c = d { 第十一条（一）1 "nested" }
}
measures B management 第十二条 "intro" { }
notice A 第十四条 "t" options "o1", "o 2"
record keeping 第十四条 "#t"
obligation report 第十五条 "- report" for each sanctions where light in last 1 year
obligation check 第十五条 "check" for each sanctions due none
item rule publish for each sanctions 第三条 "publish: yes" {
  let fines = sum amount of penalties where kind = fine
  note 第三条 "rule note"
  output shown 第三条 all {
    第三条第一款 "ordinary: yes": procedure = ordinary
    not 第三条第二款: status = revoked
  }
  output until 第五条第一款 "until": later(date + 3 years, date)
  output light_only 第五条 第五条第二款: (all penalties where light) and fines not over threshold
  output either any { 第六条（一）: fulfilled  第六条（二）: harm_removed }
  category long "long: three years" 第五条第一款: shown and not light_only
  category short "short" 第五条 all { 第五条第二款: light_only }
  measures long management 第九条 { 第九条（一） "- listed" }
  obligation post 第四条 "post" where shown due date + 7 working days
  obligation withdraw 第三条第二款 "withdraw" where status = revoked and published_on != none
}
item rule empty for each penalties { }
test "t1" as of 2021-12-31 {
  record {"id": "x", "n": -1.5, "arr": [true, false, null, "2021-01-01", "yes", "1"], "nested": {"a/b": {"~": 1}}}
  expect grade A
  expect matched 第八条（一）1, 第八条（一）2
  expect measures
  expect category watch, long
  expect obligation post 2021-03-10 overdue
  expect obligation withdraw none open
  expect model m 85.50 points
  expect item rule "/sanctions/0" shown = yes
  expect item rule "/sanctions/0" until = 2024-03-01
  expect item rule "/sanctions/0" fines = 3 wan yuan
  expect item rule "/a~1b/0" remark = "yes"
  expect item rule "/sanctions/1" times = 3
  expect item rule "/sanctions/1" none_here = none
}
test "t2" as of 2021-12-31 {
  record {"id": "y", "long": "${"长".repeat(120)}", "list": [{"a": 1}, {"b": [2, 3]}]}
  expect grade none
  expect category
}
`;

describe("every construct ⇄ YAML", () => {
  roundTrip("kitchen-sink.policy", KITCHEN_SINK);

  it("keeps YAML dates as strings and tells dates from date-shaped strings by quoting", () => {
    const ast = parsePolicy(KITCHEN_SINK, "k.policy").policy as Policy;
    const yaml = policyToYaml(ast, "zh");
    expect(yaml).toContain("  issued: 2021-08-19\n");
    expect(yaml).toContain('  version: "2021-08-19"\n');
    expect(yaml).toContain("    as_of: 2021-12-31\n");
    const back = parseYamlPolicy(yaml, "k.yaml").policy as Policy;
    expect(back.meta.issued).toMatchObject({ kind: "date", value: "2021-08-19" });
    expect(back.meta.version).toMatchObject({ kind: "string", value: "2021-08-19" });
    expect(back.tests[0]?.asOf).toBe("2021-12-31");
    expect((back.tests[0]?.record as { arr: unknown[] }).arr).toEqual([true, false, null, "2021-01-01", "yes", "1"]);
  });

  it("writes the sections in the schema's order and leaves empty optional ones out", () => {
    const ast = parsePolicy(KITCHEN_SINK, "k.policy").policy as Policy;
    const keys = Object.keys(parseDocument(policyToYaml(ast, "en")).toJS() as object);
    expect(keys).toEqual([
      "policy",
      "meta",
      "notes",
      "severity",
      "disregard",
      "params",
      "fields",
      "filters",
      "values",
      "grades",
      "categories",
      "precedence",
      "default",
      "measures",
      "notices",
      "record_keeping",
      "obligations",
      "item_rules",
      "tests",
    ]);
    const minimal = parsePolicy('policy p { }\ngrade A "a" any { }\n', "m.policy").policy as Policy;
    expect(policyToYaml(minimal, "zh")).toBe("policy: p\n\ngrades:\n  - id: A\n    label: a\n    when:\n      any: []\n");
  });

  it("keeps long Chinese texts on one line", () => {
    const ast = parsePolicy(KITCHEN_SINK, "k.policy").policy as Policy;
    expect(policyToYaml(ast, "zh")).toContain(`long: ${"长".repeat(120)}\n`);
  });
});

// A comment before every kind of node that carries comments, written where the formatter puts them.
const COMMENTED = String.raw`# before the policy
#
#   indented
policy "c" {
  # before a metadata entry
  title "t"
  version "1"
}

# before a note
note "n"

# before severity
severity {
  a < b
}

# before disregard
disregard revoked 第十六条

# before a value
let n = 1
  # before a value note
  note "v"

# before a grade
grade A "a" any {
  # before a clause
  第八条（一）:
    n > 1
    # before a clause note
    note "c"
  # before a not
  not 第八条（二）:
    n > 2
  # before an all
  all {
    # before a nested clause
    第八条（三）:
      true
  }
}

grade B "b"
  # before a bare clause
  第九条:
    n > 3

# before precedence
precedence A > B

# before default
default none

# before measures
measures A incentive 第十一条 {
  # before a measure item
  第十一条（一） "x" {
    # before a nested measure item
    第十一条（一）1 "y"
  }
}

# before a notice
notice B 第十四条 "n" options "a"

# before record keeping
record keeping 第十四条 "r"

# before a test
test "t" as of 2021-12-31 {
  record {"id": "x"}
}

# at the end
# of the file
`;

/** text → AST → YAML → AST → text, in the text's language. */
function viaYaml(text: string): { yaml: string; back: string } {
  const parsed = parsePolicy(text, "t.policy");
  expect(errors(parsed.diagnostics)).toEqual([]);
  const lang = detectLang(parsed.tokens);
  const yaml = policyToYaml(parsed.policy as Policy, lang);
  const again = parseYamlPolicy(yaml, "t.yaml");
  expect(errors(again.diagnostics)).toEqual([]);
  return { yaml, back: formatPolicy(again.policy as Policy, { lang }) };
}

describe("comments ⇄ YAML", () => {
  roundTrip("commented.policy", COMMENTED);

  it("the commented sample is in canonical layout, and text → YAML → text gives it back", () => {
    expect(formatSource(COMMENTED, "c.policy").text).toBe(COMMENTED);
    expect(viaYaml(COMMENTED).back).toBe(COMMENTED);
  });

  it("writes each comment before its node in the YAML", () => {
    const { yaml } = viaYaml(COMMENTED);
    const before = (comment: string, next: string): void => {
      const lines = yaml.split("\n");
      const i = lines.findIndex((l) => l.trim() === `# ${comment}`);
      expect(i, comment).toBeGreaterThanOrEqual(0);
      expect(lines[i + 1]?.trim(), comment).toBe(next);
    };
    expect(yaml.startsWith("# before the policy\n#\n#   indented\n\npolicy: c\n")).toBe(true);
    before("before a metadata entry", "title: t");
    before("before a note", "- text: n");
    before("before severity", "severity:");
    before("before disregard", "disregard:");
    before("before a value", "- name: n");
    before("before a value note", "- text: v");
    before("before a grade", "- id: A");
    before("before a clause", "- article: 第八条（一）");
    before("before a clause note", "- text: c");
    before("before a not", "- not:");
    before("before an all", "- all:");
    before("before a nested clause", "- article: 第八条（三）");
    before("before a bare clause", "article: 第九条");
    before("before precedence", "precedence: [A, B]");
    before("before default", "default: null");
    before("before measures", "- grade: A");
    before("before a measure item", "- article: 第十一条（一）");
    before("before a nested measure item", "- article: 第十一条（一）1");
    before("before a notice", "- grade: B");
    before("before record keeping", "- article: 第十四条");
    before("before a test", "- name: t");
    expect(yaml.endsWith("\n# at the end\n# of the file\n")).toBe(true);
  });

  it("keeps a comment before a clause, a measure item, a metadata entry and at the end in place through text → YAML → text", () => {
    const text = [
      'policy "p" {',
      '  title "t"',
      "  // the version is the document's",
      '  version "2"',
      "}",
      'grade A "a" any {',
      '  第八条（一）: yes  # why one',
      "  # why two",
      "  第八条（二）: no",
      "}",
      'measures A incentive 第十一条 { 第十一条（一） "x"',
      "  # the second measure",
      '  第十一条（二） "y" }',
      "# done",
      "",
    ].join("\n");
    const expected = [
      'policy "p" {',
      '  title "t"',
      "  # the version is the document's",
      '  version "2"',
      "}",
      "",
      'grade A "a" any {',
      "  第八条（一）:",
      "    true",
      "  # why one",
      "  # why two",
      "  第八条（二）:",
      "    false",
      "}",
      "",
      "measures A incentive 第十一条 {",
      '  第十一条（一） "x"',
      "  # the second measure",
      '  第十一条（二） "y"',
      "}",
      "",
      "# done",
      "",
    ].join("\n");
    expect(formatSource(text, "t.policy").text).toBe(expected);
    expect(viaYaml(text).back).toBe(expected);
    expect(viaYaml(expected).back).toBe(expected);
  });

  it("reads comments written anywhere in a YAML file onto the next node", () => {
    const yaml = [
      "# about the policy", // 1
      "policy: p # the id",
      "meta:",
      "  title: t",
      "  #",
      "  #  after a bare one",
      "  version: '1'",
      "",
      "# the values",
      "values:",
      "  - name: n",
      "    value: '1'",
      "  # after the last value",
      "",
      "  # one more",
      "grades:",
      "  - # on the item's line",
      "    id: A",
      "    label: a",
      "    when: {any: []}",
      "# end",
      "",
    ].join("\n");
    const r = parseYamlPolicy(yaml, "c.yaml");
    expect(r.diagnostics).toEqual([]);
    const p = r.policy as Policy;
    expect(p.comments).toEqual(["about the policy"]);
    expect(p.meta.title?.comments).toEqual(["the id"]);
    expect(p.meta.version?.comments).toEqual(["", " after a bare one"]);
    expect(p.values[0]?.comments).toEqual(["the values"]);
    expect(p.grades[0]?.comments).toEqual(["after the last value", "one more", "on the item's line"]);
    expect(p.trailingComments).toEqual(["end"]);
    // Read back from the canonical YAML to the same comments.
    expect(norm(parseYamlPolicy(policyToYaml(p, "en"), "c2.yaml").policy)).toEqual(norm(p));
  });
});

describe("YAML → AST details", () => {
  const yaml = [
    "policy: p", // 1
    "meta: {issued: 2021-08-19, effective: '2021-08-20', trial: true, expires: null}", // 2
    "values:", // 3
    "  - name: 次数", // 4
    '    value: "计数 违法行为 满足 严重 近 1年"', // 5
    "grades:", // 6
    "  - id: A", // 7
    "    label: 好", // 8
    "    when:", // 9
    "      any:", // 10
    "        - article: 第八条(一)1", // 11
    "          when: 次数 1次 以上", // 12
    "        - not: {article: 第八条（一）2, when: 'x = \"a\"'}", // 13
    "        - all:", // 14
    "            - article: 第八条（一）3", // 15
    "              when: |", // 16
    "                次数 > 1", // 17
    "                  且 次数 < 3", // 18
    "tests:", // 19
    "  - name: t", // 20
    "    as_of: 2021-12-31", // 21
    "    record:", // 22
    "      id: r", // 23
    "      sanctions: [{date: 2021-01-01, a/b: 1}]", // 24
    "",
  ].join("\n");
  const r = parseYamlPolicy(yaml, "d.yaml");
  const p = r.policy as Policy;

  it("parses without diagnostics", () => {
    expect(r.diagnostics).toEqual([]);
  });

  it("reads metadata: unquoted date, quoted string, bool, null = unstated", () => {
    expect(stripSpans(p.meta)).toEqual({
      issued: { kind: "date", value: "2021-08-19" },
      effective: { kind: "string", value: "2021-08-20" },
      trial: { kind: "bool", value: true },
      expires: { kind: "unstated" },
    });
  });

  it("normalises articles to full-width parentheses", () => {
    const any = p.grades[0]?.condition as Extract<Policy["grades"][number]["condition"], { kind: "AnyOf" }>;
    expect(any.items.map((c) => c.kind)).toEqual(["Clause", "NotCond", "AllOf"]);
    expect(any.items[0]).toMatchObject({ kind: "Clause", article: "第八条（一）1" });
  });

  it("places expression spans in the YAML file: plain, quoted and block scalars", () => {
    const any = p.grades[0]?.condition as Extract<Policy["grades"][number]["condition"], { kind: "AnyOf" }>;
    const plain = any.items[0] as Extract<typeof any.items[number], { kind: "Clause" }>;
    // "          when: 次数 1次 以上": 次数 at column 17
    expect((plain.when as Extract<Expr, { kind: "Compare" }>).left.span).toMatchObject({ line: 12, col: 17 });
    const not = any.items[1] as Extract<typeof any.items[number], { kind: "NotCond" }>;
    const quoted = not.item as Extract<typeof any.items[number], { kind: "Clause" }>;
    const cmp = quoted.when as Extract<Expr, { kind: "Compare" }>;
    const line13 = yaml.split("\n")[12] as string;
    expect(cmp.left.span).toMatchObject({ line: 13, col: line13.indexOf("x = ") + 1 });
    expect(cmp.bounds[0]?.right.span).toMatchObject({ line: 13, col: line13.indexOf('"a"') + 1 });
    const all = any.items[2] as Extract<typeof any.items[number], { kind: "AllOf" }>;
    const block = (all.items[0] as Extract<typeof any.items[number], { kind: "Clause" }>).when as Extract<Expr, { kind: "And" }>;
    expect(block.kind).toBe("And");
    expect(block.operands[0]?.span).toMatchObject({ line: 17, col: 17 });
    expect(block.operands[1]?.span).toMatchObject({ line: 18, col: 21 });
    checkSpans(p, yaml, "d.yaml");
  });

  it("spans declarations by their YAML nodes", () => {
    expect(p.grades[0]?.span).toMatchObject({ line: 7, col: 5 });
    expect(p.values[0]?.span).toMatchObject({ line: 4, col: 5, endLine: 5 });
    expect(p.values[0]?.value.span).toMatchObject({ line: 5, col: 13 });
    expect(p.tests[0]?.span).toMatchObject({ line: 20, col: 5, endLine: 24 });
  });

  it("turns the test record into JSON with spans keyed by JSON Pointer", () => {
    const t = p.tests[0];
    expect(t?.record).toEqual({ id: "r", sanctions: [{ date: "2021-01-01", "a/b": 1 }] });
    expect(Object.keys(t?.recordSpans ?? {}).sort()).toEqual(
      ["", "/id", "/sanctions", "/sanctions/0", "/sanctions/0/a~1b", "/sanctions/0/date"].sort(),
    );
    expect(t?.recordSpans?.["/id"]).toMatchObject({ line: 23, col: 11 });
    expect(t?.recordSpans?.["/sanctions/0/date"]).toMatchObject({ line: 24, col: 26 });
    expect(t?.recordSpans?.[""]).toMatchObject({ line: 23, col: 7 });
  });

  it("maps spans through escapes in double-quoted strings", () => {
    const src = 'policy: p\ngrades: [{id: A, label: L, when: {article: 第八条, when: "状态 = \\"x\\" 且 次\\u6570 > 1"}}]\n';
    const res = parseYamlPolicy(src, "e.yaml");
    expect(res.diagnostics).toEqual([]);
    const when = (res.policy?.grades[0]?.condition as { when: Extract<Expr, { kind: "And" }> }).when;
    const second = when.operands[1] as Extract<Expr, { kind: "Compare" }>;
    expect(src.slice(second.left.span.start, second.left.span.end)).toBe("次\\u6570");
    expect(src.slice(second.span.start, second.span.end)).toBe("次\\u6570 > 1");
    expect(src.slice(when.operands[0]!.span.start, when.operands[0]!.span.end)).toBe('状态 = \\"x\\"');
  });

  it("tells the expression language apart from the English keys", () => {
    expect(yamlExpressionLang(yaml)).toBe("zh");
    expect(yamlExpressionLang("policy: p\nvalues: [{name: n, value: count honors in last 1 year}]\n")).toBe("en");
    expect(yamlExpressionLang("policy: p\nmeta: {title: t}\n")).toBeUndefined();
    expect(yamlExpressionLang("policy: [\n")).toBeUndefined();
  });

  it("accepts CRLF line ends", () => {
    const src = "policy: p\r\ngrades:\r\n  - id: A\r\n    label: L\r\n    when: {article: 第八条, when: 次数 1次 以上 且 且}\r\n";
    const res = parseYamlPolicy(src, "c.yaml");
    expect(res.diagnostics[0]).toMatchObject({ code: "CP-E0101", span: { line: 5, col: src.split("\r\n")[4]!.lastIndexOf("且") + 1 } });
  });
});

/** The diagnostics of a YAML text, as `line:col code path`. */
function where(text: string): { at: string; code: string; path?: string; message: string }[] {
  return parseYamlPolicy(text, "bad.yaml").diagnostics.map((d) => ({
    at: `${d.span?.line}:${d.span?.col}`,
    code: d.code,
    ...(d.path !== undefined ? { path: d.path } : {}),
    message: bilingualMessage(d),
  }));
}

describe("YAML errors", () => {
  it("reports YAML syntax errors as CP-E0201 at the YAML line and column", () => {
    expect(where("policy: p\nmeta:\n  title: a: b\n")).toEqual([
      expect.objectContaining({ at: "3:10", code: "CP-E0201", message: expect.stringContaining("Nested mappings") }),
    ]);
    expect(where("policy: p\nnotes:\n  - text: a\n   - text: b\n")).toEqual([expect.objectContaining({ at: "4:4", code: "CP-E0201" })]);
    expect(where("policy: p\nmeta:\n\ttitle: a\n")[0]).toMatchObject({ at: "3:1", code: "CP-E0201" });
    expect(where("policy: p\npolicy: q\n")[0]).toMatchObject({ at: "2:1", code: "CP-E0201" });
    expect(where("policy: p\n---\npolicy: q\n")[0]).toMatchObject({ code: "CP-E0201" });
    expect(where('policy: p\nmeta: {title: "abc}\n').every((d) => d.code === "CP-E0201")).toBe(true);
  });

  it("reports a missing key as CP-E0202 at the mapping that lacks it, with the JSON path", () => {
    const ds = where("policy: p\ngrades: [{id: A}]\n");
    expect(ds).toEqual([
      expect.objectContaining({ at: "2:10", code: "CP-E0202", path: "/grades/0", message: expect.stringContaining('"label"') }),
      expect.objectContaining({ at: "2:10", code: "CP-E0202", path: "/grades/0", message: expect.stringContaining('"when"') }),
    ]);
  });

  it("reports a value outside an enumeration at its node", () => {
    const text = "policy: p\nmeasures:\n  - grade: A\n    kind: reward\n    article: 第十一条\n";
    expect(where(text)).toEqual([
      expect.objectContaining({ at: "4:11", code: "CP-E0202", path: "/measures/0/kind", message: expect.stringContaining("incentive") }),
    ]);
  });

  it("reports a number where a string is required at the number", () => {
    const text = "policy: p\ngrades:\n  - id: A\n    label: 42\n    when: {any: []}\n";
    expect(where(text)).toEqual([
      expect.objectContaining({ at: "4:12", code: "CP-E0202", path: "/grades/0/label", message: expect.stringContaining("number 42") }),
    ]);
    expect(where("policy: 7\n")).toEqual([expect.objectContaining({ at: "1:9", code: "CP-E0202", path: "/policy" })]);
  });

  it("reports unknown keys at the key, and bad articles, names and dates at the value", () => {
    const text = [
      "policy: p",
      "colour: red",
      "notes: [{article: 第八十, text: t}]",
      "precedence: [A, 且, a-b]",
      "tests: [{name: t, as_of: 2021-1-1, record: {}, expect: {grade: null, extra: 1}}]",
      "grades:",
      "  - id: A",
      "    label: L",
      "    when: {any: [{article: 第八条}, {all: [], not: {any: []}}, 5]}",
      "",
    ].join("\n");
    const ds = where(text);
    const byPath = Object.fromEntries(ds.map((d) => [d.path, d.at]));
    expect(ds.every((d) => d.code === "CP-E0202")).toBe(true);
    expect(byPath).toEqual({
      "/colour": "2:1",
      "/notes/0/article": "3:19",
      "/precedence/1": "4:17",
      "/precedence/2": "4:20",
      "/tests/0/as_of": "5:26",
      "/tests/0/expect/extra": "5:70",
      "/grades/0/when/any/0": "9:18",
      "/grades/0/when/any/1/not": "9:44",
      "/grades/0/when/any/2": "9:61",
    });
  });

  it("reports a bad expression with the grammar's CP-E0101 at the column inside the string", () => {
    const text = "policy: p\ngrades:\n  - id: A\n    label: L\n    when:\n      article: 第八条\n      when: 次数 1次 以上 且 且\n";
    const ds = where(text);
    expect(ds[0]).toMatchObject({ at: "7:24", code: "CP-E0101" });
    expect(ds[0]?.message).toContain('"且"');
    // Quoted: the column counts the opening quote.
    const quoted = where('policy: p\ngrades: [{id: A, label: L, when: {article: 第八条, when: "次数 >> 1"}}]\n');
    expect(quoted[0]).toMatchObject({ at: `2:${'grades: [{id: A, label: L, when: {article: 第八条, when: "次数 >'.length + 1}`, code: "CP-E0101" });
    // Block scalar: the line and column of the offending token.
    const block = where("policy: p\nvalues:\n  - name: v\n    value: >-\n      计数 违法行为\n      满足 ）\n");
    expect(block[0]).toMatchObject({ at: "6:10", code: "CP-E0101" });
    // Severity order and values go through the grammar too.
    expect(where("policy: p\nseverity: {order: warning < < fine}\n")[0]).toMatchObject({ at: "2:29", code: "CP-E0101" });
  });

  it("reports an empty file as CP-E0003 and a comment-only file as a schema error", () => {
    expect(where("")).toEqual([expect.objectContaining({ at: "1:1", code: "CP-E0003" })]);
    expect(where("  \n\n")).toEqual([expect.objectContaining({ code: "CP-E0003" })]);
    expect(where("# nothing\n")).toEqual([expect.objectContaining({ at: "1:1", code: "CP-E0202", path: "" })]);
    expect(where("- a\n")).toEqual([expect.objectContaining({ at: "1:1", code: "CP-E0202", path: "" })]);
  });

  it("rejects non-JSON numbers in test records", () => {
    const ds = where("policy: p\ntests: [{name: t, as_of: 2021-12-31, record: {n: .nan}}]\n");
    expect(ds).toEqual([expect.objectContaining({ code: "CP-E0109", path: "/tests/0/record/n" })]);
  });

  it("never throws, whatever the input", () => {
    const text = readFileSync(policyFiles()[0] ?? "", "utf8");
    const yaml = policyToYaml(parsePolicy(text, "p.policy").policy as Policy, "zh");
    const odd = [
      "policy: [1]\ngrades: {a: 1}\n",
      "policy: p\nvalues: [{name: &n a, value: *n}, *n]\n",
      "policy: p\ngrades: [{id: A, label: L, when: {not: {not: {not: {article: 第八条, when: a}}}}}]\n",
      "? [a]\n: b\n",
      "policy: p\ntests: [{name: t, as_of: 2021-12-31, record: &r {a: [1, *r]}}]\n",
      "policy: !!binary aGVsbG8=\n",
      "\u0000\u0001",
    ];
    for (const t of odd) expect(() => parseYamlPolicy(t, "odd.yaml")).not.toThrow();
    for (let cut = 0; cut < yaml.length; cut += Math.max(1, Math.floor(yaml.length / 40))) {
      const mangled = yaml.slice(0, cut) + "]: x\n" + yaml.slice(cut + 3);
      expect(() => parseYamlPolicy(yaml.slice(0, cut), "cut.yaml")).not.toThrow();
      expect(() => parseYamlPolicy(mangled, "mangled.yaml")).not.toThrow();
    }
  });
});

describe("policy-yaml.schema.json", () => {
  const anchored = (re: RegExp): string => `^(?:${re.source})$`;
  it("spells articles and names as the grammar's tokens do", () => {
    const s = policyYamlSchema as unknown as {
      $defs: Record<string, { pattern?: string }>;
      properties: { default: { pattern: string }; tests: { items: { properties: { expect: { properties: { grade: { pattern: string } } } } } } };
    };
    expect(s.$defs["article"]?.pattern).toBe(anchored(Article.PATTERN as RegExp));
    expect(s.$defs["name"]?.pattern).toBe(anchored(Identifier.PATTERN as RegExp));
    expect(s.properties.default.pattern).toBe(anchored(Identifier.PATTERN as RegExp));
    expect(s.properties.tests.items.properties.expect.properties.grade.pattern).toBe(anchored(Identifier.PATTERN as RegExp));
  });
});

// Score models, city plans and drafting: every new construct once, a comment before each node
// that carries one, and places still to fill (待填写 / TODO) in metadata and expressions.
const DRAFT = String.raw`# 部门信用分级分类监管方案（起草中）
政策 "dept-draft" {
  标题 "某局信用分级分类监管办法"
  发文机关 待填写
  上级方案 "wugang-credit-plan"
  # 待部门确认
  部门 待填写
  监管领域 "待填写"
}

# 数据时点
评价时点 每年 10月 31日

# 归集范围
归集范围 二（一） {
  "行政许可信息"
  "行政处罚信息"
}

定义 处罚次数 = 计数 sanctions 近 1年

# 统一评价模型
评价模型 行业信用评价 二（二） 满分 100分 缺失按 0分 {
  # 基础指标
  指标项 基础信息 权重 60分 = 基础信息得分
  指标项 经营状况 权重 40分 = 待填写
  减分项 行政处罚 每次 5分 最多 30分 = 处罚次数
  # 加分
  加分项 表彰 每次 2分 = 表彰次数
}

# 分档
分档 行业信用等级 二（三） 依据 行业信用评价 范围 0分 至 100分 {
  A "优秀" 二（三） "90分以上"： 90分（含）以上
  # 中间档
  B "良好" 二（三）： 90分（不含）以下 不低于 75分
  C "中等" 二（三）： 75分（不含）以下 不低于 60分
  D "差" 二（三）： 60分（不含）以下
}

# 直接评为D
直接评定 D 二（三） "列入黑名单的直接评为D级"：
  黑名单对象

# 名单类别
类别 重点关注 "重点关注对象" 二（四）：
  处罚次数 3次 以上

措施 A 激励措施 三 {
  三 "降低抽查比例"
}

# 公示义务
义务 公示 三（一） "7个工作日内公示"
  针对 行政处罚 满足 公开 = 是 近 1年
  期限 决定日期 + 7个工作日

# 部门要求
部门要求 三 "应当明确" {
  归集范围
  等级 A "优秀", B "良好"
  评价模型 100分
  评价周期
  措施
}

# 分工
附件 "分工" {
  单位 "市市场监管局" 监管领域 "食品"
}

# 收尾
`;

describe("score models, city plans and drafting ⇄ YAML", () => {
  roundTrip("draft.policy", DRAFT);

  it("text → YAML → text gives the canonical text back, comments included, in both languages", () => {
    expect(formatSource(DRAFT, "draft.policy").text).toBe(DRAFT);
    expect(viaYaml(DRAFT).back).toBe(DRAFT);
    const en = formatSource(DRAFT, "draft.policy", "en").text as string;
    expect(en).not.toBe(DRAFT);
    expect(viaYaml(en).back).toBe(en);
    const parsed = parsePolicy(DRAFT, "draft.policy");
    const yaml = policyToYaml(parsed.policy as Policy, "zh");
    expect(parsed.comments.length).toBeGreaterThan(10);
    for (const c of parsed.comments) expect(yaml).toContain(`# ${commentText(c.image)}\n`);
  });

  it("writes the new sections in the schema's order, with English keys and expression strings", () => {
    const yaml = policyToYaml(parsePolicy(DRAFT, "draft.policy").policy as Policy, "zh");
    expect(Object.keys(parseDocument(yaml).toJS() as object)).toEqual([
      "policy",
      "meta",
      "snapshot",
      "collects",
      "values",
      "models",
      "bands",
      "overrides",
      "categories",
      "measures",
      "obligations",
      "requires",
      "annexes",
    ]);
    const keys = Object.keys(parseDocument(yaml).toJS() as object);
    expect(keys).toEqual(Object.keys(policyYamlSchema.properties).filter((k) => keys.includes(k)));
    expect(yaml).toContain("snapshot:\n  month: 10月\n  day: 31日\n");
    expect(yaml).toContain("    range: {min: 0分, max: 100分}\n");
    expect(yaml).toContain("        bounds: 90分（不含）以下 不低于 75分\n");
    expect(yaml).toContain("      - kind: deduct\n        name: 行政处罚\n        each: 5分\n        max: 30分\n        value: 处罚次数\n");
    expect(yaml).toContain("    window: 1年\n    due: 决定日期 + 7个工作日\n");
    expect(yaml).toContain("    - {model: 100分}\n    - period\n");
    expect(yaml).toContain("      - {unit: 市市场监管局, domain: 食品}\n");
    expect(yamlExpressionLang(yaml)).toBe("zh");
    expect(yamlExpressionLang(policyToYaml(parsePolicy(DRAFT, "draft.policy").policy as Policy, "en"))).toBe("en");
  });

  it("writes metadata still to fill as the bare keyword, and quotes a string spelt like it", () => {
    const ast = parsePolicy(DRAFT, "draft.policy").policy as Policy;
    const zh = policyToYaml(ast, "zh");
    const en = policyToYaml(ast, "en");
    expect(zh).toContain("  authority: 待填写\n");
    expect(en).toContain("  authority: TODO\n");
    expect(zh).toContain('  domain: "待填写"\n');
    expect(ast.meta.domain).toMatchObject({ kind: "string", value: "待填写" });
    expect(parseYamlPolicy(en, "d.yaml").policy?.meta.domain).toMatchObject({ kind: "string", value: "待填写" });
    // Either spelling reads as 待填写 in a YAML of either language; quoted, it is a string.
    const r = parseYamlPolicy('policy: p\nmeta: {department: TODO, domain: 待填写, title: "TODO", source: \'待填写\'}\n', "m.yaml");
    expect(r.diagnostics).toEqual([]);
    expect(stripSpans(r.policy?.meta)).toEqual({
      department: { kind: "todo" },
      domain: { kind: "todo" },
      title: { kind: "string", value: "TODO" },
      source: { kind: "string", value: "待填写" },
    });
  });

  it("spans the new nodes by their YAML nodes and their expressions inside the strings", () => {
    const yaml = "policy: p\nbands:\n  - name: b\n    subject: 得分\n    range: {min: 0分, max: 100分}\n    items:\n      - {grade: A, label: a, article: 二, bounds: 85分（含）以下 高于 70分}\n";
    const r = parseYamlPolicy(yaml, "b.yaml");
    expect(r.diagnostics).toEqual([]);
    const band = r.policy?.bands?.[0];
    const line7 = yaml.split("\n")[6] as string;
    expect(band?.span).toMatchObject({ line: 3, col: 5 });
    expect(band?.items[0]?.span).toMatchObject({ line: 7, col: 9 });
    expect(band?.items[0]?.bounds[1]?.span).toMatchObject({ line: 7, col: line7.indexOf("高于") + 1 });
    expect(band?.subject.span).toMatchObject({ line: 4, col: 14 });
    checkSpans(r.policy as Policy, yaml, "b.yaml");
  });
});

describe("score models, city plans and drafting: YAML errors", () => {
  const bands = (bounds: string, max = "100分"): string =>
    `policy: p\nbands:\n  - name: b\n    subject: s\n    range: {min: 0分, max: ${max}}\n    items:\n      - {grade: A, label: a, article: 二, bounds: ${bounds}}\n`;

  it("reports a bad bounds string with the grammar's code at the column inside it", () => {
    const text = bands("高于 85分 且 x");
    const line7 = text.split("\n")[6] as string;
    expect(where(text)).toEqual([expect.objectContaining({ at: `7:${line7.indexOf("且") + 1}`, code: "CP-E0101" })]);
    const empty = bands('""');
    expect(where(empty)[0]).toMatchObject({ code: "CP-E0102" });
  });

  it("reports an expression looser than the one value or the sum the grammar takes there", () => {
    const text = bands("高于 85分", "100分 + 1分");
    const line5 = text.split("\n")[4] as string;
    expect(where(text)).toEqual([
      expect.objectContaining({ at: `5:${line5.indexOf("100分 + 1分") + 1}`, code: "CP-E0202", path: "/bands/0/range/max" }),
    ]);
    // In parentheses it is one value.
    expect(where(bands("高于 85分", "(100分 + 1分)"))).toEqual([]);
    const due = "policy: p\nobligations:\n  - {name: o, article: 三, text: t, source: 行政处罚, due: 决定日期 > 1}\n";
    expect(where(due)).toEqual([expect.objectContaining({ at: `3:${"  - {name: o, article: 三, text: t, source: 行政处罚, due: ".length + 1}`, code: "CP-E0202", path: "/obligations/0/due" })]);
    const snapshot = "policy: p\nsnapshot: {month: 10月 且 x, day: 31日}\n";
    expect(where(snapshot)).toEqual([expect.objectContaining({ at: "2:19", code: "CP-E0202", path: "/snapshot/month" })]);
  });

  it("reports a window that is not a quantity at the column inside it", () => {
    const text = "policy: p\nobligations:\n  - {name: o, article: 三, text: t, source: s, window: 整改期限, due: d}\n";
    expect(where(text)).toEqual([
      expect.objectContaining({ at: `3:${"  - {name: o, article: 三, text: t, source: s, window: ".length + 1}`, code: "CP-E0101" }),
    ]);
  });

  it("checks model items by kind: an indicator needs a weight, a deduction or bonus its amount each", () => {
    const model = (item: string): string => `policy: p\nmodels:\n  - name: m\n    total: 100分\n    missing: 0分\n    items:\n      - ${item}\n`;
    expect(where(model("{kind: indicator, name: a, value: v}"))).toEqual([
      expect.objectContaining({ at: "7:9", code: "CP-E0202", path: "/models/0/items/0", message: expect.stringContaining('"weight"') }),
    ]);
    expect(where(model("{kind: deduct, name: a, weight: 5分, value: v}")).map((d) => d.path).sort()).toEqual([
      "/models/0/items/0",
      "/models/0/items/0/weight",
    ]);
    expect(where(model("{kind: penalty, name: a, each: 5分, value: v}"))).toEqual([
      expect.objectContaining({
        at: `7:${"      - {kind: ".length + 1}`,
        code: "CP-E0202",
        path: "/models/0/items/0/kind",
        message: expect.stringContaining("indicator, deduct, bonus"),
      }),
    ]);
    expect(where(model("{kind: bonus, name: 权重, each: 5分, value: v}"))).toEqual([
      expect.objectContaining({ code: "CP-E0202", path: "/models/0/items/0/name" }),
    ]);
  });

  it("checks requirements: a word, {model: …} or {grades: […]}", () => {
    const text = "policy: p\nrequires:\n  article: 三\n  items: [collects, budget, {model: 100分}, {grades: []}, {other: 1}]\n";
    const ds = where(text);
    expect(ds.every((d) => d.code === "CP-E0202")).toBe(true);
    const paths = ds.map((d) => d.path);
    expect(paths).toContain("/requires/items/1");
    expect(paths).toContain("/requires/items/3/grades");
    expect(paths).toContain("/requires/items/4");
    expect(paths).not.toContain("/requires/items/0");
    expect(paths).not.toContain("/requires/items/2");
    const r = parseYamlPolicy("policy: p\nrequires:\n  article: 三\n  items: [period, {grades: [{id: A, label: 优秀}]}]\n", "r.yaml");
    expect(r.diagnostics).toEqual([]);
    expect(stripSpans(r.policy?.requires?.items)).toEqual([{ kind: "period" }, { kind: "grades", grades: [{ id: "A", label: "优秀" }] }]);
  });

  it("checks annex rows and the new metadata keys", () => {
    const meta = "meta: {parent: x, department: y, domain: z, office: w}";
    const ds = where(`policy: p\n${meta}\nannexes:\n  - title: t\n    rows: [{unit: u}]\n`);
    expect(ds.map((d) => [d.path, d.at])).toEqual([
      ["/meta/office", `2:${meta.indexOf("office") + 1}`],
      ["/annexes/0/rows/0", `5:${"    rows: [".length + 1}`],
    ]);
  });
});

// Per-item rules, parameters, declared fields, named filters and the newer expectations: every
// form once, canonical, in both keyword languages, with a comment before each node that carries one.
const PER_ITEM_DIR = "test/fixtures/every-construct";
const PER_ITEM_ZH = readFileSync(join(PER_ITEM_DIR, "per-item.zh.policy"), "utf8");
const PER_ITEM_EN = readFileSync(join(PER_ITEM_DIR, "per-item.en.policy"), "utf8");

describe("per-item rules, parameters, declared fields and named filters ⇄ YAML", () => {
  it("text → YAML → text gives the canonical text back, comments included, in both languages", () => {
    expect(formatSource(PER_ITEM_ZH, "p.policy").text).toBe(PER_ITEM_ZH);
    expect(formatSource(PER_ITEM_ZH, "p.policy", "en").text).toBe(PER_ITEM_EN);
    expect(viaYaml(PER_ITEM_ZH).back).toBe(PER_ITEM_ZH);
    expect(viaYaml(PER_ITEM_EN).back).toBe(PER_ITEM_EN);
    const parsed = parsePolicy(PER_ITEM_ZH, "p.policy");
    const yaml = policyToYaml(parsed.policy as Policy, "zh");
    expect(parsed.comments.length).toBeGreaterThan(15);
    for (const c of parsed.comments) expect(yaml).toContain(`# ${commentText(c.image)}\n`);
  });

  it("writes the new sections in the formatter's order, which is the schema's", () => {
    const yaml = policyToYaml(parsePolicy(PER_ITEM_ZH, "p.policy").policy as Policy, "zh");
    const keys = Object.keys(parseDocument(yaml).toJS() as object);
    expect(keys).toEqual(["policy", "meta", "params", "fields", "filters", "values", "categories", "obligations", "item_rules", "tests"]);
    expect(keys).toEqual(Object.keys(policyYamlSchema.properties).filter((k) => keys.includes(k)));
  });

  it("writes each new construct in its YAML shape, expressions in the keyword language asked for", () => {
    const ast = parsePolicy(PER_ITEM_ZH, "p.policy").policy as Policy;
    const zh = policyToYaml(ast, "zh");
    const en = policyToYaml(ast, "en");
    expect(zh).toContain("  - name: 较低数额罚款上限\n    value: 3万元\n    article: 第五条第三款\n    text: 较低数额罚款的具体标准由省级人民政府确定。\n");
    expect(en).toContain("  - name: 较低数额罚款上限\n    value: 3 wan yuan\n");
    // A string literal keeps its quotes inside the YAML string; 1.50 stays a string, as a number it would lose its 0.
    expect(zh).toContain(`    value: '"信用中国"'\n    article: 第十三条第一款（三）\n`);
    expect(zh).toContain('  - name: 系数\n    value: "1.50"\n');
    expect(en).toContain("  - name: 需要复核\n    value: false\n");
    expect(zh).toContain("  - part: 处理决定\n    name: 履行说明\n    type: 文字\n    description: 当事人履行处罚的情况说明\n");
    expect(zh).toContain("  - name: 多次罚款\n    when: (计数 处罚 满足 种类 = 罚款) 2次 以上 且 非 严重\n");
    expect(en).toContain("  - name: 多次罚款\n    when: (count 处罚 where 种类 = 罚款) at least 2 times and not 严重\n");
    expect(zh).toContain(
      [
        "item_rules:",
        "  # 逐项规则",
        "  - name: 公示",
        "    part: 处理决定",
        "    article: 第三条",
        "    text: 行政处罚决定的公示。",
        "    notes:",
      ].join("\n"),
    );
    // An output's `when` is a grade's condition: a block, or one cited clause.
    expect(zh).toContain("      - name: 应公示\n        article: 第三条\n        when:\n          all:\n");
    expect(zh).toContain("      - name: 最早可停止公示日\n        when:\n          article: 第五条第二款\n          when: 日期 + 最短公示期\n");
    expect(zh).toContain("      - name: 无须复核\n        when:\n          not:\n            article: 第六条（三）\n");
    // Inside a rule an obligation has no source; outside it keeps one, and 期限 无 is `due: 无`.
    expect(zh).toContain("      - name: 撤下公示\n        article: 第三条第二款\n        text: 已被撤销的决定，应当及时撤下公示。\n        where: 状态 = 已撤销 且 公示日期 != 无\n");
    expect(zh).toContain("    source: 处理决定\n    due: 无\n");
    expect(zh).toContain("  - name: 空规则\n    part: 处罚\n");
    expect(zh).toContain(
      [
        "    expect:",
        "      grade: null",
        "      categories: [重点关注, 长期公示]",
        "      obligations:",
        "        - {name: 上网公示, due: 2022-03-10, status: overdue}",
        "        - {name: 撤下公示, due: null, status: open}",
        "      scores:",
        "        - {name: 行业信用评价, value: 85分}",
        "        - {name: 行业信用评价, value: 72.50分}",
        "      items:",
        "        - {pointer: /sanctions/0, output: 应公示, value: 是}",
        "        - {pointer: /sanctions/0, output: 公示截止日, value: 2025-03-01}",
      ].join("\n"),
    );
    expect(en).toContain("        - {pointer: /sanctions/0, output: 应公示, value: true}\n");
    expect(en).toContain("        - {pointer: /sanctions/1, output: 次数, value: 3}\n");
    expect(en).toContain("        - {name: 行业信用评价, value: 85 points}\n");
    expect(zh).toContain("    expect:\n      categories: []\n");
    expect(yamlExpressionLang(zh)).toBe("zh");
    expect(yamlExpressionLang(en)).toBe("en");
  });

  it("writes each comment before its node", () => {
    const { yaml } = viaYaml(PER_ITEM_ZH);
    const lines = yaml.split("\n");
    const before = (comment: string, next: string): void => {
      const i = lines.findIndex((l) => l.trim() === `# ${comment}`);
      expect(i, comment).toBeGreaterThanOrEqual(0);
      expect(lines[i + 1]?.trim(), comment).toBe(next);
    };
    before("参数：带单位、日期、文字、是否，有无条款与依据", "- name: 较低数额罚款上限");
    before("是否", "- name: 需要复核");
    before("声明字段", "- part: 处理决定");
    before("命名条件", "- name: 轻微处罚");
    before("块中的条件", "- article: 第十条第一款（一）");
    before("逐项规则", "- name: 公示");
    before("规则内的解释说明", "- article: 第五条");
    before("规则内的定义", "- name: 罚款合计");
    before("条件块输出", "- name: 应公示");
    before("块中第一条", "- article: 第三条第一款");
    before("单条输出", "- name: 仅轻微处罚");
    before("规则内的类别", "- id: 长期公示");
    before("规则内的措施", "- grade: 长期公示");
    before("规则内的义务", "- name: 上网公示");
    const p = parseYamlPolicy(yaml, "c.yaml").policy as Policy;
    const rule = p.itemRules?.[0];
    expect(p.params?.map((x) => x.comments)).toEqual([["参数：带单位、日期、文字、是否，有无条款与依据"], undefined, undefined, undefined, ["是否"], undefined]);
    expect(rule?.comments).toEqual(["逐项规则"]);
    expect(rule?.outputs.map((o) => o.comments)).toEqual([["条件块输出"], ["单条输出"], undefined, undefined, undefined, undefined]);
    expect((rule?.outputs[0]?.condition as { items: { comments?: string[] }[] }).items[0]?.comments).toEqual(["块中第一条"]);
    expect(rule?.obligations[0]?.comments).toEqual(["规则内的义务"]);
  });

  it("reads a plain YAML number or boolean where one value goes, as written", () => {
    const yaml = [
      "policy: p",
      "params:",
      "  - {name: 系数, value: 1.50}",
      "  - {name: 需要, value: true}",
      "  - {name: 门槛, value: 3万元}",
      "tests:",
      "  - name: t",
      "    as_of: 2021-12-31",
      "    record: {id: x}",
      "    expect:",
      "      scores: [{name: m, value: 85}]",
      "      items: [{pointer: /sanctions/0, output: o, value: 3}, {pointer: /sanctions/0, output: b, value: false}]",
      "",
    ].join("\n");
    const r = parseYamlPolicy(yaml, "n.yaml");
    expect(r.diagnostics).toEqual([]);
    expect(stripSpans(r.policy?.params?.map((x) => x.value))).toEqual([
      { kind: "Quantity", value: "1.50" },
      { kind: "Bool", value: true },
      { kind: "Quantity", value: "3", unit: "wan_yuan" },
    ]);
    const e = r.policy?.tests[0]?.expect;
    expect(e?.scores?.map((x) => x.value)).toEqual(["85"]);
    expect(stripSpans(e?.items?.map((i) => i.value))).toEqual([{ kind: "Quantity", value: "3" }, { kind: "Bool", value: false }]);
    // The same as the text form writes them.
    const text = parsePolicy('policy p {}\nparam 系数 = 1.50\nparam 需要 = yes\nparam 门槛 = 3 wan yuan\n', "n.policy").policy as Policy;
    expect(stripSpans(r.policy?.params)).toEqual(stripSpans(text.params));
    checkSpans(r.policy as Policy, yaml, "n.yaml");
  });

  it("spans the new nodes by their YAML nodes and their expressions inside the strings", () => {
    const yaml = [
      "policy: p", // 1
      "params: [{name: 门槛, value: 3万元}]", // 2
      "item_rules:", // 3
      "  - name: 公示", // 4
      "    part: 处理决定", // 5
      "    outputs:", // 6
      "      - name: 应公示", // 7
      "        when: {article: 第三条, when: 程序 = 普通程序}", // 8
      "",
    ].join("\n");
    const r = parseYamlPolicy(yaml, "s.yaml");
    expect(r.diagnostics).toEqual([]);
    const rule = r.policy?.itemRules?.[0];
    expect(rule?.span).toMatchObject({ line: 4, col: 5, endLine: 8 });
    expect(rule?.outputs[0]?.span).toMatchObject({ line: 7, col: 9 });
    const line8 = yaml.split("\n")[7] as string;
    const clause = rule?.outputs[0]?.condition as Extract<Policy["grades"][number]["condition"], { kind: "Clause" }>;
    expect((clause.when as Extract<Expr, { kind: "Compare" }>).left.span).toMatchObject({ line: 8, col: line8.indexOf("程序") + 1 });
    expect(r.policy?.params?.[0]?.value.span).toMatchObject({ line: 2, col: "params: [{name: 门槛, value: ".length + 1 });
    checkSpans(r.policy as Policy, yaml, "s.yaml");
  });

  it("tells the expression language from per-item rules and filters alone", () => {
    expect(yamlExpressionLang("policy: p\nfilters: [{name: f, when: 种类 属于 (警告)}]\n")).toBe("zh");
    const rule = "policy: p\nitem_rules:\n  - name: r\n    part: sanctions\n    outputs: [{name: o, when: {article: 第三条, when: (count penalties) at least 1 time}}]\n";
    expect(yamlExpressionLang(rule)).toBe("en");
  });
});

describe("per-item rules, parameters, declared fields and named filters: YAML errors", () => {
  it("reports a missing or unknown key in an item rule and its outputs at the YAML node, with the JSON path", () => {
    const text = "policy: p\nitem_rules:\n  - name: r\n    outputs: [{name: o, when: {article: 第三条, when: x}, extra: 1}]\n";
    expect(where(text)).toEqual([
      expect.objectContaining({ at: "3:5", code: "CP-E0202", path: "/item_rules/0", message: expect.stringContaining('"part"') }),
      expect.objectContaining({ at: `4:${text.split("\n")[3]!.indexOf("extra") + 1}`, code: "CP-E0202", path: "/item_rules/0/outputs/0/extra" }),
    ]);
    const noWhen = "policy: p\nitem_rules: [{name: r, part: s, outputs: [{name: o, article: 第三条}]}]\n";
    expect(where(noWhen)).toEqual([expect.objectContaining({ code: "CP-E0202", path: "/item_rules/0/outputs/0", message: expect.stringContaining('"when"') })]);
  });

  it("reports a grammar error inside an output's condition at its column", () => {
    const text = "policy: p\nitem_rules:\n  - name: r\n    part: 处理决定\n    outputs:\n      - name: o\n        when:\n          all:\n            - {article: 第三条, when: 程序 = = 普通程序}\n";
    const line9 = text.split("\n")[8] as string;
    expect(where(text)).toEqual([expect.objectContaining({ at: `9:${line9.lastIndexOf("= 普通程序") + 1}`, code: "CP-E0101" })]);
  });

  it("checks a parameter's value is one value, and names are names", () => {
    const text = "policy: p\nparams:\n  - {name: 门槛, value: 3万元 + 1万元}\n  - {name: 期限, value: null}\nfields: [{part: 处理决定, name: x, type: count}]\n";
    const ds = where(text);
    expect(ds.every((d) => d.code === "CP-E0202")).toBe(true);
    expect(ds.map((d) => [d.path, d.at])).toEqual([
      ["/params/0/value", `3:${"  - {name: 门槛, value: ".length + 1}`],
      ["/params/1/name", "4:12"],
      ["/params/1/value", `4:${"  - {name: 期限, value: ".length + 1}`],
      ["/fields/0/type", `5:${"fields: [{part: 处理决定, name: x, type: ".length + 1}`],
    ]);
  });

  it("checks the new expectations: a due day or null, a number as a score, a pointer, an output and a value", () => {
    const text = [
      "policy: p",
      "tests:",
      "  - name: t",
      "    as_of: 2021-12-31",
      "    record: {id: x}",
      "    expect:",
      "      obligations: [{name: o, due: 2021-2-3, status: open}]",
      "      scores: [{name: m, value: 八十五}]",
      "      items: [{pointer: /sanctions/0, value: 是}]",
      "      categories: A",
      "",
    ].join("\n");
    const ds = where(text);
    const line = (n: number): string => text.split("\n")[n - 1] as string;
    expect(ds.map((d) => [d.code, d.path, d.at])).toEqual([
      ["CP-E0202", "/tests/0/expect/obligations/0/due", `7:${line(7).indexOf("2021-2-3") + 1}`],
      ["CP-E0101", undefined, `8:${line(8).indexOf("八十五") + 1}`],
      ["CP-E0202", "/tests/0/expect/items/0", `9:${line(9).indexOf("{") + 1}`],
      ["CP-E0202", "/tests/0/expect/categories", `10:${line(10).indexOf("A") + 1}`],
    ]);
  });
});

describe("policy-yaml.schema.json descriptions", () => {
  it("describes every property with its Chinese term", () => {
    const missing: string[] = [];
    const walk = (node: unknown, path: string): void => {
      if (!node || typeof node !== "object") return;
      const n = node as Record<string, unknown>;
      for (const [k, v] of Object.entries((n["properties"] as Record<string, unknown> | undefined) ?? {})) {
        const d = (v as { description?: string }).description;
        if (!d || !/[\u3400-\u9fff]/.test(d)) missing.push(`${path}/${k}`);
        walk(v, `${path}/${k}`);
      }
      // `if` only picks a branch: its properties are not the form's.
      for (const key of ["items", "then", "else", "additionalProperties"]) walk(n[key], path);
      for (const [k, v] of Object.entries((n["$defs"] as Record<string, unknown> | undefined) ?? {})) walk(v, `#/$defs/${k}`);
    };
    walk(policyYamlSchema, "");
    expect(missing).toEqual([]);
  });
});
