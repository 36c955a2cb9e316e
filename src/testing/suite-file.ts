import { existsSync } from "node:fs";
import { basename, dirname, join, resolve } from "node:path";
import { parseDocument } from "yaml";
import { errorMessage, RailguardError } from "../errors.js";
import { readTextFile } from "../rail/index.js";
import { isPlainObject } from "../show.js";

/**
 * A validator test suite: `<name>.cases.yaml` (or `.json`) beside `<name>.rail`. Each case gives
 * the inputs, the model's answers in order (or one saved output) and what must come out. The
 * format is documented in the README ("Validator test suites").
 */
export interface Suite {
  /** The suite file, as given. */
  file: string;
  /** The spec the cases run against: `spec:` resolved next to the suite, else `<name>.rail`. */
  spec: string;
  format: "yaml" | "json";
  cases: SuiteCase[];
}

export interface SuiteCase {
  name: string;
  /** Position in the file's `cases` list, for `--update`. */
  index: number;
  vars: Record<string, unknown>;
  metadata: Record<string, unknown>;
  numReasks?: number;
  /** The model's answers, one per round (`guard.call`); absent for a saved-output case. */
  answers?: ScriptedAnswer[];
  /** A saved model output, checked as `guard.parse` does without a model. */
  output?: string;
  expect: CaseExpectations;
}

/** One round: the answer, and optionally the exact prompt the model must receive for it. */
export interface ScriptedAnswer {
  text: string;
  prompt?: string;
}

export interface CaseExpectations {
  validationPassed?: boolean;
  /** The validated output, exactly. */
  output?: unknown;
  /** Keys and items the validated output must contain (arrays must match in length). */
  outputSubset?: unknown;
  /** `"<validator> <path>"` for every validator that failed, in any round. */
  failed?: string[];
  /** `"<action> <validator> <path>"` for every action taken on a failure, in any round. */
  actions?: string[];
  /** How many times the model was called. */
  calls?: number;
  /** Snapshot of the first reask prompt sent; `null` records one on `--update`. */
  reaskPrompt?: string | null;
}

/** A suite file that cannot be read or does not follow the format. */
export class SuiteFileError extends RailguardError {
  constructor(file: string, reason: string, options?: { cause?: unknown }) {
    super("suite-file", `${file}: ${reason}`, options);
  }
}

export const SUITE_PATTERN = /\.cases\.(ya?ml|json)$/;

/** Reads and checks a suite file; `{ file: path }` values are read relative to it. */
export function readSuite(file: string): Suite {
  const format = /\.json$/.test(file) ? "json" : "yaml";
  const data = parseSuiteText(file, readSuiteText(file), format);
  const at = (where: string, reason: string) => new SuiteFileError(file, `${where}: ${reason}`);
  if (!isPlainObject(data) || !Array.isArray(data.cases)) {
    throw at("top level", "expected an object with a `cases` list");
  }
  const dir = dirname(file);
  const specName = data.spec ?? basename(file).replace(SUITE_PATTERN, ".rail");
  if (typeof specName !== "string") throw at("spec", "must be a file name");
  const spec = join(dir, specName);
  if (!existsSync(spec)) throw at("spec", `${spec} does not exist (name it with \`spec:\`)`);
  const cases = data.cases.map((entry: unknown, index: number) =>
    readCase(entry, index, (value, where) => resolveFiles(value, dir, where, at)),
  );
  return { file, spec, format, cases };

  function readCase(entry: unknown, index: number, load: Loader): SuiteCase {
    const where = `cases[${index}]`;
    if (!isPlainObject(entry)) throw at(where, "expected an object");
    const name = typeof entry.name === "string" ? entry.name : `case ${index + 1}`;
    const here = `${where} "${name}"`;
    const { answers, output, numReasks } = entry;
    if ((answers === undefined) === (output === undefined)) {
      throw at(here, "give either `answers` (the model's answers in order) or `output`");
    }
    if (numReasks !== undefined && !(Number.isInteger(numReasks) && Number(numReasks) >= 0)) {
      throw at(`${here}.numReasks`, "must be a whole number ≥ 0");
    }
    const loadedOutput = output === undefined ? undefined : load(output, `${here}.output`);
    if (loadedOutput !== undefined && typeof loadedOutput !== "string") {
      throw at(`${here}.output`, "must be text (or { file: path })");
    }
    return {
      name,
      index,
      vars: objectAt(load(entry.vars ?? {}, `${here}.vars`), `${here}.vars`),
      metadata: objectAt(load(entry.metadata ?? {}, `${here}.metadata`), `${here}.metadata`),
      numReasks: numReasks as number | undefined,
      answers: answers === undefined ? undefined : readAnswers(answers, `${here}.answers`, load),
      output: loadedOutput,
      expect: readExpectations(entry.expect ?? {}, `${here}.expect`),
    };
  }

  function readAnswers(value: unknown, where: string, load: Loader): ScriptedAnswer[] {
    if (!Array.isArray(value) || value.length === 0) throw at(where, "must be a non-empty list");
    return value.map((item, i) => {
      const loaded = load(item, `${where}[${i}]`);
      if (typeof loaded === "string") return { text: loaded };
      if (isPlainObject(loaded) && typeof loaded.text === "string") {
        if (loaded.prompt !== undefined && typeof loaded.prompt !== "string") {
          throw at(`${where}[${i}].prompt`, "must be text");
        }
        return { text: loaded.text, prompt: loaded.prompt as string | undefined };
      }
      throw at(`${where}[${i}]`, "must be text, { file: path } or { text, prompt? }");
    });
  }

  function readExpectations(value: unknown, where: string): CaseExpectations {
    if (!isPlainObject(value)) throw at(where, "expected an object");
    const known = new Set(Object.keys(EXPECTATION_KEYS));
    const unknown = Object.keys(value).filter((key) => !known.has(key));
    if (unknown.length > 0) {
      throw at(where, `unknown key "${unknown[0]}" (known: ${[...known].join(", ")})`);
    }
    for (const [key, check] of Object.entries(EXPECTATION_KEYS)) {
      if (key in value && !check.test(value[key])) throw at(`${where}.${key}`, check.what);
    }
    return value as CaseExpectations;
  }

  function objectAt(value: unknown, where: string): Record<string, unknown> {
    if (!isPlainObject(value)) throw at(where, "expected an object");
    return value;
  }
}

type Loader = (value: unknown, where: string) => unknown;

const isStringList = (value: unknown) =>
  Array.isArray(value) && value.every((item) => typeof item === "string");

const EXPECTATION_KEYS: Record<string, { test: (value: unknown) => boolean; what: string }> = {
  validationPassed: { test: (v) => typeof v === "boolean", what: "must be true or false" },
  output: { test: () => true, what: "" },
  outputSubset: { test: () => true, what: "" },
  failed: { test: isStringList, what: 'must be a list of "<validator> <path>"' },
  actions: { test: isStringList, what: 'must be a list of "<action> <validator> <path>"' },
  calls: {
    test: (v) => Number.isInteger(v) && Number(v) >= 0,
    what: "must be a whole number ≥ 0",
  },
  reaskPrompt: {
    test: (v) => v === null || typeof v === "string",
    what: "must be text, or null to record it with --update",
  },
};

function readSuiteText(file: string): string {
  try {
    return readTextFile(file);
  } catch (error) {
    throw new SuiteFileError(file, `cannot read it (${errorMessage(error)})`, { cause: error });
  }
}

function parseSuiteText(file: string, text: string, format: "yaml" | "json"): unknown {
  if (format === "json") {
    try {
      return JSON.parse(text);
    } catch (error) {
      throw new SuiteFileError(file, `invalid JSON: ${errorMessage(error)}`);
    }
  }
  const document = parseDocument(text, { prettyErrors: true });
  const [first] = document.errors;
  if (first) throw new SuiteFileError(file, `invalid YAML: ${first.message.split("\n")[0]}`);
  return document.toJS();
}

/** `{ file: path }` anywhere in a value becomes the file's text (read next to the suite). */
function resolveFiles(
  value: unknown,
  dir: string,
  where: string,
  at: (where: string, reason: string) => Error,
): unknown {
  if (Array.isArray(value))
    return value.map((item, i) => resolveFiles(item, dir, `${where}[${i}]`, at));
  if (!isPlainObject(value)) return value;
  const keys = Object.keys(value);
  if (keys.length === 1 && keys[0] === "file") {
    if (typeof value.file !== "string") throw at(`${where}.file`, "must be a path");
    try {
      return readTextFile(resolve(dir, value.file));
    } catch (error) {
      throw at(`${where}.file`, `cannot read ${value.file} (${errorMessage(error)})`);
    }
  }
  return Object.fromEntries(
    keys.map((key) => [key, resolveFiles(value[key], dir, `${where}.${key}`, at)]),
  );
}
