import { splitSentences } from "./sentences.js";
import type { SimilarityMatrix } from "./similarity.js";
import type { SourceText } from "./sources.js";

/** A summary sentence and the source sentence closest to it. */
export interface SentenceMatch {
  sentence: string;
  /** Index into the sources of the closest source sentence; -1 when there is none. */
  sourceIndex: number;
  score: number;
  supported: boolean;
}

/**
 * Matches each sentence against every sentence of every source and keeps the best one;
 * a sentence is supported when that best score reaches `threshold` (on the matrix's scale).
 */
export async function matchSentences(
  sentences: string[],
  sources: readonly SourceText[],
  similarity: SimilarityMatrix,
  threshold: number,
): Promise<SentenceMatch[]> {
  const sourceSentences = sources.flatMap((source, sourceIndex) =>
    splitSentences(source.text).map((text) => ({ text, sourceIndex })),
  );
  const scores = await similarity(
    sentences,
    sourceSentences.map((entry) => entry.text),
  );
  return sentences.map((sentence, row) => {
    const best = bestIndex(scores[row] ?? []);
    const score = best < 0 ? 0 : (scores[row]?.[best] ?? 0);
    const sourceIndex = sourceSentences[best]?.sourceIndex ?? -1;
    return { sentence, sourceIndex, score, supported: sourceIndex >= 0 && score >= threshold };
  });
}

function bestIndex(scores: readonly number[]): number {
  let best = -1;
  scores.forEach((score, index) => {
    if (best < 0 || score > (scores[best] as number)) best = index;
  });
  return best;
}

/** `"a"; "b"` — the sentences a failure message names. */
export const quoteSentences = (sentences: readonly string[]): string =>
  sentences.map((sentence) => JSON.stringify(sentence)).join("; ");

/**
 * The supported sentences, each followed by `[n]` (n = 1-based number of the source it matched),
 * then a blank line and the cited sources, one `[n] label` a line. "" when nothing is supported.
 */
export function citeSupported(
  matches: readonly SentenceMatch[],
  sources: readonly SourceText[],
): string {
  const supported = matches.filter((match) => match.supported);
  if (supported.length === 0) return "";
  const body = supported.map((match) => `${match.sentence} [${match.sourceIndex + 1}]`).join(" ");
  const cited = [...new Set(supported.map((match) => match.sourceIndex))].sort((a, b) => a - b);
  const references = cited.map((index) => `[${index + 1}] ${sources[index]?.label}`).join("\n");
  return `${body}\n\n${references}`;
}

// The apparatus `citeSupported` adds: ` [n]` after a sentence, and the `[n] label` lines at the end.
const CITATION_MARKER = / \[\d+\](?=\s|$)/g;
const REFERENCE_LINE = /^\[\d+\] /;

/** The summary without citation markers and reference list, so a cited fix re-validates. */
export function withoutCitations(text: string): string {
  return withoutReferenceList(text).replace(CITATION_MARKER, "");
}

/**
 * The text without a trailing reference list: a blank line, then `[n] label` lines, then only
 * whitespace. Read line by line from the end: a regex for it (`[^\n]*…\s*$`) backtracks in
 * quadratic time over a long blank run that does not end the text.
 */
function withoutReferenceList(text: string): string {
  const lines = text.split("\n");
  let end = lines.length;
  while (end > 0 && (lines[end - 1] as string).trim() === "") end--;
  let start = end;
  while (start > 0 && REFERENCE_LINE.test(lines[start - 1] as string)) start--;
  // The list needs at least one line, after an empty line that itself follows a line break.
  if (start === end || start < 2 || lines[start - 1] !== "") return text;
  return lines.slice(0, start - 1).join("\n");
}
