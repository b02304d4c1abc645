// The VS Code extension: starts the credit-policy language server — the one bundled with the
// extension (dist/server.mjs, built from cli/lsp/main.ts; this file becomes dist/extension.cjs), or an installed `credit-policy lsp
// --stdio` when creditPolicy.server.command names one — for .policy and .policy.yaml files, in
// the language VS Code is displayed in (or creditPolicy.language).
import * as vscode from "vscode";
import { LanguageClient, TransportKind, type LanguageClientOptions, type ServerOptions } from "vscode-languageclient/node";

let client: LanguageClient | undefined;

/** The interface language the server answers in: the setting, else VS Code's display language. */
export function serverLanguage(setting: string | undefined, displayLanguage: string): "zh" | "en" {
  if (setting === "zh" || setting === "en") return setting;
  return /^zh\b/i.test(displayLanguage) ? "zh" : "en";
}

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  const config = vscode.workspace.getConfiguration("creditPolicy");
  const command = config.get<string>("server.command", "").trim();
  const serverOptions: ServerOptions = command
    ? { command, args: ["lsp", "--stdio"], transport: TransportKind.stdio }
    : { module: context.asAbsolutePath("dist/server.mjs"), args: ["--stdio"], transport: TransportKind.stdio };
  const clientOptions: LanguageClientOptions = {
    documentSelector: [{ language: "credit-policy" }, { language: "credit-policy-yaml" }],
    initializationOptions: { language: serverLanguage(config.get<string>("language"), vscode.env.language) },
    synchronize: { configurationSection: "creditPolicy" },
  };
  client = new LanguageClient("creditPolicy", "信用政策 Credit Policy", serverOptions, clientOptions);
  await client.start();
  context.subscriptions.push({ dispose: () => void client?.stop() });
}

export async function deactivate(): Promise<void> {
  await client?.stop();
  client = undefined;
}
