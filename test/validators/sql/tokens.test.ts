import { describe, expect, it } from "vitest";
import {
  identifierOf,
  leadingKeyword,
  renameIdentifier,
  statementsOf,
  tokenize,
} from "../../../src/validators/sql/tokens.js";

describe("tokenize", () => {
  it("round-trips the source text", () => {
    const sql = "SELECT \"a\"\"b\", `c`, [d] FROM t -- note\nWHERE x = 'it''s' /* c */;";
    expect(
      tokenize(sql)
        .map((token) => token.text)
        .join(""),
    ).toBe(sql);
  });

  it("tells strings, quoted identifiers and comments from words", () => {
    const kinds = tokenize("SELECT 'a b', \"c d\" -- e f\n").map((token) => token.kind);
    expect(kinds).toEqual([
      "word",
      "space",
      "string",
      "punct",
      "space",
      "quoted",
      "space",
      "comment",
      "space",
    ]);
  });

  it("reads backslash escapes and # comments only when lexing MySQL", () => {
    const sql = "SELECT 'a\\'b' # c";
    expect(tokenize(sql, { mysqlLexing: true }).map((token) => token.kind)).toEqual([
      "word",
      "space",
      "string",
      "space",
      "comment",
    ]);
    // In SQLite a backslash is an ordinary character: the string ends at the second quote.
    expect(tokenize(sql).find((token) => token.kind === "string")?.text).toBe("'a\\'");
  });

  it("unquotes identifiers", () => {
    const [word, , quoted] = tokenize('a "b c"');
    expect(word && identifierOf(word)).toBe("a");
    expect(quoted && identifierOf(quoted)).toBe("b c");
  });
});

describe("statementsOf", () => {
  it("splits on semicolons outside strings and drops empty statements", () => {
    const statements = statementsOf(tokenize("SELECT ';' ; -- only a comment\n ; DROP TABLE t;"));
    expect(statements.map(leadingKeyword)).toEqual(["select", "drop"]);
  });

  it("finds the leading keyword behind parentheses", () => {
    expect(statementsOf(tokenize("(SELECT 1)")).map(leadingKeyword)).toEqual(["select"]);
  });
});

describe("renameIdentifier", () => {
  it("renames words and quoted identifiers, case-insensitively, but not strings or comments", () => {
    const sql = "SELECT Episode.title FROM \"episode\" WHERE note = 'episode' -- episode";
    expect(renameIdentifier(sql, "episode", "episodes")).toBe(
      "SELECT episodes.title FROM \"episodes\" WHERE note = 'episode' -- episode",
    );
  });

  it("leaves longer names that contain the identifier alone", () => {
    expect(renameIdentifier("SELECT episode_id FROM episode", "episode", "episodes")).toBe(
      "SELECT episode_id FROM episodes",
    );
  });
});
