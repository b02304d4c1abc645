// Strings from a policy are literals in generated code, never code: a policy made of break-out
// attempts (quotes, backslashes, `${`, backticks, </script>, U+2028/U+2029, comment ends, newlines,
// Chinese) compiles to a module that imports and grades without running any of it, and every
// string comes back exactly.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { compilePolicy } from "../../compiler/compile.js";
import { compileTarget } from "../../compiler/backends/targets.js";
import { instantiate } from "../../runtime/instantiate.js";
import { policyRef } from "../../compiler/backends/result-shape.js";
import { ADVERSARIAL_RECORD, adversarialPolicy, PAYLOADS as P } from "./adversarial-policy.js";
import { projectDir } from "./generated.js";

const g = globalThis as { __pwned?: unknown };
const compiled = compilePolicy(adversarialPolicy(), "adversarial.policy");
const ir = compiled.ir!;
// A source path that is itself an attempt: a newline and U+2028 would end a `//` header comment.
const EVIL_SOURCE = "policies/evil\n*/ globalThis.__pwned = 'path'; //\u2028 globalThis.__pwned = 'path2'.policy";

interface Out {
  id: string;
  policy: { id: string; version: string };
  grade: string;
  label: string;
  matched: { article: string; text: string; values: Record<string, unknown> }[];
  measures: { text: string }[];
  notifications: { text: string; options: string[]; record_keeping: string[] }[];
}

function checkStrings(out: Out): void {
  expect(out.id).toBe(P.quote);
  expect(out.policy.id).toBe(P.id);
  expect(out.policy.version).toBe(P.quote);
  expect(out.grade).toBe("B");
  expect(out.label).toBe(P.script);
  expect(out.matched.map((m) => m.text)).toEqual([P.lineSeparators, P.backslash]);
  expect(out.measures.map((m) => m.text)).toEqual([P.script, P.chinese]);
  expect(out.notifications).toEqual([{ article: "第十四条", options: [P.template, P.lineSeparators], text: P.newline, record_keeping: [P.backslash] }]);
  // A value named __proto__ is an own property of "values", not a prototype.
  const values = out.matched[1]?.values as Record<string, unknown>;
  expect(Object.getOwnPropertyNames(values)).toEqual(["__proto__"]);
  expect(Object.getOwnPropertyDescriptor(values, "__proto__")?.value).toBe(1);
}

describe("a policy of break-out strings, compiled to JavaScript", () => {
  beforeEach(() => {
    delete g.__pwned;
  });
  afterEach(() => {
    expect(g.__pwned).toBeUndefined();
  });

  it("compiles (the strings are legal policy text)", () => {
    expect(compiled.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
  });

  it("imports and grades as a module file without running any policy text, and the strings survive exactly", async () => {
    const dir = projectDir("cp-adv-");
    const files = await compileTarget(ir, "js", { sha256: compiled.sha256, source: EVIL_SOURCE });
    const js = files[0]!;
    expect(js.name).not.toMatch(/[/\\"<>\u2028\u2029\n]/);
    const path = join(dir, js.name);
    (await import("node:fs")).writeFileSync(path, js.text);
    // The header names the source on comment lines only: every line terminator in it is escaped.
    expect(js.text.split("\n").slice(0, 3).every((l) => l.startsWith("//"))).toBe(true);
    expect(js.text).not.toMatch(/[\u2028\u2029]/);
    expect(js.text).not.toContain("</script>");
    const mod = (await import(pathToFileURL(path).href)) as { grade(r: unknown, d: string): Out; policy: { id: string } };
    expect(g.__pwned).toBeUndefined();
    expect(mod.policy.id).toBe(P.id);
    checkStrings(mod.grade(ADVERSARIAL_RECORD, "2021-12-31"));
    expect(readFileSync(path, "utf8")).toBe(js.text);
  });

  it("grades the same in-process (the code `eval` runs)", () => {
    const mod = instantiate(ir, policyRef(ir, compiled.sha256)) as unknown as { grade(r: unknown, d: string): Out };
    checkStrings(mod.grade(ADVERSARIAL_RECORD, "2021-12-31"));
  });

  it("matches the string condition exactly, and nothing else", () => {
    const mod = instantiate(ir, policyRef(ir, compiled.sha256)) as unknown as { grade(r: unknown, d: string): Out };
    const near = { id: "n", sanctions: [{ date: "2021-06-01", status: "in_force", authority: "${globalThis.__pwned = 'template'} ", violations: [] }] };
    expect(mod.grade(near, "2021-12-31").grade).toBeNull();
  });

  it("keeps the strings in the schema and TypeScript declarations as data", async () => {
    const [schema] = await compileTarget(ir, "schema", { sha256: compiled.sha256, source: EVIL_SOURCE });
    const parsed = JSON.parse(schema!.text) as { $comment: string; description: string };
    expect(parsed.$comment).toContain(compiled.sha256);
    expect(parsed.description).toContain(P.title);
    const [dts] = await compileTarget(ir, "types", { sha256: compiled.sha256, source: EVIL_SOURCE });
    expect(dts!.text).not.toMatch(/[\u2028\u2029]/);
    expect(dts!.text).toContain('export type GradeId = "B" | "A";');
    // The policy id is a string literal type (U+2028 as an escape); the consumer test type-checks the file.
    expect(dts!.text).toMatch(/^\s*id: (['"])adv.*<\/script>\\u2028\1;$/m);
  });
});
