/**
 * The demo: compiles every spec in rails/ and prints the prompt each would send, with unfilled
 * variables marked. Offline: no model is called.
 */
import { readdirSync } from "node:fs";
import { join } from "node:path";
import { runCli } from "../src/cli/run.js";

const railsDir = join(import.meta.dirname, "..", "rails");
const specs = readdirSync(railsDir)
  .filter((name) => name.endsWith(".rail"))
  .sort();

let failures = 0;
for (const spec of specs) {
  process.stdout.write(`\n##### rails/${spec}\n`);
  if ((await runCli(["compile", join(railsDir, spec)])) !== 0) failures++;
}
process.stdout.write(`\nCompiled ${specs.length - failures} of ${specs.length} specs.\n`);
process.exitCode = failures === 0 ? 0 : 1;
