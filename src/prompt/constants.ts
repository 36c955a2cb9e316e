/**
 * The prompt primitives of Guardrails' `constants.xml`, in railguard's own wording with the same
 * meaning. Templates reach them as `@name` or `${gr.name}`. Their text may hold
 * `${output_schema}`, `${previous_response}` and `${error_messages}`, filled by the same render.
 */

/** A render slot, `${name}`, filled when the constant is rendered inside a template. */
const slot = (name: string): string => `$\{${name}}`;
const OUTPUT_SCHEMA = slot("output_schema");
const PREVIOUS_RESPONSE = slot("previous_response");

const XML_PREFIX =
  "The XML below describes the information to extract from the document and the tags to put it in.";

const SCHEMA_BLOCK = `${XML_PREFIX}\n\n${OUTPUT_SCHEMA}`;

const JSON_ONLY = "Return ONLY a valid JSON object, with no other text.";

const FOLLOW_XML =
  "The JSON MUST follow the XML format, including every type and format it asks for (lists, objects and specific types).";

const CONCISE = "Be correct and concise.";

const UNSURE_NONE = 'If you are unsure of a value, enter "None".';

/** How to write the JSON: the rules every JSON suffix states (exported to spot them in a text). */
export const KEYS_AND_TYPES = `${JSON_ONLY} Each key of the JSON is the \`name\` attribute of the matching XML element, and each value has the type named by that element's tag. ${FOLLOW_XML} ${CONCISE}`;

const EXAMPLES = `Here are simple (XML, JSON) pairs that show what is expected:
- \`<string name='city' format='two-words lower-case' />\` => \`{"city": "new york"}\`
- \`<list name='codes'><string format='upper-case' /></list>\` => \`{"codes": ["CODE ONE", "CODE TWO", etc.]}\`
- \`<object name='author'><string name='name' format='capitalize two-words' /><integer name='rank' format='1-indexed' /></object>\` => \`{"author": {"name": "Ada Lovelace", "rank": 1}}\``;

const completeSuffix = (unsureRule: string): string =>
  [SCHEMA_BLOCK, unsureRule ? `${KEYS_AND_TYPES} ${unsureRule}` : KEYS_AND_TYPES, EXAMPLES].join(
    "\n\n",
  );

const JSON_SUFFIX_V2_WO_NONE = `${JSON_ONLY} ${FOLLOW_XML} ${CONCISE}`;

const JSON_REASK = `The JSON response below has problems: some of its values are incorrect.\n\n${PREVIOUS_RESPONSE}\n\nCorrect the incorrect values, following the error messages given with each one.`;

const JSON_SUFFIX_EXAMPLES = `${KEYS_AND_TYPES}\n\n${EXAMPLES}`;

const JSON_SUFFIX_WITHOUT_EXAMPLES = `${SCHEMA_BLOCK}\n\n${KEYS_AND_TYPES}`;

const JSON_INSTRUCTIONS = `You are a helpful assistant who communicates only in valid JSON, with no other text.\n\n${JSON_SUFFIX_EXAMPLES}`;

const COMPLETE_JSON_SUFFIX = completeSuffix("If you are unsure of a value, enter `null`.");
const COMPLETE_JSON_SUFFIX_V2 = completeSuffix("");
const COMPLETE_JSON_SUFFIX_V3 = completeSuffix("If you are unsure anywhere, give your best guess.");

export const PROMPT_CONSTANTS: Readonly<Record<string, string>> = Object.freeze({
  xml_prefix_prompt: XML_PREFIX,
  json_suffix_prompt: `Return valid JSON that respects the XML above, converting every value to the type it indicates. ${CONCISE} Find every relevant piece of information in the document. If you are unsure of a value, write None. Wrong answers are sent back to you for correction, which is expensive.`,
  json_suffix_prompt_v2: `${JSON_SUFFIX_V2_WO_NONE} ${UNSURE_NONE}`,
  json_suffix_prompt_v2_wo_none: JSON_SUFFIX_V2_WO_NONE,
  complete_json_suffix: COMPLETE_JSON_SUFFIX,
  complete_json_suffix_v2: COMPLETE_JSON_SUFFIX_V2,
  complete_json_suffix_v3: COMPLETE_JSON_SUFFIX_V3,
  json_suffix_prompt_examples: JSON_SUFFIX_EXAMPLES,
  json_suffix_without_examples: JSON_SUFFIX_WITHOUT_EXAMPLES,
  high_level_json_reask_prompt: JSON_REASK,
  // Its name in Guardrails 0.1.0.
  high_level_reask_prompt: JSON_REASK,
  // Guardrails uses the same words when the JSON has the wrong shape.
  high_level_skeleton_reask_prompt: JSON_REASK,
  high_level_json_parsing_reask_prompt: `The response below could not be parsed as JSON.\n\n${PREVIOUS_RESPONSE}\n\nCorrect it so that it is valid JSON.`,
  high_level_string_reask_prompt: `Here is a response you gave earlier:\n\n======\n${PREVIOUS_RESPONSE}\n======\n\nWrite a new response that corrects it so that each of these problems is fixed:\n${slot("error_messages")}`,
  complete_string_suffix: OUTPUT_SCHEMA,
  high_level_json_instructions: JSON_INSTRUCTIONS,
  // v0.4.5 duplicated the XML-schema wording under `xml_*` names; ours describe XML already.
  xml_suffix_prompt_examples: JSON_SUFFIX_EXAMPLES,
  xml_suffix_without_examples: JSON_SUFFIX_WITHOUT_EXAMPLES,
  complete_xml_suffix: COMPLETE_JSON_SUFFIX,
  complete_xml_suffix_v2: COMPLETE_JSON_SUFFIX_V2,
  complete_xml_suffix_v3: COMPLETE_JSON_SUFFIX_V3,
  high_level_xml_instructions: JSON_INSTRUCTIONS,
});

export const isPromptConstant = (name: string): boolean => Object.hasOwn(PROMPT_CONSTANTS, name);
