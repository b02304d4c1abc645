// npm's `prepare` (runs on `npm install` / `npm ci` in a clone): builds dist/ when the development
// toolchain is installed. `npm ci --omit=dev` installs no TypeScript, so there is nothing to build
// with: it says so and succeeds (a production install from a clone then needs a dist/ built
// elsewhere; the published tarball carries dist/ and runs no script at all). `npm pack` and
// `npm publish` build in `prepack`, so prepare leaves them to it instead of building twice.
import { spawnSync } from "node:child_process";
import { createRequire } from "node:module";

const command = process.env["npm_command"];
if (command === "pack" || command === "publish") process.exit(0);

try {
  createRequire(import.meta.url).resolve("typescript/package.json");
} catch {
  console.log("credit-policy: no TypeScript installed (npm ci --omit=dev?): dist/ not built; run `npm ci && npm run build` to build it");
  process.exit(0);
}
const npm = process.env["npm_execpath"];
const run = npm ? spawnSync(process.execPath, [npm, "run", "build"], { stdio: "inherit" }) : spawnSync("npm", ["run", "build"], { stdio: "inherit", shell: true });
process.exit(run.status ?? 1);
