/**
 * The typed tree that `parseRail` produces from a RAIL document. Everything downstream (schema,
 * prompt, parse, guard) reads this tree; nothing downstream re-reads XML.
 */

/** What to do when a validator fails. */
export type OnFailAction =
  | "reask"
  | "fix"
  | "filter"
  | "refrain"
  | "noop"
  | "exception"
  | "fix_reask";

export const ON_FAIL_ACTIONS: readonly OnFailAction[] = [
  "reask",
  "fix",
  "filter",
  "refrain",
  "noop",
  "exception",
  "fix_reask",
];

/** 1-based line and column in the RAIL source. */
export interface SourcePosition {
  line: number;
  column: number;
}

/**
 * An argument written in the `format`/`validators` mini-language. Parsed by a literal grammar
 * (numbers, quoted strings, True/False/None, lists, dicts); never evaluated.
 */
export type LiteralValue =
  | string
  | number
  | boolean
  | null
  | LiteralValue[]
  | { [key: string]: LiteralValue };

/** One item of a `format`/`validators` attribute, e.g. `length: 1 10` with `on-fail-length`. */
export interface ValidatorRef {
  /** The alias as written: `length`, `valid-choices`, `hub://guardrails/regex_match`. */
  name: string;
  /** Positional arguments, in order. */
  args: LiteralValue[];
  /** Keyword arguments (`min=1 max=10`). */
  kwargs: Record<string, LiteralValue>;
  /** From `on-fail-<alias>`; `noop` when absent (Guardrails' RAIL default). */
  onFail: OnFailAction;
  /** The item's source text, for messages and hints (`length: 1 10`). */
  source: string;
  /** Where the `format`/`validators` attribute that holds it starts, when parsed from text. */
  position?: SourcePosition;
  /**
   * An unknown field tag kept as a format hint (`unknownTags: "string"`): shown to the model,
   * never a validator, so no registry is expected to know it.
   */
  tagHint?: true;
}

export type ScalarKind =
  | "string"
  | "integer"
  | "float"
  | "bool"
  | "date"
  | "time"
  | "date-time"
  | "email"
  | "url"
  | "percentage"
  | "pythoncode"
  | "sql"
  | "enum";

export type FieldKind = ScalarKind | "object" | "list" | "choice";

export const SCALAR_KINDS: readonly ScalarKind[] = [
  "string",
  "integer",
  "float",
  "bool",
  "date",
  "time",
  "date-time",
  "email",
  "url",
  "percentage",
  "pythoncode",
  "sql",
  "enum",
];

interface FieldBase {
  /** JSON key. Absent on list items and on the root of the output. */
  name?: string;
  description?: string;
  /** `required="false"` makes it optional; default true. */
  required: boolean;
  /** Validators in declared order (from `format`, or `validators` when `format` is absent). */
  validators: ValidatorRef[];
  /** Where the element starts in the RAIL source, when parsed from text. */
  position?: SourcePosition;
}

export interface ScalarField extends FieldBase {
  kind: ScalarKind;
  /** `date-format`, `time-format` or `datetime-format` (strptime syntax), when given. */
  format?: string;
  /** `values` of an `<enum>`. */
  values?: string[];
}

export interface ObjectField extends FieldBase {
  kind: "object";
  /** No children = a free-form object. */
  children: Field[];
}

export interface ListField extends FieldBase {
  kind: "list";
  /** The item type; absent = a free-form list. */
  item?: Field;
}

/** One `<case>` of a `<choice>`. */
export interface ChoiceCase {
  name: string;
  description?: string;
  children: Field[];
  position?: SourcePosition;
}

/**
 * A discriminated union.
 * - `discriminated` (0.2+): `{ [name]: { [discriminator]: caseName, ...caseChildren } }`.
 * - `sibling` (0.1.x): `{ [name]: caseName, ...selectedCaseChildren }`: the case's children are
 *   keys of the enclosing object, next to the choice key.
 */
export interface ChoiceField extends FieldBase {
  kind: "choice";
  style: "discriminated" | "sibling";
  /** Key that selects the case (`discriminated` style only; default "discriminator"). */
  discriminator: string;
  cases: ChoiceCase[];
  /** `on-fail-choice` (0.1.x): the action when the value selects no valid case. */
  onFail?: OnFailAction;
}

export type Field = ScalarField | ObjectField | ListField | ChoiceField;

/** A 0.1-style choice: its cases' children are keys of the object that holds it. */
export const isSiblingChoice = (field: Field): field is ChoiceField =>
  field.kind === "choice" && field.style === "sibling";

/** A prompt-like element: `<prompt>`, `<instructions>`, `<reask_prompt>`, `<reask_instructions>`. */
export interface TemplateSpec {
  /** The element's text, trimmed of the common indentation; variables still unrendered. */
  text: string;
  /** Input validators on the element (0.3+ `<prompt validators=…>`). */
  validators: ValidatorRef[];
  position?: SourcePosition;
}

/** Every kind of spec warning; stable, so callers can act on some and not others. */
export type RailWarningCode =
  /** A validator name no registry knows (with `unknownValidators: "warn"`): a hint, not run. */
  | "unknown-validator"
  /** A validator that does not apply to the field's type: a hint, not run. */
  | "validator-not-applicable"
  /** An `on-fail-…` key naming none of the element's validators. */
  | "unused-on-fail"
  | "unknown-attribute"
  | "unknown-tag"
  | "unknown-element"
  | "duplicate-element"
  | "deprecated-tag"
  | "format-overrides-validators"
  | "script-ignored"
  | "input-ignored"
  /** `${complete_string_suffix}` without `gr.`: read as Guardrails' constant of that name. */
  | "bare-prompt-constant"
  /** Validators on `<reask_prompt>`/`<reask_instructions>`: the guard writes reasks, none run. */
  | "reask-validators-ignored";

export interface RailWarning {
  code: RailWarningCode;
  message: string;
  /** Element path, e.g. `output > list "fees" > object > string "name"`. */
  path?: string;
  position?: SourcePosition;
}

export interface OutputSpec {
  /** `object` (default), `string` or `list`. */
  type: "object" | "string" | "list";
  /**
   * `strict="true"`: a validator that does not apply to its field is an error instead of a hint.
   * (Unknown names are errors unless the compile option `unknownValidators` is "warn".)
   */
  strict: boolean;
  /**
   * The root of the output as a field: an ObjectField for `object`, a string ScalarField for
   * `string` (carrying the output's name, description and validators), a ListField for `list`.
   */
  root: Field;
}

export interface RailSpec {
  version: string;
  output: OutputSpec;
  prompt?: TemplateSpec;
  instructions?: TemplateSpec;
  reaskPrompt?: TemplateSpec;
  reaskInstructions?: TemplateSpec;
  /** Non-fatal findings: ignored `<script>`, deprecated tags, unknown attributes… */
  warnings: RailWarning[];
}
