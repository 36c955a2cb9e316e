/**
 * `valid-choices` from the corpus: a RAIL file can only list choices as literals, but the
 * speakers of an episode and the time marks of its transcript differ per episode. This adds the
 * validator to a parsed spec, at a field path, with this episode's values.
 */
import type { Field, LiteralValue, OnFailAction, RailSpec } from "../../src/index.js";

/**
 * A copy of `spec` whose field at `path` (object keys; `*` for a list's items) also checks
 * `valid-choices` against `choices`.
 */
export function withChoices(
  spec: RailSpec,
  path: readonly string[],
  choices: readonly string[],
  onFail: OnFailAction,
): RailSpec {
  const copy = structuredClone(spec);
  const field = path.reduce<Field | undefined>(
    (at, step) =>
      step === "*"
        ? at?.kind === "list"
          ? at.item
          : undefined
        : at?.kind === "object"
          ? at.children.find((child) => child.name === step)
          : undefined,
    copy.output.root,
  );
  if (!field) throw new Error(`no field at ${path.join(".")}`);
  const listed: LiteralValue[] = [...choices];
  field.validators.push({
    name: "valid-choices",
    args: [listed],
    kwargs: {},
    onFail,
    source: `valid-choices: {${JSON.stringify(choices)}}`,
  });
  return copy;
}
