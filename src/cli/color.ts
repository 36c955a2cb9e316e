/**
 * Whether to colour output, by the conventions tools share: `FORCE_COLOR` (set and not `0` or
 * `false`) turns colour on, else `NO_COLOR` (set and not empty) or `TERM=dumb` turns it off, else
 * colour when the stream is a terminal.
 */
export function colorEnabled(env: Record<string, string | undefined>, isTTY: boolean): boolean {
  const force = env.FORCE_COLOR;
  if (force !== undefined) return force !== "0" && force !== "false";
  if (env.NO_COLOR) return false;
  if (env.TERM === "dumb") return false;
  return isTTY;
}

const CODES = { pass: "\x1b[32m", fail: "\x1b[31m", dim: "\x1b[2m", bold: "\x1b[1m" } as const;

/** Paints text when `color` is on, and leaves it as it is otherwise. */
export type Paint = (style: keyof typeof CODES, text: string) => string;

export const painter =
  (color: boolean): Paint =>
  (style, text) =>
    color ? `${CODES[style]}${text}\x1b[0m` : text;
