import type { ValidatorDefinition, Verdict } from "../../contract/types.js";
import { fail, pass } from "../../contract/types.js";
import { textOnly } from "../common.js";
import { splitSentences } from "../text/sentences.js";
import { type ProfanityFinder, withProfanity } from "./profanity.js";

type ToxicArgs = { threshold: number; validation_method: string };

/** A lexical signal of toxicity and how strongly one occurrence suggests it (0–1). */
interface Signal {
  label: string;
  weight: number;
  pattern: RegExp;
}

const INSULTS =
  "idiots?|morons?|imbeciles?|stupid|dumb|losers?|pathetic|worthless|useless|disgusting|retard\\w*|clowns?|jerks?|scum|trash|garbage|failures?|dumbass\\w*|jackass\\w*";

const SIGNALS: Signal[] = [
  {
    label: "threat",
    weight: 0.95,
    pattern:
      /\b(?:i(?:'ll| will|'m going to| am going to|'m gonna| gonna)|we(?:'ll| will))\s+(?:\w+\s+){0,2}?(?:kill|hurt|destroy|beat|murder|stab|shoot|strangle)\s+(?:you|u|your\s+\w+)\b|\b(?:kill|hang|shoot)\s+(?:yourself|urself)\b|\bkys\b|\bi hope (?:you|u) die\b|\b(?:you should|go) die\b/i,
  },
  {
    label: "insult",
    weight: 0.8,
    pattern: new RegExp(
      `\\b(?:you(?:'re| are)?|u r|ur|you're such)\\s+(?:(?:a|an|such an?|so|the|really|totally|complete|absolute|fucking|utter)\\s+)*(?:${INSULTS})\\b`,
      "i",
    ),
  },
  {
    label: "harassment",
    weight: 0.6,
    pattern: /\b(?:shut up|go to hell|screw you|get lost|nobody likes you)\b/i,
  },
  { label: "insulting word", weight: 0.45, pattern: new RegExp(`\\b(?:${INSULTS})\\b`, "i") },
];

const PROFANITY_WEIGHT = 0.6;

export interface ToxicityScore {
  /** 0–1: one minus the product of (1 − weight) over the signals found. */
  score: number;
  labels: string[];
}

/** An offline lexical estimate: profanity plus insult, harassment and threat patterns. */
export function toxicityScore(text: string, findProfanity: ProfanityFinder): ToxicityScore {
  const found = SIGNALS.filter((signal) => signal.pattern.test(text));
  const weights = found.map((signal) => signal.weight);
  const labels = found.map((signal) => signal.label);
  if (findProfanity(text).length > 0) {
    weights.push(PROFANITY_WEIGHT);
    labels.push("profanity");
  }
  const clean = weights.reduce((product, weight) => product * (1 - weight), 1);
  return { score: Math.round((1 - clean) * 100) / 100, labels };
}

const describe = ({ score, labels }: ToxicityScore): string =>
  `${score.toFixed(2)} (${labels.join(", ")})`;

export const toxicLanguage: ValidatorDefinition<ToxicArgs> = {
  name: "toxic-language",
  types: ["string"],
  args: [
    {
      name: "threshold",
      type: "number",
      optional: true,
      default: 0.5,
      description: "Score from which text is toxic.",
    },
    {
      name: "validation_method",
      type: "string",
      optional: true,
      default: "sentence",
      description: "`sentence` (score each sentence) or `full` (the whole text).",
    },
  ],
  description: "No toxic language, scored offline from word lists and patterns.",
  docs: {
    check:
      "the lexical toxicity score (profanity, insults, harassment, threats; 0–1) is below `threshold` (default 0.5) for each sentence (`validation_method=sentence`, default) or for the whole text (`full`)",
    fix: 'sentence mode: the text without its toxic sentences; full mode: `""`',
    advice: "`fix` in sentence mode keeps the useful part; `reask` or `refrain` for full mode",
  },
  validate: textOnly((text, { args }) => withProfanity((find) => toxicity(text, args, find))),
};

/** The verdict on a text, per sentence or as a whole (`validation_method`). */
function toxicity(text: string, args: ToxicArgs, find: ProfanityFinder): Verdict {
  const { threshold, validation_method: method } = args;
  if (method === "full") {
    const result = toxicityScore(text, find);
    if (result.score < threshold) return pass();
    return fail(`the text scores ${describe(result)} for toxicity, threshold ${threshold}`, "");
  }
  if (method !== "sentence") {
    return fail(`validation_method must be "sentence" or "full", got ${JSON.stringify(method)}`);
  }
  const sentences = splitSentences(text).map((sentence) => ({
    sentence,
    ...toxicityScore(sentence, find),
  }));
  const toxic = sentences
    .map((entry, index) => ({ ...entry, index }))
    .filter((entry) => entry.score >= threshold);
  if (toxic.length === 0) return pass();
  const listed = toxic
    .map((entry) => `sentence ${entry.index + 1} scores ${describe(entry)}`)
    .join("; ");
  const kept = sentences.filter((entry) => entry.score < threshold).map((entry) => entry.sentence);
  return fail(`toxic language (threshold ${threshold}): ${listed}`, kept.join(" "));
}
