import { type CliIO, runCli } from "../../src/cli/run.js";

/** Runs the CLI in-process and collects its exit code, stdout and stderr. */
export async function cli(...argv: string[]) {
  return cliWith({}, ...argv);
}

/** As `cli`, with more of the terminal given: stdin, a stop signal, colour, the environment. */
export async function cliWith(io: Omit<CliIO, "out" | "err">, ...argv: string[]) {
  let out = "";
  let err = "";
  const code = await runCli(argv, {
    ...io,
    out: { write: (text: string) => (out += text) },
    err: { write: (text: string) => (err += text) },
  });
  return { code, out, err };
}
