// The editor's local file API, served by the Vite dev server (and the preview server): list the
// policies under one root folder, read one, save one, list and read the example records, and read
// a policy's earlier revisions from git when the folder is in a work tree.
//
// Saving refuses with 409 when the file on disk is not the one the editor opened (its sha256
// differs from the `baseSha256` the editor sends back): a clerk never overwrites a colleague's
// edit without seeing it. Writes go to a temporary file first and are renamed into place, so a
// crash never leaves half a policy on disk.
import { execFile } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync } from "node:fs";
import { readdir, readFile, rename, stat, writeFile } from "node:fs/promises";
import type { IncomingMessage, ServerResponse } from "node:http";
import { basename, dirname, join, relative, resolve, sep } from "node:path";
import type { Connect, Plugin } from "vite";

export interface FileApiOptions {
  /** The folder holding one sub-folder per policy (the repository's policies/ by default). */
  policiesDir: string;
  /** The folder holding example records (*.jsonl, *.json). */
  examplesDir: string;
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

const MAX_BODY = 8 * 1024 * 1024;

export function isPolicyFileName(name: string): boolean {
  return /\.policy$/.test(name) || /\.policy\.ya?ml$/.test(name);
}

export function sha256Hex(text: string | Uint8Array): string {
  return createHash("sha256").update(text).digest("hex");
}

class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

/** A request path, made absolute and checked to stay inside `root`. */
function insideRoot(root: string, rel: string | null): string {
  if (!rel || rel.includes("\0")) throw new HttpError(400, "EDITOR-BAD-PATH", "missing or invalid path");
  const abs = resolve(root, rel);
  if (abs !== root && !abs.startsWith(root + sep)) throw new HttpError(400, "EDITOR-BAD-PATH", `${rel}: outside the policies folder`);
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
  const abs = insideRoot(root, rel);
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

export async function savePolicy(
  root: string,
  req: SaveRequest,
): Promise<{ ok: true; path: string; sha256: string; mtimeMs: number } | ConflictBody> {
  const abs = insideRoot(root, req.path);
  if (!isPolicyFileName(basename(abs))) throw new HttpError(400, "EDITOR-BAD-PATH", `${req.path}: not a .policy or .policy.yaml file`);
  if (typeof req.text !== "string") throw new HttpError(400, "EDITOR-BAD-REQUEST", "text must be a string");
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
    };
  }
  if (!existsSync(dirname(abs))) throw new HttpError(404, "EDITOR-NOT-FOUND", `${req.path}: its folder does not exist`);
  const tmp = join(dirname(abs), `.${basename(abs)}.${process.pid}.${Date.now()}.tmp`);
  await writeFile(tmp, req.text, "utf8");
  await rename(tmp, abs);
  const st = await stat(abs);
  return { ok: true, path: req.path, sha256: sha256Hex(req.text), mtimeMs: st.mtimeMs };
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
  const abs = insideRoot(root, rel);
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
  const abs = insideRoot(root, rel);
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

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((done, fail) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on("data", (c: Buffer) => {
      size += c.length;
      if (size > MAX_BODY) {
        fail(new HttpError(413, "EDITOR-TOO-LARGE", "request body too large"));
        req.destroy();
      } else chunks.push(c);
    });
    req.on("end", () => done(Buffer.concat(chunks).toString("utf8")));
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
      if (e instanceof HttpError) send(res, e.status, { error: e.code, code: e.code, message: e.message });
      else send(res, 500, { error: "EDITOR-INTERNAL", code: "EDITOR-INTERNAL", message: (e as Error).message });
    });
  };
}

/** The Vite plugin: mounts the file API on the dev and preview servers. */
export function fileApiPlugin(opts: FileApiOptions): Plugin {
  return {
    name: "credit-policy-file-api",
    configureServer(server) {
      server.middlewares.use(fileApiMiddleware(opts));
    },
    configurePreviewServer(server) {
      server.middlewares.use(fileApiMiddleware(opts));
    },
  };
}
