// The floor of `credit-policy eval` end to end: read a JSON Lines file in chunks, split it into
// lines, JSON.parse each line and JSON.stringify it back, write the lines out — the work no
// grader can skip, on one thread. `node bench/floor.mjs INPUT OUTPUT`.
import { createReadStream, createWriteStream } from "node:fs";

const [input, output] = process.argv.slice(2);
const out = createWriteStream(output);
const write = (text) => (out.write(text) ? undefined : new Promise((res) => out.once("drain", res)));
let rest = Buffer.alloc(0);
for await (const chunk of createReadStream(input, { highWaterMark: 256 * 1024 })) {
  const buf = rest.length ? Buffer.concat([rest, chunk]) : chunk;
  const last = buf.lastIndexOf(10);
  if (last < 0) {
    rest = buf;
    continue;
  }
  let text = "";
  for (const line of buf.toString("utf8", 0, last).split("\n")) if (line) text += JSON.stringify(JSON.parse(line)) + "\n";
  rest = buf.subarray(last + 1);
  await write(text);
}
if (rest.length) await write(JSON.stringify(JSON.parse(rest.toString("utf8"))) + "\n");
await new Promise((res) => out.end(res));
