import { existsSync, readdirSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { runCli } from "../../src/cli/run.js";
import type { MetadataRequirement } from "../../src/index.js";
import * as api from "../../src/index.js";

const README = readFileSync("README.md", "utf8");
const packageJson = JSON.parse(readFileSync("package.json", "utf8")) as {
  dependencies: Record<string, string>;
  peerDependencies: Record<string, string>;
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

/** The README text from `heading` to the next heading of the same level. */
function section(heading: string): string {
  const start = README.indexOf(`\n${heading}\n`);
  const level = heading.split(" ")[0];
  const end = README.indexOf(`\n${level} `, start + heading.length + 2);
  return README.slice(start, end === -1 ? undefined : end);
}

/** The rows of the markdown table under `header`, as arrays of cells. */
function tableRows(header: string): string[][] {
  const table = README.slice(README.indexOf(header));
  return table
    .slice(0, table.indexOf("\n\n"))
    .split("\n")
    .slice(2)
    .map((row) =>
      row
        .split("|")
        .slice(1, -1)
        .map((cell) => cell.trim()),
    );
}

const code = (name: string): string => `\`${name}\``;

/** A validator's `requiredMetadata` in the words of the README's metadata table. */
function describeRequirement(requirement: MetadataRequirement): string {
  if (typeof requirement === "string") return code(requirement);
  const { oneOf, unlessArgs = [] } = requirement;
  const keys = `${oneOf.length > 1 ? "one of " : ""}${oneOf.map(code).join(", ")}`;
  if (unlessArgs.length === 0) return keys;
  return `${keys}, unless the spec writes ${unlessArgs.map((arg) => code(`${arg}=…`)).join(" or ")}`;
}

describe("README.md", () => {
  it("names exactly the two quick-start commands CI runs", () => {
    const quickStart = README.slice(README.indexOf("## Quick start"));
    expect(codeBlocks(quickStart)[0]?.body).toBe(
      "npm ci && npm run demo   # install, then run the six example tasks through the guard\n" +
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
    const runtime = { ...packageJson.dependencies, ...packageJson.peerDependencies };
    expect(table("| package | why |").sort()).toEqual(Object.keys(runtime).sort());
    expect(table("| dev package | why |").sort()).toEqual(
      Object.keys(packageJson.devDependencies).sort(),
    );
  });

  it("lists the metadata every built-in validator requires, as the registry declares it", () => {
    const documented = new Map<string, string>();
    for (const [aliases = "", needs = ""] of tableRows("| validators | metadata they need |")) {
      for (const [, alias = ""] of aliases.matchAll(/`([^`]+)`/g)) documented.set(alias, needs);
    }
    const declared = new Map<string, string>();
    for (const name of api.defaultRegistry.names()) {
      const requirements = api.defaultRegistry.get(name)?.requiredMetadata ?? [];
      if (requirements.length > 0)
        declared.set(name, requirements.map(describeRequirement).join("; "));
    }
    expect(Object.fromEntries(documented)).toEqual(Object.fromEntries(declared));
  });

  it("shows the error the CLI really prints for a malformed spec", async () => {
    let err = "";
    const code = await runCli(["compile", "test/fixtures/cli/malformed.rail"], {
      out: { write: () => undefined },
      err: { write: (text: string) => (err += text) },
    });
    expect(code).toBe(1);
    const shown = codeBlocks(section("## CLI")).map((block) => block.body);
    expect(shown).toContain(err);
  });

  it("runs its CLI examples on files that exist", () => {
    const commands = codeBlocks(section("## CLI")).filter((block) => block.lang === "sh");
    const files = commands.flatMap((block) => [
      ...block.body.matchAll(/[@\s]((?:rails|examples)\/[\w./-]+)/g),
    ]);
    expect(files.length).toBeGreaterThanOrEqual(5);
    for (const [, file = ""] of files) expect(existsSync(file), file).toBe(true);
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
