import { readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { RailguardError } from "../errors.js";
import { SUITE_PATTERN } from "./suite-file.js";

const SKIPPED_DIRECTORIES = new Set(["node_modules", ".git", "dist", "coverage"]);

/**
 * The suite files (`*.cases.yaml`, `.yml`, `.json`) named or found under the paths, sorted, once
 * each. A path that does not exist is a usage error naming it.
 */
export function findSuites(paths: readonly string[]): string[] {
  const found = new Set<string>();
  for (const path of paths) {
    let isDirectory: boolean;
    try {
      isDirectory = statSync(path).isDirectory();
    } catch {
      throw new RailguardError("cli-usage", `${path}: no such file or directory.`);
    }
    if (isDirectory) for (const file of walk(path)) found.add(file);
    else if (SUITE_PATTERN.test(path)) found.add(path);
    else {
      throw new RailguardError(
        "cli-usage",
        `${path}: not a suite file (name it <spec>.cases.yaml, .cases.yml or .cases.json).`,
      );
    }
  }
  return [...found].sort();
}

function* walk(dir: string): Generator<string> {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory() && !SKIPPED_DIRECTORIES.has(entry.name)) yield* walk(path);
    else if (entry.isFile() && SUITE_PATTERN.test(entry.name)) yield path;
  }
}
