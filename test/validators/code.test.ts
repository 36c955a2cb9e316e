import { existsSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { bugFreeJavaScript, bugFreePython } from "../../src/validators/code.js";
import { DEFAULT_MAX_PARSED_LENGTH } from "../../src/validators/common.js";
import { checkTable, run } from "./run.js";

describe("bug-free-python", () => {
  checkTable(bugFreePython, {
    passes: [
      { value: "print('hi')\n" },
      { value: "class A:\n    def m(self):\n        return [i for i in range(3)]\n" },
      { value: "async def g():\n    await h()\n" },
      { value: "match x:\n    case 1:\n        pass\n" },
      { value: "import os\nos.system('rm -rf /')\n" },
      { value: "" },
    ],
    fails: [
      {
        value: "def f(x):\n    return x +\n",
        message: "Python syntax error at line 2, column 15: unexpected end of input",
      },
      {
        value: "if x\n  y=1\n",
        message: "Python syntax error at line 1, column 5: unexpected end of line",
      },
      { value: "x = 1 +* 2", message: 'Python syntax error at line 1, column 8: unexpected "* 2"' },
      {
        value: "def f():\n  a = 1\n    b = 2\n",
        message: 'Python syntax error at line 3, column 1: unexpected "b = 2"',
      },
      { value: "x := 5", message: 'Python syntax error at line 1, column 3: unexpected ":="' },
      { value: ["code"], message: "expected a string, got a list" },
    ],
  });
});

describe("bug-free-javascript", () => {
  checkTable(bugFreeJavaScript, {
    passes: [
      { value: "export const f = async (x) => x ?? 1;" },
      { value: "const { a, ...rest } = obj; await fetch(url);" },
      { value: "with (obj) { x = 1; }" },
      { value: "#!/usr/bin/env node\nconsole.log(1)" },
      { value: "process.exit(1)" },
    ],
    fails: [
      {
        value: "function (x) { return x }",
        message: "JavaScript syntax error at line 1, column 10: Unexpected token",
      },
      {
        value: "const a = 1;\nlet b = {\n",
        message: "JavaScript syntax error at line 3, column 1: Unexpected token",
      },
      {
        value: "let x = 1;\nlet x = 2;",
        message:
          "JavaScript syntax error at line 2, column 5: Identifier 'x' has already been declared",
      },
    ],
  });
});

describe.each([
  ["Python", bugFreePython, "x = 1\n"],
  ["JavaScript", bugFreeJavaScript, "x = 1;\n"],
] as const)("bug-free-%s size limit", (language, validator, line) => {
  const over = line.repeat(Math.ceil((DEFAULT_MAX_PARSED_LENGTH + 1) / line.length));

  it("fails source over the default max_length without parsing it", async () => {
    expect(await run(validator, over)).toEqual({
      outcome: "fail",
      message: `${language} source of ${over.length} characters is longer than max_length (${DEFAULT_MAX_PARSED_LENGTH}); it was not parsed`,
    });
  });

  it("parses source up to max_length, which the spec can raise or lower", async () => {
    expect(await run(validator, over, { max_length: over.length })).toEqual({ outcome: "pass" });
    expect(await run(validator, line.repeat(3), { max_length: line.length * 3 })).toEqual({
      outcome: "pass",
    });
    expect(await run(validator, line.repeat(3), { max_length: 10 })).toMatchObject({
      outcome: "fail",
      message: `${language} source of ${line.length * 3} characters is longer than max_length (10); it was not parsed`,
    });
  });
});

describe("code validators never run the code", () => {
  it("parses a side effect without performing it", async () => {
    const marker = "__railguardCodeRan";
    const javaScript = `globalThis.${marker} = true; require("node:fs").writeFileSync("ran", "")`;
    expect(await run(bugFreeJavaScript, javaScript)).toEqual({ outcome: "pass" });
    expect(await run(bugFreePython, `import builtins\nbuiltins.${marker} = True\n`)).toEqual({
      outcome: "pass",
    });
    expect(marker in globalThis).toBe(false);
    expect(existsSync("ran")).toBe(false);
  });
});
