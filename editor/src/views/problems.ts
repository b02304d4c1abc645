// The problems list beside the editor: every diagnostic the language server published for the
// model, with its line and column; a click puts the cursor there. The same diagnostics are the
// editor's markers, related places (the first definition of a duplicate …) as their related
// information. The server renders them in the interface language; the data (code, help) comes along.
import type { Diagnostic as LspDiagnostic } from "vscode-languageserver-protocol/browser";
import type { DiagnosticData } from "../../../analysis/lsp/convert.js";
import { byId, h } from "../dom.js";
import { t } from "../i18n.js";
import { toMonacoRange } from "../lsp/monaco-adapter.js";
import { monaco } from "../monaco-setup.js";

export const MARKER_OWNER = "credit-policy";

/** A diagnostic's text (LSP 3.18 allows Markdown; this server sends plain text). */
export function messageText(d: Pick<LspDiagnostic, "message">): string {
  return typeof d.message === "string" ? d.message : d.message.value;
}

/** Markers for a model from the server's diagnostics. */
export function markersOf(diags: readonly LspDiagnostic[], resource?: monaco.Uri): monaco.editor.IMarkerData[] {
  return diags.map((d) => {
    const r = toMonacoRange(d.range);
    return {
      severity: d.severity === 1 ? monaco.MarkerSeverity.Error : monaco.MarkerSeverity.Warning,
      message: messageText(d),
      code: String(d.code ?? ""),
      source: d.source ?? "credit-policy",
      ...r,
      ...(resource && d.relatedInformation?.length
        ? {
            relatedInformation: d.relatedInformation.map((x) => ({ resource, message: x.message, ...toMonacoRange(x.location.range) })),
          }
        : {}),
    };
  });
}

export function renderProblems(diags: readonly LspDiagnostic[], reveal: (line: number, col: number) => void): void {
  const list = byId("problem-list");
  const errors = diags.filter((d) => d.severity === 1).length;
  byId("problem-count").textContent = diags.length ? `${errors} / ${diags.length - errors}` : "";
  list.replaceChildren(
    ...(diags.length === 0
      ? [h("li", { class: "none" }, t("noProblems"))]
      : diags.map((d) => {
          const line = d.range.start.line + 1;
          const col = d.range.start.character + 1;
          const data = d.data as DiagnosticData | undefined;
          return h(
            "li",
            {
              class: d.severity === 1 ? "error" : "warning",
              "data-code": String(d.code ?? ""),
              "data-line": line,
              "data-col": col,
              ...(data?.plan ? { "data-plan": "1" } : {}),
              title: messageText(d),
              onclick: () => reveal(line, col),
            },
            h("span", { class: "code" }, `${line}:${col} ${String(d.code ?? "")}`),
            data?.plan ? h("span", { class: "chip plan" }, t("planCheck")) : null,
            " ",
            messageText(d),
            ...(d.relatedInformation ?? []).map((r) =>
              h(
                "span",
                {
                  class: "related",
                  "data-line": r.location.range.start.line + 1,
                  "data-col": r.location.range.start.character + 1,
                  onclick: (e: Event) => {
                    e.stopPropagation();
                    reveal(r.location.range.start.line + 1, r.location.range.start.character + 1);
                  },
                },
                ` (${r.message} ${r.location.range.start.line + 1}:${r.location.range.start.character + 1})`,
              ),
            ),
          );
        })),
  );
}
