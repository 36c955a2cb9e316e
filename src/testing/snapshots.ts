import { readFileSync, writeFileSync } from "node:fs";
import { isCollection, parseDocument, Scalar } from "yaml";
import type { Suite } from "./suite-file.js";

/** One value to write back into a case: `path` is under `cases[index]`. */
export interface SnapshotUpdate {
  index: number;
  path: (string | number)[];
  value: string;
}

/**
 * Writes `--update`'s snapshots into the suite file. YAML is edited in place, so comments and
 * layout survive; prompts are written as block literals (`|`), readable in a diff.
 */
export function writeSnapshots(suite: Suite, updates: readonly SnapshotUpdate[]): void {
  const text = readFileSync(suite.file, "utf8");
  if (suite.format === "json") {
    const data = JSON.parse(text);
    for (const { index, path, value } of updates) setIn(data.cases[index], path, value);
    writeFileSync(suite.file, `${JSON.stringify(data, null, 2)}\n`);
    return;
  }
  const document = parseDocument(text);
  for (const { index, path, value } of updates) {
    const scalar = new Scalar(value);
    scalar.type = value.includes("\n") ? Scalar.BLOCK_LITERAL : Scalar.QUOTE_DOUBLE;
    document.setIn(["cases", index, ...path], scalar);
    // A block literal cannot sit inside `{ … }`: the mapping holding it becomes a block mapping.
    const parent = document.getIn(["cases", index, ...path.slice(0, -1)], true);
    if (isCollection(parent)) parent.flow = false;
  }
  writeFileSync(suite.file, document.toString({ lineWidth: 0, flowCollectionPadding: false }));
}

function setIn(
  target: Record<string | number, unknown>,
  path: (string | number)[],
  value: string,
): void {
  const [head, ...rest] = path;
  if (head === undefined) return;
  if (rest.length === 0) {
    target[head] = value;
    return;
  }
  target[head] ??= {};
  setIn(target[head] as Record<string | number, unknown>, rest, value);
}
