import { parser as pythonParser } from "@lezer/python";
import { type Options as AcornOptions, parse as parseJavaScript } from "acorn";
import { formatPosition, lineColumn } from "../show.js";
import { alias, textOnly } from "./common.js";
import type { ArgSpec, ValidatorDefinition, Verdict } from "./types.js";
import { fail, pass } from "./types.js";

type CodeArgs = { max_length: number };

/**
 * Default size limit: Lezer's error recovery takes about 20 ms per kilobyte of garbage, so 50,000
 * characters bound a check to about a second, far above the code a model writes in one answer.
 */
export const DEFAULT_MAX_CODE_LENGTH = 50_000;

const maxLengthArg: ArgSpec = {
  name: "max_length",
  type: "integer",
  optional: true,
  default: DEFAULT_MAX_CODE_LENGTH,
  description: "Longest source (in characters) that is parsed; longer source fails unparsed.",
};

/** A syntax check that refuses source over `max_length` before parsing it. */
function syntaxCheck(
  language: string,
  check: (source: string) => Verdict,
): ValidatorDefinition<CodeArgs>["validate"] {
  return textOnly((source, { args }) =>
    source.length > args.max_length
      ? fail(
          `${language} source of ${source.length} characters is longer than max_length (${args.max_length}); it was not parsed`,
        )
      : check(source),
  );
}

/** What sits at an error: the erroneous text, the rest of its line, or the end of the input. */
function describeErrorSite(source: string, from: number, to: number): string {
  const text = from < to ? source.slice(from, to) : (source.slice(from).split("\n")[0] ?? "");
  if (text.trim()) return `unexpected ${JSON.stringify(text.trim().slice(0, 30))}`;
  return from >= source.trimEnd().length ? "unexpected end of input" : "unexpected end of line";
}

/** The first error node of the Python parse tree, if any (the parser recovers; it never throws). */
function firstPythonError(source: string): { from: number; to: number } | undefined {
  let found: { from: number; to: number } | undefined;
  pythonParser.parse(source).iterate({
    enter(node) {
      if (found) return false;
      if (node.type.isError) found = { from: node.from, to: node.to };
      return undefined;
    },
  });
  return found;
}

export const bugFreePython: ValidatorDefinition<CodeArgs> = {
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
  validate: syntaxCheck("Python", (source) => {
    const error = firstPythonError(source);
    if (!error) return pass();
    return fail(
      `Python syntax error at ${lineColumn(source, error.from)}: ${describeErrorSite(source, error.from, error.to)}`,
    );
  }),
};

type AcornError = SyntaxError & { loc?: { line: number; column: number } };

/** Parses as a module, then as a script (sloppy-mode code such as `with`); returns the module error. */
function javaScriptError(source: string): AcornError | undefined {
  const attempt = (sourceType: AcornOptions["sourceType"]): AcornError | undefined => {
    try {
      parseJavaScript(source, { ecmaVersion: "latest", sourceType, allowHashBang: true });
      return undefined;
    } catch (error) {
      if (error instanceof SyntaxError) return error;
      throw error;
    }
  };
  const moduleError = attempt("module");
  return moduleError && attempt("script") && moduleError;
}

export const bugFreeJavaScript: ValidatorDefinition<CodeArgs> = {
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
  validate: syntaxCheck("JavaScript", (source) => {
    const error = javaScriptError(source);
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
