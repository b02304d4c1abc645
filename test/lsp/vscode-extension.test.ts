// The VS Code extension (editor/vscode/), tested without VS Code (not available here): its manifest
// against the client that reads it, its TextMate grammars generated fresh from the lexer's tables
// and run in VS Code's own TextMate engine (vscode-textmate on Oniguruma), and the .vsix packed as
// `npm run vscode:package` packs it — unpacked outside the repository, its bundled language server
// answers an editor over JSON-RPC.
import { mkdtempSync, mkdirSync, readFileSync, rmSync, writeFileSync, existsSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { pathToFileURL } from "node:url";
import { inflateRawSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as oniguruma from "vscode-oniguruma";
import { INITIAL, Registry, type IGrammar } from "vscode-textmate";
import { allTokens, Identifier } from "../../dsl/tokens.js";
import { grammarFiles } from "../../editor/vscode/generate-grammar.js";
import { grammarScope } from "../../editor/vscode/grammar.js";
import { packageVsix } from "../../editor/vscode/package-vsix.js";
import type { Hover } from "vscode-languageserver-protocol/node";
import { startServer } from "./stdio-client.js";

const ROOT = join(import.meta.dirname, "..", "..");
const EXT = join(ROOT, "editor", "vscode");
const manifest = JSON.parse(readFileSync(join(EXT, "package.json"), "utf8")) as {
  name: string;
  publisher: string;
  type: string;
  main: string;
  engines: { vscode: string };
  contributes: {
    languages: { id: string; extensions: string[]; configuration: string }[];
    grammars: { language: string; scopeName: string; path: string }[];
    configuration: { properties: Record<string, unknown> };
  };
};

/** The entries of a zip file (the .vsix format), by name. */
function unzip(bytes: Buffer): Map<string, Buffer> {
  const out = new Map<string, Buffer>();
  const eocd = bytes.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  const count = bytes.readUInt16LE(eocd + 10);
  let at = bytes.readUInt32LE(eocd + 16);
  for (let i = 0; i < count; i++) {
    const method = bytes.readUInt16LE(at + 10);
    const size = bytes.readUInt32LE(at + 20);
    const nameLength = bytes.readUInt16LE(at + 28);
    const extra = bytes.readUInt16LE(at + 30);
    const comment = bytes.readUInt16LE(at + 32);
    const local = bytes.readUInt32LE(at + 42);
    const name = bytes.subarray(at + 46, at + 46 + nameLength).toString("utf8");
    const data = local + 30 + bytes.readUInt16LE(local + 26) + bytes.readUInt16LE(local + 28);
    const raw = bytes.subarray(data, data + size);
    out.set(name, method === 8 ? inflateRawSync(raw) : Buffer.from(raw));
    at += 46 + nameLength + extra + comment;
  }
  return out;
}

describe("the extension's manifest", () => {
  const client = readFileSync(join(EXT, "src", "extension.ts"), "utf8");

  it("contributes both languages with their grammars and configuration", () => {
    expect(manifest.contributes.languages.map((l) => [l.id, l.extensions])).toEqual([
      ["credit-policy", [".policy"]],
      ["credit-policy-yaml", [".policy.yaml", ".policy.yml"]],
    ]);
    for (const l of manifest.contributes.languages) expect(existsSync(join(EXT, l.configuration)), l.configuration).toBe(true);
    for (const g of manifest.contributes.grammars) {
      const grammar = JSON.parse(readFileSync(join(EXT, g.path), "utf8")) as { scopeName: string };
      expect(grammar.scopeName).toBe(g.scopeName);
      expect(manifest.contributes.languages.map((l) => l.id)).toContain(g.language);
    }
  });

  it("names what the client starts and reads: the bundled server, the languages, the settings", () => {
    expect(manifest.type).toBe("module");
    expect(manifest.main).toBe("./dist/extension.cjs");
    expect(client).toContain('context.asAbsolutePath("dist/server.mjs")');
    for (const l of manifest.contributes.languages) expect(client).toContain(`{ language: "${l.id}" }`);
    for (const key of client.match(/config\.get<string>\("([\w.]+)"/g) ?? []) {
      const name = `creditPolicy.${/"([\w.]+)"/.exec(key)?.[1]}`;
      expect(Object.keys(manifest.contributes.configuration.properties), name).toContain(name);
    }
    expect(client).toContain('args: ["lsp", "--stdio"]');
  });

  it("asks for a VS Code the language client supports", () => {
    const lc = JSON.parse(readFileSync(join(ROOT, "node_modules", "vscode-languageclient", "package.json"), "utf8")) as { engines: { vscode: string } };
    const min = (range: string) => range.replace(/^[\^~>=]+/, "").split(".").map(Number);
    const [a, b] = [min(manifest.engines.vscode), min(lc.engines.vscode)];
    expect((a[0] as number) * 1000 + (a[1] as number)).toBeGreaterThanOrEqual((b[0] as number) * 1000 + (b[1] as number));
  });

  it("splits words as the lexer does", () => {
    const config = JSON.parse(readFileSync(join(EXT, "language-configuration.json"), "utf8")) as { wordPattern: string };
    expect(config.wordPattern).toBe((Identifier.PATTERN as RegExp).source);
  });
});

describe("the TextMate grammars", () => {
  let policy: IGrammar;
  let yaml: IGrammar;

  beforeAll(async () => {
    const require = createRequire(import.meta.url);
    const wasm = readFileSync(join(dirname(require.resolve("vscode-oniguruma")), "onig.wasm"));
    await oniguruma.loadWASM(wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.byteLength));
    const registry = new Registry({
      onigLib: Promise.resolve({ createOnigScanner: (p: string[]) => new oniguruma.OnigScanner(p), createOnigString: (s: string) => new oniguruma.OnigString(s) }),
      loadGrammar: async (scope) => {
        const g = manifest.contributes.grammars.find((x) => x.scopeName === scope);
        return g ? (JSON.parse(readFileSync(join(EXT, g.path), "utf8")) as never) : null;
      },
    });
    policy = (await registry.loadGrammar("source.credit-policy")) as IGrammar;
    yaml = (await registry.loadGrammar("source.credit-policy-yaml")) as IGrammar;
  });

  it("are what the lexer's tables generate (npm run vscode:grammar)", () => {
    for (const f of grammarFiles()) expect(readFileSync(f.file, "utf8"), f.file).toBe(f.text);
  });

  it("have a rule for every lexer token", () => {
    expect(allTokens.filter((t) => grammarScope(t) === undefined).map((t) => t.name)).toEqual([]);
  });

  const scopes = (g: IGrammar, line: string) =>
    g
      .tokenizeLine(line, INITIAL)
      .tokens.map((t) => [line.slice(t.startIndex, t.endIndex), t.scopes[t.scopes.length - 1] as string] as const)
      .filter(([text]) => text.trim())
      .map(([text, scope]) => `${text}:${scope.replace(/\.credit-policy(-yaml)?$/, "").replace(/\.yaml$/, "")}`);

  it("highlight both keyword languages as VS Code's engine runs them", () => {
    expect(scopes(policy, "定义 一年内罚款累计 = 合计 金额(罚款) 来自 违法行为 满足 最重处罚 高于 警告 近 1年")).toEqual(
      expect.arrayContaining(["定义:keyword.control", "一年内罚款累计:variable.other", "合计:keyword.control", "高于:keyword.operator.boundary", "近:keyword.control", "1:constant.numeric", "年:keyword.other.unit"]),
    );
    expect(scopes(policy, '第八条（二）1 "…": n at least 1 times within 3 times (exclusive) and m not over 50 wan yuan')).toEqual(
      expect.arrayContaining(["第八条（二）1:entity.name.tag.article", "at least:keyword.operator.boundary", "(exclusive):keyword.operator.marker", "not over:keyword.operator.boundary", "wan yuan:keyword.other.unit"]),
    );
    // A keyword glued to a name is a name; so is a name that starts like a section number.
    expect(scopes(policy, "计数违法行为 一年内")).toEqual(["计数违法行为:variable.other", "一年内:variable.other"]);
    expect(scopes(policy, "# 注释 计数")).toEqual(["# 注释 计数:comment.line"]);
    expect(scopes(yaml, "  - when: 一年内罚款累计 不超过 50万元")).toEqual(expect.arrayContaining(["when:entity.name.tag", "不超过:keyword.operator.boundary", "万元:keyword.other.unit"]));
  });
});

describe("the .vsix", () => {
  let dir: string;
  let files: Map<string, Buffer>;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), "cp-vsix-"));
    const vsix = await packageVsix(join(dir, "credit-policy.vsix"));
    files = unzip(readFileSync(vsix));
  }, 300_000);

  afterAll(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it("holds the manifest, the bundled client and server, the grammars and the language configuration", () => {
    for (const f of ["extension/package.json", "extension/dist/extension.cjs", "extension/dist/server.mjs", "extension/syntaxes/credit-policy.tmLanguage.json", "extension/syntaxes/credit-policy-yaml.tmLanguage.json", "extension/language-configuration.json", "extension.vsixmanifest"]) {
      expect(files.has(f), f).toBe(true);
    }
    const packed = JSON.parse(files.get("extension/package.json")?.toString("utf8") ?? "{}") as { version: string; name: string };
    expect(packed.version).toBe((JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")) as { version: string }).version);
    expect(files.get("extension.vsixmanifest")?.toString("utf8")).toContain('Language="en-US" Id="credit-policy"');
    // The client is CommonJS that leaves vscode to the editor.
    expect(files.get("extension/dist/extension.cjs")?.toString("utf8")).toMatch(/require\(["']vscode["']\)/);
  });

  it("runs its bundled language server alone, outside the repository, for an editor", async () => {
    const ext = join(dir, "unpacked");
    for (const [name, data] of files) {
      if (!name.startsWith("extension/")) continue;
      const to = join(ext, name.slice("extension/".length));
      mkdirSync(dirname(to), { recursive: true });
      writeFileSync(to, data);
    }
    const s = await startServer("zh-cn", {}, { args: [join(ext, "dist", "server.mjs"), "--stdio"], cwd: dir });
    try {
      const file = join(ROOT, "policies", "pinglu-fgj", "pinglu-fgj.policy");
      const uri = pathToFileURL(file).href;
      const text = readFileSync(file, "utf8");
      await s.conn.sendNotification("textDocument/didOpen", { textDocument: { uri, languageId: "credit-policy", version: 1, text } });
      const p = await s.diagnostics(uri, 1);
      expect(p.diagnostics.map((d) => d.code)).toContain("CP-W0603");
      const lines = text.split("\n");
      const i = lines.findIndex((l) => l.includes("满足 最重处罚 高于 警告"));
      const h = await s.conn.sendRequest<Hover>("textDocument/hover", { textDocument: { uri }, position: { line: i, character: (lines[i] as string).indexOf("最重处罚") + 1 } });
      expect(JSON.stringify(h.contents)).toContain("violations.class");
      await s.conn.sendRequest("shutdown");
      await s.conn.sendNotification("exit");
      expect(await s.exit).toBe(0);
    } finally {
      s.proc.kill();
    }
  });
});
