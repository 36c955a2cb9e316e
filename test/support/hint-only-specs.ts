import { basename } from "node:path";
import type { CompileOptions } from "../../src/schema/index.js";

/**
 * Spec files that copy Guardrails' 0.1 examples, whose `format="percentage"` and
 * `format="1-indexed"` are hints for the model, not validators (reference §1.6). An unknown
 * validator name is an error by default, so these, and only these, compile with the option that
 * keeps such names as hints; every other spec in the repository must compile without it.
 */
const HINT_ONLY_SPECS: ReadonlySet<string> = new Set(["v01-fees.rail", "ref-a-contract-fees.rail"]);

/** The compile options a spec file of the repository needs. */
export const compileOptionsFor = (file: string): CompileOptions =>
  HINT_ONLY_SPECS.has(basename(file)) ? { unknownValidators: "warn" } : {};
