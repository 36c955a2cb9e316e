const segmenter = new Intl.Segmenter("en", { granularity: "sentence" });

/** Text segmented at once; longer text goes window by window (see `sentenceSegments`). */
const SEGMENT_WINDOW = 1_024;

/** Splits prose into trimmed, non-empty sentences (Unicode sentence boundaries). */
export function splitSentences(text: string): string[] {
  const sentences: string[] = [];
  for (const segment of sentenceSegments(text)) {
    const sentence = segment.trim();
    if (sentence) sentences.push(sentence);
  }
  return sentences;
}

/**
 * The sentence segments of `text`, untrimmed, exactly as `Intl.Segmenter` finds them. V8 takes
 * time quadratic in a text's length to step through its segments (a megabyte: tens of seconds),
 * so a long text is segmented `window` characters at a time. A window's last boundary may be
 * wrong, since the text after the window is missing (UAX #29 rule SB8 looks ahead to the next
 * letter, terminator or paragraph separator). The one before it is final: a boundary follows a
 * terminator or a paragraph separator, so one lies between the two, inside the window. So all
 * segments but the last two are kept and the next window starts at the second-to-last; a window
 * with fewer than three segments grows until it has them or reaches the end.
 */
export function* sentenceSegments(text: string, window = SEGMENT_WINDOW): Generator<string> {
  let start = 0;
  let size = window;
  for (;;) {
    const end = Math.min(text.length, start + size);
    const segments = Array.from(segmenter.segment(text.slice(start, end)), (s) => s.segment);
    if (end === text.length) {
      yield* segments;
      return;
    }
    if (segments.length < 3) {
      size *= 2;
      continue;
    }
    const kept = segments.slice(0, -2);
    yield* kept;
    start += kept.reduce((length, segment) => length + segment.length, 0);
    size = window;
  }
}
