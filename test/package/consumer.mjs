// Runs against the packed tarball, installed in a scratch project: the ESM entry, the built-in
// validators (Python parser, SQL sandbox with its wasm and worker) as a user gets them.
import { createRequire } from "node:module";
import { disposeSqlSandboxes, Guard, GuardConfigError, otelListener, RailguardError } from "railguard";

const guard = Guard.fromRailString(`<rail version="0.1"><output>
  <string name="pet" validators="two-words; lower-case" on-fail-lower-case="fix"/>
  <string name="code" validators="bug-free-python"/>
  <sql name="q" validators="bug-free-sql: schema='CREATE TABLE episodes(id INTEGER, title TEXT);'" on-fail-bug-free-sql="fix"/>
</output><prompt>Name a pet. \${gr.complete_json_suffix_v2}</prompt></rail>`);
const outcome = await guard.call(
  async () => '{"pet": "Fluffy Paws", "code": "print(1)", "q": "SELECT title FROM episode"}',
);
await disposeSqlSandboxes();
const expected = { pet: "fluffy paws", code: "print(1)", q: "SELECT title FROM episodes" };
if (JSON.stringify(outcome.validatedOutput) !== JSON.stringify(expected) || !outcome.validationPassed) {
  console.error("ESM consumer got", outcome.validatedOutput, outcome.failures);
  process.exit(1);
}
console.log("esm: ok");

// An app can load both builds; an error from the CJS copy is still recognised by the ESM one.
const cjs = createRequire(import.meta.url)("railguard");
const fromCjs = new cjs.GuardConfigError("from the CJS build");
if (fromCjs instanceof GuardConfigError || !GuardConfigError.isInstance(fromCjs) || !RailguardError.isInstance(fromCjs)) {
  console.error("isInstance does not recognise an error from the CJS build");
  process.exit(1);
}
console.log("errors across builds: ok");

// The bundles keep no function names (tsup's keepNames wraps every closure the hot path makes in a
// call), so each exported class and function is named by its declaration: one renamed by the
// bundler (a class naming itself in its body becomes `_Guard`) would report the wrong name, and an
// error class so renamed would break isInstance across builds.
const entries = [
  ["esm", await import("railguard")],
  ["cjs", cjs],
  ["testing", await import("railguard/testing")],
  ["cjs testing", createRequire(import.meta.url)("railguard/testing")],
];
for (const [build, entry] of entries) {
  for (const [key, value] of Object.entries(entry)) {
    if (typeof value === "function" && value.name !== key) {
      console.error(`${build}: the export ${key} is named ${value.name}`);
      process.exit(1);
    }
  }
}
console.log("export names: ok");

// The testing entry: a suite file beside a spec, run as `railguard test` and vitest would.
const { writeFileSync } = await import("node:fs");
const { railguardMatchers, runSuite } = await import("railguard/testing");
writeFileSync("pet.rail", '<rail version="0.1"><output><string name="pet" validators="lower-case" on-fail-lower-case="fix"/></output></rail>');
writeFileSync("pet.cases.yaml", "cases:\n  - name: fixed\n    output: '{\"pet\": \"REX\"}'\n    expect: { output: { pet: rex }, actions: [fixed lower-case $.pet, rechecked lower-case $.pet] }\n");
const suite = await runSuite("pet.cases.yaml");
if (!suite.cases[0]?.passed || !railguardMatchers.toPassValidation(suite.cases[0].outcome).pass) {
  console.error("testing entry got", JSON.stringify(suite, null, 2));
  process.exit(1);
}
console.log("esm testing: ok");

// @opentelemetry/api is an optional peer, not installed yet: asking for spans says what is missing.
try {
  otelListener();
  console.error("otelListener() worked without @opentelemetry/api");
  process.exit(1);
} catch (error) {
  if (!GuardConfigError.isInstance(error) || !error.message.includes("npm install @opentelemetry/api")) {
    console.error("otelListener() without @opentelemetry/api threw", error);
    process.exit(1);
  }
}
console.log("otel without the api: ok");
