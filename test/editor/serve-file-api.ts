// The file API alone on a plain HTTP server, for tests that must run it in a child process (e.g.
// under `ulimit -f`): `tsx serve-file-api.ts POLICIES_DIR TOKEN` prints the port it listens on.
import { createServer } from "node:http";
import { fileApiMiddleware } from "../../editor/server/file-api.js";

const [policiesDir, token] = process.argv.slice(2) as [string, string];
const api = fileApiMiddleware({ policiesDir, examplesDir: policiesDir, token });
const server = createServer((req, res) =>
  api(req as never, res, () => {
    res.statusCode = 404;
    res.end();
  }),
);
server.listen(0, "localhost", () => {
  const address = server.address();
  process.stdout.write(`${typeof address === "object" && address ? address.port : 0}\n`);
});
