// D11 in a real browser: a page served from another localhost port, open in the same Chromium as
// the editor, tries every way a script has to read or overwrite a policy through the editor's file
// API — plain fetch, with the session token (as if it had leaked), no-cors requests, a form post —
// and gets nothing: no policy text, and the file on disk is unchanged.
import { cpSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { createServer, type Server } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchChromium, startEditorServer, type EditorBrowser, type EditorServer } from "../../editor/server/harness.js";
import { ROOT } from "../cli/run-cli.js";

const FILE = "pinglu-fgj/pinglu-fgj.policy";
let editor: EditorServer;
let attacker: Server;
let attackerOrigin: string;
let chromium: EditorBrowser;
let policies: string;

beforeAll(async () => {
  policies = mkdtempSync(join(tmpdir(), "cpe-xorigin-"));
  cpSync(join(ROOT, "policies", "pinglu-fgj"), join(policies, "pinglu-fgj"), { recursive: true });
  editor = await startEditorServer({ policiesDir: policies });
  attacker = createServer((_req, res) => {
    res.setHeader("Content-Type", "text/html; charset=utf-8");
    res.end("<!doctype html><title>another site on localhost</title><body>");
  });
  await new Promise<void>((resolve) => attacker.listen(0, "localhost", () => resolve()));
  const address = attacker.address();
  attackerOrigin = `http://localhost:${typeof address === "object" && address ? address.port : 0}`;
  chromium = await launchChromium();
}, 180_000);

afterAll(async () => {
  await chromium?.close();
  await editor?.close();
  await new Promise<void>((resolve) => attacker?.close(() => resolve()));
  if (policies) rmSync(policies, { recursive: true, force: true });
});

describe("a page on another localhost port", () => {
  it("cannot read or write a policy through the editor's file API", async () => {
    const before = readFileSync(join(policies, FILE), "utf8");
    const page = await chromium.browser.newPage();
    try {
      // The editor is open in the same browser, so its token sits in that tab's sessionStorage.
      const editorPage = await chromium.browser.newPage();
      await editorPage.goto(editor.url);
      await page.goto(`${attackerOrigin}/`);
      const results = await page.evaluate(
        async ({ target, token, file }) => {
          const out: Record<string, string> = {};
          const attempt = async (name: string, run: () => Promise<Response>) => {
            try {
              const res = await run();
              let body = "";
              try {
                body = await res.text();
              } catch {
                body = "";
              }
              out[name] = `${res.type} ${res.status} ${body.slice(0, 200)}`;
            } catch (e) {
              out[name] = `blocked ${(e as Error).name}`;
            }
          };
          const save = JSON.stringify({ path: file, text: "pwned\n", baseSha256: null, force: true });
          await attempt("list", () => fetch(`${target}/api/policies`));
          await attempt("read", () => fetch(`${target}/api/file?path=${encodeURIComponent(file)}`));
          await attempt("read with token", () => fetch(`${target}/api/file?path=${encodeURIComponent(file)}`, { headers: { "X-Credit-Policy-Token": token } }));
          await attempt("read no-cors", () => fetch(`${target}/api/file?path=${encodeURIComponent(file)}`, { mode: "no-cors" }));
          await attempt("write", () => fetch(`${target}/api/file`, { method: "PUT", headers: { "Content-Type": "application/json" }, body: save }));
          await attempt("write with token", () =>
            fetch(`${target}/api/file`, { method: "PUT", headers: { "Content-Type": "application/json", "X-Credit-Policy-Token": token }, body: save }),
          );
          await attempt("write no-cors", () => fetch(`${target}/api/file`, { method: "POST", mode: "no-cors", headers: { "Content-Type": "text/plain" }, body: save }));
          await attempt("write no-cors put", () => fetch(`${target}/api/file`, { method: "PUT", mode: "no-cors", body: save }));
          // A form post navigates a frame; its answer is not readable either.
          const frame = document.createElement("iframe");
          frame.name = "sink";
          document.body.append(frame);
          const form = document.createElement("form");
          form.method = "POST";
          form.action = `${target}/api/file`;
          form.target = "sink";
          form.enctype = "text/plain";
          const field = document.createElement("input");
          field.name = save.slice(0, -1);
          field.value = "}";
          form.append(field);
          document.body.append(form);
          form.submit();
          await new Promise((r) => setTimeout(r, 500));
          try {
            out["form"] = frame.contentDocument?.body?.textContent ?? "unreadable";
          } catch (e) {
            out["form"] = `blocked ${(e as Error).name}`;
          }
          return out;
        },
        { target: editor.origin, token: editor.token, file: FILE },
      );
      // Nothing the page got holds the policy, and nothing it sent was written.
      for (const [name, result] of Object.entries(results)) {
        expect(result, name).not.toContain("政策");
        expect(result, name).not.toMatch(/^(basic|cors) 200/);
      }
      expect(results["list"]).toMatch(/^blocked/);
      expect(results["read with token"]).toMatch(/^blocked/);
      expect(results["write with token"]).toMatch(/^blocked/);
      expect(results["read no-cors"]).toMatch(/^opaque 0 $/);
      expect(readFileSync(join(policies, FILE), "utf8")).toBe(before);
      await editorPage.close();
    } finally {
      await page.close();
    }
  });
});
