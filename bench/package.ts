/**
 * The built package, as a user gets it: bench figures are for `dist/`, not for the sources run
 * through a TypeScript loader. Types come from the sources, values from the build.
 */
import { existsSync } from "node:fs";
import { resolve } from "node:path";
import { pathToFileURL } from "node:url";

type Api = typeof import("../src/index.js");

const entry = resolve(import.meta.dirname, "../dist/index.js");
if (!existsSync(entry)) {
  console.error("bench: dist/index.js is missing; run `npm run build` first.");
  process.exit(2);
}

export const railguard: Api = await import(pathToFileURL(entry).href);
