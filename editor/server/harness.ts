// Serving the editor and driving it from Node: the browser tests and the latency benchmark start
// the same Vite dev server on a free localhost port and drive Debian's Chromium (never a
// downloaded browser) headless with playwright-core, with no network use.
import { existsSync } from "node:fs";
import { chromium, type Browser } from "playwright-core";
import { createServer, type ViteDevServer } from "vite";
import { editorConfig, type EditorServerOptions } from "./config.js";
import { newToken } from "./file-api.js";

export const CHROMIUM = process.env["CHROMIUM_PATH"] ?? "/usr/bin/chromium";

export interface EditorServer {
  /** The editor's URL with the session token, as `npm start` prints it. */
  url: string;
  /** The server's origin, without the token. */
  origin: string;
  token: string;
  server: ViteDevServer;
  close(): Promise<void>;
}

export async function startEditorServer(opts: EditorServerOptions & { logLevel?: "info" | "warn" | "error" | "silent" } = {}): Promise<EditorServer> {
  const token = opts.token ?? newToken();
  const base = editorConfig({ ...opts, token });
  const server = await createServer({
    ...base,
    configFile: false,
    logLevel: opts.logLevel ?? "warn",
    // Port 0: the system picks a free port, so parallel runs never collide.
    server: { ...base.server, port: 0, strictPort: false, hmr: false, watch: null },
  });
  await server.listen();
  const address = server.httpServer?.address();
  if (!address || typeof address === "string") throw new Error("the editor server has no TCP address");
  const origin = `http://localhost:${address.port}`;
  return { url: `${origin}/?token=${token}`, origin, token, server, close: () => server.close() };
}

export interface EditorBrowser {
  browser: Browser;
  close(): Promise<void>;
}

export async function launchChromium(): Promise<EditorBrowser> {
  if (!existsSync(CHROMIUM)) {
    throw new Error(`no Chromium at ${CHROMIUM}: install Debian's (apt-get install chromium, as .ci/run does) or set CHROMIUM_PATH`);
  }
  // playwright-core gives every launch a fresh temporary --user-data-dir of its own (it refuses
  // one in `args`) and removes it on close.
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  });
  return {
    browser,
    close: () => browser.close(),
  };
}
