// biome-ignore-all lint/suspicious/noTemplateCurlyInString: RAIL writes template variables as ${var}
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { colorEnabled } from "../../src/cli/color.js";
import { cli, cliWith } from "./run-cli.js";

const tmp = mkdtempSync(join(tmpdir(), "railguard-commands-"));
const file = (name: string, text: string) => {
  const path = join(tmp, name);
  writeFileSync(path, text);
  return path;
};
const notes = file(
  "notes.rail",
  `<rail version="0.1"><output>
  <string name="title" validators="one-line" on-fail-one-line="fix"/>
  <string name="tag" validators="lower-case" on-fail-lower_case="fix"/>
</output></rail>`,
);
const good = file("good.txt", '{"title": "Hi", "tag": "ai"}');
const bad = file("bad.txt", '{"title": "Hi", "tag": "AI"}');

describe("railguard validate, many outputs in one process", () => {
  it("checks each output, prints every warning once, and exits 1 when one fails", async () => {
    const result = await cli("validate", notes, good, bad);
    expect(result.code).toBe(1);
    expect(result.out).toBe(
      `==> ${good} <==\n{\n  "title": "Hi",\n  "tag": "ai"\n}\n==> ${bad} <==\n{\n  "title": "Hi",\n  "tag": "AI"\n}\n`,
    );
    // On stderr once, not again in each output's tree.
    expect(result.err.match(/on-fail-lower_case names no validator/g)).toHaveLength(1);
    expect(result.err).toMatch(/warning: .*on-fail-lower_case names no validator/);
    expect(result.err).toContain(`==> ${bad} <==\nCall #2 · fail`);
  });

  it("reads - from standard input, and writes JSON lines with --json and one line each with --quiet", async () => {
    const result = await cliWith(
      { stdin: async () => '{"title": "A\\nB", "tag": "x"}' },
      "validate",
      notes,
      "-",
      bad,
      "--json",
      "--quiet",
    );
    expect(result.code).toBe(1);
    const [stdin, saved] = result.out
      .trim()
      .split("\n")
      .map((line) => JSON.parse(line));
    expect(stdin).toMatchObject({
      file: "(stdin)",
      validationPassed: true,
      validatedOutput: { title: "A", tag: "x" },
    });
    expect(saved).toMatchObject({
      file: bad,
      validationPassed: false,
      failures: [{ path: "$.tag", validator: "lower-case" }],
    });
    expect(result.err).toContain("(stdin): passed\n");
    expect(result.err).toContain(`${bad}: failed (lower-case $.tag: must be lower case)\n`);
    expect(result.err).not.toContain("Call #");
  });

  it("exits 2 when an output cannot be read, still checking the others", async () => {
    const result = await cli("validate", notes, join(tmp, "absent.txt"), good, "--quiet");
    expect(result.code).toBe(2);
    expect(result.err).toContain("absent.txt: cannot read the file");
    expect(result.err).toContain(`${good}: passed`);
  });
});

describe("every command", () => {
  it("has --help with examples, and railguard --version", async () => {
    for (const command of ["compile", "validate", "run", "test"]) {
      const help = await cli(command, "--help");
      expect(help.code).toBe(0);
      expect(help.out).toMatch(new RegExp(`^Usage: railguard ${command} `));
      expect(help.out).toContain(`Examples:\n  railguard ${command}`);
      expect(help.out).toContain("--require file.js");
    }
    const version = await cli("--version");
    expect(version).toEqual({ code: 0, out: "0.1.0\n", err: "" });
  });

  it("names an unknown option or a missing value in one line, never parseArgs' text", async () => {
    const unknown = await cli("validate", notes, good, "--jsno");
    expect(unknown).toEqual({
      code: 2,
      out: "",
      err: 'railguard: validate: unknown option --jsno (see "railguard validate --help")\n',
    });
    const missing = await cli("compile", notes, "--var");
    expect(missing.err).toBe(
      'railguard: compile: --var needs a value (see "railguard compile --help")\n',
    );
    const command = await cli("complie");
    expect(command.err).toBe(
      'railguard: unknown command "complie" (commands: compile, validate, run, test; see "railguard --help")\n',
    );
  });

  it("takes the shared spec options on every spec-compiling command", async () => {
    for (const command of [
      ["compile", notes],
      ["validate", notes, good],
    ]) {
      const result = await cli(
        ...command,
        "--allow-unknown-validators",
        "--unknown-tags",
        "string",
      );
      expect(result.code, command[0]).toBe(0);
    }
  });

  it("fills variables from --var-file, --var winning", async () => {
    const spec = file(
      "vars.rail",
      '<rail version="0.1"><output type="string"/><prompt>${a} and ${b}</prompt></rail>',
    );
    const vars = file("vars.json", '{"a": "from the file", "b": 2}');
    const result = await cli("compile", spec, "--var-file", vars, "--var", "b=from the option");
    expect(result.out).toBe("=== prompt ===\nfrom the file and from the option\n");
  });
});

describe("custom validators from --require and railguard.config.js", () => {
  const spec = (dir: string) => {
    mkdirSync(join(tmp, dir));
    return file(
      `${dir}/shout.rail`,
      '<rail version="0.1"><output type="string" validators="shouted"/></rail>',
    );
  };
  const answer = file("quiet.txt", "hello");

  it("registers the validators of a --require module before the spec compiles", async () => {
    const shout = spec("required");
    const module = file(
      "validators.mjs",
      `export const validators = [{ name: "shouted", types: "all",
         validate: (value) => value === String(value).toUpperCase() ? { outcome: "pass" } : { outcome: "fail", message: "must be shouted" } }];`,
    );
    const result = await cli("validate", shout, answer, "--require", module, "--quiet");
    expect(result.err).not.toContain("not a registered validator");
    expect(result.err).toContain(`${answer}: failed (shouted $: must be shouted)`);
  });

  it("loads a railguard.config.js found next to the spec (a default export given the registry)", async () => {
    const shout = spec("configured");
    file(
      "configured/railguard.config.js",
      `export default (registry) => registry.register({ name: "shouted", types: "all",
         validate: () => ({ outcome: "fail", message: "from the config" }) });`,
    );
    const result = await cli("validate", shout, answer, "--quiet");
    expect(result.err).toContain("failed (shouted $: from the config)");
  });

  it("names a module that is missing or throws", async () => {
    const shout = join(tmp, "required/shout.rail");
    const missing = await cli("validate", shout, answer, "--require", "./nope.js");
    expect(missing.code).toBe(2);
    expect(missing.err).toBe(
      'railguard: validate: --require ./nope.js: no such file (see "railguard validate --help")\n',
    );
    const throwing = file("throws.mjs", 'throw new Error("broken module");');
    const thrown = await cli("validate", shout, answer, "--require", throwing);
    expect(thrown.code).toBe(1);
    expect(thrown.err).toBe(
      `railguard: RailguardError: --require ${throwing} failed to load: broken module\n`,
    );
  });
});

describe("colour", () => {
  it("follows FORCE_COLOR, then NO_COLOR and TERM=dumb, then the terminal", () => {
    expect(colorEnabled({}, true)).toBe(true);
    expect(colorEnabled({}, false)).toBe(false);
    expect(colorEnabled({ NO_COLOR: "1" }, true)).toBe(false);
    expect(colorEnabled({ NO_COLOR: "" }, true)).toBe(true);
    expect(colorEnabled({ TERM: "dumb" }, true)).toBe(false);
    expect(colorEnabled({ FORCE_COLOR: "1", NO_COLOR: "1" }, false)).toBe(true);
    expect(colorEnabled({ FORCE_COLOR: "0" }, true)).toBe(false);
  });

  it("colours the executable's tree with FORCE_COLOR even when piped, and never with NO_COLOR", () => {
    const run = (env: Record<string, string>) =>
      spawnSync(process.execPath, ["--import", "tsx", "src/cli/main.ts", "validate", notes, good], {
        encoding: "utf8",
        env: { ...process.env, FORCE_COLOR: undefined, NO_COLOR: undefined, ...env },
      });
    expect(run({ FORCE_COLOR: "1" }).stderr).toContain("\x1b[32m");
    expect(run({ NO_COLOR: "1" }).stderr).not.toContain("\x1b[");
  });
});
