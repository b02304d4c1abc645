// Saving test cases back into a policy: parse the source to its AST, add or update the test case
// there, and print the whole policy with the project's own printer (the formatter for the text
// form, the YAML emitter for the YAML form) in the source's keyword language. No text splicing.
import { formOf, parseAny } from "../../../compiler/compile.js";
import type { Json, Policy, TestCase } from "../../../dsl/ast.js";
import { hasErrors, type Diagnostic } from "../../../diagnostics/diagnostics.js";
import { formatPolicy } from "../../../dsl/print/format.js";
import type { Span } from "../../../diagnostics/span.js";
import { policyToYaml } from "../../../dsl/yaml/emit-yaml.js";
import { sourceLang } from "../../../analysis/lsp/symbols.js";

export interface NewCase {
  name: string;
  asOf: string;
  record: Json;
  expect: { grade?: string | null; matched?: string[]; measures?: string[] };
}

export type EditResult = { text: string } | { error: "has-errors"; diagnostics: Diagnostic[] } | { error: "duplicate-name" | "no-such-case"; name: string };

function parseForEdit(text: string, file: string): { policy: Policy } | { error: "has-errors"; diagnostics: Diagnostic[] } {
  const parsed = parseAny(text, file);
  if (!parsed.policy || hasErrors(parsed.diagnostics)) return { error: "has-errors", diagnostics: parsed.diagnostics.filter((d) => d.severity === "error") };
  return { policy: parsed.policy };
}

function print(policy: Policy, text: string, file: string): string {
  const form = formOf(file);
  const lang = sourceLang(text, form);
  return form === "yaml" ? policyToYaml(policy, lang) : formatPolicy(policy, { lang });
}

const NO_SPAN = (file: string): Span => ({ file, line: 1, col: 1, endLine: 1, endCol: 1, start: 0, end: 0 });

/** The policy with one more test case at the end of its tests. */
export function addTestCase(text: string, file: string, c: NewCase): EditResult {
  const p = parseForEdit(text, file);
  if ("error" in p) return p;
  const name = c.name.trim();
  if (p.policy.tests.some((t) => t.name === name)) return { error: "duplicate-name", name };
  const test: TestCase = { kind: "Test", name, asOf: c.asOf, record: c.record, expect: c.expect, span: NO_SPAN(file) };
  p.policy.tests.push(test);
  return { text: print(p.policy, text, file) };
}

/** The policy with a test case's expectation replaced (accepting what the policy now gives). */
export function setExpectation(text: string, file: string, name: string, expect: NewCase["expect"]): EditResult {
  const p = parseForEdit(text, file);
  if ("error" in p) return p;
  const t = p.policy.tests.find((x) => x.name === name);
  if (!t) return { error: "no-such-case", name };
  t.expect = expect;
  return { text: print(p.policy, text, file) };
}
