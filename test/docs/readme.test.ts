import { readdirSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import * as api from "../../src/index.js";

const README = readFileSync("README.md", "utf8");
const packageJson = JSON.parse(readFileSync("package.json", "utf8")) as {
  dependencies: Record<string, string>;
  devDependencies: Record<string, string>;
};

interface CodeBlock {
  lang: string;
  body: string;
  /** README text before the block: where it names the file it comes from. */
  before: string;
}

function codeBlocks(markdown: string): CodeBlock[] {
  const blocks: CodeBlock[] = [];
  const fence = /^```(\w*)\n([\s\S]*?)^```$/gm;
  for (const match of markdown.matchAll(fence)) {
    blocks.push({
      lang: match[1] ?? "",
      body: match[2] ?? "",
      before: markdown.slice(0, match.index),
    });
  }
  return blocks;
}

const SOURCE_EXTENSION: Record<string, string> = { ts: "ts", xml: "rail" };

/** The last file of the block's kind named in the README before it. */
function sourceOf(block: CodeBlock): string | undefined {
  const extension = SOURCE_EXTENSION[block.lang];
  const references = [...block.before.matchAll(/\b((?:examples|rails)\/[\w./-]+?\.(ts|rail))\b/g)];
  return references.filter((match) => match[2] === extension).at(-1)?.[1];
}

/** The block's lines that are not blank or an elision (`// …`), trimmed. */
const significantLines = (text: string): string[] =>
  text
    .split("\n")
    .map((line) => line.trim())
    .filter((line) => line !== "" && line !== "// …");

/** The first line of `fragment` not found, in order, among the file's lines; undefined if all are. */
function firstLineNotInOrder(fragment: string, file: string): string | undefined {
  const lines = significantLines(file);
  let at = 0;
  for (const line of significantLines(fragment)) {
    const found = lines.indexOf(line, at);
    if (found === -1) return line;
    at = found + 1;
  }
  return undefined;
}

const sourceBlocks = codeBlocks(README).filter((block) => block.lang in SOURCE_EXTENSION);

describe("README.md", () => {
  it("names exactly the two quick-start commands CI runs", () => {
    const quickStart = README.slice(README.indexOf("## Quick start"));
    expect(codeBlocks(quickStart)[0]?.body).toBe(
      "npm ci && npm run demo   # install, then compile every spec in rails/ and print its prompt\n" +
        "npm test                 # typecheck and run the test suite\n",
    );
  });

  it("has TypeScript and RAIL blocks to check", () => {
    expect(sourceBlocks.filter((block) => block.lang === "ts").length).toBeGreaterThanOrEqual(6);
  });

  it.each(sourceBlocks.map((block, index) => [index, block.lang, block] as const))(
    "code block %i (%s) is a fragment of the file it names",
    (_index, _lang, block) => {
      const source = sourceOf(block);
      expect(source, `no examples/… or rails/… file named before:\n${block.body}`).toBeDefined();
      const file = readFileSync(source as string, "utf8");
      expect(firstLineNotInOrder(block.body, file), `in ${source}`).toBeUndefined();
    },
  );

  it("compiles every complete RAIL spec it shows", () => {
    const specs = sourceBlocks.filter((block) => block.body.startsWith("<rail"));
    expect(specs.length).toBeGreaterThanOrEqual(2);
    for (const spec of specs) expect(() => api.compileRail(spec.body)).not.toThrow();
  });

  it("links every example, and test/examples runs each of them", () => {
    const examplesTest = readFileSync("test/examples/examples.test.ts", "utf8");
    const examples = readdirSync("examples").filter((name) => name.endsWith(".ts"));
    for (const name of examples) {
      expect(README.includes(`examples/${name}`), `README links examples/${name}`).toBe(true);
      expect(examplesTest, name).toContain(`runExample("examples/${name}"`);
    }
  });

  it("lists exactly the dependencies in package.json", () => {
    const table = (heading: string): string[] => {
      const section = README.slice(README.indexOf(heading));
      const rows = section.slice(0, section.indexOf("\n\n")).split("\n").slice(2);
      return rows.flatMap((row) =>
        [...(row.split("|")[1] ?? "").matchAll(/`([^`]+)`/g)].map((m) => m[1] ?? ""),
      );
    };
    expect(table("| package | why |").sort()).toEqual(Object.keys(packageJson.dependencies).sort());
    expect(table("| dev package | why |").sort()).toEqual(
      Object.keys(packageJson.devDependencies).sort(),
    );
  });

  it("documents every exported error class with its code", () => {
    const errors = Object.keys(api).filter(
      (name) => name.endsWith("Error") && name !== "RailguardError",
    );
    for (const name of errors) {
      expect(README.includes(`| \`${name}\` | \``), `README documents ${name}`).toBe(true);
    }
  });
});
