import type { RailWarning } from "../rail/index.js";
import { formatPosition } from "../show.js";

/** `warning: <file>: <path> (line L, column C): <message>`, as errors are written. */
export function describeWarning(file: string, warning: RailWarning): string {
  const at = warning.position ? ` (${formatPosition(warning.position)})` : "";
  const where = warning.path ? `${warning.path}${at}` : at.trim();
  return `warning: ${file}: ${where ? `${where}: ` : ""}${warning.message}`;
}
