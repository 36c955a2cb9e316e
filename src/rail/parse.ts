import { quoteText } from "../show.js";
import { readOutput } from "./output.js";
import { readsAttribute, type Scope, SpecReader, type UnknownTagPolicy } from "./reader.js";
import { readTemplate } from "./template.js";
import type { OutputSpec, RailSpec, RailWarningCode, TemplateSpec } from "./types.js";
import { readXml } from "./xml.js";

export interface ParseRailOptions {
  /**
   * What an unknown field tag is: an error (default), or a string field whose tag is kept as a
   * format hint for the model, as later Guardrails does.
   */
  unknownTags?: UnknownTagPolicy;
}

/** The only RAIL version Guardrails 0.1–0.4 accept. */
export const RAIL_VERSION = "0.1";

const TEMPLATE_KEYS = {
  prompt: "prompt",
  instructions: "instructions",
  reask_prompt: "reaskPrompt",
  reask_instructions: "reaskInstructions",
} as const;
type TemplateTag = keyof typeof TEMPLATE_KEYS;
type TemplateKey = (typeof TEMPLATE_KEYS)[TemplateTag];

const IGNORED_ELEMENTS: Record<string, [code: RailWarningCode, message: string]> = {
  script: [
    "script-ignored",
    "<script> is never executed; register validators from TypeScript instead",
  ],
  input: ["input-ignored", "<input> schemas were never implemented by Guardrails; ignored"],
};

const RAIL_CHILDREN = ["output", ...Object.keys(TEMPLATE_KEYS), ...Object.keys(IGNORED_ELEMENTS)];

/**
 * Parses a RAIL document into a typed spec. Malformed XML is a `RailSyntaxError`; a well-formed
 * document that is not a valid spec is a `RailSpecError` with line, column and element path.
 * Nothing in the document is executed or evaluated.
 */
export function parseRail(xml: string, options: ParseRailOptions = {}): RailSpec {
  // XML normalises line ends; doing it first keeps line/column counting simple. A byte-order
  // mark is no column of the first line: editors do not count it, nor does the XML validator.
  const source = xml.replace(/^\uFEFF/, "").replace(/\r\n?/g, "\n");
  const reader = new SpecReader(source, options.unknownTags ?? "error");
  const element = readXml(source, readsAttribute);
  const rail: Scope = { element, path: element.tag };
  if (element.tag !== "rail") {
    throw reader.fail(rail, `the root element is <${element.tag}>`, { allowed: "<rail>" });
  }
  const version = readVersion(reader, rail);
  const parts: { output?: OutputSpec } & Partial<Record<TemplateKey, TemplateSpec>> = {};
  for (const child of element.children) {
    const scope = reader.child({ element, path: "" }, child);
    const key = child.tag === "output" ? "output" : templateKey(child.tag);
    if (key === undefined) {
      warnIgnored(reader, scope);
    } else if (parts[key] !== undefined) {
      reader.warn(
        scope,
        "duplicate-element",
        `only the first <${child.tag}> is used, as in Guardrails`,
      );
    } else if (key === "output") {
      parts.output = readOutput(reader, scope);
    } else {
      parts[key] = readTemplate(reader, scope);
    }
  }
  const { output, ...templates } = parts;
  if (!output) {
    throw reader.fail(rail, "missing <output>", {
      allowed: "one <output> with the fields to produce",
    });
  }
  return { version, output, ...templates, warnings: reader.warnings };
}

const templateKey = (tag: string): TemplateKey | undefined =>
  Object.hasOwn(TEMPLATE_KEYS, tag) ? TEMPLATE_KEYS[tag as TemplateTag] : undefined;

function warnIgnored(reader: SpecReader, scope: Scope): void {
  const { tag } = scope.element;
  const known = Object.hasOwn(IGNORED_ELEMENTS, tag) ? IGNORED_ELEMENTS[tag] : undefined;
  const [code, message]: [RailWarningCode, string] = known ?? [
    "unknown-element",
    `<${tag}> is not a RAIL element and is ignored (known: ${RAIL_CHILDREN.join(", ")})`,
  ];
  reader.warn(scope, code, message);
}

function readVersion(reader: SpecReader, rail: Scope): string {
  reader.checkAttributes(rail, ["version"], false);
  const { version } = rail.element.attributes;
  if (version?.trim() === RAIL_VERSION) return RAIL_VERSION;
  if (version === undefined) {
    throw reader.fail(rail, "missing version attribute", { allowed: `version="${RAIL_VERSION}"` });
  }
  throw reader.fail(rail, `unsupported version ${quoteText(version)}`, {
    allowed: `version="${RAIL_VERSION}"`,
    attribute: "version",
  });
}
