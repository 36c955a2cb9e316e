import type { Repair } from "./types.js";

/**
 * Reasoning models put their thoughts in `<think>…</think>` (or `<thinking>`) before the answer.
 * Some chat templates send the opening tag in the prompt, so the output holds only `</think>`;
 * some outputs never close the tag. All three are found here.
 */
export interface ThinkRange {
  start: number;
  end: number;
  message: string;
}

const OPENING_TAGS = /<(think|thinking)>/gi;
const CLOSING_TAG = /<\/(think|thinking)>/i;
const OPENING_TAG = /^\s*<(think|thinking)>/i;

/** One closing-tag regex per tag name, made once: a new regex per block was most of the cost. */
const CLOSING_TAG_OF = new Map(
  ["think", "thinking"].map((name) => [name, new RegExp(`</${name}>`, "gi")]),
);

/**
 * Every `<think>…</think>` (or `<thinking>`) block, each opening tag matched to the first closing
 * tag of its name after it. A single pass: blocks do not nest, so each name's closing-tag searches
 * start after the previous one's end; once a search finds none, later opening tags of that name
 * are skipped without searching again (a lazy regex would rescan the rest of the text for each).
 */
function closedBlocks(text: string): ThinkRange[] {
  const unclosed = new Set<string>();
  const ranges: ThinkRange[] = [];
  OPENING_TAGS.lastIndex = 0;
  for (let open = OPENING_TAGS.exec(text); open; open = OPENING_TAGS.exec(text)) {
    const name = tagName(open);
    const closing = CLOSING_TAG_OF.get(name);
    if (closing === undefined || unclosed.has(name)) continue;
    closing.lastIndex = open.index + open[0].length;
    const close = closing.exec(text);
    if (close === null) {
      unclosed.add(name);
      continue;
    }
    const end = close.index + close[0].length;
    const length = end - open.index;
    ranges.push({
      start: open.index,
      end,
      message: `removed a <${open[1]}> block (${length} characters)`,
    });
    OPENING_TAGS.lastIndex = end;
  }
  return ranges;
}

const tagName = (match: RegExpMatchArray): string => (match[1] ?? "").toLowerCase();

function findThinkRanges(text: string): ThinkRange[] {
  const ranges = closedBlocks(text);
  const firstBlock = ranges[0]?.start ?? text.length;
  const orphanClose = CLOSING_TAG.exec(text.slice(0, firstBlock));
  if (orphanClose) {
    const end = orphanClose.index + orphanClose[0].length;
    const message = `removed ${end} characters of reasoning that end in a </${orphanClose[1]}> without an opening tag`;
    return [{ start: 0, end, message }, ...ranges];
  }
  const unclosed = ranges.length === 0 ? OPENING_TAG.exec(text) : null;
  if (unclosed) {
    const message = `removed an unclosed <${unclosed[1]}> tag; the text after it is read as prose`;
    return [{ start: 0, end: unclosed[0].length, message }];
  }
  return ranges;
}

function repairsOf(ranges: ThinkRange[]): Repair[] {
  return ranges.map((range) => ({ kind: "strip-think", message: range.message }));
}

/** For string outputs: the text without its reasoning (and the blank lines after it). */
export function removeThink(text: string): { text: string; repairs: Repair[] } {
  const ranges = findThinkRanges(text);
  let result = "";
  let pos = 0;
  for (const range of ranges) {
    result += text.slice(pos, range.start);
    pos = range.end;
    while (pos < text.length && /\s/.test(text.charAt(pos))) pos++;
  }
  return { text: result + text.slice(pos), repairs: repairsOf(ranges) };
}

/** Spaces for a run of characters: one string per run, not one replacement per character. */
const blank = (run: string): string => " ".repeat(run.length);

/** The ranges with touching ones joined: thousands of back-to-back blocks become one span. */
function joinTouching(ranges: readonly ThinkRange[]): { start: number; end: number }[] {
  const spans: { start: number; end: number }[] = [];
  for (const { start, end } of ranges) {
    const last = spans.at(-1);
    if (last !== undefined && last.end === start) last.end = end;
    else spans.push({ start, end });
  }
  return spans;
}

/**
 * For JSON outputs: the reasoning overwritten with spaces (newlines kept), so that offsets and
 * line numbers in later messages still point into the model's own text.
 */
export function blankThink(text: string): { text: string; repairs: Repair[] } {
  const ranges = findThinkRanges(text);
  // One pass over the text: splicing each block into the whole text copied it once per block.
  const parts: string[] = [];
  let pos = 0;
  for (const { start, end } of joinTouching(ranges)) {
    parts.push(text.slice(pos, start), text.slice(start, end).replace(/[^\n]+/g, blank));
    pos = end;
  }
  parts.push(text.slice(pos));
  return { text: parts.join(""), repairs: repairsOf(ranges) };
}
