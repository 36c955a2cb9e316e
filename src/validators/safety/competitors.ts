import type { ValidatorDefinition } from "../../contract/types.js";
import { fail, pass } from "../../contract/types.js";
import { textOnly } from "../common.js";
import { splitSentences } from "../text/sentences.js";

type CompetitorArgs = { competitors: unknown };

const escapeRegex = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/** Whole-word, case-insensitive: "Acme" matches "ACME's" but not "Acmeville". */
const mentionPattern = (name: string): RegExp =>
  new RegExp(`(?<![\\p{L}\\p{N}_])${escapeRegex(name.trim())}(?![\\p{L}\\p{N}_])`, "iu");

export const competitorCheck: ValidatorDefinition<CompetitorArgs> = {
  name: "competitor-check",
  types: ["string"],
  args: [{ name: "competitors", type: "list", description: "Names that must not be mentioned." }],
  description: "No mention of a competitor's name.",
  docs: {
    check: "no competitor name appears as a whole word (case-insensitive)",
    fix: "the text without the sentences that mention one",
    advice: "`fix` when the remaining sentences still answer; `reask` otherwise",
  },
  validate: textOnly((text, { args }) => {
    const names = (Array.isArray(args.competitors) ? args.competitors : [args.competitors])
      .filter((name): name is string => typeof name === "string" && name.trim() !== "")
      .map((name) => ({ name, pattern: mentionPattern(name) }));
    const mentioned = names.filter(({ pattern }) => pattern.test(text)).map(({ name }) => name);
    if (mentioned.length === 0) return pass();
    const kept = splitSentences(text).filter(
      (sentence) => !names.some(({ pattern }) => pattern.test(sentence)),
    );
    return fail(`mentions competitors: ${mentioned.join(", ")}`, kept.join(" "));
  }),
};
