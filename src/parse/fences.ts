/** Markdown code fences (```json, ```, ~~~), the usual wrapper around a model's JSON. */
import type { Span } from "./scan.js";

export interface Segment {
  start: number;
  end: number;
  /** Set when the segment is the inside of a fence. */
  fence?: { marker: string; language: string; closed: boolean };
}

const OPENING_FENCE = /(`{3,}|~{3,})([\w+-]*)[ \t]*\n?/g;

/**
 * The text cut into fenced and unfenced segments, in order. An unclosed fence runs to the end.
 * A marker inside one of the `solid` spans (valid JSON, in order) is no fence: backticks and
 * tildes are not JSON outside strings, so it is text inside a string (`{"code": "```js…"}`).
 */
export function splitFences(text: string, solid: readonly Span[] = []): Segment[] {
  const segments: Segment[] = [];
  const inSolid = solidLookup(solid);
  let pos = 0;
  OPENING_FENCE.lastIndex = 0;
  for (let open = OPENING_FENCE.exec(text); open; open = OPENING_FENCE.exec(text)) {
    const skipTo = inSolid(open.index);
    if (skipTo !== undefined) {
      OPENING_FENCE.lastIndex = skipTo;
      continue;
    }
    const marker = open[1] ?? "```";
    const contentStart = open.index + open[0].length;
    const close = closingMarker(text, marker, contentStart, inSolid);
    const closed = close >= 0;
    const contentEnd = closed ? close : text.length;
    if (open.index > pos) segments.push({ start: pos, end: open.index });
    const fence = { marker, language: open[2] ?? "", closed };
    segments.push({ start: contentStart, end: contentEnd, fence });
    pos = closed ? close + marker.length : text.length;
    OPENING_FENCE.lastIndex = pos;
  }
  if (pos < text.length) segments.push({ start: pos, end: text.length });
  return segments;
}

/** Where the fence opened with `marker` closes, past markers inside solid spans; -1 if never. */
function closingMarker(
  text: string,
  marker: string,
  from: number,
  inSolid: (index: number) => number | undefined,
): number {
  let close = text.indexOf(marker, from);
  for (let skipTo = close >= 0 ? inSolid(close) : undefined; skipTo !== undefined; ) {
    close = text.indexOf(marker, skipTo);
    skipTo = close >= 0 ? inSolid(close) : undefined;
  }
  return close;
}

/**
 * For an index inside one of the spans, that span's end; else undefined. The questions come in
 * increasing order of index (the fence search only moves forward), so one cursor answers all of
 * them in a single pass over the spans.
 */
function solidLookup(spans: readonly Span[]): (index: number) => number | undefined {
  let next = 0;
  return (index) => {
    while (next < spans.length && (spans[next]?.end ?? 0) <= index) next++;
    const span = spans[next];
    return span !== undefined && span.start <= index ? span.end : undefined;
  };
}

/** Text with fence markers (and their language tags) removed, for measuring leftover prose. */
export function withoutFenceMarkers(text: string): string {
  return text.replace(/(`{3,}|~{3,})[\w+-]*/g, "");
}
