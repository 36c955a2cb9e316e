import { indexPath, keyPath } from "../json-path.js";

/** A concrete location in an output value: object keys and list indices. */
export type Segment = string | number;
export type Path = readonly Segment[];

/**
 * `$`, `$.fees[2].name`, `$["two words"]`: the same JSONPath style as the parser's repairs, so a
 * validator log and a repair about one value name it the same way.
 */
export function formatPath(path: Path): string {
  return path.reduce<string>(
    (text, segment) =>
      typeof segment === "number" ? indexPath(text, segment) : keyPath(text, segment),
    "$",
  );
}
