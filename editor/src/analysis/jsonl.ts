// JSON Lines as the CLI reads them: one record a line, blank lines hold no record.

/** Each non-blank line with its 1-based line number, parsed, or the parse error's message. */
export function jsonLines(text: string): { line: number; value?: unknown; error?: string }[] {
  const out: { line: number; value?: unknown; error?: string }[] = [];
  text.split("\n").forEach((raw, i) => {
    if (!raw.trim()) return;
    try {
      out.push({ line: i + 1, value: JSON.parse(raw) as unknown });
    } catch (e) {
      out.push({ line: i + 1, error: (e as Error).message });
    }
  });
  return out;
}
