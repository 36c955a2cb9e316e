/**
 * One example task of the demo: a guard over a spec, the inputs it runs on from the corpus, and
 * the answers a model gives in the bundled cassette (written from `script` by `npm run cassettes`).
 */
import { join } from "node:path";
import type { CallOptions, Guard, ValidationOutcome } from "../../src/index.js";

/** A spec in rails/, found from this file so that tasks run from any folder. */
export const railFile = (name: string): string =>
  join(import.meta.dirname, "..", "..", "rails", name);

export interface Task<T = unknown> {
  /** Names the cassette: examples/cassettes/tasks/<id>.json. */
  id: string;
  title: string;
  /** Where the spec lives, as shown in the demo. */
  spec: string;
  /** Which part of the corpus the task runs on. */
  source: string;
  guard(): Guard<T>;
  options(): CallOptions;
  /**
   * The scripted model's answers, in the order the guard asks (first answer, then each reask's):
   * typical mistakes first, then their corrections.
   */
  script: readonly string[];
  /** The final output, abridged to a few lines. */
  show(output: T): string[];
  /** Lines to print after the outcome (the SQL task runs its query on the corpus database). */
  after?(outcome: ValidationOutcome<T>): Promise<string[]>;
}

/** Leaves a task's type parameter behind, so tasks of different outputs share one list. */
// biome-ignore lint/suspicious/noExplicitAny: each task's own type is checked where it is defined
export type AnyTask = Task<any>;

/** `text` cut to `max` characters on a word boundary, with an ellipsis when cut. */
export function abridge(text: string, max = 90): string {
  const flat = text.replace(/\s+/g, " ").trim();
  if (flat.length <= max) return flat;
  const cut = flat.slice(0, max);
  return `${cut.slice(0, Math.max(cut.lastIndexOf(" "), max / 2))} …`;
}
