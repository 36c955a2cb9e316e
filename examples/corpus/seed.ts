/**
 * Finds the seed page the corpus is parsed from. It is not part of the repository: CI keeps a copy
 * of `shared/` beside the clone, so it is looked up at `../shared/seeds/` from the repository root,
 * then at /work/shared/seeds/ (the development machine).
 */
import { existsSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";

export const SEED_NAME = "000_ad696f05aea9a299.txt";
const REPO_ROOT = resolve(import.meta.dirname, "..", "..");
const CANDIDATES = [
  resolve(REPO_ROOT, "../shared/seeds", SEED_NAME),
  join("/work/shared/seeds", SEED_NAME),
];

/** The seed's path, or undefined when no copy is present. */
export function seedPath(): string | undefined {
  return CANDIDATES.find((candidate) => existsSync(candidate));
}

export function readSeed(): string {
  const path = seedPath();
  if (path === undefined)
    throw new Error(`seed page not found; looked at ${CANDIDATES.join(", ")}`);
  return readFileSync(path, "utf8");
}
