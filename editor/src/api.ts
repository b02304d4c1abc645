// The page's side of the local file API (editor/server/file-api.ts).
import type { ConflictBody, FileContent, PolicyFileInfo, Revision } from "../server/file-api.js";

export type { ConflictBody, FileContent, PolicyFileInfo, Revision };

async function json<T>(res: Response): Promise<T> {
  const body = (await res.json()) as T & { message?: string };
  if (!res.ok && res.status !== 409) throw new Error(body.message ?? `HTTP ${res.status}`);
  return body;
}

export async function listPolicies(): Promise<PolicyFileInfo[]> {
  return (await json<{ files: PolicyFileInfo[] }>(await fetch("/api/policies"))).files;
}

export async function readPolicy(path: string): Promise<FileContent> {
  return json<FileContent>(await fetch(`/api/file?path=${encodeURIComponent(path)}`));
}

export type SaveOutcome = { ok: true; sha256: string; mtimeMs: number } | ConflictBody;

export async function savePolicy(path: string, text: string, baseSha256: string | null, force = false): Promise<SaveOutcome> {
  const res = await fetch("/api/file", {
    method: "PUT",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify({ path, text, baseSha256, force }),
  });
  return json<SaveOutcome>(res);
}

export async function listRevisions(path: string): Promise<Revision[]> {
  return (await json<{ revisions: Revision[] }>(await fetch(`/api/revisions?path=${encodeURIComponent(path)}`))).revisions;
}

export async function readRevision(path: string, rev: string): Promise<FileContent> {
  return json<FileContent>(await fetch(`/api/revision?path=${encodeURIComponent(path)}&rev=${encodeURIComponent(rev)}`));
}

/** The example records as JSON Lines text ("" when the server has none). */
export async function exampleRecords(name = "records.jsonl"): Promise<string> {
  const res = await fetch(`/api/example?name=${encodeURIComponent(name)}`);
  return res.ok ? res.text() : "";
}
