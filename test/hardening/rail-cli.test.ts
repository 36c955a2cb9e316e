// biome-ignore-all lint/suspicious/noTemplateCurlyInString: RAIL writes template variables as ${var}
// Hostile command lines and files: the CLI exits with a code and a reason, never hangs or crashes.
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, truncateSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { MAX_TEXT_FILE_BYTES } from "../../src/rail/index.js";
import { cli } from "../cli/run-cli.js";

const tmp = mkdtempSync(join(tmpdir(), "railguard-hardening-"));
const file = (name: string, content: string | Uint8Array): string => {
  const path = join(tmp, name);
  writeFileSync(path, content);
  return path;
};
const spec = file(
  "spec.rail",
  '<rail version="0.1"><output><string name="a"/></output><prompt>[${x}]</prompt></rail>',
);
const directory = join(tmp, "folder.rail");
mkdirSync(directory);
const utf16 = file("utf16.rail", Buffer.from(`\uFEFF<rail version="0.1"/>`, "utf16le"));
const huge = file("huge.txt", "");
truncateSync(huge, MAX_TEXT_FILE_BYTES + 1);

describe("files that are not text files", () => {
  it.each([
    ["a device that never ends", "/dev/zero", "not a file: a terminal or device"],
    ["a directory", directory, "not a file: a directory"],
    ["UTF-16 text", utf16, "not UTF-8 text"],
    ["a file over the size limit", huge, "larger than 32 MiB"],
  ])("refuses %s as the spec (exit 1) and as a --var file (exit 2)", async (_, path, reason) => {
    const asSpec = await cli("compile", path);
    expect(asSpec).toMatchObject({ code: 1, out: "" });
    expect(asSpec.err).toBe(
      `railguard: RailFileError: ${path}: cannot read the RAIL file (${reason})\n`,
    );
    const asVariable = await cli("compile", spec, "--var", `x=@${path}`);
    expect(asVariable).toMatchObject({ code: 2, out: "" });
    // One line naming the problem, never the whole usage after it.
    expect(asVariable.err).toBe(`railguard: --var x=@${path}: cannot read the file (${reason}).\n`);
  });

  it("refuses a binary model output for validate", async () => {
    const binary = file("output.bin", Uint8Array.from([0x7b, 0xff, 0xfe, 0x7d]));
    const result = await cli("validate", spec, binary);
    expect(result.code).toBe(2);
    expect(result.err).toMatch(`railguard: ${binary}: cannot read the file (not UTF-8 text).`);
  });

  it("drops a byte-order mark from a --var file", async () => {
    const withBom = file("bom.txt", "\uFEFFvalue");
    expect((await cli("compile", spec, "--var", `x=@${withBom}`)).out).toBe(
      "=== prompt ===\n[value]\n",
    );
  });

  it("reads a --var from a shell pipe (/dev/stdin) to its end", () => {
    const command = `printf 'piped text' | "${process.execPath}" --import tsx src/cli/main.ts compile "${spec}" --var x=@/dev/stdin`;
    const result = spawnSync("sh", ["-c", command], { encoding: "utf8" });
    expect(result.stderr).toBe("");
    expect(result.stdout).toBe("=== prompt ===\n[piped text]\n");
    expect(result.status).toBe(0);
  });
});

describe("--var values and names", () => {
  it("keeps every = after the first in the value", async () => {
    expect((await cli("compile", spec, "--var", "x=a=b==c")).out).toBe(
      "=== prompt ===\n[a=b==c]\n",
    );
  });

  it("fills a variable named __proto__ like any other", async () => {
    const protoSpec = file(
      "proto-spec.rail",
      '<rail version="0.1"><output><string name="a"/></output><prompt>[${__proto__}]</prompt></rail>',
    );
    const result = await cli("compile", protoSpec, "--var", "__proto__=filled");
    expect(result).toEqual({ code: 0, out: "=== prompt ===\n[filled]\n", err: "" });
  });

  it("names a --var constructor the spec does not use, instead of dropping it", async () => {
    const result = await cli("compile", spec, "--var", "x=1", "--var", "constructor=2");
    expect(result.code).toBe(0);
    expect(result.err).toBe(
      `railguard: note: --var constructor is not a variable of ${spec}; it uses "x"\n`,
    );
  });
});

describe("help after a command", () => {
  it.each([
    ["compile", "-h"],
    ["validate", "--help"],
    ["compile", spec, "--help"],
  ])("%s %s prints the command's usage and exits 0", async (...argv) => {
    const result = await cli(...argv);
    expect(result.code).toBe(0);
    expect(result.out).toMatch(new RegExp(`^Usage: railguard ${argv[0]} <spec\\.rail>`));
    expect(result.err).toBe("");
  });
});
