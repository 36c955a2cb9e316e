import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { RailFileError, RailSpecError, RailSyntaxError } from "../../src/rail/errors.js";
import { readRailFile } from "../../src/rail/read-file.js";

const dir = mkdtempSync(join(tmpdir(), "railguard-rail-"));
const write = (name: string, text: string): string => {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
};

const thrown = (run: () => unknown): unknown => {
  try {
    run();
  } catch (error) {
    return error;
  }
  throw new Error("expected an error");
};

describe("readRailFile", () => {
  it("reads and parses a file", () => {
    const path = write("ok.rail", '<rail version="0.1"><output type="string"/></rail>');
    expect(readRailFile(path)).toMatchObject({ output: { type: "string" } });
  });

  it("passes parse options through", () => {
    const path = write("tag.rail", '<rail version="0.1"><output><phone name="p"/></output></rail>');
    expect(() => readRailFile(path)).toThrow(RailSpecError);
    expect(readRailFile(path, { unknownTags: "string" })).toHaveProperty("output");
  });

  it("names the file in spec errors", () => {
    const path = write(
      "bad.rail",
      '<rail version="0.1">\n<output>\n  <list name="l"><a/><b/></list>\n</output>\n</rail>',
    );
    const error = thrown(() => readRailFile(path));
    expect(error).toBeInstanceOf(RailSpecError);
    expect(error).toMatchObject({ file: path, line: 3, column: 22, path: 'output > list "l" > b' });
    expect((error as Error).message).toMatch(
      new RegExp(
        `^${path.replaceAll("\\", "\\\\")}: output > list "l" > b \\(line 3, column 22\\): a list has at most one child`,
      ),
    );
  });

  it("names the file in syntax errors", () => {
    const path = write("broken.rail", "<rail>\n<output>\n</rail>");
    const error = thrown(() => readRailFile(path));
    expect(error).toBeInstanceOf(RailSyntaxError);
    expect(
      (error as Error).message.startsWith(`${path}: output (line 3, column 1): malformed XML`),
    ).toBe(true);
  });

  it("reports an unreadable file as a RailFileError", () => {
    const path = join(dir, "missing.rail");
    const error = thrown(() => readRailFile(path));
    expect(error).toBeInstanceOf(RailFileError);
    expect(error).toMatchObject({ file: path, code: "rail-file" });
    expect((error as Error).message).toContain("cannot read the RAIL file");
  });
});
