// The command line shared by the generators of record/generated/: write the file, or with --check
// exit 1 when the checked-in file differs from what the generator makes now.
import { readFile, writeFile } from "node:fs/promises";

export async function writeOrCheck(outputPath, text, script) {
  if (process.argv.includes("--check")) {
    const current = await readFile(outputPath, "utf8").catch(() => "");
    if (current !== text) {
      console.error(`${outputPath} is stale; run \`node ${script}\``);
      process.exitCode = 1;
    }
    return;
  }
  await writeFile(outputPath, text);
  console.log(`wrote ${outputPath}`);
}
