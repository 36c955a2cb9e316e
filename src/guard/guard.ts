import type { UnknownValidatorPolicy, ValidatorBinding } from "../contract/binding.js";
import { defaultRegistry, type ValidatorRegistry } from "../contract/registry.js";
import { durationProblem } from "../durations.js";
import { errorMessage } from "../errors.js";
import type { LLM } from "../llm/types.js";
import { defineKey } from "../own-key.js";
import type { UnknownTagPolicy } from "../rail/index.js";
import type { Field, OnFailAction, RailSpec, RailWarning } from "../rail/types.js";
import { type CompileOptions, compileRail, compileRailFile } from "../schema/index.js";
import {
  concatInputBindings,
  type InputBindings,
  NO_INPUT_BINDINGS,
} from "../schema/input-bindings.js";
import type { CompiledRail } from "../schema/types.js";
import { describeValue } from "../show.js";
import { askThrough } from "./ask-model.js";
import { GuardConfigError } from "./errors.js";
import { announcer, type GuardEventListener } from "./events.js";
import { Call, nextCallId } from "./history/call.js";
import { History } from "./history/history.js";
import { recordInto } from "./history/recorder.js";
import {
  bindCodeInputValidators,
  checkedInputValidators,
  type InputValidators,
} from "./input/bind.js";
import type { GuardOutcome } from "./outcome.js";
import { REASK_CONTEXT_MODES, type ReaskContextMode } from "./reask/conversation.js";
import { type RetrySettings, runGuard } from "./run.js";
import { type StructuredSchema, structuredSchemaFor } from "./structured-schema.js";
import { validatorsWithDeclaredChoice } from "./validate/declared-choice.js";
import { ownCopy } from "./validate/own-copy.js";
import type { CustomOnFail } from "./validate/state.js";
import { type CodeValidators, inlineDefinitions } from "./zod/attach-validators.js";
import { standardSpec, zodSpec } from "./zod/schema-spec.js";
import type { StandardSchemaV1 } from "./zod/standard-schema.js";

/**
 * Retries of a model call that threw a retryable error (HTTP 408/429/5xx, a transient network
 * code), for plain-function models; the `openai` adapters leave retries to the client's own
 * `maxRetries`.
 */
export interface RetryOptions {
  /** Retries after the first attempt. Default 2. */
  maxRetries?: number;
  /** Wait before the first retry, doubling for each next one (with jitter). Default 500 ms. */
  retryDelayMs?: number;
}

export interface GuardOptions extends RetryOptions {
  /** Where validator aliases are looked up; the default registry (built-ins) otherwise. */
  registry?: ValidatorRegistry;
  /** For RAIL text and files: read an unknown field tag as a string with a hint (default error). */
  unknownTags?: UnknownTagPolicy;
  /**
   * An unknown validator name (in RAIL or in `fromZod`'s `validators`) is an error by default;
   * "warn" keeps it as a prompt hint, not run, listed in `guard.warnings`.
   */
  unknownValidators?: UnknownValidatorPolicy;
  /** Reasks allowed per call unless the call says otherwise. Default 1. */
  numReasks?: number;
  /** Send the whole output and schema on reask instead of only the failing fields. */
  fullSchemaReask?: boolean;
  /**
   * What a reask shows the model: `fields` (default, Guardrails' form) the reask prompt alone;
   * `conversation` the instructions, the first prompt and every answer so far, then the reask.
   */
  reaskContext?: ReaskContextMode;
  /** Handlers replacing the on-fail action of a validator, by alias. */
  onFail?: Readonly<Record<string, CustomOnFail>>;
  /** The model for `parse` reasks and for validators that consult one, when a call gives none. */
  llm?: LLM;
  /** Default `validatorTimeoutMs` of the guard's calls. */
  validatorTimeoutMs?: number;
  /**
   * Called with every step of every call, as typed data (`GuardEvent`): for logs, telemetry or a
   * UI. A listener that throws or rejects is ignored, and it is given a copy of each event's data:
   * it can neither fail nor change a call.
   */
  onEvent?: GuardEventListener;
  /**
   * How many calls `guard.history` keeps, newest last; older ones are dropped (and counted in
   * `history.dropped`), so a long-lived guard's memory stays bounded. Default 10, as Guardrails.
   */
  historyLimit?: number;
  /**
   * Validators on the rendered prompt and instructions of every call, run after the spec's own
   * (`<prompt validators=…>`) and before the model is called.
   */
  inputValidators?: InputValidators;
}

/** Options of one call; `numReasks`, retries and `fullSchemaReask` override the guard's. */
export interface CallOptions extends RetryOptions {
  promptParams?: Record<string, unknown>;
  numReasks?: number;
  metadata?: Record<string, unknown>;
  signal?: AbortSignal;
  /** Total time for the model calls of this call, reasks included. */
  timeoutMs?: number;
  /**
   * How long one validator may take (an asynchronous one: a model, a network check) before it
   * fails with a "timed out" message and its on-fail action applies. No limit by default.
   */
  validatorTimeoutMs?: number;
  fullSchemaReask?: boolean;
  /** What this call's reasks show the model; overrides the guard's `reaskContext`. */
  reaskContext?: ReaskContextMode;
  /** Validators on this call's rendered prompt and instructions, after the spec's and guard's. */
  inputValidators?: InputValidators;
}

export interface ParseOptions extends CallOptions {
  /** The model to reask; without one (here or in the guard options) no reask is made. */
  llm?: LLM;
}

export interface ZodGuardOptions extends GuardOptions {
  /** Format instructions and the output's schema are appended when it does not show them. */
  prompt?: string;
  instructions?: string;
  reaskPrompt?: string;
  reaskInstructions?: string;
  validators?: CodeValidators;
  /** The on-fail action of the schema's own checks (`.min`, `.email`, `.refine`…). Default `reask`. */
  schemaOnFail?: OnFailAction;
}

export interface SchemaGuardOptions extends ZodGuardOptions {
  /**
   * For a Standard Schema that is not zod: the JSON Schema of its output, shown to the model,
   * used to coerce the answer and to check each field where it sits. Without it, the JSON Schema
   * the schema offers (Standard JSON Schema), or else any JSON object.
   */
  jsonSchema?: Record<string, unknown>;
}

/**
 * Calls a model, parses its answer leniently, validates it field by field, applies each failing
 * validator's on-fail action, reasks only what failed, and records every step in `history`.
 * Reusable and safe under concurrency: each call keeps its own state and history entry.
 */
export class Guard<T = unknown> {
  readonly history: History;
  readonly #structuredSchema: StructuredSchema | undefined;
  readonly #validatorsFor: (field: Field) => readonly ValidatorBinding[];
  readonly #inputBindings: InputBindings;
  /** Who hears every call's events besides its history: `onEvent`, when given. */
  readonly #listeners: readonly GuardEventListener[];

  constructor(
    readonly compiled: CompiledRail,
    private readonly options: GuardOptions = {},
  ) {
    checkNumericOptions(options);
    if (options.onEvent !== undefined && typeof options.onEvent !== "function") {
      throw new GuardConfigError(
        `onEvent must be a function (event) => void, got ${describeValue(options.onEvent)}.`,
      );
    }
    this.#listeners = options.onEvent ? [options.onEvent] : [];
    this.history = new History(options.historyLimit);
    this.#structuredSchema = structuredSchemaFor(compiled);
    this.#validatorsFor = validatorsWithDeclaredChoice(compiled);
    this.#inputBindings = concatInputBindings(
      compiled.inputBindings,
      this.#bindInputs(options.inputValidators),
    );
  }

  /**
   * What the spec compiled with but does not do as written (an unused on-fail key, an unknown
   * validator allowed by `unknownValidators: "warn"`…); also on every call's history entry.
   */
  get warnings(): readonly RailWarning[] {
    return this.compiled.warnings;
  }

  /** A guard from a RAIL file; read, parse and validator errors all name the file. */
  static fromRail<T = unknown>(path: string, options: GuardOptions = {}): Guard<T> {
    return guardOf<T>(compileRailFile(path, compileOptions(options)), options);
  }

  /** A guard from RAIL text; guards built from the same text share one compiled spec. */
  static fromRailString<T = unknown>(xml: string, options: GuardOptions = {}): Guard<T> {
    return guardFrom<T>(xml, options);
  }

  /** A guard from a spec already parsed (or built in code). */
  static fromSpec<T = unknown>(spec: RailSpec, options: GuardOptions = {}): Guard<T> {
    return guardFrom<T>(spec, options);
  }

  /**
   * Code-first: the output's shape from a zod (3 or 4) schema, validators attached by path, and
   * zod's own checks run as the `schema` validator (on-fail `schemaOnFail`, default `reask`).
   */
  static fromZod<S extends StandardSchemaV1>(
    schema: S,
    options: ZodGuardOptions = {},
  ): Guard<StandardSchemaV1.InferInput<S>> {
    const { spec, registry } = zodSpec("Guard.fromZod", schema, options);
    return guardFrom(spec, { ...options, registry });
  }

  /**
   * Code-first from any Standard Schema: a zod schema as `fromZod`; any other is the judge of
   * the whole output, its issues reported by path, with `jsonSchema` (or the JSON Schema the
   * schema offers) as its shape.
   */
  static fromSchema<S extends StandardSchemaV1>(
    schema: S,
    options: SchemaGuardOptions = {},
  ): Guard<StandardSchemaV1.InferInput<S>> {
    const { spec, registry } = standardSpec("Guard.fromSchema", schema, options);
    return guardFrom(spec, { ...options, registry });
  }

  /**
   * Renders the prompt, calls the model, and validates (reasking as allowed). Invalid options
   * reject with a GuardConfigError; everything that happens once the call runs is on the outcome.
   */
  async call(llm: LLM, options: CallOptions = {}): Promise<GuardOutcome<T>> {
    checkNumericOptions(options);
    return this.#run("call", llm, options);
  }

  /**
   * `call`, then the validated output, or a throw: the error that stopped the call (a model
   * failure, an `exception` action…), else a `ValidationError` carrying every failure.
   */
  async callOrThrow(llm: LLM, options: CallOptions = {}): Promise<T> {
    return (await this.call(llm, options)).unwrap();
  }

  /** `parse`, then the validated output or a throw, as `callOrThrow`. */
  async parseOrThrow(llmOutput: string, options: ParseOptions = {}): Promise<T> {
    return (await this.parse(llmOutput, options)).unwrap();
  }

  /** Validates a given model output; reasks only with a model (here or in the guard options). */
  async parse(llmOutput: string, options: ParseOptions = {}): Promise<GuardOutcome<T>> {
    if (typeof llmOutput !== "string") {
      throw new GuardConfigError(
        `guard.parse needs the model's output as a string, got ${describeValue(llmOutput)}.`,
      );
    }
    // Checked before a missing model turns it into 0.
    checkNumericOptions(options);
    const llm = options.llm ?? this.options.llm;
    const numReasks = llm ? options.numReasks : 0;
    return this.#run("parse", llm, { ...options, numReasks }, llmOutput);
  }

  #run(
    mode: "call" | "parse",
    llm: LLM | undefined,
    options: CallOptions,
    givenOutput?: string,
  ): GuardOutcome<T> | Promise<GuardOutcome<T>> {
    // `call` and `parse` checked the options.
    const numReasks = options.numReasks ?? this.options.numReasks ?? 1;
    const fullSchemaReask = options.fullSchemaReask ?? this.options.fullSchemaReask ?? false;
    const reaskContext = options.reaskContext ?? this.options.reaskContext ?? "fields";
    const promptParams = options.promptParams ?? {};
    const metadata = options.metadata ?? {};
    const inputBindings =
      options.inputValidators !== undefined
        ? concatInputBindings(this.#inputBindings, this.#bindInputs(options.inputValidators))
        : this.#inputBindings;
    const call = new Call(
      nextCallId(),
      {
        promptParams: recordedParams(promptParams),
        numReasks,
        metadataKeys: Object.keys(metadata),
        fullSchemaReask,
        reaskContext,
        mode,
      },
      this.warnings,
    );
    this.history.push(call);
    const model = llm ?? this.options.llm;
    return runGuard<T>({
      emit: announcer(recordInto(call), this.#listeners),
      progress: {},
      compiled: this.compiled,
      call,
      llm: model,
      // Validators that consult the model ask it through a guard of their own.
      ask: model ? askThrough(model, (rail) => guardFrom(rail, {})) : undefined,
      givenOutput,
      numReasks,
      fullSchemaReask,
      reaskContext,
      promptParams,
      metadata,
      signal: options.signal,
      timeoutMs: options.timeoutMs,
      validatorTimeoutMs: options.validatorTimeoutMs ?? this.options.validatorTimeoutMs,
      retry: this.#retrySettings(options),
      structuredSchema: this.#structuredSchema,
      validatorsFor: this.#validatorsFor,
      inputBindings,
      customHandlers: this.options.onFail,
    });
  }

  /** Binds code input validators; inline definitions are registered for this guard only. */
  #bindInputs(validators: InputValidators | undefined): InputBindings {
    if (validators === undefined) return NO_INPUT_BINDINGS;
    const checked = checkedInputValidators(validators);
    const registry = registryWith(this.options.registry, checked) ?? defaultRegistry;
    return bindCodeInputValidators(checked, registry);
  }

  #retrySettings(options: RetryOptions): RetrySettings {
    return {
      maxRetries: options.maxRetries ?? this.options.maxRetries,
      baseDelayMs: options.retryDelayMs ?? this.options.retryDelayMs,
    };
  }
}

/**
 * The history's copy of the prompt parameters, each all the way down: the caller may change
 * theirs after the call, and the record must not change. The parameters' own object is copied
 * whatever its class, as it always was. A parameter the copy cannot read (a getter that throws,
 * or one that makes a new object at each read) is recorded as such, the others as they are.
 */
function recordedParams(params: Record<string, unknown>): Record<string, unknown> {
  const recorded: Record<string, unknown> = {};
  for (const key of Object.keys(params)) {
    let value: unknown;
    try {
      value = ownCopy(params[key]);
    } catch (error) {
      value = `[Unreadable: ${errorMessage(error)}]`;
    }
    defineKey(recorded, key, value);
  }
  return recorded;
}

/**
 * Guards are made here, outside the class: a class that names itself in its body is renamed by
 * the bundler (`_Guard`), which `Guard.name` would then report.
 */
function guardOf<T>(compiled: CompiledRail, options: GuardOptions): Guard<T> {
  return new Guard<T>(compiled, options);
}

/** A guard from RAIL text or a spec object (see `compileRail`). */
function guardFrom<T>(source: string | RailSpec, options: GuardOptions): Guard<T> {
  return guardOf<T>(compileRail(source, compileOptions(options)), options);
}

const WHOLE_NUMBER_OPTIONS = ["numReasks", "maxRetries", "historyLimit"] as const;
const DURATION_OPTIONS = ["timeoutMs", "retryDelayMs", "validatorTimeoutMs"] as const;

/**
 * Counts must be whole numbers ≥ 0 and durations within Node's timer range, when given; a reask
 * context one of the modes.
 */
function checkNumericOptions(options: CallOptions & GuardOptions): void {
  const { reaskContext } = options;
  if (reaskContext !== undefined && !REASK_CONTEXT_MODES.includes(reaskContext)) {
    throw new GuardConfigError(
      `reaskContext must be "fields" or "conversation", got ${describeValue(reaskContext)}.`,
    );
  }
  for (const name of WHOLE_NUMBER_OPTIONS) {
    const value = options[name];
    if (value !== undefined && !(Number.isInteger(value) && value >= 0)) {
      throw new GuardConfigError(`${name} must be a whole number ≥ 0, got ${String(value)}.`);
    }
  }
  for (const name of DURATION_OPTIONS) {
    const problem = options[name] === undefined ? undefined : durationProblem(name, options[name]);
    if (problem) throw new GuardConfigError(problem);
  }
}

/** `base` (or the default registry) with the inline definitions among `validators`, if any. */
function registryWith(base: ValidatorRegistry | undefined, validators: CodeValidators) {
  const inline = inlineDefinitions(validators);
  if (inline.length === 0) return base;
  const registry = (base ?? defaultRegistry).clone();
  for (const definition of inline) registry.register(definition);
  return registry;
}

const compileOptions = ({
  registry,
  unknownTags,
  unknownValidators,
}: GuardOptions): CompileOptions => ({ registry, unknownTags, unknownValidators });
