// The editor's local file API, served by the Vite dev server (and the preview server): list the
// policies under one root folder, read one, save one, list and read the example records, and read
// a policy's earlier revisions from git when the folder is in a work tree.
//
// Saving refuses with 409 when the file on disk is not the one the editor opened (its sha256
// differs from the `baseSha256` the editor sends back): a clerk never overwrites a colleague's
// edit without seeing it. The check and the write happen under one lock per file, so of two saves
// from the same base exactly one wins; the write goes to a uniquely named temporary file, is
// fsynced and renamed into place (the temporary file removed if anything fails), so a crash never
// leaves half a policy on disk.
//
// Only the editor's own page may use the API (security.ts): every request carries the session's
// random token, comes from the server's own origin and host, and names a path that resolves,
// through no symbolic link, inside the policies folder; bodies are limited (413).
import { execFile } from "node:child_process";
import { createHash, randomBytes } from "node:crypto";
import { constants, existsSync } from "node:fs";
import { lstat, open, readdir, readFile, realpath, rename, stat, unlink } from "node:fs/promises";
import type { IncomingMessage, ServerResponse } from "node:http";
import { basename, dirname, isAbsolute, join, relative, resolve, sep } from "node:path";
import type { Connect, Plugin, PreviewServer, ViteDevServer } from "vite";
import { checkRequest, HttpError, TOKEN_HEADER } from "./security.js";

export { HttpError, TOKEN_HEADER };

export interface FileApiOptions {
  /** The folder holding one sub-folder per policy (the repository's policies/ by default). */
  policiesDir: string;
  /** The folder holding example records (*.jsonl, *.json). */
  examplesDir: string;
  /** The session token every request must carry (in the URL the server prints). */
  token: string;
}

/** A fresh session token: 32 random bytes, hex. */
export function newToken(): string {
  return randomBytes(32).toString("hex");
}

export interface PolicyFileInfo {
  /** Relative to the policies folder, with `/` separators: `pinglu-fgj/pinglu-fgj.policy`. */
  path: string;
  /** The policy folder's name (the policy id by convention). */
  id: string;
  form: "dsl" | "yaml";
  size: number;
  mtimeMs: number;
  sha256: string;
}

export interface FileContent {
  path: string;
  text: string;
  mtimeMs: number;
  sha256: string;
}

export interface SaveRequest {
  path: string;
  text: string;
  /** The sha256 of the text the editor opened; null for a new file. */
  baseSha256: string | null;
  /** Overwrite even when the file changed on disk (after the user saw the conflict). */
  force?: boolean;
}

export interface ConflictBody {
  error: "conflict";
  code: "EDITOR-CONFLICT";
  message: string;
  diskSha256: string | null;
  diskMtimeMs: number | null;
}

export interface Revision {
  rev: string;
  date: string;
  subject: string;
}

/** The largest request body (a policy being saved); larger ones get 413. */
export const MAX_BODY = 8 * 1024 * 1024;

export function isPolicyFileName(name: string): boolean {
  return /\.policy$/.test(name) || /\.policy\.ya?ml$/.test(name);
}

export function sha256Hex(text: string | Uint8Array): string {
  return createHash("sha256").update(text).digest("hex");
}

/**
 * A request path made absolute inside `root`, refused (403) when it leaves the folder or passes
 * through a symbolic link: each existing component below the folder is looked at without following
 * links, and the deepest existing one must resolve (realpath) inside the folder's own real path.
 */
async function insideRoot(root: string, rel: string | null): Promise<string> {
  if (!rel || rel.includes("\0") || isAbsolute(rel)) throw new HttpError(400, "EDITOR-BAD-PATH", "missing or invalid path");
  const base = await realpath(root);
  const abs = resolve(base, rel);
  if (abs === base || !abs.startsWith(base + sep)) throw new HttpError(403, "EDITOR-OUTSIDE", `${rel}: outside the policies folder`);
  let at = base;
  for (const part of relative(base, abs).split(sep)) {
    at = join(at, part);
    let st;
    try {
      st = await lstat(at);
    } catch {
      break; // from here on nothing exists yet (a new file)
    }
    if (st.isSymbolicLink()) throw new HttpError(403, "EDITOR-SYMLINK", `${rel}: goes through a symbolic link; the editor does not follow links`);
  }
  let existing = abs;
  while (!existsSync(existing) && existing !== base) existing = dirname(existing);
  const real = await realpath(existing);
  if (real !== base && !real.startsWith(base + sep)) throw new HttpError(403, "EDITOR-OUTSIDE", `${rel}: outside the policies folder`);
  return abs;
}

async function walkPolicies(root: string, dir: string, depth: number, out: PolicyFileInfo[]): Promise<void> {
  let entries;
  try {
    entries = await readdir(dir, { withFileTypes: true });
  } catch {
    return;
  }
  for (const e of entries.sort((a, b) => a.name.localeCompare(b.name))) {
    if (e.name.startsWith(".") || e.name === "node_modules") continue;
    const abs = join(dir, e.name);
    if (e.isDirectory() && depth < 3) await walkPolicies(root, abs, depth + 1, out);
    else if (e.isFile() && isPolicyFileName(e.name)) {
      const [st, bytes] = await Promise.all([stat(abs), readFile(abs)]);
      const path = relative(root, abs).split(sep).join("/");
      out.push({
        path,
        id: path.includes("/") ? (path.split("/")[0] as string) : e.name.replace(/\.policy(\.ya?ml)?$/, ""),
        form: /\.ya?ml$/.test(e.name) ? "yaml" : "dsl",
        size: st.size,
        mtimeMs: st.mtimeMs,
        sha256: sha256Hex(bytes),
      });
    }
  }
}

export async function listPolicies(root: string): Promise<PolicyFileInfo[]> {
  const out: PolicyFileInfo[] = [];
  await walkPolicies(root, root, 0, out);
  return out;
}

export async function readPolicy(root: string, rel: string): Promise<FileContent> {
  const abs = await insideRoot(root, rel);
  if (!isPolicyFileName(basename(abs))) throw new HttpError(400, "EDITOR-BAD-PATH", `${rel}: not a .policy or .policy.yaml file`);
  if (!existsSync(abs)) throw new HttpError(404, "EDITOR-NOT-FOUND", `${rel}: no such policy file`);
  const [bytes, st] = await Promise.all([readFile(abs), stat(abs)]);
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    throw new HttpError(422, "EDITOR-NOT-UTF8", `${rel}: not valid UTF-8 text`);
  }
  return { path: rel, text: text.startsWith("\ufeff") ? text.slice(1) : text, mtimeMs: st.mtimeMs, sha256: sha256Hex(bytes) };
}

/** Saves of one file, one at a time: the conflict check and the rename happen under this lock. */
const locks = new Map<string, Promise<unknown>>();

async function locked<T>(key: string, fn: () => Promise<T>): Promise<T> {
  const before = locks.get(key) ?? Promise.resolve();
  const run = before.then(fn, fn);
  const tail = run.catch(() => undefined);
  locks.set(key, tail);
  try {
    return await run;
  } finally {
    if (locks.get(key) === tail) locks.delete(key);
  }
}

/** Writes `text` to `abs` through a uniquely named temporary file beside it: written, fsynced, renamed; removed if anything fails. */
async function writeAtomic(abs: string, text: string): Promise<void> {
  const tmp = join(dirname(abs), `.${basename(abs)}.${process.pid}.${randomBytes(6).toString("hex")}.tmp`);
  let handle;
  try {
    handle = await open(tmp, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL, 0o644);
    await handle.writeFile(text, "utf8");
    await handle.sync();
    await handle.close();
    handle = undefined;
    await rename(tmp, abs);
  } catch (e) {
    await handle?.close().catch(() => undefined);
    await unlink(tmp).catch(() => undefined);
    throw e;
  }
  // The rename itself made durable (best effort: some file systems refuse fsync on a folder).
  const dir = await open(dirname(abs), constants.O_RDONLY).catch(() => undefined);
  await dir?.sync().catch(() => undefined);
  await dir?.close();
}

export async function savePolicy(
  root: string,
  req: SaveRequest,
): Promise<{ ok: true; path: string; sha256: string; mtimeMs: number } | ConflictBody> {
  const abs = await insideRoot(root, req.path);
  if (!isPolicyFileName(basename(abs))) throw new HttpError(400, "EDITOR-BAD-PATH", `${req.path}: not a .policy or .policy.yaml file`);
  if (typeof req.text !== "string") throw new HttpError(400, "EDITOR-BAD-REQUEST", "text must be a string");
  return locked(abs, async () => {
    const exists = existsSync(abs);
    const disk = exists ? await readFile(abs) : null;
    const diskSha = disk ? sha256Hex(disk) : null;
    if (!req.force && diskSha !== req.baseSha256) {
      const st = exists ? await stat(abs) : null;
      return {
        error: "conflict",
        code: "EDITOR-CONFLICT",
        message:
          diskSha === null
            ? `${req.path} 已在磁盘上被删除 (was deleted on disk since it was opened)`
            : `${req.path} 在打开后已被他人修改，未保存 (changed on disk since it was opened; not saved)`,
        diskSha256: diskSha,
        diskMtimeMs: st ? st.mtimeMs : null,
      } satisfies ConflictBody;
    }
    if (!existsSync(dirname(abs))) throw new HttpError(404, "EDITOR-NOT-FOUND", `${req.path}: its folder does not exist`);
    await writeAtomic(abs, req.text);
    const st = await stat(abs);
    return { ok: true as const, path: req.path, sha256: sha256Hex(req.text), mtimeMs: st.mtimeMs };
  });
}

export async function listExamples(dir: string): Promise<{ name: string; size: number }[]> {
  let names: string[];
  try {
    names = await readdir(dir);
  } catch {
    return [];
  }
  const out: { name: string; size: number }[] = [];
  for (const name of names.filter((n) => /\.jsonl?$/.test(n) && !/^expected-/.test(n)).sort()) {
    out.push({ name, size: (await stat(join(dir, name))).size });
  }
  return out;
}

function git(cwd: string, args: string[]): Promise<string | undefined> {
  return new Promise((done) => {
    execFile("git", ["-C", cwd, ...args], { maxBuffer: 16 * 1024 * 1024, encoding: "utf8" }, (err, stdout) =>
      done(err ? undefined : stdout),
    );
  });
}

/** The commits that touched a policy file, newest first; empty outside a git work tree. */
export async function listRevisions(root: string, rel: string): Promise<Revision[]> {
  const abs = await insideRoot(root, rel);
  const out = await git(dirname(abs), ["log", "-n", "50", "--format=%H%x09%aI%x09%s", "--", basename(abs)]);
  if (!out) return [];
  return out
    .split("\n")
    .filter(Boolean)
    .map((l) => {
      const [rev = "", date = "", ...subject] = l.split("\t");
      return { rev, date, subject: subject.join("\t") };
    });
}

export async function readRevision(root: string, rel: string, rev: string): Promise<FileContent> {
  if (!/^[0-9a-f]{7,40}$/.test(rev)) throw new HttpError(400, "EDITOR-BAD-REV", `${rev}: not a commit id`);
  const abs = await insideRoot(root, rel);
  const text = await git(dirname(abs), ["show", `${rev}:./${basename(abs)}`]);
  if (text === undefined) throw new HttpError(404, "EDITOR-NOT-FOUND", `${rel}@${rev}: no such revision`);
  return { path: `${rel}@${rev.slice(0, 10)}`, text, mtimeMs: 0, sha256: sha256Hex(text) };
}

function send(res: ServerResponse, status: number, body: unknown, type = "application/json; charset=utf-8"): void {
  res.statusCode = status;
  res.setHeader("Content-Type", type);
  res.setHeader("Cache-Control", "no-store");
  res.end(typeof body === "string" ? body : JSON.stringify(body));
}

/** The request body as text; 413 (and no more reading) past MAX_BODY, by Content-Length or as it arrives. */
function readBody(req: IncomingMessage): Promise<string> {
  const declared = Number(req.headers["content-length"] ?? "0");
  if (declared > MAX_BODY) return Promise.reject(new HttpError(413, "EDITOR-TOO-LARGE", `request body over ${MAX_BODY} bytes`));
  return new Promise((done, fail) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let over = false;
    req.on("data", (c: Buffer) => {
      if (over) return;
      size += c.length;
      if (size > MAX_BODY) {
        over = true;
        chunks.length = 0;
        fail(new HttpError(413, "EDITOR-TOO-LARGE", `request body over ${MAX_BODY} bytes`));
      } else chunks.push(c);
    });
    req.on("end", () => {
      if (!over) done(Buffer.concat(chunks).toString("utf8"));
    });
    req.on("error", fail);
  });
}

/** The connect middleware behind /api/… . */
export function fileApiMiddleware(opts: FileApiOptions): Connect.NextHandleFunction {
  const root = resolve(opts.policiesDir);
  const examples = resolve(opts.examplesDir);
  return (req, res, next) => {
    const url = new URL(req.url ?? "/", "http://localhost");
    if (!url.pathname.startsWith("/api/")) return next();
    const q = (k: string) => url.searchParams.get(k);
    const route = `${req.method ?? "GET"} ${url.pathname}`;
    const handle = async (): Promise<void> => {
      checkRequest(req, opts.token);
      switch (route) {
        case "GET /api/policies":
          return send(res, 200, { root, files: await listPolicies(root) });
        case "GET /api/file":
          return send(res, 200, await readPolicy(root, q("path") ?? ""));
        case "PUT /api/file": {
          let body: SaveRequest;
          try {
            body = JSON.parse(await readBody(req)) as SaveRequest;
          } catch (e) {
            if (e instanceof HttpError) throw e;
            throw new HttpError(400, "EDITOR-BAD-REQUEST", "the request body is not JSON");
          }
          if (!body || typeof body !== "object") throw new HttpError(400, "EDITOR-BAD-REQUEST", "the request body is not a JSON object");
          const result = await savePolicy(root, body);
          return send(res, "error" in result ? 409 : 200, result);
        }
        case "GET /api/examples":
          return send(res, 200, { files: await listExamples(examples) });
        case "GET /api/example": {
          const name = q("name") ?? "";
          if (!/^[\w.-]+\.jsonl?$/.test(name)) throw new HttpError(400, "EDITOR-BAD-PATH", `${name}: not an example file name`);
          const abs = join(examples, name);
          if (!existsSync(abs)) throw new HttpError(404, "EDITOR-NOT-FOUND", `${name}: no such example file`);
          if ((await lstat(abs)).isSymbolicLink()) throw new HttpError(403, "EDITOR-SYMLINK", `${name}: a symbolic link; the editor does not follow links`);
          return send(res, 200, await readFile(abs, "utf8"), "text/plain; charset=utf-8");
        }
        case "GET /api/revisions":
          return send(res, 200, { revisions: await listRevisions(root, q("path") ?? "") });
        case "GET /api/revision":
          return send(res, 200, await readRevision(root, q("path") ?? "", q("rev") ?? ""));
        default:
          throw new HttpError(404, "EDITOR-NO-ROUTE", `no such API: ${route}`);
      }
    };
    handle().catch((e: unknown) => {
      if (e instanceof HttpError) {
        // A refused body is not read further: the connection closes after the answer.
        if (e.status === 413) res.setHeader("Connection", "close");
        send(res, e.status, { error: e.code, code: e.code, message: e.message });
      } else send(res, 500, { error: "EDITOR-INTERNAL", code: "EDITOR-INTERNAL", message: (e as Error).message });
    });
  };
}

/** Prints the server's URLs with the session token, as the one to open (`npm start`). */
function printWithToken(server: ViteDevServer | PreviewServer, token: string): void {
  const print = server.printUrls.bind(server);
  server.printUrls = () => {
    const urls = server.resolvedUrls;
    if (urls) {
      urls.local = urls.local.map((u) => `${u}?token=${token}`);
      urls.network = urls.network.map((u) => `${u}?token=${token}`);
    }
    print();
  };
}

/** The Vite plugin: mounts the file API on the dev and preview servers. */
export function fileApiPlugin(opts: FileApiOptions): Plugin {
  return {
    name: "credit-policy-file-api",
    configureServer(server) {
      printWithToken(server, opts.token);
      server.middlewares.use(fileApiMiddleware(opts));
    },
    configurePreviewServer(server) {
      printWithToken(server, opts.token);
      server.middlewares.use(fileApiMiddleware(opts));
    },
  };
}
