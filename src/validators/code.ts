import { parser as pythonParser } from "@lezer/python";
import { type Options as AcornOptions, parse as parseJavaScript } from "acorn";
import { alias, textOnly } from "./common.js";
import type { ValidatorDefinition } from "./types.js";
import { fail, pass } from "./types.js";

/** 1-based line and column of a character offset. */
function lineAndColumn(source: string, offset: number): { line: number; column: number } {
  const before = source.slice(0, offset).split("\n");
  return { line: before.length, column: (before.at(-1)?.length ?? 0) + 1 };
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

export const bugFreePython: ValidatorDefinition = {
  name: "bug-free-python",
  types: ["string", "pythoncode"],
  description: "Python source that parses (syntax only; the code is never run).",
  docs: {
    check:
      "parses as Python 3 (Lezer grammar); the failure names the line and column; code is never executed",
    fix: "none",
    advice: "`reask`: the message tells the model where the syntax breaks",
  },
  validate: textOnly((source) => {
    const error = firstPythonError(source);
    if (!error) return pass();
    const { line, column } = lineAndColumn(source, error.from);
    return fail(
      `Python syntax error at line ${line}, column ${column}: ${describeErrorSite(source, error.from, error.to)}`,
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

export const bugFreeJavaScript: ValidatorDefinition = {
  name: "bug-free-javascript",
  types: ["string"],
  description: "JavaScript source that parses as a module or a script (syntax only; never run).",
  docs: {
    check:
      "parses with acorn (latest ECMAScript) as a module, or else as a script; the failure names the line and column; code is never executed",
    fix: "none",
    advice: "`reask`: the message tells the model where the syntax breaks",
  },
  validate: textOnly((source) => {
    const error = javaScriptError(source);
    if (!error) return pass();
    // acorn appends "(line:column)" to its message; the location is given in our own words instead.
    const reason = error.message.replace(/\s*\(\d+:\d+\)$/, "");
    const where = error.loc
      ? `line ${error.loc.line}, column ${error.loc.column + 1}`
      : "unknown position";
    return fail(`JavaScript syntax error at ${where}: ${reason}`);
  }),
};

export const codeValidators: ValidatorDefinition[] = [
  bugFreePython,
  bugFreeJavaScript,
  alias(bugFreePython, "valid_python"),
];
