import { BracketStack } from "./bracket-stack.js";
import { type CommaEdit, jsonrepairInsertsComma } from "./comma-edits.js";
import { JSON_WORD, type Token, tokenize, tokenText } from "./lexer.js";

import type { SourceText } from "./source.js";
import type { Repair } from "./types.js";

/**
 * Walks a candidate's tokens with a small container state machine and lists every deviation from
 * JSON, so each repair jsonrepair then makes is reported with its place. It also finds where a
 * truncated candidate's last, incomplete member starts, so that it is dropped rather than invented.
 */

type IssueKind =
  | "comment"
  | "single-quote"
  | "smart-quote"
  | "raw-control"
  | "inner-quote"
  | "bare-key"
  | "python-literal"
  | "bare-word"
  | "trailing-comma"
  | "extra-comma"
  | "missing-comma"
  | "missing-colon"
  | "stray-bracket";

const LABELS: Record<IssueKind, string> = {
  comment: "removed a comment",
  "single-quote": "replaced single quotes with double quotes",
  "smart-quote": "replaced smart quotes with straight double quotes",
  "raw-control": "escaped a raw newline or control character inside a string",
  "inner-quote": "escaped a double quote inside a string",
  "bare-key": "quoted a bare key",
  "python-literal": "replaced a Python literal with its JSON spelling",
  "bare-word": "repaired a bare word that is not a JSON value",
  "trailing-comma": "removed a trailing comma",
  "extra-comma": "removed a stray comma",
  "missing-comma": "inserted a missing comma",
  "missing-colon": "inserted a missing colon",
  "stray-bracket": "fixed an unmatched or mismatched bracket",
};

interface Issue {
  kind: IssueKind;
  offset: number;
  word?: string;
}

interface Frame {
  bracket: "{" | "[";
  state: "key" | "colon" | "value" | "after";
  /** Where the current member starts: its comma, or just after the opening bracket. */
  memberStart: number;
  key?: string;
}

export interface Diagnosis {
  issues: Issue[];
  /**
   * Comma repairs made before jsonrepair runs, in text order: stray commas are deleted because
   * jsonrepair nests lists around them, trailing and missing ones where it would make the same
   * edit (see `comma-edits.ts`).
   */
  commaEdits: CommaEdit[];
  /** The text ends inside a string, comment or open bracket. */
  truncated: boolean;
  /** Open brackets at the end, innermost last. */
  openBrackets: string[];
  /** Offset to cut a truncated candidate at, dropping its incomplete last member. */
  cutAt?: number;
  /** The key of that incomplete member. */
  droppedKey?: string;
  unterminatedString: boolean;
}

/** Issues jsonrepair may resolve otherwise than the walker reads them (see `ambiguous`). */
const AMBIGUOUS: ReadonlySet<IssueKind> = new Set<IssueKind>([
  "inner-quote",
  "smart-quote",
  "bare-word",
  "missing-colon",
  "stray-bracket",
]);

const PYTHON_LITERALS = new Set(["None", "True", "False"]);

export function diagnose(text: string): Diagnosis {
  const walker = new Walker(text);
  for (const token of tokenize(text)) walker.visit(token);
  return walker.finish();
}

class Walker {
  private readonly issues: Issue[] = [];
  private readonly commaEdits: CommaEdit[] = [];
  /**
   * Set at the first issue after which jsonrepair may read strings, keys or containers otherwise
   * than this walk does: from there trailing and missing commas are left to it.
   */
  private ambiguous = false;
  private readonly stack = new BracketStack<Frame>();
  private previous: Token | undefined;
  /** The token before `previous`. */
  private earlier: Token | undefined;

  constructor(private readonly text: string) {}

  visit(token: Token): void {
    if (token.type === "comment") this.report("comment", token.start);
    else if (this.continuesString(token)) this.report("inner-quote", token.start);
    else if (token.type === "punct") this.visitPunct(token);
    else this.visitScalar(token);
    if (token.type !== "comment") {
      this.earlier = this.previous;
      this.previous = token;
    }
  }

  private report(kind: IssueKind, offset: number, word?: string): void {
    this.issues.push(word === undefined ? { kind, offset } : { kind, offset, word });
    if (AMBIGUOUS.has(kind)) this.ambiguous = true;
  }

  /** `"He said "hi" to me"`: a word or string glued to a string is the same string. */
  private continuesString(token: Token): boolean {
    const previous = this.previous;
    if (previous === undefined || token.spaced || token.type === "punct") return false;
    return previous.type === "string" || (previous.type === "word" && token.type === "string");
  }

  private visitScalar(token: Token): void {
    const word = tokenText(this.text, token);
    const frame = this.top();
    const isKey = frame?.bracket === "{" && (frame.state === "key" || frame.state === "after");
    if (token.type === "string") this.checkString(token);
    else if (isKey) this.report("bare-key", token.start, word);
    else this.checkWord(token, word);
    this.arriveValue(token, isKey ? keyName(token, word) : undefined);
  }

  private checkString(token: Token): void {
    if (token.quote === "'") this.report("single-quote", token.start);
    else if (token.quote !== '"') this.report("smart-quote", token.start);
    if (token.rawControl) this.report("raw-control", token.start);
  }

  private checkWord(token: Token, word: string): void {
    if (JSON_WORD.test(word)) return;
    const kind = PYTHON_LITERALS.has(word) ? "python-literal" : "bare-word";
    this.report(kind, token.start, word);
  }

  /** A key or value (scalar or opening bracket) arrives in the current container. */
  private arriveValue(token: Token, key: string | undefined): void {
    const frame = this.top();
    if (frame === undefined) return;
    if (frame.state === "after") {
      this.report("missing-comma", token.start);
      const previous = this.previous;
      if (previous && !this.ambiguous && jsonrepairInsertsComma(this.text, previous, token))
        this.commaEdits.push({ offset: token.start, insert: true });
      else this.ambiguous = true;
      frame.memberStart = token.start;
    }
    if (frame.bracket === "[") {
      frame.state = "after";
    } else if (key !== undefined) {
      frame.state = "colon";
      frame.key = key;
    } else {
      if (frame.state === "colon") this.report("missing-colon", token.start);
      frame.state = "after";
    }
  }

  private visitPunct(token: Token): void {
    const char = this.text.charAt(token.start);
    if (char === "{" || char === "[") this.open(token, char);
    else if (char === "}" || char === "]") this.close(token, char === "}" ? "{" : "[");
    else if (char === ",") this.comma(token);
    else if (this.top()?.state === "colon") (this.top() as Frame).state = "value";
    // A colon where no key stands before it: jsonrepair may read it into a bare string.
    else this.ambiguous = true;
  }

  private open(token: Token, bracket: "{" | "["): void {
    this.arriveValue(token, undefined);
    const state = bracket === "{" ? "key" : "value";
    this.stack.push({ bracket, state, memberStart: token.end });
  }

  private close(token: Token, opener: "{" | "["): void {
    const depth = this.stack.innermost(opener);
    if (depth < 0 || depth !== this.stack.length - 1) {
      this.report("stray-bracket", token.start);
    }
    if (depth < 0) return;
    if (holdsBracket(this.text, this.previous, opener)) this.ambiguous = true;
    if (this.previous !== undefined && this.text.charAt(this.previous.start) === ",") {
      this.report("trailing-comma", this.previous.start);
      // Deleting the comma would put the string before it right against the bracket.
      if (!this.ambiguous && !holdsBracket(this.text, this.earlier, opener))
        this.deleteComma(this.previous.start);
    }
    this.stack.closeTo(depth);
    const parent = this.top();
    if (parent !== undefined) parent.state = "after";
  }

  private comma(token: Token): void {
    const frame = this.top();
    if (frame === undefined) return;
    if (frame.state === "after") {
      frame.state = frame.bracket === "{" ? "key" : "value";
      frame.memberStart = token.start;
    } else if (frame.state !== "colon") {
      this.report("extra-comma", token.start);
      this.deleteComma(token.start);
    }
  }

  /** A comma can be both stray and trailing (`[1,,]`): it is deleted once. */
  private deleteComma(offset: number): void {
    const last = this.commaEdits[this.commaEdits.length - 1];
    if (last?.offset !== offset || last.insert) this.commaEdits.push({ offset, insert: false });
  }

  private top(): Frame | undefined {
    return this.stack.top();
  }

  finish(): Diagnosis {
    const last = this.previous;
    const unterminatedString = last?.type === "string" && last.terminated === false;
    const truncated = this.stack.length > 0 || unterminatedString;
    const diagnosis: Diagnosis = {
      issues: this.issues,
      commaEdits: this.commaEdits,
      truncated,
      openBrackets: this.stack.frames.map((frame) => frame.bracket),
      unterminatedString,
    };
    const frame = this.top();
    if (truncated && frame?.bracket === "{" && this.memberIsIncomplete(frame)) {
      diagnosis.cutAt = frame.memberStart;
      if (frame.state !== "key") diagnosis.droppedKey = frame.key;
    }
    return diagnosis;
  }

  /** A key without a value (`"b"`, `"b":`), or a comma with nothing after it. */
  private memberIsIncomplete(frame: Frame): boolean {
    if (frame.state === "colon" || frame.state === "value") return true;
    return (
      frame.state === "key" &&
      this.previous !== undefined &&
      this.text.charAt(this.previous.start) === ","
    );
  }
}

/**
 * A string holding an opening bracket (`"a[b"`): right before a closing bracket of that kind,
 * jsonrepair reads its end quote as one inside it, and the string as running on.
 */
function holdsBracket(text: string, token: Token | undefined, opener: "{" | "["): boolean {
  return token?.type === "string" && tokenText(text, token).includes(opener);
}

function keyName(token: Token, word: string): string {
  if (token.type !== "string") return word;
  return token.terminated ? word.slice(1, -1) : word.slice(1);
}

/** One `fix-syntax` repair per kind of issue, with where it was found. */
export function describeIssues(issues: Issue[], source: SourceText, base: number): Repair[] {
  const byKind = new Map<IssueKind, Issue[]>();
  for (const issue of issues) {
    const found = byKind.get(issue.kind);
    if (found) found.push(issue);
    else byKind.set(issue.kind, [issue]);
  }
  return [...byKind].map(([kind, found]) => ({
    kind: "fix-syntax",
    message: issueMessage(kind, found, source, base),
  }));
}

const LISTED_PLACES = 3;

function issueMessage(kind: IssueKind, found: Issue[], source: SourceText, base: number): string {
  const words = [...new Set(found.flatMap((issue) => (issue.word ? [issue.word] : [])))];
  const what = words.length > 0 ? ` (${words.map((word) => `\`${word}\``).join(", ")})` : "";
  const places = found.slice(0, LISTED_PLACES).map((issue) => source.at(base + issue.offset));
  const more = found.length > LISTED_PLACES ? `; and ${found.length - LISTED_PLACES} more` : "";
  const count = found.length > 1 ? ` ×${found.length}` : "";
  return `${LABELS[kind]}${count}${what} at ${places.join("; ")}${more}`;
}
