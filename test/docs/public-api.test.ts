import { resolve } from "node:path";
import type OpenAI from "openai";
import { describe, expect, expectTypeOf, it } from "vitest";
import { z } from "zod";
import type {
  ActionTaken,
  AskModel,
  AskOutcome,
  CallInputs,
  CallOptions,
  CallStatus,
  Cassette,
  CassetteMissError,
  CassetteRequest,
  ClosestRecording,
  CodeValidators,
  CompiledRail,
  CompileOptions,
  CustomOnFail,
  EmbedFunction,
  ErrorCode,
  FailedOutcome,
  FailureReason,
  FailVerdict,
  Field,
  GuardEvent,
  GuardEventListener,
  GuardEventType,
  GuardOptions,
  GuardOutcome,
  Iteration,
  IterationKind,
  JsonLinesOptions,
  JsonLinesRecord,
  JsonSchema,
  LLM,
  LLMCallError,
  LLMCallFailure,
  LLMRequest,
  LLMResponse,
  MetadataRequirement,
  OnFailAction,
  OpenAIEmbedParams,
  OtelApi,
  OtelListenerOptions,
  OtelSpan,
  OtelTracer,
  ParseOptions,
  ParseResult,
  PassedOutcome,
  QueryFailureReason,
  QueryOutcome,
  RailErrorDetails,
  RailSpec,
  RailSpecError,
  RailWarning,
  RailWarningCode,
  ReaskRequest,
  RedactedPart,
  Repair,
  RetryOptions,
  SchemaGuardOptions,
  SqlDialect,
  SqlRunOptions,
  SqlSandbox,
  StandardSchemaV1,
  TextSink,
  TokenUsage,
  UnansweredFix,
  UnknownTagPolicy,
  UnknownValidatorPolicy,
  ValidationError,
  ValidationFailure,
  ValidationOutcome,
  ValidatorArgumentError,
  ValidatorBinding,
  ValidatorContext,
  ValidatorDefinition,
  ValidatorFunction,
  ValidatorLog,
  ValidatorSite,
  Verdict,
  ZodGuardOptions,
} from "../../src/index.js";
import * as api from "../../src/index.js";

// The runtime surface of `src/index.ts`. Adding a name is a decision (update this list);
// removing one breaks users, so it must fail here first.
const EXPORTED_VALUES = [
  "Call",
  "CassetteFileError",
  "CassetteMissError",
  "Guard",
  "GuardConfigError",
  "History",
  "InputValidationError",
  "LLMCallError",
  "MissingMetadataError",
  "MissingPromptVariableError",
  "OutputParseError",
  "OutputShapeError",
  "PROMPT_CONSTANTS",
  "PromptVariableError",
  "REDACTED",
  "RailFileError",
  "RailSpecError",
  "RailSyntaxError",
  "RailguardError",
  "SpecShapeError",
  "SqlValidatorError",
  "UnexpectedError",
  "ValidationError",
  "ValidatorArgumentError",
  "ValidatorBindingError",
  "ValidatorRegistry",
  "compileRail",
  "compileRailFile",
  "conformToSchema",
  "defaultRegistry",
  "disposeSqlSandboxes",
  "fail",
  "hasFix",
  "jsonLinesSink",
  "modelFromEnv",
  "openAIChat",
  "openAICompletion",
  "openAIEmbed",
  "openAIResponseFormat",
  "openAIStrictSchema",
  "otelListener",
  "parseOutput",
  "parseRail",
  "pass",
  "printRail",
  "readRailFile",
  "recordLLM",
  "registerFieldFunction",
  "registerModel",
  "registerValidator",
  "renderTemplate",
  "replayLLM",
  "sqlSandbox",
  "templateVariables",
  "validatorFromFunction",
];

const ERROR_CLASSES = [
  "CassetteFileError",
  "CassetteMissError",
  "GuardConfigError",
  "InputValidationError",
  "LLMCallError",
  "MissingMetadataError",
  "MissingPromptVariableError",
  "OutputParseError",
  "OutputShapeError",
  "PromptVariableError",
  "RailFileError",
  "RailSpecError",
  "RailSyntaxError",
  "SpecShapeError",
  "SqlValidatorError",
  "UnexpectedError",
  "ValidationError",
  "ValidatorArgumentError",
  "ValidatorBindingError",
] as const;

describe("the public API (src/index.ts)", () => {
  it("exports exactly the documented names, and nothing internal", () => {
    expect(Object.keys(api).sort()).toEqual([...EXPORTED_VALUES].sort());
  });

  it("exports every error class, each a RailguardError", () => {
    const errors = Object.entries(api).filter(([name]) => name.endsWith("Error"));
    expect(errors.map(([name]) => name).sort()).toEqual(
      [...ERROR_CLASSES, "RailguardError"].sort(),
    );
    for (const [name, value] of errors) {
      expect(value, name).toSatisfy(
        (cls) => cls === api.RailguardError || cls.prototype instanceof api.RailguardError,
      );
    }
  });

  it("loads every built-in validator into the registry RAIL specs compile against", () => {
    for (const alias of ["two-words", "bug-free-sql", "extractive-summary", "pii", "regex_match"]) {
      expect(api.defaultRegistry.has(alias), alias).toBe(true);
    }
    // registerValidator writes where Guard.fromRail* reads.
    api.registerValidator({ name: "public-api-probe", types: "all", validate: () => api.pass() });
    expect(api.defaultRegistry.has("public-api-probe")).toBe(true);
  });

  it("works end to end from src/index.ts alone, without a build", async () => {
    const guard = api.Guard.fromRailString(`<rail version="0.1">
<output><string name="name" format="two-words" on-fail-two-words="fix"/></output>
<prompt>Name someone. \${gr.complete_json_suffix_v2}</prompt>
</rail>`);
    const outcome = await guard.call(() => 'Here: {"name": "Ada Lovelace Byron"}');
    expect(outcome.validatedOutput).toEqual({ name: "Ada Lovelace" });
    expect(outcome.validationPassed).toBe(true);
    expect(guard.history.last?.iterations[0]?.repairs.map((r) => r.kind)).toContain("strip-prose");

    const zodGuard = api.Guard.fromZod(z.object({ n: z.number() }));
    const parsed = await zodGuard.parse('{"n": "4"}');
    expect(parsed.unwrap().n).toBe(4);
    expect(await zodGuard.parseOrThrow('{"n": 5}')).toEqual({ n: 5 });
  });

  it("compiles a RAIL file with the folder its file arguments resolve from", () => {
    const compiled = api.compileRailFile("examples/text-to-sql.rail");
    expect(compiled.specDir).toBe(resolve("examples"));
    expect(compiled.openAISchema).toMatchObject({ type: "object", additionalProperties: false });
    expect(api.compileRail(compiled.spec).specDir).toBeUndefined();
  });

  it("exports the types a user needs to name", () => {
    const zodSchema = z.object({ n: z.number() });
    // Each assertion fails to compile (npm test typechecks test/) if the type stops being exported
    // or changes shape.
    expectTypeOf<LLM>().parameters.toEqualTypeOf<[string, LLMRequest]>();
    expectTypeOf<LLMResponse>().toEqualTypeOf<string | { text: string; usage?: TokenUsage }>();
    expectTypeOf<ValidationOutcome<{ a: number }>>().toEqualTypeOf<GuardOutcome<{ a: number }>>();
    expectTypeOf<PassedOutcome<{ a: number }>["validatedOutput"]>().toEqualTypeOf<{ a: number }>();
    expectTypeOf<FailedOutcome<{ a: number }>["validatedOutput"]>().toBeUnknown();
    expectTypeOf<GuardOutcome<{ a: number }>["unwrap"]>().returns.toEqualTypeOf<{ a: number }>();
    expectTypeOf<ValidationOutcome<unknown>["failures"]>().toEqualTypeOf<ValidationFailure[]>();
    expectTypeOf<ValidationOutcome<unknown>["reask"]>().toEqualTypeOf<ReaskRequest | undefined>();
    expectTypeOf<ValidationFailure["reason"]>().toEqualTypeOf<FailureReason>();
    expectTypeOf<FailureReason>().toEqualTypeOf<
      | "noop"
      | "fix-unavailable"
      | "reask-unanswered"
      | "custom-failed"
      | "refrained"
      | "exception"
      | "schema"
      | "rejected-after-actions"
    >();
    expectTypeOf<ValidationError["failures"]>().toEqualTypeOf<readonly ValidationFailure[]>();
    expectTypeOf<Iteration["kind"]>().toEqualTypeOf<IterationKind>();
    expectTypeOf<Iteration["repairs"]>().toEqualTypeOf<Repair[]>();
    expectTypeOf<Iteration["validatorLogs"]>().toEqualTypeOf<ValidatorLog[]>();
    expectTypeOf<ValidatorLog["actionTaken"]>().toEqualTypeOf<ActionTaken>();
    expectTypeOf<CallInputs["mode"]>().toEqualTypeOf<"call" | "parse">();
    expectTypeOf<CallStatus>().toEqualTypeOf<"running" | "pass" | "fail" | "error">();
    expectTypeOf<ParseOptions>().toExtend<CallOptions>();
    expectTypeOf<ZodGuardOptions>().toExtend<GuardOptions>();
    expectTypeOf<SchemaGuardOptions>().toExtend<ZodGuardOptions>();
    expectTypeOf<ZodGuardOptions["schemaOnFail"]>().toEqualTypeOf<OnFailAction | undefined>();
    expectTypeOf<StandardSchemaV1.InferOutput<typeof zodSchema>>().toEqualTypeOf<{ n: number }>();
    expectTypeOf<GuardOptions["onFail"]>().toEqualTypeOf<
      Readonly<Record<string, CustomOnFail>> | undefined
    >();
    expectTypeOf<ZodGuardOptions["validators"]>().toEqualTypeOf<CodeValidators | undefined>();
    expectTypeOf<LLMCallError["kind"]>().toEqualTypeOf<LLMCallFailure>();
    expectTypeOf<CassetteMissError["request"]>().toEqualTypeOf<CassetteRequest>();
    expectTypeOf<CassetteMissError["closest"]>().toEqualTypeOf<ClosestRecording | undefined>();
    expectTypeOf<Cassette["version"]>().toEqualTypeOf<1>();
    expectTypeOf<RailSpecError["details"]>().toEqualTypeOf<RailErrorDetails>();
    expectTypeOf<ValidatorArgumentError["argument"]>().toBeString();
    expectTypeOf<ValidatorSite["path"]>().toBeString();
    expectTypeOf<RailSpec["output"]["root"]>().toEqualTypeOf<Field>();
    expectTypeOf<OnFailAction>().toExtend<string>();
    expectTypeOf<CompiledRail["jsonSchema"]>().toEqualTypeOf<JsonSchema>();
    expectTypeOf<CompiledRail["bindings"]>().toEqualTypeOf<readonly ValidatorBinding[]>();
    expectTypeOf<ParseResult>().toExtend<{ ok: boolean; repairs: Repair[] }>();
    expectTypeOf<ValidatorDefinition["validate"]>().returns.toEqualTypeOf<
      Verdict | Promise<Verdict>
    >();
    expectTypeOf<ValidatorContext["path"]>().toBeString();
    expectTypeOf<ValidatorContext["ask"]>().toEqualTypeOf<AskModel | undefined>();
    expectTypeOf<Awaited<ReturnType<AskModel>>>().toEqualTypeOf<AskOutcome>();
    expectTypeOf<FailVerdict["outcome"]>().toEqualTypeOf<"fail">();
    expectTypeOf<ValidatorFunction>().parameters.toEqualTypeOf<
      [unknown, Record<string, unknown>]
    >();
    expectTypeOf<EmbedFunction>().parameters.toEqualTypeOf<[string[]]>();
    expectTypeOf<ReturnType<typeof api.sqlSandbox>>().toEqualTypeOf<Promise<SqlSandbox>>();
    expectTypeOf<Parameters<typeof api.sqlSandbox>[1]>().toEqualTypeOf<SqlDialect | undefined>();
    expectTypeOf<Awaited<ReturnType<SqlSandbox["run"]>>>().toEqualTypeOf<QueryOutcome>();
    expectTypeOf<Parameters<SqlSandbox["run"]>[2]>().toEqualTypeOf<SqlRunOptions | undefined>();
    expectTypeOf<QueryFailureReason>().toEqualTypeOf<
      "refused" | "error" | "timeout" | "crashed" | "cancelled"
    >();
    expectTypeOf<Parameters<typeof api.sqlSandbox>[2]>().toEqualTypeOf<string | undefined>();
  });

  it("exports the types of the round-2 additions", () => {
    expectTypeOf<RetryOptions>().toEqualTypeOf<{ maxRetries?: number; retryDelayMs?: number }>();
    expectTypeOf<GuardOptions>().toExtend<RetryOptions>();
    expectTypeOf<CallOptions>().toExtend<RetryOptions>();
    expectTypeOf<"fixed-unanswered">().toExtend<ActionTaken>();
    expectTypeOf<"fix-stood-in">().toExtend<GuardEventType>();
    expectTypeOf<"rail-spec">().toExtend<ErrorCode>();
    expectTypeOf<InstanceType<typeof api.RailguardError>["code"]>().toEqualTypeOf<ErrorCode>();
    expectTypeOf<"keep-digits">().toExtend<Repair["kind"]>();
    expectTypeOf<"values">().toExtend<RedactedPart>();
    // A `verdicts` event is written as one `verdict` line per log.
    expectTypeOf<JsonLinesRecord["event"]>().toEqualTypeOf<
      Exclude<GuardEventType, "verdicts"> | "verdict"
    >();
    expectTypeOf<typeof process.stdout>().toExtend<TextSink>();
    expectTypeOf<{ redact: ["prompt"] }>().toExtend<JsonLinesOptions>();
    expectTypeOf<GuardEventListener>().parameter(0).toEqualTypeOf<GuardEvent>();
    expectTypeOf(api.otelListener).parameters.toEqualTypeOf<[OtelListenerOptions?]>();
    expectTypeOf(api.otelListener).returns.toEqualTypeOf<GuardEventListener>();
    expectTypeOf<OtelListenerOptions>().toEqualTypeOf<{
      tracer?: OtelTracer;
      api?: OtelApi;
      model?: string;
      operation?: string;
    }>();
    expectTypeOf<ReturnType<OtelTracer["startSpan"]>>().toEqualTypeOf<OtelSpan>();
    expectTypeOf<ValidationOutcome<unknown>["unansweredFixes"]>().toEqualTypeOf<UnansweredFix[]>();
    expectTypeOf<UnansweredFix>().toEqualTypeOf<{
      path: string;
      validator: string;
      message: string;
      incorrectValue: unknown;
      fixValue: unknown;
    }>();
    expectTypeOf(api.openAIEmbed).parameters.toEqualTypeOf<[OpenAI, OpenAIEmbedParams]>();
    expectTypeOf(api.openAIEmbed).returns.toEqualTypeOf<(texts: string[]) => Promise<number[][]>>();
    expectTypeOf<OpenAIEmbedParams>().toEqualTypeOf<{
      model: string;
      dimensions?: number;
      batchSize?: number;
    }>();
    // What openAIEmbed makes is what the summary validators take as `metadata.embed`.
    expectTypeOf(api.openAIEmbed).returns.toExtend<EmbedFunction>();
    expectTypeOf(api.compileRailFile).parameters.toEqualTypeOf<[string, CompileOptions?]>();
    expectTypeOf(api.compileRailFile).returns.toEqualTypeOf<CompiledRail>();
    expectTypeOf<CompileOptions["unknownTags"]>().toEqualTypeOf<UnknownTagPolicy | undefined>();
    expectTypeOf<UnknownValidatorPolicy>().toEqualTypeOf<"error" | "warn">();
    expectTypeOf<CompileOptions["unknownValidators"]>().toEqualTypeOf<
      UnknownValidatorPolicy | undefined
    >();
    expectTypeOf<GuardOptions["unknownValidators"]>().toEqualTypeOf<
      UnknownValidatorPolicy | undefined
    >();
    expectTypeOf<ZodGuardOptions["unknownValidators"]>().toEqualTypeOf<
      UnknownValidatorPolicy | undefined
    >();
    expectTypeOf<RailWarning["code"]>().toEqualTypeOf<RailWarningCode>();
    expectTypeOf<"unknown-validator" | "unused-on-fail">().toExtend<RailWarningCode>();
    expectTypeOf<api.Guard["warnings"]>().toEqualTypeOf<readonly RailWarning[]>();
    expectTypeOf<api.Call["warnings"]>().toEqualTypeOf<readonly RailWarning[]>();
    expectTypeOf<CompiledRail["openAISchema"]>().toEqualTypeOf<JsonSchema | undefined>();
    expectTypeOf<CompiledRail["specDir"]>().toEqualTypeOf<string | undefined>();
    expectTypeOf<LLMRequest["jsonSchemaStrict"]>().toEqualTypeOf<boolean | undefined>();
    expectTypeOf<ValidatorDefinition["requiredMetadata"]>().toEqualTypeOf<
      readonly MetadataRequirement[] | undefined
    >();
  });
});
