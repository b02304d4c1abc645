// The differential corpus on a real PostgreSQL server (Debian's `postgresql`), not only PGlite.
// CI (`.ci/run`, CI=true) starts one on a Unix socket in a temporary folder and passes its URL in
// CREDIT_POLICY_TEST_POSTGRES: there a missing URL fails the suite. Elsewhere, without the variable,
// the suite starts its own server with .ci/postgres.sh (and fails when it cannot).
import { execFileSync } from "node:child_process";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ROOT } from "../codegen/generated.js";
import { gradeSeed, loadCorpus, rejectedDifferences, SEEDS, type Loaded } from "./corpus.js";

const ENV = "CREDIT_POLICY_TEST_POSTGRES";

function serverUrl(): { url: string; stop?: () => void } {
  const given = process.env[ENV];
  if (given) return { url: given };
  if (process.env["CI"]) throw new Error(`${ENV} is not set: .ci/run starts a PostgreSQL server and sets it; the real-server suite is required in CI`);
  const script = join(ROOT, ".ci", "postgres.sh");
  const url = execFileSync("bash", [script], { encoding: "utf8" }).trim();
  const dir = new URL(url.replace(/^postgresql:\/\/[^/]*\//, "http://x/")).searchParams.get("host") as string;
  return { url, stop: () => execFileSync("bash", [script, "stop", dir]) };
}

describe("PostgreSQL server: the SQL query grades the differential corpus as the evaluator does", () => {
  let loaded: Loaded;
  let stop: (() => void) | undefined;
  let database: string;
  beforeAll(async () => {
    const server = serverUrl();
    stop = server.stop;
    // A database of its own, dropped afterwards: the server may be shared with other suites.
    database = `cp_test_${process.pid}_${Date.now()}`;
    const admin = await (await import("../../cli/db/connect.js")).openDatabase(server.url);
    await admin.exec(`CREATE DATABASE ${database}`);
    await admin.close();
    loaded = await loadCorpus(withDatabase(server.url, database));
    const [row] = await loaded.db.all("SELECT version() AS v");
    console.log(`PostgreSQL server: ${String(row?.["v"])}`);
  }, 300_000);
  afterAll(async () => {
    await loaded?.db.close();
    const server = process.env[ENV];
    if (server && database) {
      const admin = await (await import("../../cli/db/connect.js")).openDatabase(server);
      await admin.exec(`DROP DATABASE IF EXISTS ${database}`);
      await admin.close();
    }
    stop?.();
  });

  it("is a server, not PGlite", async () => {
    const [row] = await loaded.db.all("SELECT version() AS v");
    expect(String(row?.["v"])).toMatch(/^PostgreSQL \d+/);
    expect(String(row?.["v"])).not.toMatch(/PGlite|emscripten/);
  });

  it("loads every valid record and rejects the others with eval's error lines", () => {
    const { rejected, differences } = rejectedDifferences(loaded);
    expect(rejected).toBeGreaterThan(5);
    expect(differences).toEqual([]);
  });

  it.each(SEEDS.map((s) => [s.file, s] as const))("%s: 0 differences on every corpus day", async (_file, seed) => {
    const f = await gradeSeed(loaded, seed);
    console.log(`PostgreSQL server ${f.policy}: ${f.gradings} gradings, ${f.differences.length} differences, ${f.fallbacks} left to the evaluator (${f.needlessFallbacks} without an error)`);
    expect(f.differences).toEqual([]);
    expect(f.gradings).toBeGreaterThan(5000);
    expect(f.needlessFallbacks).toBe(0);
  });
});

/** The URL with another database name (a socket URL keeps its ?host=). */
function withDatabase(url: string, database: string): string {
  return url.replace(/^(postgres(?:ql)?:\/\/[^/]*\/)([^?]*)/, `$1${database}`);
}
