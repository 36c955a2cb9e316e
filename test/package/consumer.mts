// Type-checked against the packed tarball's declarations, with a strict consumer config.
import { Guard, type ValidationOutcome } from "railguard";

const guard = Guard.fromRailString<{ pet: string }>(
  '<rail version="0.1"><output><string name="pet"/></output></rail>',
);
const outcome: ValidationOutcome<{ pet: string }> = await guard.parse('{"pet": "rex"}');
const pet: string | undefined = outcome.validatedOutput?.pet;
console.log(pet);

import { type RailguardMatchers, runSuite, type SuiteResult } from "railguard/testing";

const suite: SuiteResult = await runSuite("pet.cases.yaml");
const matchers: RailguardMatchers<void> | undefined = undefined;
console.log(suite.cases.length, matchers);
