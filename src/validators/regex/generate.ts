/**
 * Produces a string that a regular expression accepts, for the common subset: literals, classes,
 * `.`, `\d\w\s` and their negations, quantifiers, groups, alternation and anchors. Lookarounds,
 * backreferences and anything unknown give `undefined`. Callers verify the result with the real
 * RegExp, since anchors and `\b` in odd places can still defeat a syntactic generator.
 */

type Range = readonly [number, number];

type RegexNode =
  | { type: "text"; value: string }
  | { type: "set"; ranges: Range[]; negated: boolean }
  | { type: "repeat"; node: RegexNode; min: number; max: number }
  | { type: "sequence"; items: RegexNode[] }
  | { type: "alternation"; options: RegexNode[] };

/** Thrown inside the parser for syntax outside the subset; never escapes this module. */
class Unsupported extends Error {}

const range = (from: string, to: string = from): Range => [
  from.codePointAt(0) ?? 0,
  to.codePointAt(0) ?? 0,
];

const DIGIT: Range[] = [range("0", "9")];
const WORD: Range[] = [range("a", "z"), range("A", "Z"), range("0", "9"), range("_")];
const SPACE: Range[] = [range(" "), range("\t", "\r"), range("\u00a0"), range("\u2028", "\u2029")];
const LINE_ENDS: Range[] = [range("\n"), range("\r"), range("\u2028", "\u2029")];

const SHORTHANDS: Record<string, { ranges: Range[]; negated: boolean }> = {
  d: { ranges: DIGIT, negated: false },
  w: { ranges: WORD, negated: false },
  s: { ranges: SPACE, negated: false },
  D: { ranges: DIGIT, negated: true },
  W: { ranges: WORD, negated: true },
  S: { ranges: SPACE, negated: true },
};

const CONTROL_ESCAPES: Record<string, string> = {
  n: "\n",
  t: "\t",
  r: "\r",
  f: "\f",
  v: "\v",
  "0": "\0",
};

class Parser {
  #at = 0;

  constructor(readonly source: string) {}

  parse(): RegexNode {
    const node = this.#alternation();
    if (this.#at < this.source.length) throw new Unsupported(`unexpected ${this.#peek()}`);
    return node;
  }

  #peek(offset = 0): string {
    return this.source[this.#at + offset] ?? "";
  }

  #take(): string {
    return this.source[this.#at++] ?? "";
  }

  #alternation(): RegexNode {
    const options = [this.#sequence()];
    while (this.#peek() === "|") {
      this.#at++;
      options.push(this.#sequence());
    }
    return options.length === 1 ? (options[0] as RegexNode) : { type: "alternation", options };
  }

  #sequence(): RegexNode {
    const items: RegexNode[] = [];
    while (this.#at < this.source.length && this.#peek() !== "|" && this.#peek() !== ")") {
      items.push(this.#quantified(this.#atom()));
    }
    return { type: "sequence", items };
  }

  #atom(): RegexNode {
    const char = this.#take();
    if (char === "(") return this.#group();
    if (char === "[") return this.#class();
    if (char === "\\") return this.#escape();
    if (char === ".") return { type: "set", ranges: LINE_ENDS, negated: true };
    if (char === "^" || char === "$") return { type: "text", value: "" };
    if ("*+?".includes(char)) throw new Unsupported("nothing to repeat");
    return { type: "text", value: char };
  }

  #group(): RegexNode {
    if (this.#peek() === "?") {
      const head = this.source.slice(this.#at, this.#at + 3);
      if (head.startsWith("?:")) this.#at += 2;
      else if (/^\?<[A-Za-z_]/.test(head)) this.#at = this.source.indexOf(">", this.#at) + 1;
      else throw new Unsupported("lookaround");
    }
    const inner = this.#alternation();
    if (this.#take() !== ")") throw new Unsupported("unclosed group");
    return inner;
  }

  #escape(): RegexNode {
    const char = this.#take();
    const shorthand = SHORTHANDS[char];
    if (shorthand) return { type: "set", ...shorthand };
    if (char === "b" || char === "B") return { type: "text", value: "" };
    return { type: "text", value: this.#escapedCharacter(char) };
  }

  /** The character an escape stands for (outside shorthands and assertions). */
  #escapedCharacter(char: string): string {
    if (char in CONTROL_ESCAPES && !/\d/.test(this.#peek())) return CONTROL_ESCAPES[char] as string;
    const hexLength = char === "x" ? 2 : char === "u" ? 4 : 0;
    if (hexLength > 0) {
      const hex = this.source.slice(this.#at, this.#at + hexLength);
      if (!/^[0-9a-fA-F]+$/.test(hex) || hex.length !== hexLength) throw new Unsupported("escape");
      this.#at += hexLength;
      return String.fromCodePoint(Number.parseInt(hex, 16));
    }
    if (/[A-Za-z0-9]/.test(char)) throw new Unsupported(`escape \\${char}`);
    return char;
  }

  #class(): RegexNode {
    const negated = this.#peek() === "^";
    if (negated) this.#at++;
    const ranges: Range[] = [];
    while (this.#peek() !== "]") {
      if (this.#at >= this.source.length) throw new Unsupported("unclosed class");
      const low = this.#classMember(ranges);
      if (low === undefined || this.#peek() !== "-" || this.#peek(1) === "]") continue;
      this.#at++;
      const high = this.#classMember(ranges);
      if (high === undefined) throw new Unsupported("range to a shorthand");
      ranges.push(range(low, high));
    }
    this.#at++;
    return { type: "set", ranges, negated };
  }

  /**
   * One class member. A shorthand's ranges are added and undefined returned; a character is
   * returned, and added as a one-character range unless it starts a range such as `a-z`.
   */
  #classMember(ranges: Range[]): string | undefined {
    const char = this.#take();
    if (char !== "\\") return this.#single(ranges, char);
    const escaped = this.#take();
    const shorthand = SHORTHANDS[escaped];
    if (shorthand?.negated) throw new Unsupported("negated shorthand in a class");
    if (shorthand) {
      ranges.push(...shorthand.ranges);
      return undefined;
    }
    return this.#single(ranges, escaped === "b" ? "\b" : this.#escapedCharacter(escaped));
  }

  #single(ranges: Range[], char: string): string {
    if (this.#peek() !== "-" || this.#peek(1) === "]") ranges.push(range(char));
    return char;
  }

  #quantified(node: RegexNode): RegexNode {
    const bounds = this.#quantifier();
    if (!bounds) return node;
    if (this.#peek() === "?") this.#at++;
    return { type: "repeat", node, ...bounds };
  }

  #quantifier(): { min: number; max: number } | undefined {
    const char = this.#peek();
    if (char === "*" || char === "+" || char === "?") {
      this.#at++;
      return { min: char === "+" ? 1 : 0, max: char === "?" ? 1 : Number.POSITIVE_INFINITY };
    }
    const braces = /^\{(\d+)(,(\d*))?\}/.exec(this.source.slice(this.#at));
    if (!braces) return undefined;
    this.#at += braces[0].length;
    const min = Number(braces[1]);
    const max =
      braces[2] === undefined ? min : braces[3] ? Number(braces[3]) : Number.POSITIVE_INFINITY;
    return { min, max };
  }
}

/** Printable characters tried first, so generated examples read naturally. */
const PREFERRED = [..."a0A _-.x1@/:"].map((char) => char.codePointAt(0) ?? 0);

const inRanges = (code: number, ranges: readonly Range[]): boolean =>
  ranges.some(([low, high]) => code >= low && code <= high);

function pickFromSet(ranges: readonly Range[], negated: boolean): string {
  const accepts = (code: number) => inRanges(code, ranges) !== negated;
  const preferred = PREFERRED.find(accepts);
  if (preferred !== undefined) return String.fromCodePoint(preferred);
  if (!negated && ranges[0]) return String.fromCodePoint(ranges[0][0]);
  for (let code = 0x21; code < 0x3000; code++) if (accepts(code)) return String.fromCodePoint(code);
  throw new Unsupported("empty class");
}

/**
 * Longest example generated: `a{2000000000}` or `((a{1000}){1000}){1000}` would otherwise build a
 * string past V8's limit (a RangeError) or gigabytes on the way there.
 */
const MAX_EXAMPLE_LENGTH = 10_000;

/** Variant 0 takes minimal repeats and first alternatives; others vary both. */
function emit(node: RegexNode, variant: number): string {
  switch (node.type) {
    case "text":
      return node.value;
    case "set":
      return pickFromSet(node.ranges, node.negated);
    case "sequence": {
      const text = node.items.map((item) => emit(item, variant)).join("");
      if (text.length > MAX_EXAMPLE_LENGTH) throw new Unsupported("example too long");
      return text;
    }
    case "alternation":
      return emit(node.options[variant % node.options.length] as RegexNode, variant);
    case "repeat": {
      const count = Math.min(node.min + (variant > 0 ? 1 : 0), node.max);
      const once = emit(node.node, variant);
      if (once.length * count > MAX_EXAMPLE_LENGTH) throw new Unsupported("example too long");
      return once.repeat(count);
    }
  }
}

const VARIANTS = 4;

/** Outside the subset, or nested deeper than the call stack goes (`(?:` 20,000 times). */
const cannotGenerate = (error: unknown): boolean =>
  error instanceof Unsupported || error instanceof RangeError;

/** A string that `accepts` approves, generated from `source`; undefined when none can be made. */
export function generateMatch(
  source: string,
  accepts: (candidate: string) => boolean,
): string | undefined {
  let tree: RegexNode;
  try {
    tree = new Parser(source).parse();
  } catch (error) {
    if (cannotGenerate(error)) return undefined;
    throw error;
  }
  for (let variant = 0; variant < VARIANTS; variant++) {
    let candidate: string;
    try {
      candidate = emit(tree, variant);
    } catch (error) {
      if (cannotGenerate(error)) return undefined;
      throw error;
    }
    if (accepts(candidate)) return candidate;
  }
  return undefined;
}
