// Text from a policy or a record shown on a terminal: control characters would be run by the
// terminal, not shown (ESC starts a colour, a title change or worse; BEL rings; CR overwrites the
// line; bidirectional overrides reorder what is read). Each is written as its \uXXXX escape, which
// reads plainly on a terminal and is also a valid escape inside a JSON string. Tab and newline stay.

// C0 controls but tab and newline, DEL, C1 controls, and the Unicode bidirectional controls.
const CONTROLS = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

export function escapeControls(text: string): string {
  return text.replace(CONTROLS, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`);
}

/** A copy of plain JSON-like data with every string passed through escapeControls. */
export function escapeControlsDeep<T>(value: T): T {
  if (typeof value === "string") return escapeControls(value) as T;
  if (Array.isArray(value)) return value.map((v: unknown) => escapeControlsDeep(v)) as T;
  if (value !== null && typeof value === "object") {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) Object.defineProperty(out, escapeControls(k), { value: escapeControlsDeep(v), enumerable: true, writable: true, configurable: true });
    return out as T;
  }
  return value;
}
