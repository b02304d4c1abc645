// The page's side of the local file API (editor/server/file-api.ts).
import type { ConflictBody, FileContent, PolicyFileInfo, Revision } from "../server/file-api.js";

export type { ConflictBody, FileContent, PolicyFileInfo, Revision };

const TOKEN_KEY = "credit-policy-editor-token";

/**
 * The session token of the file API: it comes in the URL `npm start` prints (`?token=…`), is kept
 * for the tab in sessionStorage and taken out of the address bar (so it is not in the history or
 * a shared link).
 */
function sessionToken(): string {
  const url = new URL(location.href);
  const given = url.searchParams.get("token");
  if (given) {
    sessionStorage.setItem(TOKEN_KEY, given);
    url.searchParams.delete("token");
    history.replaceState(history.state, "", url.pathname + url.search + url.hash);
  }
  return sessionStorage.getItem(TOKEN_KEY) ?? "";
}

const TOKEN = sessionToken();

function call(url: string, init: RequestInit = {}): Promise<Response> {
  return fetch(url, { ...init, headers: { ...(init.headers as Record<string, string> | undefined), "X-Credit-Policy-Token": TOKEN } });
}

async function json<T>(res: Response): Promise<T> {
  const body = (await res.json()) as T & { message?: string };
  if (!res.ok && res.status !== 409) throw new Error(body.message ?? `HTTP ${res.status}`);
  return body;
}

export async function listPolicies(): Promise<PolicyFileInfo[]> {
  return (await json<{ files: PolicyFileInfo[] }>(await call("/api/policies"))).files;
}

export async function readPolicy(path: string): Promise<FileContent> {
  return json<FileContent>(await call(`/api/file?path=${encodeURIComponent(path)}`));
}

export type SaveOutcome = { ok: true; sha256: string; mtimeMs: number } | ConflictBody;

export async function savePolicy(path: string, text: string, baseSha256: string | null, force = false): Promise<SaveOutcome> {
  const res = await call("/api/file", {
    method: "PUT",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify({ path, text, baseSha256, force }),
  });
  return json<SaveOutcome>(res);
}

export async function listRevisions(path: string): Promise<Revision[]> {
  return (await json<{ revisions: Revision[] }>(await call(`/api/revisions?path=${encodeURIComponent(path)}`))).revisions;
}

export async function readRevision(path: string, rev: string): Promise<FileContent> {
  return json<FileContent>(await call(`/api/revision?path=${encodeURIComponent(path)}&rev=${encodeURIComponent(rev)}`));
}

/** The example records as JSON Lines text ("" when the server has none). */
export async function exampleRecords(name = "records.jsonl"): Promise<string> {
  const res = await call(`/api/example?name=${encodeURIComponent(name)}`);
  return res.ok ? res.text() : "";
}
