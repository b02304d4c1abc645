// `node bench/big-record.mjs [ORDINARY] [BIG_MB]` (after `npm run build`): issue 12's 1 GB check.
// Writes (streaming, into a temporary folder) a JSON Lines file of ORDINARY records (default
// 1,000,000, the shipped examples/records.jsonl in turn, each with an id of its own) with one
// record of BIG_MB MB (default 600: a name of that many bytes) in the middle, grades it with
// `eval pinglu-fgj --as-of 2021-12-31 --output FILE`, and reports the peak resident memory of that
// process (its own process.resourceUsage().maxRSS at exit, through bench/rss-at-exit.mjs), its CPU
// and wall time, the number of output lines and the code on the big record's line; then deletes the
// files. Exit 1 when the output is not one line per input or the big record is not a CP-R010 line.
import { spawnSync } from "node:child_process";
import { createReadStream, createWriteStream, mkdtempSync, readFileSync, rmSync, statSync } from "node:fs";
import { loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { createInterface } from "node:readline";
import { once } from "node:events";
import { fileURLToPath } from "node:url";

const ROOT = fileURLToPath(new URL("../", import.meta.url));
const ORDINARY = Number(process.argv[2] ?? 1_000_000);
const BIG_MB = Number(process.argv[3] ?? 600);
const load = () => loadavg().map((x) => x.toFixed(2)).join(" ");
const dir = mkdtempSync(join(tmpdir(), "cp-big-record-"));
const input = join(dir, "input.jsonl");
const output = join(dir, "output.jsonl");
const usage = join(dir, "usage.json");

try {
  const examples = readFileSync(join(ROOT, "examples", "records.jsonl"), "utf8").split("\n").filter((l) => l.trim() !== "");
  const out = createWriteStream(input);
  const write = async (s) => {
    if (!out.write(s)) await once(out, "drain");
  };
  const bigAt = Math.floor(ORDINARY / 2);
  let chunk = "";
  for (let i = 0; i < ORDINARY; i++) {
    if (i === bigAt) {
      await write(chunk);
      chunk = "";
      await write(`{"id":"big-record","kind":"legal_person","name":"`);
      const block = "某".repeat(1 << 20); // 3 MiB of UTF-8 text
      for (let b = 0; b < Math.ceil((BIG_MB * 1024 * 1024) / (3 << 20)); b++) await write(block);
      await write(`"}\n`);
    }
    const ex = examples[i % examples.length];
    chunk += ex.replace(/^\{"id":"[^"]*"/, `{"id":"r${i}"`) + "\n";
    if (chunk.length > 1 << 20) {
      await write(chunk);
      chunk = "";
    }
  }
  await write(chunk);
  out.end();
  await once(out, "finish");
  const bytes = statSync(input).size;
  console.log(`input: ${(bytes / 1e9).toFixed(3)} GB (${bytes.toLocaleString("en")} bytes), ${ORDINARY.toLocaleString("en")} ordinary records and one of ${BIG_MB} MB; load ${load()}`);

  const started = performance.now();
  const r = spawnSync(
    process.execPath,
    ["--import", join(ROOT, "bench", "rss-at-exit.mjs"), join(ROOT, "dist", "cli", "bin.js"), "eval", "pinglu-fgj", "--input", input, "--as-of", "2021-12-31", "--output", output],
    { cwd: ROOT, env: { ...process.env, CP_RSS_FILE: usage }, stdio: ["ignore", "ignore", "pipe"], maxBuffer: 64 << 20 },
  );
  const wall = (performance.now() - started) / 1000;
  const u = JSON.parse(readFileSync(usage, "utf8"));

  let lines = 0;
  let bigLine = "";
  const rl = createInterface({ input: createReadStream(output), crlfDelay: Infinity });
  for await (const l of rl) {
    lines++;
    if (lines === bigAt + 1) bigLine = l.slice(0, 400);
  }
  const bigCode = /"code":"(CP-R\d+)"/.exec(bigLine)?.[1] ?? "(none)";
  const ok = lines === ORDINARY + 1 && bigCode === "CP-R010";
  console.log(
    `eval: exit ${r.status}, peak RSS ${(u.maxRSS / 1024).toFixed(0)} MiB, CPU ${u.cpu.toFixed(1)} s, wall ${wall.toFixed(1)} s; ` +
      `${lines.toLocaleString("en")} output lines (expected ${(ORDINARY + 1).toLocaleString("en")}); line ${bigAt + 1}: ${bigCode}; load ${load()}`,
  );
  console.log(`line ${bigAt + 1} begins: ${bigLine.slice(0, 200)}`);
  console.log(JSON.stringify({ bytes, ordinary: ORDINARY, bigMB: BIG_MB, exit: r.status, maxRSSKiB: u.maxRSS, cpu: u.cpu, wall, lines, bigCode, ok }));
  process.exitCode = ok ? 0 : 1;
} finally {
  rmSync(dir, { recursive: true, force: true });
}
