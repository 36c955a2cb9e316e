import type { Paint } from "../color.js";
import type { ResultStatus } from "./results.js";

const BAR_WIDTH = 20;

/**
 * Batch progress on stderr: on a terminal one line redrawn in place (a bar, pass/fail/reask
 * counts, ETA); otherwise a plain line at most every `intervalMs`, so logs stay readable.
 */
export class Progress {
  #done = 0;
  #passed = 0;
  #failed = 0;
  #errors = 0;
  #reasked = 0;
  #lastLine = Number.NEGATIVE_INFINITY;
  readonly #started = performance.now();

  constructor(
    private readonly total: number,
    private readonly write: (text: string) => void,
    private readonly options: { tty: boolean; paint: Paint; intervalMs: number },
  ) {}

  add(status: ResultStatus, reasks: number): void {
    this.#done += 1;
    if (status === "pass") this.#passed += 1;
    else if (status === "fail") this.#failed += 1;
    else this.#errors += 1;
    if (reasks > 0) this.#reasked += 1;
    if (this.options.tty) {
      this.write(`\r\x1b[K${this.#bar()} ${this.#counts()}`);
    } else if (performance.now() - this.#lastLine >= this.options.intervalMs) {
      this.#lastLine = performance.now();
      this.write(`railguard: ${this.#counts()}\n`);
    }
  }

  /** The last word: totals and time, on its own line. */
  finish(note: string): void {
    if (this.options.tty && this.#done > 0) this.write("\n");
    const seconds = ((performance.now() - this.#started) / 1000).toFixed(1);
    this.write(`railguard: ${this.#counts(false)} in ${seconds} s${note ? `; ${note}` : ""}\n`);
  }

  #bar(): string {
    const filled = this.total === 0 ? BAR_WIDTH : Math.round((this.#done / this.total) * BAR_WIDTH);
    return `[${"█".repeat(filled)}${"░".repeat(BAR_WIDTH - filled)}]`;
  }

  #counts(eta = true): string {
    const { paint } = this.options;
    const parts = [
      `${this.#done}/${this.total} done`,
      paint("pass", `${this.#passed} passed`),
      paint("fail", `${this.#failed} failed`),
      ...(this.#errors > 0 ? [paint("fail", `${this.#errors} errors`)] : []),
      `${this.#reasked} reasked`,
    ];
    if (eta && this.#done < this.total) parts.push(`ETA ${this.#eta()}`);
    return parts.join(" · ");
  }

  #eta(): string {
    const perInput = (performance.now() - this.#started) / this.#done;
    const seconds = Math.ceil((perInput * (this.total - this.#done)) / 1000);
    return seconds >= 60 ? `${Math.floor(seconds / 60)}m${seconds % 60}s` : `${seconds}s`;
  }
}
