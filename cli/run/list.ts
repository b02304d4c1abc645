// The work of `credit-policy list` (its options: ../commands/list.ts, which loads this module on use).
import { createHash } from "node:crypto";
import { mkdirSync, readdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { homedir } from "node:os";
import { dirname, join } from "node:path";
import { line, type Io } from "../io.js";
import { PACKAGE_ROOT } from "../package-root.js";
import { listPolicyFolders } from "../policy-files.js";

interface Row {
  id: string;
  title: string | null;
  document: string | null;
  effective: string | null;
  file: string;
  ok: boolean;
}

/**
 * What `list` shows of a folder depends only on its files' text and on the compiler that reads
 * them: rows are cached by (this build's stamp, the folder's files and their sha256 — the source
 * text beside a policy included, which the fidelity pass reads), so a list of
 * unchanged policies needs no compiler at all. The cache is a file under $XDG_CACHE_HOME (or
 * ~/.cache)/credit-policy; a build without a stamp (the sources run directly), or a cache that
 * cannot be read or written, simply compiles every time.
 */
class RowCache {
  private readonly path = join(process.env["XDG_CACHE_HOME"] || join(homedir(), ".cache"), "credit-policy", "list-rows.json");
  private readonly build: string | null;
  private rows: Record<string, Row> = {};
  private changed = false;

  constructor() {
    this.build = read(join(PACKAGE_ROOT, "dist", "build-id"))?.trim() || null;
    if (!this.build) return;
    try {
      const cached = JSON.parse(read(this.path) ?? "{}") as { build?: string; rows?: Record<string, Row> };
      if (cached.build === this.build && cached.rows) this.rows = cached.rows;
    } catch {
      // An unreadable cache is an empty one.
    }
  }

  key(dir: string): string | null {
    if (!this.build) return null;
    const h = createHash("sha256").update(dir).update("\0");
    let names: string[];
    try {
      names = readdirSync(dir, { withFileTypes: true })
        .filter((e) => e.isFile())
        .map((e) => e.name)
        .sort();
    } catch {
      return null;
    }
    for (const f of names.map((n) => join(dir, n))) {
      const text = read(f);
      if (text === undefined) return null;
      h.update(f).update("\0").update(text).update("\0");
    }
    return h.digest("hex");
  }

  get(key: string | null): Row | undefined {
    return key ? this.rows[key] : undefined;
  }

  set(key: string | null, row: Row): void {
    if (!key) return;
    this.rows[key] = row;
    this.changed = true;
  }

  save(): void {
    if (!this.changed || !this.build) return;
    try {
      mkdirSync(dirname(this.path), { recursive: true });
      const tmp = `${this.path}.${process.pid}.tmp`;
      writeFileSync(tmp, JSON.stringify({ build: this.build, rows: this.rows }));
      renameSync(tmp, this.path);
    } catch {
      // A cache that cannot be written only costs the next run its speed.
    }
  }
}

function read(path: string): string | undefined {
  try {
    return readFileSync(path, "utf8");
  } catch {
    return undefined;
  }
}

/** A folder's row, by compiling its (latest) policy. */
async function compiledRow(id: string, dir: string): Promise<Row> {
  const { compileFile, resolveSinglePolicy } = await import("../load.js");
  const file = resolveSinglePolicy(dir);
  const r = compileFile(file);
  const meta = r.ast?.meta ?? {};
  const get = (k: keyof typeof meta): string | null => {
    const v = meta[k];
    return !v || v.kind === "unstated" || v.kind === "todo" ? null : String(v.value);
  };
  return { id: r.ast?.id || id, title: get("title"), document: get("document"), effective: get("effective"), file, ok: !!r.ir };
}

export async function listCommand(opts: { json?: boolean }, io: Io): Promise<number> {
  const cache = new RowCache();
  const rows: Row[] = [];
  for (const { id, dir } of listPolicyFolders()) {
    const key = cache.key(dir);
    let row = cache.get(key);
    if (!row) cache.set(key, (row = await compiledRow(id, dir)));
    rows.push(row);
  }
  cache.save();
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

