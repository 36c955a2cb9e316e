import type { TokenUsage } from "../../llm/types.js";
import { formatWarning } from "../../rail/warnings.js";
import { preview } from "../../show.js";
import { withPath } from "../errors.js";
import { jsonSafe } from "../json-safe.js";
import type { Call } from "./call.js";
import type { Iteration } from "./iteration.js";
import type { ValidatorLog } from "./validator-log.js";

/** A titled node of the tree: its own lines of text, then its children. */
interface Node {
  title: string;
  lines?: string[];
  children?: Node[];
}

const COLORS = {
  title: "\x1b[1;36m",
  pass: "\x1b[32m",
  fail: "\x1b[31m",
  dim: "\x1b[2m",
  reset: "\x1b[0m",
};
type Paint = (color: keyof typeof COLORS, text: string) => string;

export interface TreeOptions {
  /** ANSI colours (for a terminal). Default false. */
  color?: boolean;
  /**
   * Everything: whole prompts and raw outputs, and each round's validated value. By default
   * long text is cut (saying how much) and the validated output is printed once.
   */
  full?: boolean;
  /**
   * The spec's warnings as the first section. Default true; false where they were already
   * shown, as the CLI prints them once on stderr however many calls it draws.
   */
  warnings?: boolean;
}

/** Lines of a prompt or raw output shown when abridged, and characters of each. */
const ABRIDGED_LINES = 12;
const ABRIDGED_LINE_LENGTH = 200;

/**
 * The call as a tree of text: a header, one branch per iteration (instructions, prompt, raw
 * output, repairs, shape mismatches, validator verdicts, validated value, reask, tokens), and
 * the outcome. Values are shown as indented JSON. Abridged unless `full`: a long prompt or output
 * is cut with a count of what was left out, and a round's validated value is shown only when it
 * is not the call's final output.
 */
export function renderCallTree(call: Call, options: TreeOptions = {}): string {
  const paint: Paint = (color, text) =>
    options.color ? `${COLORS[color]}${text}${COLORS.reset}` : text;
  const text = options.full ? textLines : abridgedLines;
  const finalOutput = options.full ? undefined : jsonLines(call.validatedOutput).join("\n");
  const statusColor = call.status === "pass" ? "pass" : "fail";
  const header = [
    `Call #${call.id}`,
    paint(statusColor, call.status),
    plural(call.iterations.length, "iteration"),
    call.iterations.some((iteration) => iteration.usage) ? tokenSummary(call.tokens) : "",
    `${call.ms.toFixed(0)} ms`,
  ]
    .filter(Boolean)
    .join(" · ");
  const nodes = [
    ...(options.warnings !== false && call.warnings.length > 0 ? [warningsNode(call, paint)] : []),
    ...call.iterations.map((iteration) => iterationNode(iteration, paint, text, finalOutput)),
    outcomeNode(call, paint),
  ];
  return [header, ...nodes.flatMap((node, i) => drawNode(node, "", i === nodes.length - 1))].join(
    "\n",
  );
}

/** The spec's warnings first: they can explain a verdict below (a validator that never ran). */
function warningsNode(call: Call, paint: Paint): Node {
  const lines = call.warnings.map((warning) => `- ${formatWarning(warning)}`);
  return { title: paint("title", `Spec warnings (${lines.length})`), lines };
}

/**
 * `text` renders prompts and raw outputs (whole or abridged); the validated value is left out
 * when it is `finalOutput`, which the outcome prints.
 */
function iterationNode(
  iteration: Iteration,
  paint: Paint,
  text: (value: string | undefined) => string[],
  finalOutput: string | undefined,
): Node {
  const what = iteration.kind === "initial" ? "initial" : `${iteration.kind} reask`;
  const usage = iteration.usage ? ` · ${tokenSummary(iteration.usage)}` : "";
  const time = `${iteration.ms.toFixed(0)} ms`;
  const title = paint("title", `Iteration ${iteration.index} · ${what} · ${time}${usage}`);
  const repairs = iteration.repairs.map((repair) => `${repair.kind}: ${withPath(repair)}`);
  // The parsed value only when validation changed it (or never ran): otherwise it is the same.
  const parsed = jsonLines(iteration.parsedValue);
  const validated = jsonLines(iteration.validatedValue);
  const nodes: (Node | undefined)[] = [
    { title: "Instructions", lines: text(iteration.instructions) },
    conversationNode(iteration),
    { title: "Prompt", lines: text(iteration.prompt) },
    { title: "Raw output", lines: text(iteration.rawOutput) },
    listNode("Repairs", repairs),
    { title: paint("fail", "Not parseable"), lines: textLines(iteration.parseError) },
    listNode("Shape mismatches", iteration.mismatches.map(withPath)),
    listNode(
      "Re-asked values not answered",
      iteration.unmatchedSlots.map((slot) => `${slot.path}: ${slot.reason}`),
    ),
    parsed.join("\n") === validated.join("\n")
      ? undefined
      : { title: "Parsed value", lines: parsed },
    validatorsNode(iteration.validatorLogs, paint),
    validated.join("\n") === finalOutput
      ? undefined
      : { title: "Validated output", lines: validated },
    iteration.reask && reaskNode(iteration.reask),
  ];
  const children = nodes.filter((node): node is Node => (node?.lines?.length ?? 0) > 0);
  return { title, children };
}

/** A conversation reask sent earlier turns too: say which, since only the last is shown. */
function conversationNode({ messages }: Iteration): Node | undefined {
  if (!messages) return undefined;
  const roles = messages.map((message) => message.role).join(", ");
  return {
    title: "Conversation",
    lines: [`${messages.length} messages (${roles}); the last is the prompt`],
  };
}

function validatorsNode(logs: readonly ValidatorLog[], paint: Paint): Node {
  const failed = logs.filter((log) => log.outcome === "fail").length;
  const summary = failed === 0 ? "all passed" : `${failed} of ${logs.length} failed`;
  return { title: `Validators (${summary})`, lines: logs.map((log) => verdictLine(log, paint)) };
}

/**
 * `✗ lower-case $.pet: must be lower case → fixed "Rex" ⇒ "rex"`: verdict, why, action, values;
 * the final check's verdicts as `✓ lower-case $.pet (rechecked "rex")`.
 */
function verdictLine(log: ValidatorLog, paint: Paint): string {
  const before = shown(log.valueBefore);
  if (log.actionTaken === "rechecked") {
    const mark = log.outcome === "pass" ? paint("pass", "✓") : paint("fail", "✗");
    const why = log.message === undefined ? "" : `: ${log.message}`;
    return `${mark} ${log.validator} ${log.path}${why} (rechecked ${before})`;
  }
  const after = log.actionTaken === "filtered" ? "(removed)" : shown(log.valueAfter);
  const values = before === after ? ` (value ${before})` : ` ${before} ⇒ ${after}`;
  if (log.outcome === "pass") {
    return `${paint("pass", "✓")} ${log.validator} ${log.path}${before === after ? "" : values}`;
  }
  const action = log.actionTaken === "none" ? "" : ` → ${log.actionTaken}`;
  return `${paint("fail", "✗")} ${log.validator} ${log.path}: ${log.message}${action}${values}`;
}

function reaskNode(reask: NonNullable<Iteration["reask"]>): Node {
  const state = reask.sent ? "sent" : "not sent (no reask left, or no model to ask)";
  return {
    title: `Reask ${state} · ${reask.kind} · ${reask.paths.join(", ")}`,
    lines: reask.errorMessages.map((message) => `- ${message}`),
  };
}

function outcomeNode(call: Call, paint: Paint): Node {
  const verdict = call.validationPassed ? paint("pass", "passed") : paint("fail", "failed");
  const lines = [
    `validation ${verdict}${call.refrained ? " (refrained: the output is emptied)" : ""}`,
    ...(call.error ? [`error (${call.error.code}): ${call.error.message}`] : []),
    ...call.unansweredFixes.map(
      (fix) =>
        `fixed without the model (reask not answered): ${fix.validator} ${fix.path}: ` +
        `${shown(fix.incorrectValue)} ⇒ ${shown(fix.fixValue)}`,
    ),
    "validated output:",
    ...jsonLines(call.validatedOutput),
  ];
  return { title: paint("title", "Outcome"), lines };
}

const listNode = (title: string, items: string[]): Node => ({
  title: items.length > 1 ? `${title} (${items.length})` : title,
  lines: items.map((item) => `- ${item}`),
});

const plural = (count: number, noun: string): string => `${count} ${noun}${count === 1 ? "" : "s"}`;

const tokenSummary = ({ promptTokens, completionTokens, totalTokens }: TokenUsage): string =>
  `${totalTokens} tokens (${promptTokens} prompt + ${completionTokens} completion)`;

const textLines = (text: string | undefined): string[] =>
  text === undefined ? [] : text.split("\n");

/** The first lines of a text, each cut to a readable length, then how much was left out. */
function abridgedLines(text: string | undefined): string[] {
  const lines = textLines(text);
  if (lines.length === 0) return lines; // no text (a parse has no prompt): nothing was cut
  const kept = lines.slice(0, ABRIDGED_LINES).map((line) => line.slice(0, ABRIDGED_LINE_LENGTH));
  // Characters shown, with the line breaks between them.
  const shown = kept.reduce((sum, line) => sum + line.length, 0) + kept.length - 1;
  const cut = (text?.length ?? 0) - shown;
  if (cut <= 0) return lines;
  const more = lines.length - kept.length;
  const marked = kept.map((line, i) => (line.length < (lines[i]?.length ?? 0) ? `${line}…` : line));
  const what = more > 0 ? `${plural(more, "more line")}, ` : "";
  return [...marked, `… ${what}${plural(cut, "character")} cut (tree({ full: true }) shows all)`];
}

/** A short preview of any value, even one nested too deep for `JSON.stringify`. */
const shown = (value: unknown): string => preview(jsonSafe(value));

/** Indented JSON, also of what JSON cannot show (a bigint or a cycle from a custom handler). */
function jsonLines(value: unknown): string[] {
  if (value === undefined) return [];
  return (JSON.stringify(jsonSafe(value), null, 2) ?? String(value)).split("\n");
}

/** Draws a node under `prefix`: `├─ title` (or `└─` when last), its lines, then its children. */
function drawNode(node: Node, prefix: string, last: boolean): string[] {
  const stem = `${prefix}${last ? "   " : "│  "}`;
  const children = node.children ?? [];
  const textStem = children.length > 0 ? `${stem}│  ` : `${stem}   `;
  return [
    `${prefix}${last ? "└─" : "├─"} ${node.title}`,
    // A line may hold line breaks (a validator's message listing sentences): each gets the stem.
    ...(node.lines ?? [])
      .flatMap((line) => line.split("\n"))
      .map((line) => `${textStem}${line}`.trimEnd()),
    ...children.flatMap((child, i) => drawNode(child, stem, i === children.length - 1)),
  ];
}
