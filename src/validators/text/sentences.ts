const segmenter = new Intl.Segmenter("en", { granularity: "sentence" });

/** Splits prose into trimmed, non-empty sentences (Unicode sentence boundaries). */
export function splitSentences(text: string): string[] {
  const sentences: string[] = [];
  for (const { segment } of segmenter.segment(text)) {
    const sentence = segment.trim();
    if (sentence) sentences.push(sentence);
  }
  return sentences;
}
