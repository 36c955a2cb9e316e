import type { Options as AcornOptions } from "acorn";
import type { ValidatorDefinition, Verdict } from "../contract/types.js";
import { fail, pass } from "../contract/types.js";
import { LazyModule } from "../lazy-module.js";
import { formatPosition, lineColumn } from "../show.js";
import { alias, type MaxLengthArgs, maxLengthArg, overMaxLength, textOnly } from "./common.js";

const lezerPython = new LazyModule(() => import("@lezer/python"));
const acorn = new LazyModule(() => import("acorn"));

/**
 * A syntax check that refuses source over `max_length` before parsing it. The parser is loaded on
 * the first check (asynchronously), after which checks run synchronously.
 */
function syntaxCheck<M>(
  language: string,
  parser: LazyModule<M>,
  check: (module: M, source: string) => Verdict,
): ValidatorDefinition<MaxLengthArgs>["validate"] {
  return textOnly((source, { args }) => {
    const tooLong = overMaxLength(language, source, args);
    if (tooLong) return tooLong;
    const loaded = parser.loaded;
    return loaded ? check(loaded, source) : parser.load().then((module) => check(module, source));
  });
}

/** What sits at an error: the erroneous text, the rest of its line, or the end of the input. */
function describeErrorSite(source: string, from: number, to: number): string {
  const text = from < to ? source.slice(from, to) : (source.slice(from).split("\n")[0] ?? "");
  if (text.trim()) return `unexpected ${JSON.stringify(text.trim().slice(0, 30))}`;
  return from >= source.trimEnd().length ? "unexpected end of input" : "unexpected end of line";
}

/** The first error node of the Python parse tree, if any (the parser recovers; it never throws). */
function firstPythonError(
  { parser }: typeof import("@lezer/python"),
  source: string,
): { from: number; to: number } | undefined {
  let found: { from: number; to: number } | undefined;
  parser.parse(source).iterate({
    enter(node) {
      if (found) return false;
      if (node.type.isError) found = { from: node.from, to: node.to };
      return undefined;
    },
  });
  return found;
}

export const bugFreePython: ValidatorDefinition<MaxLengthArgs> = {
  name: "bug-free-python",
  types: ["string", "pythoncode"],
  args: [maxLengthArg],
  description: "Python source that parses (syntax only; the code is never run).",
  docs: {
    check:
      "parses as Python 3 (Lezer grammar); the failure names the line and column; code is never executed; source over `max_length` characters (default 50000) fails unparsed",
    fix: "none",
    advice: "`reask`: the message tells the model where the syntax breaks",
  },
  validate: syntaxCheck("Python", lezerPython, (module, source) => {
    const error = firstPythonError(module, source);
    if (!error) return pass();
    return fail(
      `Python syntax error at ${lineColumn(source, error.from)}: ${describeErrorSite(source, error.from, error.to)}`,
    );
  }),
};

type AcornError = SyntaxError & { loc?: { line: number; column: number } };

/** Parses as a module, then as a script (sloppy-mode code such as `with`); returns the module error. */
function javaScriptError(
  { parse }: typeof import("acorn"),
  source: string,
): AcornError | undefined {
  const attempt = (sourceType: AcornOptions["sourceType"]): AcornError | undefined => {
    try {
      parse(source, { ecmaVersion: "latest", sourceType, allowHashBang: true });
      return undefined;
    } catch (error) {
      if (error instanceof SyntaxError) return error;
      throw error;
    }
  };
  const moduleError = attempt("module");
  return moduleError && attempt("script") && moduleError;
}

export const bugFreeJavaScript: ValidatorDefinition<MaxLengthArgs> = {
  name: "bug-free-javascript",
  types: ["string"],
  args: [maxLengthArg],
  description: "JavaScript source that parses as a module or a script (syntax only; never run).",
  docs: {
    check:
      "parses with acorn (latest ECMAScript) as a module, or else as a script; the failure names the line and column; code is never executed; source over `max_length` characters (default 50000) fails unparsed",
    fix: "none",
    advice: "`reask`: the message tells the model where the syntax breaks",
  },
  validate: syntaxCheck("JavaScript", acorn, (module, source) => {
    const error = javaScriptError(module, source);
    if (!error) return pass();
    // acorn appends "(line:column)" to its message; the location is given in our own words instead.
    const reason = error.message.replace(/\s*\(\d+:\d+\)$/, "");
    const where = error.loc
      ? formatPosition({ line: error.loc.line, column: error.loc.column + 1 })
      : "unknown position";
    return fail(`JavaScript syntax error at ${where}: ${reason}`);
  }),
};

export const codeValidators: ValidatorDefinition[] = [
  bugFreePython,
  bugFreeJavaScript,
  alias(bugFreePython, "valid_python"),
];
