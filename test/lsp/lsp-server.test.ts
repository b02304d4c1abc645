// `credit-policy lsp --stdio` driven as an editor drives it: the built command in a child process,
// JSON-RPC over its standard input and output (vscode-languageserver-protocol's client side).
// This is the VS Code extension's server (VS Code itself is not available here): initialize,
// open, diagnostics, completion, hover, definition, references, rename, outline, formatting, quick
// fixes, semantic tokens, why / why not, plan checks read from the file system, the language from
// the client's locale, and a clean shutdown.
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  type CompletionItem,
  type Diagnostic,
  type DocumentSymbol,
  type Hover,
  type Location,
  type TextEdit,
  type WorkspaceEdit,
} from "vscode-languageserver-protocol/node";
import { draftDepartmentPolicy } from "../../compiler/draft.js";
import type { Policy } from "../../dsl/ast.js";
import { parsePolicy } from "../../dsl/parse.js";
import { fill } from "../plans/fill-draft.js";
import { startServer, type Server } from "./stdio-client.js";

const ROOT = join(import.meta.dirname, "..", "..");
const WAIT = 20_000;

const uriOf = (file: string) => pathToFileURL(file).href;

function lineOf(text: string, fragment: string): { line: number; text: string } {
  const lines = text.split("\n");
  const i = lines.findIndex((l) => l.includes(fragment));
  if (i < 0) throw new Error(`no line holds ${fragment}`);
  return { line: i, text: lines[i] as string };
}

/** The LSP position of `target` within the line holding `fragment` (0-based). */
function pos(text: string, fragment: string, target = fragment, offset = 0): { line: number; character: number } {
  const { line, text: l } = lineOf(text, fragment);
  return { line, character: l.indexOf(target, l.indexOf(fragment)) + offset };
}

describe("credit-policy lsp --stdio", () => {
  let dir: string;
  let zh: Server;
  let file: string;
  let uri: string;
  let text: string;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), "cp-lsp-"));
    cpSync(join(ROOT, "policies"), join(dir, "policies"), { recursive: true });
    file = join(dir, "policies", "pinglu-fgj", "pinglu-fgj.policy");
    uri = uriOf(file);
    text = readFileSync(file, "utf8");
    zh = await startServer("zh-cn");
    await zh.conn.sendNotification("textDocument/didOpen", { textDocument: { uri, languageId: "credit-policy", version: 1, text } });
  }, 60_000);

  afterAll(async () => {
    zh?.proc.kill();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it("answers initialize with its capabilities", () => {
    const c = zh.init.capabilities;
    expect(zh.init.serverInfo?.name).toBe("credit-policy");
    expect(c.textDocumentSync).toBe(2);
    for (const k of ["hoverProvider", "definitionProvider", "referencesProvider", "documentSymbolProvider", "documentFormattingProvider", "documentHighlightProvider"] as const) expect(c[k], k).toBe(true);
    expect(c.renameProvider).toEqual({ prepareProvider: true });
    expect(c.completionProvider?.triggerCharacters).toContain(" ");
    expect(c.codeActionProvider).toEqual({ codeActionKinds: ["quickfix"] });
    expect(c.semanticTokensProvider?.legend.tokenTypes).toContain("property");
  });

  it("publishes the checker's diagnostics for an opened file, in the client's language", async () => {
    const p = await zh.diagnostics(uri, 1);
    expect(p.diagnostics.length).toBeGreaterThan(0);
    expect(p.diagnostics.every((d) => d.source === "credit-policy" && d.severity === 2 && d.code === "CP-W0603")).toBe(true);
    expect(p.diagnostics[0]?.message).toMatch(/^规定留有空白/);
  });

  it("publishes a syntax error at its position after a change, with related places", async () => {
    const bad = text.replace("优先顺序 C > B > A", "优先顺序 C > B > A }\n定义 一年内罚款累计 = 1");
    await zh.conn.sendNotification("textDocument/didChange", { textDocument: { uri, version: 2 }, contentChanges: [{ text: bad }] });
    const p = await zh.diagnostics(uri, 2);
    const at = lineOf(bad, "优先顺序 C > B > A }");
    expect(p.diagnostics.filter((d) => d.severity === 1).map((d) => [d.code, d.range.start.line, d.range.start.character])).toEqual([["CP-E0101", at.line, at.text.indexOf("}")]]);
    const dup = text.replace("优先顺序 C > B > A", "优先顺序 C > B > A\n定义 一年内罚款累计 = 1");
    await zh.conn.sendNotification("textDocument/didChange", { textDocument: { uri, version: 3 }, contentChanges: [{ text: dup }] });
    const q = await zh.diagnostics(uri, 3);
    const d = q.diagnostics.find((x) => x.code === "CP-E0302") as Diagnostic;
    expect(d.relatedInformation?.map((r) => [r.location.uri, r.location.range.start.line])).toEqual([[uri, lineOf(dup, "定义 一年内罚款累计 =").line]]);
    // Incremental changes too: undo the insertion by range.
    const added = lineOf(dup, "定义 一年内罚款累计 = 1");
    await zh.conn.sendNotification("textDocument/didChange", {
      textDocument: { uri, version: 4 },
      contentChanges: [{ range: { start: { line: added.line - 1, character: lineOf(dup, "优先顺序 C > B > A").text.length }, end: { line: added.line, character: added.text.length } }, text: "" }],
    });
    const r = await zh.diagnostics(uri, 4);
    expect(r.diagnostics.filter((x) => x.severity === 1)).toEqual([]);
  });

  it("completes by context: parts after 计数, fields after 满足, values after an operator, units after a number", async () => {
    const complete = async (line: string, v: number) => {
      const t = text.replace("优先顺序 C > B > A", `优先顺序 C > B > A\n${line}`);
      await zh.conn.sendNotification("textDocument/didChange", { textDocument: { uri, version: v }, contentChanges: [{ text: t }] });
      const items = await zh.conn.sendRequest<CompletionItem[]>("textDocument/completion", { textDocument: { uri }, position: { line: lineOf(t, line).line, character: line.length } });
      return items.map((i) => i.label);
    };
    expect(await complete("定义 x = 计数 ", 5)).toEqual(expect.arrayContaining(["违法行为", "名单"]));
    expect(await complete("定义 x = 计数 违法行为 满足 ", 6)).toEqual(expect.arrayContaining(["最重处罚", "严重"]));
    const values = await complete("定义 x = 计数 违法行为 满足 最重处罚 高于 ", 7);
    expect(values).toEqual(expect.arrayContaining(["警告", "罚款"]));
    expect(values).not.toContain("一年内罚款累计");
    expect(await complete("定义 x = 计数 违法行为 近 1", 8)).toEqual(expect.arrayContaining(["年", "个月"]));
    await zh.conn.sendNotification("textDocument/didChange", { textDocument: { uri, version: 9 }, contentChanges: [{ text }] });
  });

  it("hovers a field with its meaning and the articles that read it", async () => {
    const h = await zh.conn.sendRequest<Hover>("textDocument/hover", { textDocument: { uri }, position: pos(text, "满足 最重处罚 高于 警告", "最重处罚", 1) });
    const md = typeof h.contents === "object" && "value" in h.contents ? h.contents.value : "";
    expect(md).toContain("violations.class");
    expect(md).toContain("第八条（二）1");
    expect(h.range?.start).toEqual(pos(text, "满足 最重处罚 高于 警告", "最重处罚"));
  });

  it("goes to a definition, finds references, and renames", async () => {
    const at = pos(text, "一年内罚款累计 不超过 50万元", "一年内罚款累计", 2);
    const def = await zh.conn.sendRequest<Location>("textDocument/definition", { textDocument: { uri }, position: at });
    expect(def).toMatchObject({ uri, range: { start: pos(text, "定义 一年内罚款累计", "一年内罚款累计") } });
    const refs = await zh.conn.sendRequest<Location[]>("textDocument/references", { textDocument: { uri }, position: at, context: { includeDeclaration: true } });
    expect(refs.map((r) => r.range.start.line)).toEqual(expect.arrayContaining([pos(text, "定义 一年内罚款累计").line, at.line]));
    const prepared = await zh.conn.sendRequest("textDocument/prepareRename", { textDocument: { uri }, position: at });
    expect(prepared).toMatchObject({ start: { line: at.line } });
    const edit = await zh.conn.sendRequest<WorkspaceEdit>("textDocument/rename", { textDocument: { uri }, position: at, newName: "年度罚款累计" });
    expect(edit.changes?.[uri]?.length).toBe(refs.length);
    expect(edit.changes?.[uri]?.every((e) => e.newText === "年度罚款累计")).toBe(true);
    await expect(zh.conn.sendRequest("textDocument/rename", { textDocument: { uri }, position: at, newName: "计数" })).rejects.toThrow();
  });

  it("gives the outline, formatting, semantic tokens and a quick fix", async () => {
    const symbols = await zh.conn.sendRequest<DocumentSymbol[]>("textDocument/documentSymbol", { textDocument: { uri } });
    expect(symbols.map((s) => s.name)).toContain("一年内罚款累计");
    const messy = text.replace("优先顺序 C > B > A", "优先顺序   C >   B > A");
    await zh.conn.sendNotification("textDocument/didChange", { textDocument: { uri, version: 10 }, contentChanges: [{ text: messy }] });
    const edits = await zh.conn.sendRequest<TextEdit[]>("textDocument/formatting", { textDocument: { uri }, options: { tabSize: 2, insertSpaces: true } });
    expect(edits).toHaveLength(1);
    expect(edits[0]?.newText).toBe(text);
    const tokens = await zh.conn.sendRequest<{ data: number[] }>("textDocument/semanticTokens/full", { textDocument: { uri } });
    expect(tokens.data.length % 5).toBe(0);
    expect(tokens.data.length).toBeGreaterThan(500);
    const typo = text.replace("最重处罚 高于 警告 且 非 严重 近 1年", "最重处罚 高于 warnig 且 非 严重 近 1年");
    await zh.conn.sendNotification("textDocument/didChange", { textDocument: { uri, version: 11 }, contentChanges: [{ text: typo }] });
    const p = await zh.diagnostics(uri, 11);
    const d = p.diagnostics.find((x) => x.code === "CP-E0308") as Diagnostic;
    const actions = await zh.conn.sendRequest<{ title: string; edit: WorkspaceEdit }[]>("textDocument/codeAction", { textDocument: { uri }, range: d.range, context: { diagnostics: [d] } });
    expect(actions.map((a) => a.edit.changes?.[uri]?.[0]?.newText)).toEqual(["warning"]);
    await zh.conn.sendNotification("textDocument/didChange", { textDocument: { uri, version: 12 }, contentChanges: [{ text }] });
  });

  it("explains why a record gets no grade", async () => {
    const record = { id: "x", sanctions: [{ date: "2021-06-01", status: "in_force", violations: [{ penalties: [{ kind: "fine", amount: "500000.50" }] }] }] };
    const e = await zh.conn.sendRequest<{ grade: string | null; grades: { grade: string; clauses: { article: string; deciding: boolean; tests: { holds: boolean; left: { value: string } }[] }[] }[] }>("creditPolicy/explain", { uri, record, asOf: "2021-12-31" });
    expect(e.grade).toBeNull();
    const clause = e.grades.find((g) => g.grade === "B")?.clauses.find((c) => c.article === "第八条（二）2");
    expect(clause?.deciding).toBe(true);
    expect(clause?.tests.find((t) => !t.holds)?.left.value).toBe("500000.50元");
  });

  it("checks a department draft against the plan it names, read from the policies folder beside it", async () => {
    const plan = parsePolicy(readFileSync(join(ROOT, "policies/wugang-credit-plan/wugang-credit-plan.policy"), "utf8"), "plan").policy as Policy;
    const draft = fill(draftDepartmentPolicy({ plan, department: "市税务局", id: "wugang-dept-09" }).text).replace(/评价时点 .*\n/, "");
    const draftFile = join(dir, "policies", "wugang-dept-09.policy");
    writeFileSync(draftFile, draft);
    const draftUri = uriOf(draftFile);
    await zh.conn.sendNotification("textDocument/didOpen", { textDocument: { uri: draftUri, languageId: "credit-policy", version: 1, text: draft } });
    const deadline = Date.now() + WAIT;
    let codes: string[] = [];
    while (Date.now() < deadline) {
      codes = (await zh.diagnostics(draftUri)).diagnostics.map((d) => String(d.code));
      if (codes.includes("CP-E0520")) break;
      await new Promise((r) => setTimeout(r, 100));
    }
    expect(codes).toEqual(["CP-E0520"]);
  });

  it("speaks English to an English client, and exits 0 after shutdown", async () => {
    const en = await startServer("en-US");
    await en.conn.sendNotification("textDocument/didOpen", { textDocument: { uri, languageId: "credit-policy", version: 1, text } });
    const p = await en.diagnostics(uri, 1);
    expect(p.diagnostics[0]?.message).toMatch(/^the regulation leaves a gap/);
    const h = await en.conn.sendRequest<Hover>("textDocument/hover", { textDocument: { uri }, position: pos(text, "满足 最重处罚 高于 警告", "最重处罚", 1) });
    expect(JSON.stringify(h.contents)).toContain("Read by");
    await en.conn.sendRequest("shutdown");
    await en.conn.sendNotification("exit");
    expect(await en.exit).toBe(0);
  });
});
