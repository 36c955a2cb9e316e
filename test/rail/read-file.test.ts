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

describe("readRailFile", () => {
  it("reads and parses a file", async () => {
    const path = write("ok.rail", '<rail version="0.1"><output type="string"/></rail>');
    await expect(readRailFile(path)).resolves.toMatchObject({ output: { type: "string" } });
  });

  it("passes parse options through", async () => {
    const path = write("tag.rail", '<rail version="0.1"><output><phone name="p"/></output></rail>');
    await expect(readRailFile(path)).rejects.toBeInstanceOf(RailSpecError);
    await expect(readRailFile(path, { unknownTags: "string" })).resolves.toHaveProperty("output");
  });

  it("names the file in spec errors", async () => {
    const path = write(
      "bad.rail",
      '<rail version="0.1">\n<output>\n  <list name="l"><a/><b/></list>\n</output>\n</rail>',
    );
    const error = await readRailFile(path).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RailSpecError);
    expect(error).toMatchObject({ file: path, line: 3, column: 22, path: 'output > list "l" > b' });
    expect((error as Error).message).toMatch(
      new RegExp(
        `^${path.replaceAll("\\", "\\\\")}: output > list "l" > b \\(line 3, column 22\\): a list has at most one child`,
      ),
    );
  });

  it("names the file in syntax errors", async () => {
    const path = write("broken.rail", "<rail>\n<output>\n</rail>");
    const error = await readRailFile(path).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RailSyntaxError);
    expect((error as Error).message.startsWith(`${path}: line 3, column 1: malformed XML`)).toBe(
      true,
    );
  });

  it("reports an unreadable file as a RailFileError", async () => {
    const path = join(dir, "missing.rail");
    const error = await readRailFile(path).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RailFileError);
    expect(error).toMatchObject({ file: path, code: "rail-file" });
    expect((error as Error).message).toContain("cannot read the RAIL file");
  });
});
