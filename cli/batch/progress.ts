// The progress line of a long `credit-policy eval`: records done, rate, and (reading a file) the
// share done and the time left. Only on a terminal: never in a pipe, a file or CI.
import type { Writable } from "node:stream";

/** Whether to draw progress on this stream: a TTY, outside CI. */
export function progressWanted(stream: Writable, env: Record<string, string | undefined>): boolean {
  const ci = env["CI"];
  return (stream as { isTTY?: boolean }).isTTY === true && (ci === undefined || ci === "" || ci === "0" || ci === "false");
}

function duration(seconds: number): string {
  if (!Number.isFinite(seconds) || seconds < 0) return "–";
  const s = Math.round(seconds);
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const sec = String(s % 60).padStart(2, "0");
  return h ? `${h}:${String(m).padStart(2, "0")}:${sec}` : `${m}:${sec}`;
}

/** One progress line; `total` bytes when the input's size is known. */
export function progressLine(records: number, seconds: number, bytes: number, total: number | null, width = 24): string {
  const rate = seconds > 0 ? records / seconds : 0;
  const parts = [`${records.toLocaleString("en-US")} records`, `${Math.round(rate).toLocaleString("en-US")}/s`];
  if (total && total > 0) {
    const share = Math.min(1, bytes / total);
    const filled = Math.round(share * width);
    const eta = share > 0 ? (seconds / share) * (1 - share) : Number.NaN;
    parts.push(`[${"█".repeat(filled)}${"░".repeat(width - filled)}] ${Math.floor(share * 100)}%`, `ETA ${duration(eta)}`);
  }
  return parts.join("  ");
}

export class Progress {
  private readonly start = performance.now();
  private last = 0;
  private drawn = false;

  constructor(
    private readonly stream: Writable,
    private readonly total: number | null,
  ) {}

  /** Redraws at most ten times a second. */
  update(records: number, bytes: number): void {
    const now = performance.now();
    if (now - this.last < 100) return;
    this.last = now;
    this.stream.write(`\r${progressLine(records, (now - this.start) / 1000, bytes, this.total)}\x1b[K`);
    this.drawn = true;
  }

  /** Clears the line, so the summary starts clean. */
  done(): void {
    if (this.drawn) this.stream.write("\r\x1b[K");
  }
}
