/** A stretch of text a detector found: `[start, end)` in UTF-16 offsets, with what it is. */
export interface Span {
  start: number;
  end: number;
  label: string;
}

/**
 * Merges overlapping spans, in order, each labelled as its earliest part (the longest among
 * equal starts). Merged rather than dropped: for "(212) 555-0100::1" the phone number and the
 * address "0100::1" overlap, and redacting only the first would leave "::1" behind.
 */
export function mergeOverlaps(spans: readonly Span[]): Span[] {
  const sorted = [...spans].sort((a, b) => a.start - b.start || b.end - a.end);
  const merged: Span[] = [];
  for (const span of sorted) {
    const previous = merged.at(-1);
    if (previous && span.start < previous.end) previous.end = Math.max(previous.end, span.end);
    else merged.push({ ...span });
  }
  return merged;
}

/** Replaces each (non-overlapping, sorted) span with what `replacement` returns for it. */
export function replaceSpans(
  text: string,
  spans: readonly Span[],
  replacement: (span: Span, original: string) => string,
): string {
  let result = "";
  let at = 0;
  for (const span of spans) {
    result += text.slice(at, span.start) + replacement(span, text.slice(span.start, span.end));
    at = span.end;
  }
  return result + text.slice(at);
}

/** All matches of a global regex as spans; `group`, when named, narrows each span to it. */
export function matchSpans(text: string, regex: RegExp, label: string, group?: string): Span[] {
  const spans: Span[] = [];
  for (const match of text.matchAll(regex)) {
    const indices = group ? match.indices?.groups?.[group] : undefined;
    const [start, end] = indices ?? [match.index, match.index + match[0].length];
    spans.push({ start, end, label });
  }
  return spans;
}

/** 1-based line of an offset, for messages that must not echo the text itself. */
export const lineOf = (text: string, offset: number): number =>
  text.slice(0, offset).split("\n").length;
