// biome-ignore-all lint/suspicious/noTemplateCurlyInString: RAIL writes template variables as ${var}
import { readdirSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { readRailFile } from "../../src/rail/read-file.js";
import type { ChoiceField, ListField, ObjectField, ScalarField } from "../../src/rail/types.js";
import { fixturePath, railsPath } from "./helpers.js";

const specFiles = (dir: string) =>
  readdirSync(fileURLToPath(new URL(dir, import.meta.url))).filter((name) =>
    name.endsWith(".rail"),
  );

describe("the reference's example specs", () => {
  it("(a) 0.1-style extraction with format hints", async () => {
    const spec = readRailFile(fixturePath("ref-a-contract-fees.rail"));
    const charges = (spec.output.root as ObjectField).children[0] as ListField;
    expect(charges).toMatchObject({
      kind: "list",
      name: "charges",
      description: "Every fee mentioned in the contract",
    });
    const item = charges.item as ObjectField;
    expect(
      item.children.map((f) => [f.name, f.kind, f.validators.map((v) => [v.name, v.onFail])]),
    ).toEqual([
      [
        "label",
        "string",
        [
          ["lower-case", "fix"],
          ["two-words", "reask"],
        ],
      ],
      ["rate", "float", [["percentage", "noop"]]],
    ]);
    expect(spec.warnings).toEqual([]);
  });

  it("(b) 0.2.9-style object with instructions and a reask prompt", async () => {
    const spec = readRailFile(fixturePath("ref-b-episode.rail"));
    const episode = (spec.output.root as ObjectField).children[0] as ObjectField;
    expect(episode.children.map((f) => [f.name, f.kind])).toEqual([
      ["title", "string"],
      ["aired", "date"],
      ["minutes", "integer"],
      ["guests", "list"],
    ]);
    expect((episode.children[1] as ScalarField).format).toBe("%Y-%m-%d");
    expect(episode.children[3]?.validators[0]).toMatchObject({
      name: "length",
      args: [0, 5],
      onFail: "filter",
    });
    expect(spec.instructions?.text).toBe("You only answer with JSON.");
    expect(spec.prompt?.text).toBe(
      "Summarise this transcript: ${transcript}\n\n${gr.complete_json_suffix_v2}",
    );
  });

  it("(c) string output", async () => {
    const spec = readRailFile(fixturePath("ref-c-pizza.rail"));
    expect(spec.output).toMatchObject({ type: "string", root: { kind: "string" } });
  });

  it("(d) discriminated union with an optional field", async () => {
    const spec = readRailFile(fixturePath("ref-d-decision.rail"));
    expect((spec.output.root as ObjectField).children[0]).toMatchObject({
      kind: "choice",
      discriminator: "kind",
    });
  });

  it("the v0.2.9 fight_move choice", async () => {
    const spec = readRailFile(fixturePath("fight-move-v029.rail"));
    const action = (spec.output.root as ObjectField).children[0] as ChoiceField;
    expect(action).toMatchObject({ style: "discriminated", discriminator: "chosen_action" });
    expect(action.cases[0]?.children[0]).toMatchObject({
      name: "fight_move",
      validators: [
        {
          name: "valid-choices",
          args: [["punch", "kick", "headbutt"]],
          onFail: "exception",
          source: "valid-choices: {['punch','kick','headbutt']}",
        },
      ],
    });
    expect(action.cases[1]?.children[1]?.validators[0]?.args).toEqual([[1, 2, 3, 4]]);
  });
});

describe("the specs in rails/", () => {
  it("episode-summary.rail is a validated string output over ${transcript} and ${title}", async () => {
    const spec = readRailFile(railsPath("episode-summary.rail"));
    expect(spec.output.type).toBe("string");
    expect(spec.output.root.validators.map((v) => [v.name, v.onFail])).toEqual([
      ["length", "reask"],
      ["reading-time", "reask"],
      ["remove-redundant-sentences", "fix"],
      ["extractive-summary", "reask"],
      ["similar-to-document", "reask"],
      ["is-profanity-free", "reask"],
    ]);
    expect(spec.prompt?.text).toContain("${transcript}");
    expect(spec.prompt?.text).toContain("${title}");
    expect(spec.prompt?.text).toContain("${gr.complete_string_suffix}");
    expect(spec.warnings).toEqual([]);
  });

  it("show-notes.rail is an object with guests, timed topics and links", async () => {
    const spec = readRailFile(railsPath("show-notes.rail"));
    const root = spec.output.root as ObjectField;
    expect(root.children.map((f) => [f.name, f.kind])).toEqual([
      ["title", "string"],
      ["tagline", "string"],
      ["guests", "list"],
      ["topics", "list"],
      ["links", "list"],
    ]);
    const guests = root.children[2] as ListField;
    expect(guests.item?.validators.map((v) => v.name)).toEqual(["two-words"]);
    const topic = (root.children[3] as ListField).item as ObjectField;
    expect(topic.children[0]).toMatchObject({
      kind: "time",
      name: "timestamp",
      format: "%H:%M:%S",
    });
    expect(topic.children[1]?.validators.map((v) => v.name)).toEqual(["one-line", "length"]);
    expect(root.children[4]).toMatchObject({
      required: false,
      item: { validators: [{ name: "valid-url", onFail: "filter" }] },
    });
    expect(spec.prompt?.text).toContain("${transcript}");
    expect(spec.prompt?.text).toContain("${gr.complete_json_suffix_v2}");
    expect(spec.warnings).toEqual([]);
  });

  it.each(specFiles("../../rails/"))("%s parses", async (name) => {
    expect(readRailFile(railsPath(name))).toHaveProperty("output");
  });

  it.each(specFiles("../fixtures/rail/"))("fixture %s parses", async (name) => {
    expect(readRailFile(fixturePath(name))).toHaveProperty("output");
  });
});
