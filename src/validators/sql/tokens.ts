/**
 * A small SQL lexer: enough to tell identifiers from strings and comments, so that renaming an
 * identifier or spotting a keyword never touches text inside a literal.
 */
export type TokenKind = "word" | "quoted" | "string" | "comment" | "space" | "number" | "punct";

export interface Token {
  kind: TokenKind;
  text: string;
}

export interface LexOptions {
  /** MySQL-family strings take backslash escapes and `#` starts a comment. */
  mysqlLexing?: boolean;
}

const CLOSING_QUOTE: Record<string, string> = { '"': '"', "`": "`", "[": "]" };

export function tokenize(sql: string, options: LexOptions = {}): Token[] {
  const tokens: Token[] = [];
  let at = 0;
  while (at < sql.length) {
    const token = readToken(sql, at, options);
    tokens.push(token);
    at += token.text.length;
  }
  return tokens;
}

function readToken(sql: string, at: number, options: LexOptions): Token {
  const char = sql.charAt(at);
  const rest = sql.slice(at);
  if (/\s/.test(char)) return { kind: "space", text: /^\s+/.exec(rest)?.[0] ?? char };
  if (rest.startsWith("--") || (options.mysqlLexing && char === "#")) {
    return { kind: "comment", text: /^[^\n]*/.exec(rest)?.[0] ?? rest };
  }
  if (rest.startsWith("/*")) {
    const end = sql.indexOf("*/", at + 2);
    return { kind: "comment", text: end < 0 ? rest : sql.slice(at, end + 2) };
  }
  if (char === "'") return { kind: "string", text: readQuoted(sql, at, "'", options.mysqlLexing) };
  const closing = CLOSING_QUOTE[char];
  if (closing) return { kind: "quoted", text: readQuoted(sql, at, closing, false) };
  if (/[A-Za-z_\u0080-\uffff]/.test(char)) {
    return { kind: "word", text: /^[A-Za-z0-9_$\u0080-\uffff]+/.exec(rest)?.[0] ?? char };
  }
  if (/[0-9]/.test(char))
    return { kind: "number", text: /^[0-9A-Za-z_.]+/.exec(rest)?.[0] ?? char };
  return { kind: "punct", text: char };
}

/** Reads up to the closing quote; a doubled quote (or a backslash, when allowed) escapes it. */
function readQuoted(sql: string, start: number, closing: string, backslashEscapes = false): string {
  let at = start + 1;
  while (at < sql.length) {
    const char = sql.charAt(at);
    if (backslashEscapes && char === "\\") at += 2;
    else if (char === closing && sql.charAt(at + 1) === closing) at += 2;
    else if (char === closing) return sql.slice(start, at + 1);
    else at += 1;
  }
  return sql.slice(start);
}

/** The identifier a word or quoted token names (quotes removed), or undefined for other tokens. */
export function identifierOf(token: Token): string | undefined {
  if (token.kind === "word") return token.text;
  if (token.kind === "quoted") return token.text.slice(1, -1);
  return undefined;
}

const isCode = (token: Token): boolean => token.kind !== "space" && token.kind !== "comment";

/** The statements of a script, as token lists without blanks; empty statements are dropped. */
export function statementsOf(tokens: readonly Token[]): Token[][] {
  const statements: Token[][] = [[]];
  for (const token of tokens.filter(isCode)) {
    if (token.kind === "punct" && token.text === ";") statements.push([]);
    else statements.at(-1)?.push(token);
  }
  return statements.filter((statement) => statement.length > 0);
}

/** The first keyword of a statement, lower-cased, skipping opening parentheses. */
export function leadingKeyword(statement: readonly Token[]): string | undefined {
  return statement.find((token) => token.kind === "word")?.text.toLowerCase();
}

/**
 * Replaces every identifier equal (case-insensitively) to `from` with `to`, keeping the quoting
 * of quoted identifiers; strings and comments are left alone.
 */
export function renameIdentifier(
  sql: string,
  from: string,
  to: string,
  options: LexOptions = {},
): string {
  const target = from.toLowerCase();
  return tokenize(sql, options)
    .map((token) => {
      if (identifierOf(token)?.toLowerCase() !== target) return token.text;
      return token.kind === "quoted" ? `${token.text[0]}${to}${token.text.at(-1)}` : to;
    })
    .join("");
}
