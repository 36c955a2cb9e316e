/**
 * The malformed shapes that once took quadratic time (issue 8), at 50 KB and 500 KB: railguard's
 * parse against jsonrepair alone in the same rounds, and each size against the 50 KB time, which
 * is about 10 when the parse is linear.
 */

import { XMLParser, XMLValidator } from "fast-xml-parser";
import { jsonrepair } from "jsonrepair";
import { type Goal, interleave, median, ratios, spread } from "./measure.js";
import { railguard } from "./package.js";

const { compileRail, parseOutput, parseRail } = railguard;

const ROOT = compileRail(
  `<rail version="0.1"><output><list name="items"><object><string name="name"/></object></list></output></rail>`,
).spec.output.root;

const KB = 1024;
const item = (i: number) => `{"name": "item ${i}"}`;

/** `unit(0) unit(1) …` joined by `separator`, to about `size` characters. */
function fill(size: number, unit: (i: number) => string, separator = ""): string {
  const parts: string[] = [];
  let length = 0;
  for (let i = 0; length < size; i++) {
    const part = unit(i);
    parts.push(part);
    length += part.length + separator.length;
  }
  return parts.join(separator);
}

const JSON_ANSWER = `{"items": [${item(1)}, ${item(2)}]}`;

/** Each shape as a function of its size in characters. */
const SHAPES: Record<string, (size: number) => string> = {
  "unbalanced brackets after the JSON": (size) => `${JSON_ANSWER} ${"{]".repeat(size / 2)}`,
  "closed <think> blocks": (size) => `${fill(size, () => "<think>x</think>")}${JSON_ANSWER}`,
  "trailing commas": (size) => `{"items": [${fill(size, (i) => `{"name": "item ${i}",}`, ",\n")}]}`,
  "missing commas": (size) => `{"items": [${fill(size, item, "\n")}]}`,
};

const ROUNDS = 7;

/** Repairs the text as jsonrepair alone would, failing or not. */
function jsonrepairAlone(text: string): unknown {
  try {
    return JSON.parse(jsonrepair(text));
  } catch (error) {
    return error;
  }
}

export function malformedShapes(report: (line?: string) => void, goals: Goal[]): void {
  report();
  report(`## Malformed shapes: linear time (median ms over ${ROUNDS} interleaved rounds, min–max)`);
  report();
  report(
    "| shape | railguard 50 KB | jsonrepair 50 KB | railguard / jsonrepair | railguard 500 KB | 500 KB / 50 KB |",
  );
  report("|---|---|---|---|---|---|");
  // jsonrepair alone is measured at 50 KB only: it is itself quadratic on trailing and missing
  // commas (about 18 s for 500 KB), which is why railguard makes those edits before it runs.
  for (const [name, make] of Object.entries(SHAPES)) {
    const small = make(50 * KB);
    const large = make(500 * KB);
    const samples = interleave(
      {
        ours: () => parseOutput(small, ROOT),
        theirs: () => jsonrepairAlone(small),
        oursLarge: () => parseOutput(large, ROOT),
      },
      ROUNDS,
    );
    const { ours = [], theirs = [], oursLarge = [] } = samples;
    const versus = ratios(ours, theirs);
    const growth = ratios(oursLarge, ours);
    report(
      `| ${name} | ${median(ours).toFixed(1)} (${spread(ours, 1)}) | ${median(theirs).toFixed(1)} (${spread(theirs, 1)}) | ${median(versus).toFixed(2)}× (${spread(versus, 2)}) | ${median(oursLarge).toFixed(0)} (${spread(oursLarge)}) | ${median(growth).toFixed(1)}× (${spread(growth, 1)}) |`,
    );
    goals.push({
      name: `${name}: 10× the input`,
      value: median(growth),
      limit: 15,
      unit: "× time",
    });
  }
  railAttributes(report, goals);
  report();
  report(
    "jsonrepair alone gives up at once on the first two shapes (it throws at the first `<`, or at the brackets after the JSON), so its time there is that of a failure; railguard returns the JSON. On the RAIL row the comparison is fast-xml-parser's own check and parse of the whole text (its growth is in the last column): it builds dictionaries of every attribute of the element, and its time grows faster than their number. parseRail hands it the text without the attributes no RAIL element reads, and names those in its warnings from its own scan of the tag.",
  );
}

/**
 * One RAIL element with an unknown attribute per 10 characters, each warned about by position.
 * Beside it, what fast-xml-parser alone takes to check and read the same text, at both sizes:
 * parseRail's first two steps before it handed the library the text without the attributes no
 * RAIL element reads.
 */
function railAttributes(report: (line?: string) => void, goals: Goal[]): void {
  const spec = (size: number) =>
    `<rail version="0.1"><output><string name="a" ${fill(size, (i) => `x${i}="v" `)}/></output></rail>`;
  const small = spec(50 * KB);
  const large = spec(500 * KB);
  const xml = new XMLParser({ ignoreAttributes: false, preserveOrder: true });
  const library = (text: string) => () => XMLValidator.validate(text) && xml.parse(text);
  const samples = interleave(
    {
      ours: () => parseRail(small),
      oursLarge: () => parseRail(large),
      library: library(small),
      libraryLarge: library(large),
    },
    ROUNDS,
  );
  const { ours = [], oursLarge = [], library: alone = [], libraryLarge = [] } = samples;
  const growth = ratios(oursLarge, ours);
  const libraryGrowth = ratios(libraryLarge, alone);
  report(
    `| unknown attributes on one RAIL element (parseRail; beside it fast-xml-parser alone, not jsonrepair) | ${median(ours).toFixed(1)} (${spread(ours, 1)}) | ${median(alone).toFixed(1)} (${spread(alone, 1)}) | ${median(ratios(ours, alone)).toFixed(2)}× | ${median(oursLarge).toFixed(0)} (${spread(oursLarge)}) | ${median(growth).toFixed(1)}× (${spread(growth, 1)}); fast-xml-parser alone ${median(libraryGrowth).toFixed(1)}× (${spread(libraryGrowth, 1)}) |`,
  );
  goals.push({
    name: "unknown RAIL attributes: 10× the input",
    value: median(growth),
    limit: 15,
    unit: "× time",
  });
}
