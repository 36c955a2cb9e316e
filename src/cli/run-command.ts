import type { CliIO } from "./io.js";

export async function runMain(_args: readonly string[], _io: CliIO): Promise<number> {
  return 0;
}
