// The problems list beside the editor: every diagnostic of the current analysis, with its line
// and column; a click puts the cursor there. The same diagnostics are the editor's markers. Both
// render the diagnostics' data (code, arguments, help, related places) in the interface language.
import { bilingualHelp, bilingualMessage, renderHelp, renderMessage, renderRelated } from "../../../diagnostics/diagnostics.js";
import type { DiagnosticView, Summary } from "../analysis/types.js";
import { byId, h } from "../dom.js";
import { t, uiLang } from "../i18n.js";
import { monaco } from "../monaco-setup.js";

export const MARKER_OWNER = "credit-policy";

/** A diagnostic's message in the interface language, its help on the next line. */
export function diagnosticText(d: DiagnosticView, lang = uiLang()): string {
  const message = renderMessage(d, lang);
  return d.help ? `${message}\n${renderHelp(d.help, lang)}` : message;
}

/** Markers for a model; related places (the first definition of a duplicate …) as Monaco's related information. */
export function markersOf(diags: readonly DiagnosticView[], resource?: monaco.Uri): monaco.editor.IMarkerData[] {
  const lang = uiLang();
  return diags.map((d) => ({
    severity: d.severity === "error" ? monaco.MarkerSeverity.Error : monaco.MarkerSeverity.Warning,
    message: diagnosticText(d, lang),
    code: d.code,
    source: "credit-policy",
    startLineNumber: d.range.line,
    startColumn: d.range.col,
    endLineNumber: d.range.endLine,
    endColumn: d.range.endCol,
    ...(resource && d.related?.length
      ? {
          relatedInformation: d.related.map((r) => ({
            resource,
            message: renderRelated(r, lang),
            startLineNumber: r.range.line,
            startColumn: r.range.col,
            endLineNumber: r.range.endLine,
            endColumn: r.range.endCol,
          })),
        }
      : {}),
  }));
}

export function renderProblems(summary: Summary | undefined, reveal: (line: number, col: number) => void): void {
  const list = byId("problem-list");
  const diags = summary?.diagnostics ?? [];
  const errors = diags.filter((d) => d.severity === "error").length;
  byId("problem-count").textContent = diags.length ? `${errors} / ${diags.length - errors}` : "";
  const lang = uiLang();
  list.replaceChildren(
    ...(diags.length === 0
      ? [h("li", { class: "none" }, t("noProblems"))]
      : diags.map((d) =>
          h(
            "li",
            {
              class: d.severity,
              "data-code": d.code,
              "data-line": d.range.line,
              "data-col": d.range.col,
              // Both languages on hover, for a clerk and a developer reading over one screen.
              title: d.help ? `${bilingualMessage(d)}\n${bilingualHelp(d.help)}` : bilingualMessage(d),
              onclick: () => reveal(d.range.line, d.range.col),
            },
            h("span", { class: "code" }, `${d.range.line}:${d.range.col} ${d.code}`),
            " ",
            renderMessage(d, lang),
            ...(d.related ?? []).map((r) =>
              h(
                "span",
                {
                  class: "related",
                  "data-line": r.range.line,
                  "data-col": r.range.col,
                  onclick: (e: Event) => {
                    e.stopPropagation();
                    reveal(r.range.line, r.range.col);
                  },
                },
                ` (${renderRelated(r, lang)} ${r.range.line}:${r.range.col})`,
              ),
            ),
          ),
        )),
  );
}
