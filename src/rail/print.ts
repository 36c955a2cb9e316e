import { RailguardError } from "../errors.js";
import { FORMAT_ATTRIBUTES } from "./fields.js";
import { onFailAttribute } from "./reader.js";
import type {
  ChoiceCase,
  Field,
  OutputSpec,
  RailSpec,
  TemplateSpec,
  ValidatorRef,
} from "./types.js";
import { formatValidators } from "./validator-spec.js";
import {
  attributeText,
  elementLines,
  escapeAttribute,
  indentLines,
  type XmlAttributes,
} from "./xml-writer.js";

const INDENT = "  ";
const XML_NAME = /^[A-Za-z_][\w.-]*$/;

/** Writes a spec as RAIL; `parseRail(printRail(spec))` equals `spec` (positions and warnings aside). */
export function printRail(spec: RailSpec): string {
  const templates: [string, TemplateSpec | undefined][] = [
    ["instructions", spec.instructions],
    ["prompt", spec.prompt],
    ["reask_instructions", spec.reaskInstructions],
    ["reask_prompt", spec.reaskPrompt],
  ];
  const body = [
    ...printOutput(spec.output),
    ...templates.flatMap(([tag, template]) => (template ? printTemplate(tag, template) : [])),
  ];
  return [`<rail version="${escapeAttribute(spec.version)}">`, ...indent(body), "</rail>", ""].join(
    "\n",
  );
}

function printOutput(output: OutputSpec): string[] {
  const { root } = output;
  const attributes: XmlAttributes = [
    ["type", output.type === "object" ? undefined : output.type],
    ["strict", output.strict ? "true" : undefined],
    ["name", root.name],
    ["description", root.description],
    ...validatorAttributes(root.validators),
  ];
  return element("output", attributes, childrenOf(root));
}

function printField(field: Field): string[] {
  // An unknown tag read as a string keeps its tag: written as a validator it would read back as
  // an unknown validator name, which is an error.
  const tagHint = field.validators.find((ref) => ref.tagHint && XML_NAME.test(ref.name));
  const attributes: XmlAttributes = [
    ["name", field.name],
    ["description", field.description],
    ["required", field.required ? undefined : "false"],
    ...shapeAttributes(field),
    ["on-fail-choice", field.kind === "choice" ? field.onFail : undefined],
    ...validatorAttributes(field.validators.filter((ref) => ref !== tagHint)),
  ];
  return element(tagHint?.name ?? field.kind, attributes, childrenOf(field));
}

/**
 * The attributes that say what a field holds beyond its kind: a discriminated choice's key, a
 * temporal scalar's strptime format, an enum's values. Written both in RAIL and in the schema
 * shown to the model.
 */
export function shapeAttributes(field: Field): XmlAttributes {
  if (field.kind === "choice") {
    return [["discriminator", field.style === "discriminated" ? field.discriminator : undefined]];
  }
  if (field.kind === "object" || field.kind === "list") return [];
  const formatAttribute = FORMAT_ATTRIBUTES[field.kind];
  return [
    ...(formatAttribute ? ([[formatAttribute, field.format]] as XmlAttributes) : []),
    ["values", field.values?.join(", ")],
  ];
}

function childrenOf(field: Field): string[] {
  switch (field.kind) {
    case "object":
      return field.children.flatMap(printField);
    case "list":
      return field.item ? printField(field.item) : [];
    case "choice":
      return field.cases.flatMap(printCase);
    default:
      return [];
  }
}

function printCase(choiceCase: ChoiceCase): string[] {
  const attributes: XmlAttributes = [
    ["name", choiceCase.name],
    ["description", choiceCase.description],
  ];
  return element("case", attributes, choiceCase.children.flatMap(printField));
}

/** `validators="…"` plus one `on-fail-<alias>` per validator whose action is not the default. */
function validatorAttributes(refs: readonly ValidatorRef[]): XmlAttributes {
  if (refs.length === 0) return [];
  const onFail = new Map<string, string>();
  for (const ref of refs) {
    if (ref.onFail === "noop") continue;
    const attribute = onFailAttribute(ref.name);
    if (!XML_NAME.test(attribute)) {
      throw new RailguardError(
        "unprintable-on-fail",
        `validator "${ref.name}" cannot carry on-fail action "${ref.onFail}": ${attribute} is not an XML attribute name`,
      );
    }
    if (!onFail.has(attribute)) onFail.set(attribute, ref.onFail);
  }
  return [["validators", formatValidators(refs)], ...onFail];
}

function printTemplate(tag: string, template: TemplateSpec): string[] {
  const open = `<${tag}${attributeText(validatorAttributes(template.validators))}>`;
  if (template.text === "") return [`${open}</${tag}>`];
  return [open, ...indent(textLines(template.text)), `</${tag}>`];
}

/**
 * Template text as lines; CDATA when it holds markup characters, so prompts stay readable.
 * The parser's dedent removes the indentation added around it.
 */
function textLines(text: string): string[] {
  if (!/[<&]/.test(text)) return text.split("\n");
  return `<![CDATA[${text.replaceAll("]]>", "]]]]><![CDATA[>")}]]>`.split("\n");
}

const element = (tag: string, attributes: XmlAttributes, children: string[]): string[] =>
  elementLines(tag, attributes, children, INDENT);

const indent = (lines: string[]): string[] => indentLines(lines, INDENT);
