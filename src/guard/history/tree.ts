import { mismatchText } from "../errors.js";
import type { Call } from "./call.js";
import type { Iteration } from "./iteration.js";
import type { ValidatorLog } from "./validator-log.js";

/** A titled block of a step; lines are shown indented under the title. */
interface Section {
  title: string;
  lines: string[];
}

const COLORS = { title: "\x1b[1;36m", pass: "\x1b[32m", fail: "\x1b[31m", reset: "\x1b[0m" };

/**
 * The call as a tree of text: a header, then one branch per round-trip with its prompt,
 * instructions, raw output, parse repairs, validator verdicts, reask and validated value.
 */
export function renderCallTree(call: Call, options: { color?: boolean } = {}): string {
  const paint = (color: keyof typeof COLORS, text: string) =>
    options.color ? `${COLORS[color]}${text}${COLORS.reset}` : text;
  const { totalTokens } = call.tokens;
  const header = `Call #${call.id} · ${paint(call.status === "pass" ? "pass" : "fail", call.status)} · ${call.iterations.length} step(s) · ${totalTokens} tokens · ${call.ms.toFixed(0)} ms`;
  const steps = call.iterations.map((iteration) => ({
    title: paint(
      "title",
      `Step ${iteration.index} (${iteration.kind}) · ${iteration.ms.toFixed(0)} ms`,
    ),
    sections: sectionsOf(iteration),
  }));
  const ending: Section = {
    title: "Outcome",
    lines: [
      `validation passed: ${call.validationPassed}${call.refrained ? " (refrained)" : ""}`,
      ...(call.error ? [`error: ${call.error.message}`] : []),
      ...json(call.validatedOutput),
    ],
  };
  const lines = [header, ...steps.flatMap((step) => branch(step.title, step.sections, false))];
  lines.push("│", ...branch(ending.title, [{ title: "", lines: ending.lines }], true));
  return lines.join("\n");
}

function sectionsOf(iteration: Iteration): Section[] {
  const sections: Section[] = [];
  const add = (title: string, lines: string[]) => {
    if (lines.length > 0) sections.push({ title, lines });
  };
  add("Prompt", textLines(iteration.prompt));
  add("Instructions", textLines(iteration.instructions));
  add("Raw output", textLines(iteration.rawOutput));
  add(
    "Repairs",
    iteration.repairs.map((r) => `- ${r.kind}${r.path ? ` ${r.path}` : ""}: ${r.message}`),
  );
  if (iteration.parseError) add("Parse error", [iteration.parseError]);
  add(
    "Shape mismatches",
    iteration.mismatches.map((m) => `- ${mismatchText(m)}`),
  );
  add("Validators", iteration.validatorLogs.map(describeLog));
  add("Validated output", json(iteration.validatedValue));
  if (iteration.reask) {
    const state = iteration.reask.sent ? "sent" : "not sent: no reask left";
    add(
      `Reask (${iteration.reask.kind}, ${state})`,
      iteration.reask.errorMessages.map((m) => `- ${m}`),
    );
  }
  if (iteration.usage) {
    const { promptTokens, completionTokens } = iteration.usage;
    add("Tokens", [`prompt ${promptTokens}, completion ${completionTokens}`]);
  }
  return sections;
}

function describeLog(log: ValidatorLog): string {
  const mark = log.outcome === "pass" ? "✓" : "✗";
  const message = log.message ? `: ${log.message}` : "";
  const action = log.actionTaken === "none" ? "" : ` → ${log.actionTaken}`;
  return `${mark} ${log.validator} ${log.path}${message}${action}`;
}

const textLines = (text: string | undefined): string[] =>
  text === undefined ? [] : text.split("\n");

const json = (value: unknown): string[] =>
  value === undefined ? [] : (JSON.stringify(value, null, 2) ?? String(value)).split("\n");

/** Draws one branch: `├─ title` then its sections, each with its lines indented. */
function branch(title: string, sections: Section[], last: boolean): string[] {
  const stem = last ? "   " : "│  ";
  const lines = [`${last ? "└─" : "├─"} ${title}`];
  for (const section of sections) {
    if (section.title) lines.push(`${stem}├─ ${section.title}`);
    const indent = section.title ? `${stem}│    ` : `${stem}   `;
    lines.push(...section.lines.map((line) => `${indent}${line}`.trimEnd()));
  }
  return lines;
}
