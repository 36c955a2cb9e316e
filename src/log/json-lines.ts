import { errorMessage } from "../errors.js";
import type { GuardEvent, GuardEventListener } from "../guard/events.js";
import { jsonSafe } from "../guard/json-safe.js";

/**
 * What `redact` can blank out of every record: `prompt` (the prompt, instructions and messages
 * sent), `rawOutput` (the model's text) and `values` (parsed and validated values, the values
 * before and after each verdict, fix values, the final output).
 */
export type RedactedPart = "prompt" | "rawOutput" | "values";

/**
 * One line of the log: the event's own fields, with `time`, `event`, `call` and `round` first. A
 * `verdicts` event is written as one `verdict` line per validator log (`log`), so that a pipeline
 * reads each verdict on its own line, however many an output has.
 */
export type JsonLinesRecord = Record<string, unknown> & {
  time: string;
  event: RecordType;
  call: number;
  round?: number;
};

/** The event types a record can have: `verdicts` is written as `verdict` lines. */
export type RecordType = Exclude<GuardEvent["type"], "verdicts"> | "verdict";

export interface JsonLinesOptions {
  /** Parts to replace by `"[redacted]"`, or a function that returns the record to write. */
  redact?: readonly RedactedPart[] | ((record: JsonLinesRecord) => JsonLinesRecord);
  /** The clock, for tests. */
  now?: () => Date;
}

/** Anything with `write(text)`: a file stream, `process.stdout`, a socket. */
export interface TextSink {
  write(text: string): unknown;
}

export const REDACTED = "[redacted]";

/**
 * A `GuardOptions.onEvent` listener that writes each event as one line of JSON to `sink`. Values
 * JSON cannot hold (bigints, cycles) are written as text; an error as its code, name and message.
 * A sink that throws is the guard's to ignore: it never fails the call.
 */
export function jsonLinesSink(sink: TextSink, options: JsonLinesOptions = {}): GuardEventListener {
  const now = options.now ?? (() => new Date());
  const redact = redactor(options.redact);
  return (event) => {
    const time = now();
    for (const record of toRecords(event, time)) {
      sink.write(`${JSON.stringify(jsonSafe(redact(record)))}\n`);
    }
  };
}

function toRecords(event: GuardEvent, time: Date): JsonLinesRecord[] {
  if (event.type !== "verdicts") return [toRecord(event, time)];
  const { call, round } = event;
  const stamp = time.toISOString();
  return event.logs.map((log) => ({ time: stamp, event: "verdict", call, round, log }));
}

function toRecord(event: Exclude<GuardEvent, { type: "verdicts" }>, time: Date): JsonLinesRecord {
  const { type, call, ...fields } = event;
  const record: JsonLinesRecord = { time: time.toISOString(), event: type, call, ...fields };
  if (event.type === "call-end" && event.error) {
    const { code, name } = event.error;
    record.error = { code, name, message: errorMessage(event.error) };
  }
  return record;
}

/**
 * Where each part lives: the fields that carry it, by event, as dotted paths (`*` for every item
 * of a list). Messages count as values: a validator's message quotes the value it judged.
 */
const PARTS: Record<RedactedPart, Partial<Record<RecordType, readonly string[]>>> = {
  prompt: {
    "call-start": ["inputs.promptParams"],
    "round-start": ["prompt", "instructions", "messages"],
    "reask-planned": ["request.prompt", "request.instructions"],
  },
  rawOutput: {
    "model-answer": ["text"],
    "reask-planned": ["request.previousResponse"],
  },
  values: {
    parsed: ["value"],
    validated: ["value"],
    verdict: ["log.valueBefore", "log.valueAfter", "log.message"],
    "fix-stood-in": ["fixValue"],
    "reask-planned": ["request.errorMessages"],
    "call-end": [
      "validatedOutput",
      "failures.*.message",
      "unansweredFixes.*.message",
      "unansweredFixes.*.incorrectValue",
      "unansweredFixes.*.fixValue",
    ],
  },
};

function redactor(
  redact: JsonLinesOptions["redact"],
): (record: JsonLinesRecord) => JsonLinesRecord {
  if (typeof redact === "function") return redact;
  const parts = redact ?? [];
  if (parts.length === 0) return (record) => record;
  return (record) => {
    let copy: Record<string, unknown> = record;
    for (const part of parts) {
      for (const path of PARTS[part][record.event] ?? []) copy = redacted(copy, path.split("."));
    }
    return copy as JsonLinesRecord;
  };
}

/** A copy of `node` with the value at `path` replaced by REDACTED; the original is not touched. */
function redacted(
  node: Record<string, unknown>,
  [key, ...rest]: string[],
): Record<string, unknown> {
  if (key === undefined || !(key in node) || node[key] === undefined) return node;
  if (rest.length === 0) return { ...node, [key]: REDACTED };
  const child = node[key];
  if (rest[0] === "*" && Array.isArray(child)) {
    const items = child.map((item) => (isObject(item) ? redacted(item, rest.slice(1)) : item));
    return { ...node, [key]: items };
  }
  return isObject(child) ? { ...node, [key]: redacted(child, rest) } : node;
}

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" && value !== null;
