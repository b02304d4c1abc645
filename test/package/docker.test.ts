// The container: a multi-stage Dockerfile (build, then a runtime stage with production
// dependencies only) whose image runs `credit-policy`. Its shape is checked always; `docker build`
// and a run of the image only where a docker engine answers (none runs on the project's machines:
// the test says so on stderr instead of building).
import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ROOT } from "../cli/run-cli.js";

const dockerfile = readFileSync(join(ROOT, "Dockerfile"), "utf8");
const stages = [...dockerfile.matchAll(/^FROM\s+(\S+)(?:\s+AS\s+(\S+))?/gim)].map((m) => ({ image: m[1], name: m[2] }));

describe("Dockerfile", () => {
  it("builds in one stage and runs from a second with production dependencies only", () => {
    expect(stages.map((s) => s.name)).toEqual(["build", "runtime"]);
    // The same Node major the package is tested on.
    for (const s of stages) expect(s.image).toMatch(/^node:20[.-]/);
    const runtime = dockerfile.slice(dockerfile.search(/^FROM .* AS runtime/m));
    expect(runtime).toMatch(/COPY --from=build /);
    expect(runtime).toMatch(/npm install --global --omit=dev .*credit-policy-\*\.tgz/);
    expect(runtime).not.toMatch(/npm (ci|install)(?![^\n]*--omit=dev)/);
    expect(runtime).toMatch(/^USER node$/m);
    expect(runtime).toMatch(/^ENTRYPOINT \["credit-policy"\]$/m);
    const ignore = readFileSync(join(ROOT, ".dockerignore"), "utf8").split("\n");
    expect(ignore).toEqual(expect.arrayContaining(["node_modules", "dist", ".git"]));
  });

  it("docker build, then the image runs credit-policy (where a docker engine answers)", () => {
    const info = spawnSync("docker", ["info", "--format", "{{.ServerVersion}}"], { encoding: "utf8" });
    if (info.error || info.status !== 0) {
      process.stderr.write("docker.test: no docker engine here: docker build not run (the Dockerfile's shape is checked above)\n");
      expect(info.error !== undefined || info.status !== 0).toBe(true);
      return;
    }
    const tag = `credit-policy-test:${process.pid}`;
    const build = spawnSync("docker", ["build", "-t", tag, "."], { cwd: ROOT, encoding: "utf8" });
    expect(build.status, build.stderr).toBe(0);
    const pkg = JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")) as { version: string };
    const r = spawnSync("docker", ["run", "--rm", tag, "--version"], { encoding: "utf8" });
    expect(r.stdout.trim()).toBe(`credit-policy ${pkg.version}`);
    spawnSync("docker", ["rmi", tag]);
  }, 900_000);
});
