import { describe } from "vitest";
import { validRange } from "../../src/validators/numeric.js";
import { checkTable } from "./run.js";

describe("valid-range", () => {
  checkTable(validRange, {
    options: { kind: "float" },
    passes: [
      { value: 5, args: { min: 0, max: 10 } },
      { value: 0, args: { min: 0, max: 10 } },
      { value: 10.0, args: { min: 0, max: 10 } },
      { value: -1e9, args: { max: 0 } },
      { value: 1e9, args: { min: 0 } },
      { value: 3, args: { min: null, max: null } },
      { value: "20%", args: { min: 0, max: 100 } },
      { value: " 7.5 ", args: { min: 7, max: 8 } },
    ],
    fails: [
      { value: 12, args: { min: 0, max: 10 }, message: "must be at most 10, got 12", fix: 10 },
      { value: -3, args: { min: 0 }, message: "must be at least 0, got -3", fix: 0 },
      {
        value: 0.25,
        args: { min: 0.5, max: 1 },
        message: "must be at least 0.5, got 0.25",
        fix: 0.5,
      },
      {
        value: "120%",
        args: { min: 0, max: 100 },
        message: "must be at most 100, got 120",
        fix: "100%",
      },
      { value: "-5", args: { min: 0 }, message: "must be at least 0, got -5", fix: "0" },
      { value: "lots", args: { min: 0 }, message: 'expected a number, got string "lots"' },
      { value: Number.NaN, args: { min: 0 }, message: "expected a number, got number NaN" },
      { value: [1], args: { min: 0 }, message: "expected a number, got a list" },
    ],
  });
});

describe("valid-range on integer fields", () => {
  checkTable(validRange, {
    options: { kind: "integer" },
    passes: [{ value: 2, args: { min: 1.5, max: 2.5 } }],
    fails: [
      { value: 1, args: { min: 1.5, max: 3.5 }, message: "must be at least 1.5, got 1", fix: 2 },
      { value: 9, args: { min: 1.5, max: 3.5 }, message: "must be at most 3.5, got 9", fix: 3 },
      { value: 9, args: { min: 1.2, max: 1.8 }, message: "must be at most 1.8, got 9" },
    ],
  });
});
