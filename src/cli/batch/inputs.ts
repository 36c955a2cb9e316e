import { RailguardError } from "../../errors.js";
import { isPlainObject } from "../../show.js";
import { readCliFile } from "../files.js";

/** One line of a batch file. */
export interface BatchInput {
  /** The line's `id`, else its line number: what a results file remembers to resume. */
  id: string;
  line: number;
  vars: Record<string, unknown>;
  metadata: Record<string, unknown>;
}

/**
 * Reads a JSON Lines batch: each non-blank line an object `{ "id"?, "vars"?, "metadata"? }`; a
 * line without `vars` holds the variables itself (besides `id` and `metadata`). Every line is
 * checked before any call is made, so a typo on line 900 does not stop a batch half-way.
 */
export function readBatchInputs(file: string): BatchInput[] {
  const lines = readCliFile(file, `--batch ${file}`).split("\n");
  const inputs: BatchInput[] = [];
  const ids = new Set<string>();
  lines.forEach((text, index) => {
    if (text.trim() === "") return;
    const line = index + 1;
    const bad = (reason: string) =>
      new RailguardError("cli-usage", `--batch ${file}: line ${line}: ${reason}.`);
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch {
      throw bad("not JSON");
    }
    if (!isPlainObject(value)) throw bad('expected an object like {"id": "…", "vars": {…}}');
    const { id, vars, metadata, ...rest } = value;
    if (id !== undefined && typeof id !== "string" && typeof id !== "number") {
      throw bad("id must be text or a number");
    }
    const key = id === undefined ? String(line) : String(id);
    if (ids.has(key)) throw bad(`the id "${key}" is used twice`);
    ids.add(key);
    const variables = vars === undefined ? rest : vars;
    if (!isPlainObject(variables)) throw bad("vars must be an object");
    if (metadata !== undefined && !isPlainObject(metadata)) throw bad("metadata must be an object");
    inputs.push({ id: key, line, vars: variables, metadata: metadata ?? {} });
  });
  return inputs;
}
