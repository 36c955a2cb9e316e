import { SourceText } from "./source.js";
import type { Repair } from "./types.js";

/**
 * Reasoning models put their thoughts in `<think>…</think>` (or `<thinking>`) before the answer.
 * Some chat templates send the opening tag in the prompt, so the output holds only `</think>`;
 * some outputs never close the tag. All three are found here.
 */
interface ThinkRange {
  start: number;
  end: number;
}

/** A closed block, with its tag name as the model wrote it. */
interface Block extends ThinkRange {
  tag: string;
}

/**
 * The closed blocks of a text, summed up as they are found: keeping an object per block for
 * thousands of blocks cost more (in garbage collection) than finding them.
 */
interface Blocks {
  /** Where the blocks are, touching ones joined: thousands of back-to-back blocks are one range. */
  ranges: ThinkRange[];
  /** The first few blocks, each with its own repair when there are no more. */
  first: Block[];
  count: number;
  characters: number;
  /** The tag names, lowercased, in order of first use. */
  tags: Set<string>;
}

/** The reasoning found in a text, and the repairs that record its removal. */
interface Found {
  ranges: ThinkRange[];
  repairs: Repair[];
}

/** Up to this many blocks get a repair each; more get one repair that counts them. */
const LISTED_BLOCKS = 3;

const OPENING_TAGS = /<(think|thinking)>/gi;
const CLOSING_TAG = /<\/(think|thinking)>/i;
const OPENING_TAG = /^\s*<(think|thinking)>/i;

/** One closing-tag regex per tag name, made once rather than once per block. */
const CLOSING_TAG_OF = new Map(
  ["think", "thinking"].map((name) => [name, new RegExp(`</${name}>`, "gi")]),
);

/**
 * Every `<think>…</think>` (or `<thinking>`) block, each opening tag matched to the first closing
 * tag of its name after it. A single pass: blocks do not nest, so each name's closing-tag searches
 * start after the previous one's end; once a search finds none, later opening tags of that name
 * are skipped without searching again (a lazy regex would rescan the rest of the text for each).
 */
function closedBlocks(text: string): Blocks {
  const unclosed = new Set<string>();
  const blocks: Blocks = { ranges: [], first: [], count: 0, characters: 0, tags: new Set() };
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
    const block = { start: open.index, end: close.index + close[0].length, tag: open[1] ?? name };
    const last = blocks.ranges.at(-1);
    if (last !== undefined && last.end === block.start) last.end = block.end;
    else blocks.ranges.push({ start: block.start, end: block.end });
    if (blocks.count < LISTED_BLOCKS) blocks.first.push(block);
    blocks.count++;
    blocks.characters += block.end - block.start;
    blocks.tags.add(name);
    OPENING_TAGS.lastIndex = block.end;
  }
  return blocks;
}

const tagName = (match: RegExpMatchArray): string => (match[1] ?? "").toLowerCase();

const stripThink = (message: string): Repair => ({ kind: "strip-think", message });

/**
 * The repairs for the closed blocks. Thousands of blocks made thousands of repairs (and messages),
 * which was most of the time spent on such a text and no help to a reader; past a few, one repair
 * counts them all and says where the first ones are, as the syntax repairs do.
 */
function blockRepairs(text: string, blocks: Blocks): Repair[] {
  if (blocks.count <= LISTED_BLOCKS) {
    return blocks.first.map((block) =>
      stripThink(`removed a <${block.tag}> block (${block.end - block.start} characters)`),
    );
  }
  const tags = [...blocks.tags].map((tag) => `<${tag}>`).join(" or ");
  const source = new SourceText(text);
  const places = blocks.first.map((block) => source.at(block.start)).join("; ");
  const more = blocks.count - blocks.first.length;
  return [
    stripThink(
      `removed a ${tags} block ×${blocks.count} (${blocks.characters} characters in all) at ${places}; and ${more} more`,
    ),
  ];
}

function findThinkRanges(text: string): Found {
  const blocks = closedBlocks(text);
  const firstBlock = blocks.first[0]?.start ?? text.length;
  const orphanClose = CLOSING_TAG.exec(text.slice(0, firstBlock));
  if (orphanClose) {
    const end = orphanClose.index + orphanClose[0].length;
    const message = `removed ${end} characters of reasoning that end in a </${orphanClose[1]}> without an opening tag`;
    return {
      ranges: [{ start: 0, end }, ...blocks.ranges],
      repairs: [stripThink(message), ...blockRepairs(text, blocks)],
    };
  }
  const unclosed = blocks.count === 0 ? OPENING_TAG.exec(text) : null;
  if (unclosed) {
    const message = `removed an unclosed <${unclosed[1]}> tag; the text after it is read as prose`;
    return { ranges: [{ start: 0, end: unclosed[0].length }], repairs: [stripThink(message)] };
  }
  return { ranges: blocks.ranges, repairs: blockRepairs(text, blocks) };
}

/** For string outputs: the text without its reasoning (and the blank lines after it). */
export function removeThink(text: string): { text: string; repairs: Repair[] } {
  const { ranges, repairs } = findThinkRanges(text);
  let result = "";
  let pos = 0;
  for (const range of ranges) {
    result += text.slice(pos, range.start);
    pos = range.end;
    while (pos < text.length && /\s/.test(text.charAt(pos))) pos++;
  }
  return { text: result + text.slice(pos), repairs };
}

/** Spaces for a run of characters: one string per run, not one replacement per character. */
const blank = (run: string): string => " ".repeat(run.length);

/**
 * For JSON outputs: the reasoning overwritten with spaces (newlines kept), so that offsets and
 * line numbers in later messages still point into the model's own text.
 */
export function blankThink(text: string): { text: string; repairs: Repair[] } {
  const { ranges, repairs } = findThinkRanges(text);
  // One pass over the text: splicing each block into the whole text copied it once per block.
  const parts: string[] = [];
  let pos = 0;
  for (const { start, end } of ranges) {
    parts.push(text.slice(pos, start), text.slice(start, end).replace(/[^\n]+/g, blank));
    pos = end;
  }
  parts.push(text.slice(pos));
  return { text: parts.join(""), repairs };
}
