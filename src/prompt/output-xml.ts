import { shapeAttributes } from "../rail/print.js";
import { type ChoiceField, type Field, isSiblingChoice, type OutputSpec } from "../rail/types.js";
import { elementLines, type XmlAttributes } from "../rail/xml-writer.js";

/**
 * The `<output>` XML shown to the model (Guardrails' "passthrough" schema): names, descriptions
 * and shapes as written, validators rendered as `format` text, on-fail and strict attributes
 * gone, 4-space indentation. A 0.1-style (sibling) choice is deconstructed as Guardrails did: a
 * string with `choices`, then each case's children marked `if="choice==case"`.
 */

/** The prompt texts of a field's validators (hidden ones already left out). */
export type ValidatorPrompts = (field: Field) => readonly string[];

interface XmlElement {
  tag: string;
  attributes: XmlAttributes;
  children: XmlElement[];
}

/**
 * Renders the output schema. With `keep`, only those fields (whole), their ancestors and nothing
 * else are rendered: the pruned schema of a reask.
 */
export function renderOutputXml(
  output: OutputSpec,
  prompts: ValidatorPrompts,
  keep?: ReadonlySet<Field>,
): string {
  const { root } = output;
  const element = fieldElement(root, prompts, "output");
  if (output.type === "list") element.attributes.unshift(["type", "list"]);
  element.children = childElements(root, prompts, keep);
  return serialise(element).join("\n");
}

function childElements(
  field: Field,
  prompts: ValidatorPrompts,
  keep: ReadonlySet<Field> | undefined,
): XmlElement[] {
  if (field.kind === "object") return fieldsElements(field.children, prompts, keep);
  if (field.kind === "list") return field.item ? fieldsElements([field.item], prompts, keep) : [];
  if (field.kind === "choice" && field.style === "discriminated") {
    return field.cases
      .filter((choiceCase) => !keep || choiceCase.children.some((child) => touches(child, keep)))
      .map((choiceCase) => ({
        tag: "case",
        attributes: [
          ["name", choiceCase.name],
          ["description", choiceCase.description],
        ],
        children: fieldsElements(choiceCase.children, prompts, keep),
      }));
  }
  return [];
}

/** Elements of sibling fields, pruned to `keep`; a field in `keep` is rendered whole. */
function fieldsElements(
  fields: readonly Field[],
  prompts: ValidatorPrompts,
  keep: ReadonlySet<Field> | undefined,
): XmlElement[] {
  return fields
    .filter((field) => !keep || touches(field, keep))
    .flatMap((field) => {
      const inner = keep?.has(field) ? undefined : keep;
      if (isSiblingChoice(field)) {
        return siblingChoice(field, prompts, inner);
      }
      const element = fieldElement(field, prompts, field.kind);
      element.children = childElements(field, prompts, inner);
      return [element];
    });
}

function siblingChoice(
  field: ChoiceField,
  prompts: ValidatorPrompts,
  keep: ReadonlySet<Field> | undefined,
): XmlElement[] {
  const selector = fieldElement(field, prompts, "string");
  selector.attributes.splice(1, 0, ["choices", field.cases.map((c) => c.name).join(",")]);
  const caseElements = field.cases.flatMap((choiceCase) =>
    fieldsElements(choiceCase.children, prompts, keep).map((element) => {
      element.attributes.push(["if", `${field.name ?? ""}==${choiceCase.name}`]);
      return element;
    }),
  );
  return [selector, ...caseElements];
}

/** Is the field, or anything below it, in `keep`? */
function touches(field: Field, keep: ReadonlySet<Field>): boolean {
  if (keep.has(field)) return true;
  if (field.kind === "object") return field.children.some((child) => touches(child, keep));
  if (field.kind === "list") return field.item !== undefined && touches(field.item, keep);
  if (field.kind === "choice") {
    return field.cases.some((choiceCase) =>
      choiceCase.children.some((child) => touches(child, keep)),
    );
  }
  return false;
}

function fieldElement(field: Field, prompts: ValidatorPrompts, tag: string): XmlElement {
  const validators = prompts(field).join("; ");
  const attributes: XmlAttributes = [
    ["name", field.name],
    ["description", field.description],
    ["format", validators || undefined],
    ...shapeAttributes(field),
    ["required", field.required ? undefined : "false"],
  ];
  return { tag, attributes, children: [] };
}

/** Guardrails pretty-printed the schema with 4-space indentation. */
const INDENT = "    ";

const serialise = (element: XmlElement): string[] =>
  elementLines(element.tag, element.attributes, element.children.flatMap(serialise), INDENT);
