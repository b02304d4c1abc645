// The work of `credit-policy list` (its options: ../commands/list.ts, which loads this module on use).
// `credit-policy list [--json]`: the policies in policies/ with id, title, document number and
// effective date.
import { line, type Io } from "../io.js";
import { compileFile, listPolicyFolders, resolveSinglePolicy } from "../load.js";

export function listCommand(opts: { json?: boolean }, io: Io): number {
  const rows = listPolicyFolders().map(({ id, dir }) => {
    const file = resolveSinglePolicy(dir);
    const r = compileFile(file);
    const meta = r.ast?.meta ?? {};
    const get = (k: keyof typeof meta): string | null => {
      const v = meta[k];
      return !v || v.kind === "unstated" || v.kind === "todo" ? null : String(v.value);
    };
    return {
      id: r.ast?.id || id,
      title: get("title"),
      document: get("document"),
      effective: get("effective"),
      file,
      ok: !!r.ir,
    };
  });
  if (opts.json) {
    for (const r of rows) line(io.stdout, JSON.stringify(r));
    return 0;
  }
  const cols = ["id", "document", "effective", "title"] as const;
  const cell = (r: (typeof rows)[number], c: (typeof cols)[number]) => (c === "effective" ? (r[c] ?? "未载明 unstated") : (r[c] ?? ""));
  const width = (s: string) => [...s].reduce((w, ch) => w + (/[\u1100-\uffff]/.test(ch) ? 2 : 1), 0);
  const widths = cols.map((c) => Math.max(width(c), ...rows.map((r) => width(cell(r, c)))));
  const pad = (s: string, w: number) => s + " ".repeat(Math.max(0, w - width(s)));
  line(io.stdout, cols.map((c, i) => pad(c, widths[i] as number)).join("  ").trimEnd());
  for (const r of rows) line(io.stdout, cols.map((c, i) => pad(cell(r, c), widths[i] as number)).join("  ").trimEnd());
  return 0;
}

