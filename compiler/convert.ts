// Between the two forms of the same language, and the canonical layout of each. Browser-safe:
// the editor's "format document" calls formatAnySource.
import { hasErrors, type Diagnostic } from "../diagnostics/diagnostics.js";
import { lex } from "../dsl/lexer.js";
import { parsePolicy } from "../dsl/parse.js";
import type { Lang } from "../dsl/print/expr.js";
import { detectLang, formatPolicy } from "../dsl/print/format.js";
import { policyToYaml } from "../dsl/yaml/emit-yaml.js";
import { parseYamlPolicy, yamlExpressionLang } from "../dsl/yaml/parse-yaml.js";
import { formOf, type SourceForm } from "./compile.js";

export interface TextResult {
  text?: string;
  diagnostics: Diagnostic[];
}

/** Convert a policy source to the other form (or re-emit it in its own form). */
export function convertSource(text: string, file: string, to: SourceForm, lang?: Lang): TextResult {
  const from = formOf(file);
  if (from === "dsl") {
    const parsed = parsePolicy(text, file);
    if (!parsed.policy || hasErrors(parsed.diagnostics)) return { diagnostics: parsed.diagnostics };
    const l = lang ?? detectLang(parsed.tokens);
    return {
      text: to === "yaml" ? policyToYaml(parsed.policy, l) : formatPolicy(parsed.policy, { lang: l }),
      diagnostics: parsed.diagnostics,
    };
  }
  const parsed = parseYamlPolicy(text, file);
  if (!parsed.policy || hasErrors(parsed.diagnostics)) return { diagnostics: parsed.diagnostics };
  // The YAML form's keys are English; its expression strings carry the keywords whose language
  // decides the output's.
  const l = lang ?? yamlExpressionLang(text) ?? detectLang(lex(text, file).tokens);
  return {
    text: to === "yaml" ? policyToYaml(parsed.policy, l) : formatPolicy(parsed.policy, { lang: l }),
    diagnostics: parsed.diagnostics,
  };
}

/** The canonical layout of a source in its own form. */
export function formatAnySource(text: string, file: string, lang?: Lang): TextResult {
  return convertSource(text, file, formOf(file), lang);
}
