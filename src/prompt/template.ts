import { errorMessage } from "../errors.js";
import { isPromptConstant, PROMPT_CONSTANTS } from "./constants.js";
import { MissingPromptVariableError, PromptVariableError } from "./errors.js";

/**
 * Prompt templates in both RAIL styles, rendered in one pass: `{{var}}` / `${var}` variables,
 * `{output_schema}` / `{{output_schema}}` / `${output_schema}`, constants as `@name` or
 * `${gr.name}`, and `$$` for a literal `$`. Substituted values are never re-scanned; a constant's
 * own text is rendered (it may hold `${output_schema}`). A variable that is not given but names a
 * constant (`${complete_string_suffix}`, as some of Guardrails' own specs write it) renders as
 * that constant; `bareConstants` lists such names so the compiler can warn about them.
 */

export interface RenderOptions {
  variables?: Readonly<Record<string, unknown>>;
  /** What the output-schema slot becomes; without it, `output_schema` is an ordinary variable. */
  outputSchema?: string;
  /** Leave unfilled variables marked (`⟨missing: name⟩`) instead of throwing. */
  allowMissing?: boolean;
}

const OUTPUT_SCHEMA = "output_schema";

// One alternation, scanned left to right; `@name` only where it cannot be part of an address.
const TOKEN =
  /\$\$|\$\{gr\.(\w+)\}|\$\{([A-Za-z_]\w*)\}|\{\{\s*([A-Za-z_]\w*)\s*\}\}|\{(output_schema)\}|(?<![\w.+\-@])@(\w+)/g;

type Token =
  | { kind: "dollar" }
  | { kind: "constant"; name: string; spelling: "gr" | "at" }
  | { kind: "variable"; name: string };

function classify(match: RegExpMatchArray): Token {
  const [, grName, dollarName, braceName, schemaName, atName] = match;
  if (grName !== undefined) return { kind: "constant", name: grName, spelling: "gr" };
  if (atName !== undefined) return { kind: "constant", name: atName, spelling: "at" };
  const name = dollarName ?? braceName ?? schemaName;
  return name === undefined ? { kind: "dollar" } : { kind: "variable", name };
}

/** Calls `visit` for every token of `text` (and of the constants it uses); returns the render. */
function walk(text: string, visit: (token: Token, raw: string) => string): string {
  let rendered = "";
  let copiedUpTo = 0;
  for (const match of text.matchAll(TOKEN)) {
    const token = classify(match);
    const known = token.kind === "constant" && isPromptConstant(token.name);
    rendered += text.slice(copiedUpTo, match.index);
    rendered += known
      ? walk(PROMPT_CONSTANTS[token.name] as string, visit)
      : visit(token, match[0]);
    copiedUpTo = match.index + match[0].length;
  }
  return rendered + text.slice(copiedUpTo);
}

const missingMarker = (name: string): string => `⟨missing: ${name}⟩`;

/** A variable's value as prompt text: objects as indented JSON, anything else as String() has it. */
function toText(name: string, value: unknown): string {
  if (typeof value !== "object" || value === null) return String(value);
  try {
    return JSON.stringify(value, null, 2);
  } catch (error) {
    // A cycle or a bigint inside: JSON cannot write it, and "[object Object]" would mislead.
    const [reason = ""] = errorMessage(error).split("\n");
    throw new PromptVariableError(name, reason, { cause: error });
  }
}

/** Renders a prompt template. Throws `MissingPromptVariableError` naming every unfilled variable. */
export function renderTemplate(text: string, options: RenderOptions = {}): string {
  const variables = options.variables ?? {};
  const missing = new Set<string>();
  const lookUp = (name: string): string | undefined => {
    if (name === OUTPUT_SCHEMA && options.outputSchema !== undefined) return options.outputSchema;
    const value = Object.hasOwn(variables, name) ? variables[name] : undefined;
    return value === undefined ? undefined : toText(name, value);
  };
  const visit = (token: Token, raw: string): string => {
    if (token.kind === "dollar") return "$";
    // An `@word` that is no constant is ordinary text (an e-mail address, a handle).
    if (token.kind === "constant" && token.spelling === "at") return raw;
    const name = token.kind === "constant" ? `gr.${token.name}` : token.name;
    const value = token.kind === "variable" ? lookUp(name) : undefined;
    if (value !== undefined) return value;
    if (isBareConstant(token)) return walk(PROMPT_CONSTANTS[name] as string, visit);
    missing.add(name);
    return missingMarker(name);
  };
  const rendered = walk(text, visit);
  if (missing.size > 0 && !options.allowMissing) throw new MissingPromptVariableError([...missing]);
  return rendered;
}

/** A variable token named like a constant: the constant stands in when no value is given. */
const isBareConstant = (token: Token): boolean =>
  token.kind === "variable" && token.name !== OUTPUT_SCHEMA && isPromptConstant(token.name);

/**
 * The user variables a template needs, in order of first use: variables of the constants it
 * uses included; the output-schema slot, constants, and bare constant names (which a constant
 * fills when no value is given) excluded.
 */
export function templateVariables(text: string): string[] {
  const names = new Set<string>();
  walk(text, (token, raw) => {
    if (token.kind === "variable" && token.name !== OUTPUT_SCHEMA && !isBareConstant(token)) {
      names.add(token.name);
    }
    return raw;
  });
  return [...names];
}

/** Variables of a template that name a constant without `gr.` (`${complete_string_suffix}`). */
export function bareConstants(text: string): string[] {
  const names = new Set<string>();
  walk(text, (token, raw) => {
    if (token.kind === "variable" && isBareConstant(token)) names.add(token.name);
    return raw;
  });
  return [...names];
}
