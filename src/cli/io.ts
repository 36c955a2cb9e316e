/** Where a command writes, and what it knows about the terminal it runs in. */
export interface CliIO {
  out: { write(text: string): unknown };
  err: { write(text: string): unknown };
  /** Colour what goes to stderr (a terminal, or FORCE_COLOR); see `colorEnabled`. */
  color?: boolean;
  /** Colour what goes to stdout (the `test` report). */
  colorOut?: boolean;
  /** Stderr is a terminal: the batch progress redraws one line instead of printing lines. */
  tty?: boolean;
  /** Standard input as text, for `-` arguments. */
  stdin?: () => Promise<string>;
  /** Aborted when the person asks to stop (Ctrl-C): a batch finishes its calls in flight. */
  stop?: AbortSignal;
  /**
   * Called by a batch while it runs, so that Ctrl-C aborts `stop` instead of ending the process;
   * the function returned gives Ctrl-C back.
   */
  holdInterrupts?: () => () => void;
  /** Environment (OPENAI_API_KEY, OPENAI_MODEL…); `process.env` when absent. */
  env?: Record<string, string | undefined>;
}

/** Notes for the person go to stderr, each on its own line, after `railguard: `. */
export function writeNotes(io: CliIO, notes: readonly string[]): void {
  for (const note of notes) io.err.write(`railguard: ${note}\n`);
}
