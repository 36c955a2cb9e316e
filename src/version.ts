import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

/**
 * The version in railguard's package.json, found by walking up from this module: `src/` when
 * run from source, `dist/` when installed.
 */
export function packageVersion(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let depth = 0; depth < 5; depth++) {
    try {
      const json = JSON.parse(readFileSync(join(dir, "package.json"), "utf8"));
      if (json.name === "railguard" && typeof json.version === "string") return json.version;
    } catch {
      // Not here: look one folder up.
    }
    dir = dirname(dir);
  }
  return "unknown";
}
