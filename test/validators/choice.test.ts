import { describe } from "vitest";
import type { ChoiceField } from "../../src/rail/types.js";
import { choice, validChoices } from "../../src/validators/choice.js";
import { checkTable } from "./run.js";

describe("valid-choices", () => {
  checkTable(validChoices, {
    passes: [
      { value: "a", args: { choices: ["a", "b"] } },
      { value: 2, args: { choices: [1, 2, 3] } },
      { value: { k: 1 }, args: { choices: [{ k: 1 }] } },
      { value: { b: 2, a: 1 }, args: { choices: [{ a: 1, b: 2 }] } },
      { value: "apple", args: { choices: "apple" } },
      { value: null, args: { choices: [null, "x"] } },
    ],
    fails: [
      {
        value: "c",
        args: { choices: ["a", "b"] },
        message: '"c" is not one of the choices: "a", "b"',
      },
      {
        value: "app",
        args: { choices: "apple" },
        message: '"app" is not one of the choices: "apple"',
      },
      {
        value: " Fight ",
        args: { choices: ["fight", "flight"] },
        message: '" Fight " is not one of the choices: "fight", "flight"',
        fix: "fight",
      },
      {
        value: "A",
        args: { choices: ["a", "A "] },
        message: '"A" is not one of the choices: "a", "A "',
      },
      { value: 4, args: { choices: [1, 2] }, message: "number 4 is not one of the choices: 1, 2" },
      { value: "2", args: { choices: [2] }, message: '"2" is not one of the choices: 2' },
    ],
  });
});

const cases = [
  { name: "fight", children: [] },
  { name: "flight", children: [] },
];
const discriminated: ChoiceField = {
  kind: "choice",
  style: "discriminated",
  discriminator: "action",
  cases,
  required: true,
  validators: [],
};
const sibling: ChoiceField = { ...discriminated, style: "sibling" };

describe("choice (0.2+ discriminated)", () => {
  checkTable(choice, {
    options: { field: discriminated },
    passes: [{ value: { action: "fight", move: "punch" } }],
    fails: [
      {
        value: { action: "dance" },
        message: '"dance" is not one of the cases of "action": "fight", "flight"',
      },
      {
        value: { action: "FLIGHT", direction: "north" },
        message: '"FLIGHT" is not one of the cases of "action": "fight", "flight"',
        fix: { action: "flight", direction: "north" },
      },
      {
        value: { move: "punch" },
        message: 'nothing is not one of the cases of "action": "fight", "flight"',
      },
    ],
  });
});

describe("choice (0.1 sibling)", () => {
  checkTable(choice, {
    options: { field: sibling },
    passes: [{ value: "flight" }],
    fails: [
      {
        value: "Fight",
        message: '"Fight" is not one of the cases: "fight", "flight"',
        fix: "fight",
      },
    ],
  });
});

describe("choice on a non-choice field", () => {
  checkTable(choice, {
    options: { kind: "string" },
    passes: [],
    fails: [{ value: "fight", message: "applies to choice fields, got a string field" }],
  });
});
