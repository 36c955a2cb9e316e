// Type-checked against the packed tarball's declarations, with a strict consumer config.
import { Guard, type GuardOutcome, type ValidationOutcome } from "railguard";

const guard = Guard.fromRailString<{ pet: string }>(
  '<rail version="0.1"><output><string name="pet"/></output></rail>',
);
const outcome: GuardOutcome<{ pet: string }> = await guard.parse('{"pet": "rex"}');
// `validatedOutput` is a `{ pet: string }` only once validation passed.
const pet: string | undefined = outcome.validationPassed ? outcome.validatedOutput.pet : undefined;
const same: ValidationOutcome<{ pet: string }> = outcome;
const unwrapped: { pet: string } = same.unwrap();
console.log(pet, unwrapped.pet);

import { type RailguardMatchers, runSuite, type SuiteResult } from "railguard/testing";

const suite: SuiteResult = await runSuite("pet.cases.yaml");
const matchers: RailguardMatchers<void> | undefined = undefined;
console.log(suite.cases.length, matchers);

// otelListener's types name no @opentelemetry/api type: they compile without the peer installed.
import { type GuardEventListener, type OtelListenerOptions, otelListener } from "railguard";

const otelOptions: OtelListenerOptions = { model: "gpt-4o-mini", operation: "chat" };
const makeListener: (options?: OtelListenerOptions) => GuardEventListener = otelListener;
console.log(otelOptions, makeListener);
