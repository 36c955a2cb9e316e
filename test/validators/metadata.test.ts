import { describe, expect, it } from "vitest";
import { Guard, MissingMetadataError } from "../../src/guard/index.js";
import "../../src/validators/builtins.js";
import type { ValidatorDefinition } from "../../src/contract/types.js";
import { pass } from "../../src/contract/types.js";
import { missingMetadata } from "../../src/validators/metadata.js";
import { fixture, scriptedModel } from "./text-support.js";

const needing = (
  requiredMetadata: ValidatorDefinition["requiredMetadata"],
): ValidatorDefinition => ({
  name: "needs",
  types: "all",
  requiredMetadata,
  validate: () => pass(),
});

describe("missingMetadata", () => {
  const sourceKeys = { oneOf: ["document", "filepaths"], unlessArgs: ["document"] };

  it.each([
    ["a plain key, given", ["question"], {}, { question: "q" }, []],
    ["a plain key, absent", ["question"], {}, {}, ["question"]],
    ["a key set to undefined", ["question"], {}, { question: undefined }, ["question"]],
    ["a key set to null", ["question"], {}, { question: null }, ["question"]],
    ["one of several keys, the second given", [sourceKeys], {}, { filepaths: ["a"] }, []],
    ["one of several keys, none given", [sourceKeys], {}, {}, ["one of document, filepaths"]],
    ["one of several keys, waived by an argument", [sourceKeys], { document: "d" }, {}, []],
    [
      "an argument written as None does not waive",
      [sourceKeys],
      { document: null },
      {},
      ["one of document, filepaths"],
    ],
    [
      "a single-key group reads as the key",
      [{ oneOf: ["pii_entities"] }],
      {},
      {},
      ["pii_entities"],
    ],
    [
      "each unmet requirement, in order",
      ["a", { oneOf: ["b", "c"] }],
      {},
      {},
      ["a", "one of b, c"],
    ],
  ] as const)("%s", (_name, requirements, args, metadata, missing) => {
    expect(missingMetadata(needing(requirements), args, metadata)).toEqual(missing);
  });

  it("is empty for a validator that needs nothing", () => {
    expect(missingMetadata(needing(undefined), {}, {})).toEqual([]);
  });
});

/** Calls a one-field string guard with this validator spec; returns the outcome and the prompts. */
async function callWith(validators: string, metadata: Record<string, unknown>) {
  const llm = scriptedModel(() => "Each RAIL is also model-agnostic.");
  const guard = Guard.fromRailString<string>(`<rail version="0.1">
<output type="string" validators="${validators}"/>
<prompt>Summarize.</prompt>
</rail>`);
  const outcome = await guard.call(llm, { metadata });
  return { outcome, prompts: llm.prompts };
}

describe("required metadata, checked before the model is called", () => {
  const document = fixture("guardrails-episode.txt");

  it.each([
    ["extractive-summary", "one of document, documents, filepaths, docs_dir"],
    ["extracted-summary-sentences-match", "one of document, documents, filepaths, docs_dir"],
    ["similar-to-document", "one of document, documents, filepaths, docs_dir"],
    ["saliency-check", "one of document, documents, filepaths, docs_dir"],
    ["provenance", "sources"],
    ["similar-to-list", "prev_values"],
    ["qa-relevance-llm-eval", "question"],
    ["is-high-quality-translation", "source_text"],
    ["pii", "pii_entities"],
  ])("%s without its metadata is a MissingMetadataError naming %s", async (alias, needs) => {
    const { outcome, prompts } = await callWith(alias, {});
    expect(outcome.error).toBeInstanceOf(MissingMetadataError);
    expect((outcome.error as MissingMetadataError).missing).toEqual([
      { validator: alias, path: "$", keys: [needs] },
    ]);
    expect(outcome.error?.message).toContain(`validator "${alias}" at $ needs metadata ${needs}`);
    expect(prompts).toEqual([]);
  });

  it.each([
    ["extractive-summary", { documents: [document] }],
    ["extractive-summary", { filepaths: ["test/fixtures/text/guardrails-episode.txt"] }],
    ["extractive-summary", { docs_dir: "test/fixtures/text" }],
    ["similar-to-document", { document }],
    ["pii: pii", {}],
    ["pii", { pii_entities: "spi" }],
  ])("%s runs when a source is given (%j)", async (validators, metadata) => {
    const { outcome, prompts } = await callWith(validators, metadata);
    expect(outcome.error).toBeUndefined();
    expect(outcome.validationPassed).toBe(true);
    expect(prompts).toHaveLength(1);
  });

  it("takes the document from the similar-to-document argument instead of metadata", async () => {
    const { outcome } = await callWith(
      "similar-to-document: document='Each RAIL is also model-agnostic.'",
      {},
    );
    expect(outcome.validationPassed).toBe(true);
  });

  it("takes the documents from the saliency-check docs_dir argument instead of metadata", async () => {
    const { outcome } = await callWith(
      "saliency-check: docs_dir='test/fixtures/text' threshold=0",
      {},
    );
    expect(outcome.error).toBeUndefined();
    expect(outcome.validationPassed).toBe(true);
  });
});
