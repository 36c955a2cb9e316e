import type { RailAttribute, Scope, SpecReader } from "./reader.js";
import type { TemplateSpec } from "./types.js";

const TEMPLATE_ATTRIBUTES: RailAttribute[] = ["format", "validators"];

/** `<prompt>`, `<instructions>`, `<reask_prompt>`, `<reask_instructions>`: text plus input validators. */
export function readTemplate(reader: SpecReader, scope: Scope): TemplateSpec {
  const [child] = scope.element.children;
  if (child) {
    throw reader.fail(
      reader.child(scope, child),
      `<${scope.element.tag}> holds text only, not <${child.tag}>`,
      {
        allowed: "text; write markup inside <![CDATA[ … ]]> or as &lt;",
      },
    );
  }
  reader.checkAttributes(scope, TEMPLATE_ATTRIBUTES);
  return {
    text: dedent(scope.element.text),
    validators: reader.validators(scope),
    position: reader.position(scope),
  };
}

/**
 * Removes leading and trailing blank lines and the indentation common to all non-blank lines
 * (as Python's textwrap.dedent), so prompts can be indented like the XML around them.
 */
export function dedent(text: string): string {
  const lines = text.split("\n").map((line) => (line.trim() === "" ? "" : line));
  const first = lines.findIndex((line) => line !== "");
  if (first < 0) return "";
  const last = lines.findLastIndex((line) => line !== "");
  const body = lines.slice(first, last + 1);
  const indent = body
    .filter((line) => line !== "")
    .map(leadingSpace)
    .reduce(commonPrefix);
  return body.map((line) => line.slice(indent.length)).join("\n");
}

const leadingSpace = (line: string): string => /^[ \t]*/.exec(line)?.[0] ?? "";

function commonPrefix(a: string, b: string): string {
  let i = 0;
  while (i < a.length && a[i] === b[i]) i++;
  return a.slice(0, i);
}
