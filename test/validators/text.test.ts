import { mkdir, mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { fail, pass } from "../../src/contract/types.js";
import { embedTexts, findEmbed } from "../../src/validators/text/embed.js";
import { TextValidationError } from "../../src/validators/text/errors.js";
import { ratio } from "../../src/validators/text/fuzzy.js";
import { neverThrows, textOf } from "../../src/validators/text/guarded.js";
import { missingTopics, topicKey, topKeywords } from "../../src/validators/text/keywords.js";
import { countWords, fitWordBudget, readingMinutes } from "../../src/validators/text/reading.js";
import { fuzzyMatrix, similarityMatrix } from "../../src/validators/text/similarity.js";
import { loadSources } from "../../src/validators/text/sources.js";
import {
  citeSupported,
  matchSentences,
  withoutCitations,
} from "../../src/validators/text/support.js";
import { TfIdf, termCounts } from "../../src/validators/text/tfidf.js";
import { contentWords, stem, words } from "../../src/validators/text/tokenize.js";
import { cosine, sparseCosine } from "../../src/validators/text/vectors.js";
import { fixture, letterEmbed, stringField } from "./text-support.js";

describe("tokenize", () => {
  it("lower-cases words, keeps inner apostrophes and drops punctuation", () => {
    expect(words("Don’t PANIC: it's 42!")).toEqual(["don't", "panic", "it's", "42"]);
  });

  it("stems plurals and verb endings consistently and leaves short words alone", () => {
    expect(
      ["models", "model", "validates", "validated", "studies", "class", "uses"].map(stem),
    ).toEqual(["model", "model", "validat", "validat", "study", "class", "uses"]);
  });

  it("drops stop-words from content words", () => {
    expect(contentWords("The guard validates the output of the models")).toEqual([
      "guard",
      "validat",
      "output",
      "model",
    ]);
  });
});

describe("fuzzy ratios (thefuzz semantics)", () => {
  it("matches thefuzz's documented examples", () => {
    expect(ratio("this is a test", "this is a test!")).toBe(97);
    expect(ratio("fuzzy wuzzy was a bear", "wuzzy fuzzy was a bear")).toBe(91);
  });

  it("scores a substring embedded in a longer sentence below the extractive threshold", () => {
    expect(
      ratio("Each RAIL is model-agnostic", "Yes. Each RAIL is model-agnostic, too."),
    ).toBeLessThan(85);
  });

  it("gives 0 when either side is empty, as thefuzz does", () => {
    expect(ratio("", "abc")).toBe(0);
    expect(ratio("", "")).toBe(0);
  });

  it("is symmetric, bounded, and 100 exactly on equal strings", () => {
    fc.assert(
      fc.property(fc.string({ minLength: 1 }), fc.string({ minLength: 1 }), (a, b) => {
        const score = ratio(a, b);
        expect(score).toBe(ratio(b, a));
        expect(score).toBeGreaterThanOrEqual(0);
        expect(score).toBeLessThanOrEqual(100);
        expect(ratio(a, a)).toBe(100);
      }),
    );
  });

  it("counts code points, not UTF-16 units", () => {
    expect(ratio("👍a", "👍b")).toBe(50);
  });
});

describe("vectors", () => {
  it("computes cosine of dense vectors, 0 for a zero vector", () => {
    expect(cosine([1, 0], [0, 1])).toBe(0);
    expect(cosine([1, 2], [2, 4])).toBeCloseTo(1);
    expect(cosine([0, 0], [1, 1])).toBe(0);
  });

  it("rejects vectors of different lengths with a typed error", () => {
    expect(() => cosine([1], [1, 2])).toThrow(TextValidationError);
    expect(() => cosine([1], [1, 2])).toThrow("differ in length (1 vs 2)");
  });

  it("computes cosine of sparse vectors", () => {
    const a = new Map([
      ["x", 1],
      ["y", 1],
    ]);
    expect(sparseCosine(a, new Map([["x", 1]]))).toBeCloseTo(Math.SQRT1_2);
    expect(sparseCosine(a, new Map())).toBe(0);
  });
});

/** The offline (TF-IDF) cosine of two texts, as the summary validators compute it. */
const lexicalCosine = async (a: string, b: string): Promise<number> =>
  (await similarityMatrix(undefined)([a], [b]))[0]?.[0] ?? Number.NaN;

describe("TF-IDF", () => {
  it("uses the smoothed idf ln((1+n)/(1+df))+1", () => {
    const model = new TfIdf(["guard output", "guard model", "chess"]);
    expect(model.idf("guard")).toBeCloseTo(Math.log(4 / 3) + 1);
    expect(model.idf("chess")).toBeCloseTo(Math.log(4 / 2) + 1);
    expect(model.idf("unseen")).toBeCloseTo(Math.log(4) + 1);
  });

  it("weights term counts by idf", () => {
    expect(termCounts("models model the guard")).toEqual(
      new Map([
        ["model", 2],
        ["guard", 1],
      ]),
    );
    const model = new TfIdf(["model guard"]);
    expect(model.vector("models model")).toEqual(new Map([["model", 2 * model.idf("model")]]));
  });

  it("scores identical texts 1, texts sharing no content word 0, overlap in between", async () => {
    const text = fixture("guardrails-episode.txt");
    expect(await lexicalCosine(text, text)).toBeCloseTo(1);
    expect(await lexicalCosine("the guard validates output", "a chess game with pieces")).toBe(0);
    const partial = await lexicalCosine("Each RAIL is also model-agnostic.", text);
    expect(partial).toBeGreaterThan(0);
    expect(partial).toBeLessThan(1);
  });

  it("ranks a text's own excerpt above an unrelated one", async () => {
    const guardrails = fixture("guardrails-episode.txt");
    const excerpt = "Guardrails AI validates both the structure and quality of the output.";
    expect(await lexicalCosine(excerpt, guardrails)).toBeGreaterThan(
      await lexicalCosine(excerpt, fixture("purdue.txt")),
    );
  });
});

describe("reading time", () => {
  it("counts whitespace words with a letter or digit", () => {
    expect(countWords("An XML-like syntax — 3 words?  yes")).toBe(6);
    expect(countWords("   ")).toBe(0);
  });

  it("divides words by words per minute", () => {
    expect(readingMinutes("one two three four", 2)).toBe(2);
  });

  it("keeps whole leading sentences within the budget", () => {
    expect(fitWordBudget("One two three. Four five. Six seven eight.", 5)).toBe(
      "One two three. Four five.",
    );
  });

  it("cuts the first sentence when no whole sentence fits", () => {
    expect(fitWordBudget("One two three four five six.", 3)).toBe("One two three");
  });
});

describe("keywords and topics", () => {
  it("ranks the recurring terms of a document first", () => {
    const keywords = topKeywords(fixture("purdue.txt"), 3);
    expect(keywords).toHaveLength(3);
    expect(keywords).toContain("purdue");
    expect(keywords).toContain("international");
  });

  it("skips numbers and very short terms", () => {
    expect(topKeywords("AI 2023 AI 2023 AI 2023 guard.", 5)).toEqual(["guard"]);
  });

  it("compares topics by stemmed content words", () => {
    expect(topicKey("The Language Models")).toBe(topicKey("language model"));
    expect(
      missingTopics(["language models", "chess", "pottery"], ["Language Model", "CHESS"]),
    ).toEqual(["pottery"]);
  });
});

describe("sources", () => {
  it("collects document, documents, filepaths and docs_dir, labelled", async () => {
    const dir = await mkdtemp(join(tmpdir(), "railguard-sources-"));
    await writeFile(join(dir, "a.txt"), "from a file");
    await mkdir(join(dir, "docs"));
    await writeFile(join(dir, "docs", "2.txt"), "second");
    await writeFile(join(dir, "docs", "1.txt"), "first");
    const sources = await loadSources({
      document: "inline",
      documents: ["one", "two"],
      filepaths: [join(dir, "a.txt")],
      docs_dir: join(dir, "docs"),
    });
    expect(sources).toEqual([
      { label: "document", text: "inline" },
      { label: "documents[0]", text: "one" },
      { label: "documents[1]", text: "two" },
      { label: join(dir, "a.txt"), text: "from a file" },
      { label: join(dir, "docs", "1.txt"), text: "first" },
      { label: join(dir, "docs", "2.txt"), text: "second" },
    ]);
  });

  it("prefers the validator's document argument over metadata.document", async () => {
    expect(await loadSources({ document: "meta" }, { document: "arg" })).toEqual([
      { label: "document", text: "arg" },
    ]);
  });

  it.each([
    [{}, "No source text: pass one of metadata.document"],
    [{ document: 3 }, "document must be a string, got number."],
    [{ documents: "one" }, "metadata.documents must be a list, got string."],
    [{ filepaths: [1] }, "metadata.filepaths[0] must be a string, got number."],
    [{ filepaths: ["/no/such/file.txt"] }, 'Cannot read "/no/such/file.txt"'],
    [{ docs_dir: "/no/such/dir" }, 'Cannot read docs_dir "/no/such/dir"'],
  ])("rejects %j with a typed error", async (metadata, message) => {
    const error = await loadSources(metadata).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TextValidationError);
    expect((error as Error).message).toContain(message);
  });
});

describe("embed functions", () => {
  it("finds the embed function in the argument first, then metadata.embed, then embed_function", () => {
    const a = () => [[1]];
    const b = () => [[2]];
    expect(findEmbed({ embed: a }, { embed: b })).toBe(a);
    expect(findEmbed({}, { embed: b })).toBe(b);
    expect(findEmbed({}, { embed_function: b })).toBe(b);
    expect(findEmbed({}, {})).toBeUndefined();
  });

  it("rejects an embed that is not a function", () => {
    expect(() => findEmbed({}, { embed: "openai" })).toThrow(
      "metadata.embed must be a function (texts: string[]) => number[][], got string.",
    );
  });

  it("checks the embed function returns one numeric vector per text", async () => {
    await expect(embedTexts(() => [[1]], ["a", "b"])).rejects.toThrow(
      "must return 2 numeric vectors",
    );
    await expect(embedTexts(() => [[Number.NaN]], ["a"])).rejects.toThrow("must return 1 numeric");
    await expect(
      embedTexts(() => {
        throw new Error("quota exceeded");
      }, ["a"]),
    ).rejects.toThrow("The embed function failed: quota exceeded");
    expect(await embedTexts(async (texts) => texts.map(() => [1, 0]), ["a", "b"])).toEqual([
      [1, 0],
      [1, 0],
    ]);
  });
});

describe("similarity matrices", () => {
  it("scores with TF-IDF offline", async () => {
    const scores = await similarityMatrix(undefined)(["guard output"], ["guard output", "chess"]);
    expect(scores[0]?.[0]).toBeCloseTo(1);
    expect(scores[0]?.[1]).toBe(0);
  });

  it("scores with embeddings in one batched call when an embed function is given", async () => {
    const calls: string[][] = [];
    const embed = (texts: string[]) => {
      calls.push(texts);
      return letterEmbed(texts);
    };
    const scores = await similarityMatrix(embed)(["ab"], ["ab", "ba", "zz"]);
    expect(calls).toEqual([["ab", "ab", "ba", "zz"]]);
    expect(scores[0]?.[0]).toBeCloseTo(1);
    expect(scores[0]?.[1]).toBeCloseTo(1);
    expect(scores[0]?.[2]).toBe(0);
  });

  it("scores with thefuzz ratio on the 0–100 scale", async () => {
    expect(await fuzzyMatrix(["this is a test"], ["this is a test!", ""])).toEqual([[97, 0]]);
  });
});

describe("sentence support and citations", () => {
  const sources = [
    { label: "a.txt", text: "Chess has rules. Pieces move." },
    { label: "b.txt", text: "Guards validate output." },
  ];

  it("finds each sentence's closest source sentence and its source", async () => {
    const matches = await matchSentences(
      ["Guards validate output.", "Pieces move.", "Cats purr."],
      sources,
      fuzzyMatrix,
      85,
    );
    expect(matches.map(({ sourceIndex, supported }) => ({ sourceIndex, supported }))).toEqual([
      { sourceIndex: 1, supported: true },
      { sourceIndex: 0, supported: true },
      { sourceIndex: expect.any(Number), supported: false },
    ]);
  });

  it("treats sources without sentences as supporting nothing", async () => {
    const [match] = await matchSentences(
      ["Anything."],
      [{ label: "e", text: "  " }],
      fuzzyMatrix,
      0,
    );
    expect(match).toEqual({ sentence: "Anything.", sourceIndex: -1, score: 0, supported: false });
  });

  it("cites supported sentences with [n] and lists the cited sources", async () => {
    const matches = await matchSentences(
      ["Guards validate output.", "Cats purr.", "Chess has rules."],
      sources,
      fuzzyMatrix,
      85,
    );
    expect(citeSupported(matches, sources)).toBe(
      "Guards validate output. [2] Chess has rules. [1]\n\n[1] a.txt\n[2] b.txt",
    );
  });

  it("strips the markers and reference list it adds, and nothing else", async () => {
    const matches = await matchSentences(
      ["Guards validate output.", "Pieces move."],
      sources,
      fuzzyMatrix,
      85,
    );
    expect(withoutCitations(citeSupported(matches, sources))).toBe(
      "Guards validate output. Pieces move.",
    );
    expect(withoutCitations("See [1]. Arrays like a[1] stay.\n\nNo list here.")).toBe(
      "See [1]. Arrays like a[1] stay.\n\nNo list here.",
    );
  });

  it("cites nothing when nothing is supported", async () => {
    const matches = await matchSentences(["Cats purr."], sources, fuzzyMatrix, 85);
    expect(citeSupported(matches, sources)).toBe("");
  });
});

describe("neverThrows", () => {
  const ctx = { args: {}, metadata: {}, path: "$.summary", field: stringField };

  it("turns a thrown error into a failure that names the validator and path", async () => {
    const validate = neverThrows("demo", () => {
      throw new TextValidationError("missing-source", "no sources");
    });
    expect(await validate("v", ctx)).toEqual(fail("demo could not check $.summary: no sources"));
  });

  it("passes verdicts through", async () => {
    expect(await neverThrows("demo", () => pass())("v", ctx)).toEqual(pass());
  });

  it("rejects non-text values by name", () => {
    expect(() => textOf(["a"])).toThrow("expected a string, got a list");
    expect(textOf("a")).toBe("a");
  });
});
