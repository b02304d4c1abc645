// The editor's file API under attack (issue 12, D10–D12, D17): only requests with the session
// token, from the server's own origin and host, are answered; no CORS; paths stay inside the
// policies folder through no symbolic link; bodies are limited (413); concurrent saves from one
// base hash give exactly one winner and no lost update; a failed save leaves the file and no
// temporary file.
import { spawn } from "node:child_process";
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { request } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { MAX_BODY, sha256Hex } from "../../editor/server/file-api.js";
import { startEditorServer, type EditorServer } from "../../editor/server/harness.js";
import { ROOT } from "../cli/run-cli.js";

interface Answer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/** A raw HTTP request, headers exactly as given (a browser's Origin, Host, Sec-Fetch-Site). */
function send(port: number, method: string, path: string, headers: Record<string, string>, body?: string | Buffer): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = request({ host: "localhost", port, method, path, headers: { host: `localhost:${port}`, ...headers } }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (c: Buffer) => chunks.push(c));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString("utf8") }));
    });
    req.on("error", reject);
    if (body !== undefined) req.end(body);
    else req.end();
  });
}

const code = (a: Answer): string | undefined => {
  try {
    return (JSON.parse(a.body) as { code?: string }).code;
  } catch {
    return undefined;
  }
};

let server: EditorServer;
let policies: string;
let outside: string;
let port: number;
const FILE = "pinglu-fgj/pinglu-fgj.policy";

beforeAll(async () => {
  policies = mkdtempSync(join(tmpdir(), "cpe-sec-"));
  outside = mkdtempSync(join(tmpdir(), "cpe-outside-"));
  cpSync(join(ROOT, "policies", "pinglu-fgj"), join(policies, "pinglu-fgj"), { recursive: true });
  writeFileSync(join(outside, "secret.policy"), "secret\n");
  mkdirSync(join(policies, "linked-file"));
  symlinkSync(join(outside, "secret.policy"), join(policies, "linked-file", "leak.policy"));
  symlinkSync(outside, join(policies, "linked-dir"));
  server = await startEditorServer({ policiesDir: policies, examplesDir: join(ROOT, "examples") });
  port = Number(new URL(server.origin).port);
}, 120_000);

afterAll(async () => {
  await server?.close();
  rmSync(policies, { recursive: true, force: true });
  rmSync(outside, { recursive: true, force: true });
});

describe("who may use the file API", () => {
  it("answers the editor's own requests: the token, no Origin (a same-origin GET) or its own", async () => {
    const token = { "x-credit-policy-token": server.token };
    expect((await send(port, "GET", "/api/policies", token)).status).toBe(200);
    expect((await send(port, "GET", "/api/policies", { ...token, origin: server.origin, "sec-fetch-site": "same-origin" })).status).toBe(200);
  });

  it("refuses a request without the token, or with a wrong one (403)", async () => {
    const wrong: Record<string, string>[] = [{}, { "x-credit-policy-token": "0".repeat(64) }, { "x-credit-policy-token": server.token.slice(1) }];
    for (const headers of wrong) {
      const a = await send(port, "GET", `/api/file?path=${encodeURIComponent(FILE)}`, headers);
      expect([a.status, code(a)]).toEqual([403, "EDITOR-TOKEN"]);
      expect(a.body).not.toContain("政策");
    }
  });

  it("refuses another origin, even with the token, and gives it no CORS headers", async () => {
    const token = { "x-credit-policy-token": server.token };
    for (const origin of [`http://localhost:${port + 1}`, "http://evil.example", "null"]) {
      const a = await send(port, "GET", "/api/policies", { ...token, origin });
      expect([a.status, code(a)]).toEqual([403, "EDITOR-ORIGIN"]);
      expect(a.headers["access-control-allow-origin"]).toBeUndefined();
    }
    const cross = await send(port, "GET", "/api/policies", { ...token, "sec-fetch-site": "same-site" });
    expect(cross.status).toBe(403);
    const preflight = await send(port, "OPTIONS", "/api/file", {
      origin: `http://localhost:${port + 1}`,
      "access-control-request-method": "PUT",
      "access-control-request-headers": "content-type,x-credit-policy-token",
    });
    expect(preflight.headers["access-control-allow-origin"]).toBeUndefined();
    expect(preflight.headers["access-control-allow-methods"]).toBeUndefined();
  });

  it("refuses a Host that is not this server on a loopback name (DNS rebinding)", async () => {
    const a = await send(port, "GET", "/api/policies", { "x-credit-policy-token": server.token, host: `rebound.example:${port}` });
    expect(a.status).toBe(403);
  });
});

describe("paths", () => {
  const token = () => ({ "x-credit-policy-token": server.token, "content-type": "application/json" });

  it("refuses a symbolic link to a file outside the folder, reading or writing", async () => {
    const read = await send(port, "GET", `/api/file?path=${encodeURIComponent("linked-file/leak.policy")}`, token());
    expect([read.status, code(read)]).toEqual([403, "EDITOR-SYMLINK"]);
    expect(read.body).not.toContain("secret");
    const write = await send(port, "PUT", "/api/file", token(), JSON.stringify({ path: "linked-file/leak.policy", text: "pwned", baseSha256: null, force: true }));
    expect(write.status).toBe(403);
    expect(readFileSync(join(outside, "secret.policy"), "utf8")).toBe("secret\n");
  });

  it("refuses writing through a linked folder", async () => {
    const write = await send(port, "PUT", "/api/file", token(), JSON.stringify({ path: "linked-dir/new.policy", text: "pwned", baseSha256: null }));
    expect([write.status, code(write)]).toEqual([403, "EDITOR-SYMLINK"]);
    expect(readdirSync(outside)).toEqual(["secret.policy"]);
  });

  it("lists no file behind a link, and refuses .. and absolute paths", async () => {
    const list = JSON.parse((await send(port, "GET", "/api/policies", token())).body) as { files: { path: string }[] };
    expect(list.files.map((f) => f.path)).toEqual([FILE]);
    for (const path of ["../x.policy", "/etc/x.policy", "pinglu-fgj/../../x.policy"]) {
      const a = await send(port, "GET", `/api/file?path=${encodeURIComponent(path)}`, token());
      expect(a.status === 400 || a.status === 403).toBe(true);
    }
  });

  it("answers a body over the limit with 413 and saves nothing", async () => {
    const before = readFileSync(join(policies, FILE), "utf8");
    const a = await send(port, "PUT", "/api/file", token(), JSON.stringify({ path: FILE, text: "x".repeat(MAX_BODY + 10), baseSha256: null, force: true }));
    expect([a.status, code(a)]).toEqual([413, "EDITOR-TOO-LARGE"]);
    expect(readFileSync(join(policies, FILE), "utf8")).toBe(before);
  });
});

describe("saving", () => {
  it("of 300 concurrent saves from the same base, exactly one wins and the rest get 409, with no 500 and no temporary file", async () => {
    const text = readFileSync(join(policies, FILE), "utf8");
    const base = sha256Hex(text);
    const headers = { "x-credit-policy-token": server.token, "content-type": "application/json" };
    const answers = await Promise.all(
      Array.from({ length: 300 }, (_, i) => send(port, "PUT", "/api/file", headers, JSON.stringify({ path: FILE, text: `${text}# save ${i}\n`, baseSha256: base }))),
    );
    const statuses = answers.map((a) => a.status);
    expect(statuses.filter((s) => s === 200)).toHaveLength(1);
    expect(statuses.filter((s) => s === 409)).toHaveLength(299);
    const winner = statuses.indexOf(200);
    expect(readFileSync(join(policies, FILE), "utf8")).toBe(`${text}# save ${winner}\n`);
    expect(readdirSync(join(policies, "pinglu-fgj"))).toEqual(["pinglu-fgj.policy"]);
  });

  it("leaves the file as it was and no temporary file when the write fails (a full disk)", async () => {
    const dir = mkdtempSync(join(tmpdir(), "cpe-full-"));
    mkdirSync(join(dir, "p"));
    writeFileSync(join(dir, "p", "p.policy"), "# small\n");
    // Writes past 1 KiB fail with EFBIG in the child, as they would with ENOSPC on a full disk.
    const child = spawn("bash", ["-c", `ulimit -f 1 && exec "${process.execPath}" --import tsx test/editor/serve-file-api.ts "${dir}" tok`], { cwd: ROOT });
    try {
      const childPort = await new Promise<number>((resolve, reject) => {
        child.stdout.once("data", (d: Buffer) => resolve(Number(d.toString().trim())));
        child.once("exit", (c) => reject(new Error(`server exited ${c}`)));
      });
      const a = await send(childPort, "PUT", "/api/file", { "x-credit-policy-token": "tok", "content-type": "application/json" }, JSON.stringify({ path: "p/p.policy", text: "y".repeat(4000), baseSha256: sha256Hex("# small\n") }));
      expect(a.status).toBe(500);
      expect(readFileSync(join(dir, "p", "p.policy"), "utf8")).toBe("# small\n");
      expect(readdirSync(join(dir, "p"))).toEqual(["p.policy"]);
    } finally {
      child.kill();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
