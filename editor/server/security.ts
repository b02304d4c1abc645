// Who may use the editor's file API: only the editor's own page. The dev server binds to localhost,
// but every other page the browser has open (any site, any other localhost port) can send requests
// to it, and a DNS-rebound name can even look same-origin. So each request must
//  - name this server by a loopback host and its own port (Host), which defeats DNS rebinding;
//  - come from this server's own origin when the browser says where it comes from (Origin,
//    Sec-Fetch-Site), with no CORS anywhere (the Vite config turns it off), so another origin's
//    script can neither read an answer nor send the custom header below;
//  - carry the session token (a random 256-bit value printed in the URL `npm start` shows, kept by
//    the page in sessionStorage) in the X-Credit-Policy-Token header.
import { timingSafeEqual } from "node:crypto";
import type { IncomingMessage } from "node:http";

export const TOKEN_HEADER = "x-credit-policy-token";

export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

const LOOPBACK = new Set(["localhost", "127.0.0.1", "[::1]"]);

function header(req: IncomingMessage, name: string): string | undefined {
  const v = req.headers[name];
  return Array.isArray(v) ? v[0] : v;
}

/** Throws 403 unless the request comes from the editor's page on this very server, with the session token. */
export function checkRequest(req: IncomingMessage, token: string): void {
  const host = header(req, "host") ?? "";
  const port = req.socket.localPort;
  const m = /^(\[::1\]|[^:]+)(?::(\d+))?$/.exec(host.toLowerCase());
  if (!m || !LOOPBACK.has(m[1] as string) || (m[2] !== undefined && Number(m[2]) !== port)) {
    throw new HttpError(403, "EDITOR-HOST", `the file API answers only on localhost:${port}`);
  }
  const origin = header(req, "origin");
  const scheme = (req.socket as { encrypted?: boolean }).encrypted ? "https" : "http";
  if (origin !== undefined && origin !== `${scheme}://${host}`) throw new HttpError(403, "EDITOR-ORIGIN", "the file API answers only the editor's own page");
  const site = header(req, "sec-fetch-site");
  if (site !== undefined && site !== "same-origin" && site !== "none") throw new HttpError(403, "EDITOR-ORIGIN", "the file API answers only the editor's own page");
  const given = Buffer.from(header(req, TOKEN_HEADER) ?? "");
  const expected = Buffer.from(token);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
    throw new HttpError(403, "EDITOR-TOKEN", "missing or wrong session token: open the editor by the URL `npm start` printed");
  }
}
