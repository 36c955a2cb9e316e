import type { RailWarning } from "../rail/index.js";
import { formatWarning } from "../rail/warnings.js";

/** `warning: <file>: <path> (line L, column C): <message>`, worded where every warning is. */
export const describeWarning = (file: string, warning: RailWarning): string =>
  `warning: ${formatWarning(warning, file)}`;
