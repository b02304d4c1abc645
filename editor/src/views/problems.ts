// The problems list beside the editor: every diagnostic of the current analysis, with its line
// and column; a click puts the cursor there. The same diagnostics are the editor's markers.
import type { DiagnosticView, Summary } from "../analysis/types.js";
import { byId, h } from "../dom.js";
import { localMessage, t } from "../i18n.js";
import { monaco } from "../monaco-setup.js";

export const MARKER_OWNER = "credit-policy";

export function markersOf(diags: readonly DiagnosticView[]): monaco.editor.IMarkerData[] {
  return diags.map((d) => ({
    severity: d.severity === "error" ? monaco.MarkerSeverity.Error : monaco.MarkerSeverity.Warning,
    message: d.help ? `${localMessage(d.message)}\n${d.help}` : localMessage(d.message),
    code: d.code,
    source: "credit-policy",
    startLineNumber: d.range.line,
    startColumn: d.range.col,
    endLineNumber: d.range.endLine,
    endColumn: d.range.endCol,
  }));
}

export function renderProblems(summary: Summary | undefined, reveal: (line: number, col: number) => void): void {
  const list = byId("problem-list");
  const diags = summary?.diagnostics ?? [];
  const errors = diags.filter((d) => d.severity === "error").length;
  byId("problem-count").textContent = diags.length ? `${errors} / ${diags.length - errors}` : "";
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
              title: d.help ? `${d.message}\n${d.help}` : d.message,
              onclick: () => reveal(d.range.line, d.range.col),
            },
            h("span", { class: "code" }, `${d.range.line}:${d.range.col} ${d.code}`),
            " ",
            localMessage(d.message),
          ),
        )),
  );
}
