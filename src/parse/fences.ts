/** Markdown code fences (```json, ```, ~~~), the usual wrapper around a model's JSON. */
export interface Segment {
  start: number;
  end: number;
  /** Set when the segment is the inside of a fence. */
  fence?: { marker: string; language: string; closed: boolean };
}

const OPENING_FENCE = /(`{3,}|~{3,})([\w+-]*)[ \t]*\n?/g;

/** The text cut into fenced and unfenced segments, in order. An unclosed fence runs to the end. */
export function splitFences(text: string): Segment[] {
  const segments: Segment[] = [];
  let pos = 0;
  OPENING_FENCE.lastIndex = 0;
  for (let open = OPENING_FENCE.exec(text); open; open = OPENING_FENCE.exec(text)) {
    const marker = open[1] ?? "```";
    const contentStart = open.index + open[0].length;
    const close = text.indexOf(marker, contentStart);
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

/** Text with fence markers (and their language tags) removed, for measuring leftover prose. */
export function withoutFenceMarkers(text: string): string {
  return text.replace(/(`{3,}|~{3,})[\w+-]*/g, "");
}
