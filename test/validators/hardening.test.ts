import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { Verdict } from "../../src/contract/types.js";
import { validRange } from "../../src/validators/numeric.js";
import { regexMatch } from "../../src/validators/regex.js";
import { pii } from "../../src/validators/safety/pii.js";
import { PII_ENTITIES } from "../../src/validators/safety/pii-detectors.js";
import { isProfanityFree } from "../../src/validators/safety/profanity.js";
import { detectSecrets } from "../../src/validators/safety/secrets.js";
import {
  extractedSummarySentencesMatch,
  extractiveSummary,
  provenance,
  readingTime,
  removeRedundantSentences,
} from "../../src/validators/summary.js";
import { codePoints, RatioPattern, ratio } from "../../src/validators/text/fuzzy.js";
import { sentenceSegments, splitSentences } from "../../src/validators/text/sentences.js";
import { withoutCitations } from "../../src/validators/text/support.js";
import { run, runFailing } from "./run.js";

// Model output is untrusted input. Each input below once took time quadratic (or worse) in its
// length: at these sizes the old code ran for minutes, so a regression shows as a test timeout.
// No test measures time.

const ALL_PII = { pii_entities: [...PII_ENTITIES] };

describe("regexes on adversarial text of 200,000 characters", () => {
  it("pii: an email-like run without an '@' is scanned once, not once per position", async () => {
    expect(await run(pii, "a.".repeat(100_000), ALL_PII)).toEqual({ outcome: "pass" });
    expect(await run(pii, `a@${"a.".repeat(100_000)}`, ALL_PII)).toEqual({ outcome: "pass" });
    expect(await run(pii, "1-".repeat(100_000), ALL_PII)).toEqual({ outcome: "pass" });
  });

  it("pii: a URL holding a long punctuation run ends before trailing punctuation only", async () => {
    const inner = `http://x${".,".repeat(100_000)}a`;
    expect(await run(pii, inner, ALL_PII)).toEqual({
      outcome: "fail",
      message: "contains PII: URL at 0",
      fixValue: "<URL>",
    });
    const trailing = await runFailing(pii, `see http://x.io/a${".,".repeat(100_000)}`, ALL_PII);
    expect(trailing.fixValue).toBe(`see <URL>${".,".repeat(100_000)}`);
  });

  it("pii: still finds an email after other address characters", async () => {
    const verdict = await runFailing(pii, "write to ..bob.smith@example.com.", ALL_PII);
    expect(verdict.fixValue).toBe("write to <EMAIL_ADDRESS>.");
  });

  it.each([
    ["scheme-like runs", "a.".repeat(100_000)],
    ["dash runs", "a-".repeat(100_000)],
    ["JWT-like segments", "eyJaaaaa-".repeat(22_000)],
    ["private key headers without an end", "-----BEGIN PRIVATE KEY-----\n".repeat(7_000)],
  ])("detect-secrets: %s", async (_, text) => {
    expect(await run(detectSecrets, text)).toEqual({ outcome: "pass" });
  });

  it("detect-secrets: still finds a key block after an unterminated BEGIN line", async () => {
    const key = "-----BEGIN RSA PRIVATE KEY-----\nMIIEow\n-----END RSA PRIVATE KEY-----";
    const verdict = await runFailing(detectSecrets, `-----BEGIN PRIVATE KEY-----\n${key}`);
    expect(verdict.message).toBe("contains a secret: private key on line 2");
    expect(verdict.fixValue).toBe("-----BEGIN PRIVATE KEY-----\n********");
  });

  it("detect-secrets: still finds a password in a URL and a JWT after a dash", async () => {
    const jwt = "eyJhbGciOi.eyJzdWIiOi.c2lnbmF0dXJl";
    const verdict = await runFailing(detectSecrets, `see https://bob:hunter2@db.local and -${jwt}`);
    expect(verdict.fixValue).toBe("see https://bob:********@db.local and -********");
  });

  it("valid-range: a number followed by a long blank run and junk", async () => {
    const verdict = await runFailing(validRange, `+1${" \t".repeat(100_000)}!`, { min: 0 });
    expect(verdict.message).toMatch(/^expected a number, got string "\+1/);
    expect(await run(validRange, ` 20 %${" ".repeat(100_000)}`, { max: 10 })).toEqual({
      outcome: "fail",
      message: "must be at most 10, got 20",
      fixValue: "10%",
    });
  });

  it("withoutCitations: a blank run after a reference-like line that does not end the text", () => {
    const text = `x\n\n[1] ${"\t".repeat(200_000)}\nx`;
    expect(withoutCitations(text)).toBe(text);
  });
});

/** `withoutCitations`' reference-list removal as it was written first, as a regex: the oracle. */
const referenceListOracle = (text: string): string =>
  text.replace(/\n\n\[\d+\] [^\n]*(?:\n\[\d+\] [^\n]*)*\s*$/, "");

const fromPieces = (pieces: string[], maxLength: number) =>
  fc.array(fc.constantFrom(...pieces), { maxLength }).map((parts) => parts.join(""));

describe("rewritten algorithms agree with what they replace", () => {
  it("withoutCitations drops exactly the reference list the regex dropped", () => {
    const text = fromPieces(["\n", "[1] ", "[23] ", "x", " ", "\t", "[", "]", "7", "\r"], 14);
    fc.assert(
      fc.property(text, (value) => {
        expect(withoutCitations(value)).toBe(
          referenceListOracle(value).replace(/ \[\d+\](?=\s|$)/g, ""),
        );
      }),
      { numRuns: 500 },
    );
  });

  it("sentence segmentation window by window equals segmentation in one go", () => {
    const segmenter = new Intl.Segmenter("en", { granularity: "sentence" });
    const pieces = ["a", "B", ". ", "! ", "?", ".", " ", "\n", "\r\n", "”", ")", "1", "Mr.", " i"];
    const text = fromPieces([...pieces, "😀", "\u2029", "...", "U.S. ", "。", "？", "\u0301"], 60);
    fc.assert(
      fc.property(text, fc.integer({ min: 1, max: 16 }), (value, window) => {
        const whole = Array.from(segmenter.segment(value), (s) => s.segment);
        expect([...sentenceSegments(value, window)]).toEqual(whole);
      }),
      { numRuns: 500 },
    );
  });

  it("the bit-parallel ratio equals thefuzz's ratio by dynamic programming", () => {
    const naiveRatio = (a: string, b: string): number => {
      const [x, y] = [[...a], [...b]];
      if (x.length === 0 || y.length === 0) return 0;
      let previous = new Array<number>(y.length + 1).fill(0);
      for (const char of x) {
        const current = [0];
        y.forEach((other, j) => {
          current.push(
            char === other
              ? (previous[j] as number) + 1
              : Math.max(previous[j + 1] as number, current[j] as number),
          );
        });
        previous = current;
      }
      return Math.round(((2 * (previous[y.length] as number)) / (x.length + y.length)) * 100);
    };
    const text = fromPieces(["a", "b", "c", " ", "😀", "é"], 90);
    fc.assert(
      fc.property(text, text, (a, b) => {
        expect(ratio(a, b)).toBe(naiveRatio(a, b));
        // One pattern serves many comparisons: its working row is reset for each.
        const pattern = new RatioPattern(a);
        expect([pattern.ratio(codePoints(b)), pattern.ratio(codePoints(a))]).toEqual([
          naiveRatio(a, b),
          a === "" ? 0 : 100,
        ]);
      }),
      { numRuns: 300 },
    );
  });
});

/** 12-word sentences over a small vocabulary, about `length` characters in all. */
function prose(length: number): string {
  const words = ["model", "schema", "guard", "output", "prompt", "token", "parser", "field"];
  const sentences: string[] = [];
  for (let i = 0, used = 0; used < length; i++) {
    const sentence = Array.from({ length: 12 }, (_, j) => words[(i * 7 + j * j) % 8]).join(" ");
    sentences.push(`${sentence[0]?.toUpperCase()}${sentence.slice(1)}.`);
    used += sentence.length + 2;
  }
  return sentences.join(" ");
}

const MEGABYTE = 1_000_000;
const BUDGET =
  /would take about [\d.]+e\+\d+ steps, more than the 2\.5e\+8 allowed: shorten the text or its sources\.$/;

describe("summaries and documents of a megabyte", () => {
  const huge = prose(MEGABYTE);

  it("splits a megabyte of prose into its sentences", () => {
    const sentences = splitSentences(huge);
    expect(sentences.length).toBeGreaterThan(10_000);
    expect(sentences.join(" ")).toBe(huge);
  });

  it.each([
    ["extractive-summary", extractiveSummary, { document: prose(20_000) }],
    ["extracted-summary-sentences-match", extractedSummarySentencesMatch, { document: huge }],
    ["provenance", provenance, { sources: [huge] }],
  ])(
    "%s refuses a comparison over budget before starting it",
    async (name, validator, metadata) => {
      const { message } = await runFailing(validator, huge, {}, { metadata });
      expect(message).toMatch(
        new RegExp(`^${name} could not check \\$\\.value: comparing \\d+ text`),
      );
      expect(message).toMatch(BUDGET);
    },
  );

  it("extractive-summary refuses one sentence of a megabyte against another", async () => {
    const run_on = "word ".repeat(MEGABYTE / 5);
    const verdict = await runFailing(
      extractiveSummary,
      run_on,
      {},
      { metadata: { document: run_on } },
    );
    expect(verdict.message).toMatch(BUDGET);
  });

  it("remove-redundant-sentences refuses to compare thousands of sentences pairwise", async () => {
    const { message } = await runFailing(removeRedundantSentences, huge);
    expect(message).toMatch(
      /^remove-redundant-sentences could not check \$\.value: comparing the \d+ sentences with each other/,
    );
  });

  it("still compares a short summary with a long document", async () => {
    const document = prose(200_000);
    const summary = splitSentences(document).slice(0, 3).join(" ");
    expect(await run(extractiveSummary, summary, {}, { metadata: { document } })).toEqual({
      outcome: "pass",
    });
  });

  it("reading-time cuts a megabyte to its budget", async () => {
    const verdict = await runFailing(readingTime, huge, { reading_time: 0.1 });
    expect(verdict.fixValue).toBe(splitSentences(huge)[0]);
  });
});

describe("text without sentences", () => {
  const document = { metadata: { document: "Guards validate output. Models write text." } };

  it.each([
    ["empty", ""],
    ["whitespace", " \n\t \u2029 "],
  ])("%s text has no unsupported sentence and nothing redundant", async (_, text) => {
    expect(await run(extractiveSummary, text, {}, document)).toEqual({ outcome: "pass" });
    expect(await run(extractedSummarySentencesMatch, text, {}, document)).toEqual({
      outcome: "pass",
    });
    expect(await run(removeRedundantSentences, text)).toEqual({ outcome: "pass" });
    expect(await run(readingTime, text, { reading_time: 0 })).toEqual({ outcome: "pass" });
  });

  it("emoji-only text is one sentence that no source supports", async () => {
    const verdict = await runFailing(extractiveSummary, "😀😀😀", {}, document);
    expect(verdict.message).toBe(
      '1 of 1 sentences match no source sentence (ratio ≥ 85): "😀😀😀"',
    );
    expect(verdict.fixValue).toBe("");
    expect(await run(readingTime, "😀 😀", { reading_time: 0 })).toEqual({ outcome: "pass" });
  });
});

/** The fix of a failing verdict, re-validated: a redaction must not leave what it redacts. */
async function fixRevalidates(
  validate: (value: string) => Promise<Verdict>,
  text: string,
): Promise<void> {
  const verdict = await validate(text);
  if (verdict.outcome === "pass") return;
  expect(typeof verdict.fixValue).toBe("string");
  expect(await validate(verdict.fixValue as string)).toEqual({ outcome: "pass" });
}

describe("redacting fixes", () => {
  const pieces = [
    "bob@example.com",
    "4111 1111 1111 1111",
    "DE89 3704 0044 0532 0130 00",
    "10.0.0.1",
    "::1",
    "078-05-1120",
    "+44 20 7946 0958",
    "(212) 555-0100",
    "https://x.io/a?b=c",
    "www.example.org",
    "password=Zq8#kL2m",
    "AKIAIOSFODNN7EXAMPLE",
    "sk-proj-abcdefghijklmnopqrstuv",
    "https://u:p4ss@h.io",
    "fuck",
    "sh1t",
    "word",
    "@",
    ":",
  ];
  // Entities are separated, as in prose: glued together ("10.0.0.1DE89…") a word boundary that
  // a detector needs may appear only once its neighbour is redacted.
  const text = fc
    .array(fc.tuple(fc.constantFrom(...pieces), fc.constantFrom(" ", "\n", ", ", ". ")), {
      maxLength: 8,
    })
    .map((parts) => parts.flat().join(""));

  it("leave nothing the same validator would find again", async () => {
    await fc.assert(
      fc.asyncProperty(text, async (value) => {
        await fixRevalidates((v) => run(pii, v, ALL_PII), value);
        await fixRevalidates((v) => run(detectSecrets, v), value);
        await fixRevalidates((v) => run(isProfanityFree, v), value);
      }),
      { numRuns: 150 },
    );
  });
});

describe("regex_match with hostile patterns written in a spec", () => {
  it.each([
    ["an example past V8's string limit", "a{2000000000}"],
    ["an example of a billion characters", "((a{1000}){1000}){1000}"],
    ["nesting deeper than the call stack", `${"(?:".repeat(20_000)}a${")".repeat(20_000)}`],
  ])("fails without an example instead of throwing: %s", async (_, regex) => {
    const verdict = await runFailing(regexMatch, "b", { regex });
    expect(verdict.message).toBe(`must match the pattern ${regex}, got "b"`);
    expect(verdict).not.toHaveProperty("fixValue");
  });

  it.each([
    ["[a-z", "/[a-z/: Unterminated character class"],
    ["a)|(b", "/a)|(b/: Unmatched ')'"],
  ])(
    "rejects %s, which the fullmatch anchors would have turned into a pattern accepting anything",
    async (regex, reason) => {
      expect(await run(regexMatch, "zzz", { regex })).toEqual({
        outcome: "fail",
        message: `the pattern ${JSON.stringify(regex)} is not a valid regular expression: ${reason}`,
      });
    },
  );
});
