import { runCli } from "../../src/cli/run.js";

/** Runs the CLI in-process and collects its exit code, stdout and stderr. */
export async function cli(...argv: string[]) {
  let out = "";
  let err = "";
  const code = await runCli(argv, {
    out: { write: (text: string) => (out += text) },
    err: { write: (text: string) => (err += text) },
  });
  return { code, out, err };
}
