import { distance } from "fastest-levenshtein";
import { RailguardError } from "../errors.js";
import { lineColumn } from "../show.js";
import { type CassetteRequest, stableStringify } from "./cassette-file.js";

const SHOWN_PROMPT_CHARS = 500;
const SNIPPET_CHARS = 40;

/** Where a request first departs from a recording. */
export interface FirstDifference {
  part: "prompt" | "instructions" | "messages" | "jsonSchema";
  /** Character offset in that part. */
  offset: number;
  /** "line L, column C" of the offset in the requested text. */
  location: string;
  requested: string;
  recorded: string;
}

export interface ClosestRecording {
  request: CassetteRequest;
  /** Edit distance over prompt and instructions. */
  distance: number;
  difference: FirstDifference;
}

/** A replayed request that was never recorded; the message shows the nearest recording. */
export class CassetteMissError extends RailguardError {
  readonly file: string;
  readonly request: CassetteRequest;
  readonly closest: ClosestRecording | undefined;

  constructor(file: string, request: CassetteRequest, recorded: readonly CassetteRequest[]) {
    const closest = closestRecording(request, recorded);
    super("cassette-miss", missMessage(file, request, closest, recorded.length));
    this.file = file;
    this.request = request;
    this.closest = closest;
  }
}

/** The recording nearest to `request`: least edit distance, then longest common prefix. */
function closestRecording(
  request: CassetteRequest,
  recorded: readonly CassetteRequest[],
): ClosestRecording | undefined {
  let best: ClosestRecording | undefined;
  for (const candidate of recorded) {
    const difference = firstDifference(request, candidate);
    if (!difference) continue;
    const editDistance =
      distance(request.prompt, candidate.prompt) +
      distance(request.instructions ?? "", candidate.instructions ?? "");
    if (isCloser(editDistance, difference, best)) {
      best = { request: candidate, distance: editDistance, difference };
    }
  }
  return best;
}

function isCloser(
  editDistance: number,
  difference: FirstDifference,
  best: ClosestRecording | undefined,
): boolean {
  if (!best || editDistance !== best.distance) return !best || editDistance < best.distance;
  return difference.offset > best.difference.offset;
}

/** The first part (prompt, instructions, messages, then schema) that differs, and where. */
function firstDifference(
  request: CassetteRequest,
  recorded: CassetteRequest,
): FirstDifference | undefined {
  const parts = [
    ["prompt", request.prompt, recorded.prompt],
    ["instructions", request.instructions ?? "", recorded.instructions ?? ""],
    ["messages", stableStringify(request.messages), stableStringify(recorded.messages)],
    ["jsonSchema", schemaText(request), schemaText(recorded)],
  ] as const;
  for (const [part, requested, previous] of parts) {
    if (requested === previous) continue;
    const offset = commonPrefixLength(requested, previous);
    return {
      part,
      offset,
      location: lineColumn(requested, offset),
      requested: snippetAt(requested, offset),
      recorded: snippetAt(previous, offset),
    };
  }
  return undefined;
}

const schemaText = ({ jsonSchema }: CassetteRequest): string =>
  jsonSchema === undefined ? "(no schema)" : stableStringify(jsonSchema);

function commonPrefixLength(a: string, b: string): number {
  let index = 0;
  while (index < a.length && index < b.length && a[index] === b[index]) index++;
  return index;
}

/** A short quoted excerpt starting a little before `offset`. */
function snippetAt(text: string, offset: number): string {
  const start = Math.max(0, offset - 10);
  const excerpt = text.slice(start, start + SNIPPET_CHARS);
  const prefix = start > 0 ? "…" : "";
  const suffix = start + SNIPPET_CHARS < text.length ? "…" : "";
  return `${prefix}${JSON.stringify(excerpt)}${suffix}`;
}

function missMessage(
  file: string,
  request: CassetteRequest,
  closest: ClosestRecording | undefined,
  recordings: number,
): string {
  const lines = [
    `No recording in cassette ${file} matches this request (${recordings} recorded).`,
    "Requested prompt:",
    indent(shorten(request.prompt)),
  ];
  if (closest) {
    const { difference } = closest;
    lines.push(
      `Closest recorded prompt (edit distance ${closest.distance}):`,
      indent(shorten(closest.request.prompt)),
      `They first differ in the ${difference.part} at ${difference.location}: ` +
        `requested ${difference.requested}, recorded ${difference.recorded}.`,
    );
  }
  lines.push(
    `If the change is intended, record again with recordLLM(llm, ${JSON.stringify(file)}).`,
  );
  return lines.join("\n");
}

function shorten(text: string): string {
  if (text.length <= SHOWN_PROMPT_CHARS) return text;
  return `${text.slice(0, SHOWN_PROMPT_CHARS)}… (${text.length - SHOWN_PROMPT_CHARS} more characters)`;
}

function indent(text: string): string {
  return text.replace(/^/gm, "  ");
}
