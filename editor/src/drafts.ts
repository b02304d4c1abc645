// Unsaved work survives a reload: every edit is kept in localStorage under the file's path until
// it is saved or discarded. The draft remembers which disk version it was based on, so saving a
// restored draft still detects a file that changed on disk meanwhile.

export interface Draft {
  text: string;
  /** sha256 of the disk text the edits started from. */
  baseSha256: string | null;
  savedAt: number;
}

const PREFIX = "cpe:draft:";

export function loadDraft(path: string): Draft | undefined {
  try {
    const raw = localStorage.getItem(PREFIX + path);
    if (!raw) return undefined;
    const d = JSON.parse(raw) as Partial<Draft>;
    return typeof d.text === "string" ? { text: d.text, baseSha256: d.baseSha256 ?? null, savedAt: d.savedAt ?? 0 } : undefined;
  } catch {
    return undefined;
  }
}

export function storeDraft(path: string, draft: Draft): boolean {
  try {
    localStorage.setItem(PREFIX + path, JSON.stringify(draft));
    return true;
  } catch {
    // Quota or private mode: the edit stays in the editor; the status bar says it is unsaved.
    return false;
  }
}

export function dropDraft(path: string): void {
  try {
    localStorage.removeItem(PREFIX + path);
  } catch {
    // Nothing to drop.
  }
}

export function draftPaths(): string[] {
  const out: string[] = [];
  try {
    for (let i = 0; i < localStorage.length; i++) {
      const k = localStorage.key(i);
      if (k?.startsWith(PREFIX)) out.push(k.slice(PREFIX.length));
    }
  } catch {
    // No storage: no drafts.
  }
  return out;
}
