import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import type { RailSpec } from "../../src/rail/types.js";

export const fixturePath = (name: string): string =>
  fileURLToPath(new URL(`../fixtures/rail/${name}`, import.meta.url));

export const railsPath = (name: string): string =>
  fileURLToPath(new URL(`../../rails/${name}`, import.meta.url));

export const readFixture = (name: string): string => readFileSync(fixturePath(name), "utf8");

/** The spec without source positions and warnings: what print → parse must preserve. */
export function specContent(spec: RailSpec): unknown {
  const { warnings: _warnings, ...rest } = spec;
  return JSON.parse(JSON.stringify(rest, (key, value) => (key === "position" ? undefined : value)));
}
