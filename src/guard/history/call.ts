import type { RailguardError } from "../../errors.js";
import type { TokenUsage } from "../../llm/types.js";
import type { RailWarning } from "../../rail/types.js";
import { jsonSafe } from "../json-safe.js";
import type { ReaskContextMode } from "../reask/conversation.js";
import type { Iteration } from "./iteration.js";
import { heldValue, type Remade } from "./remade.js";
import { renderCallTree, type TreeOptions } from "./tree.js";
import type { UnansweredFix } from "./validator-log.js";

/** What a call was asked to do. Metadata values are not kept (they can be large or secret). */
export interface CallInputs {
  promptParams: Record<string, unknown>;
  numReasks: number;
  metadataKeys: string[];
  fullSchemaReask: boolean;
  /** What reasks showed the model: the reask alone (`fields`) or the whole `conversation`. */
  reaskContext: ReaskContextMode;
  /** `call` sent a prompt; `parse` started from a given output. */
  mode: "call" | "parse";
}

export type CallStatus = "running" | "pass" | "fail" | "error";

/** One `guard.call` / `guard.parse`: every round-trip, and how it ended. */
export class Call {
  readonly iterations: Iteration[] = [];
  status: CallStatus = "running";
  error?: RailguardError;
  /** The value returned, or how to make it again (see `Remade`). */
  #validatedOutput: unknown = null;
  validationPassed = false;
  refrained = false;
  /** Reasks that were never answered, whose validator's fix value stands in the output. */
  unansweredFixes: UnansweredFix[] = [];
  /** Wall time of the whole call, in milliseconds. */
  ms = 0;

  constructor(
    readonly id: number,
    readonly inputs: CallInputs,
    /** The spec's warnings (`guard.warnings`): what it compiled with but does not do as written. */
    readonly warnings: readonly RailWarning[] = [],
  ) {}

  /** The output the call returned (the caller's own copy of it, or the same value made again). */
  get validatedOutput(): unknown {
    return heldValue(this.#validatedOutput);
  }

  set validatedOutput(value: unknown) {
    this.#validatedOutput = value;
  }

  /** The record makes the output again when read, instead of keeping the caller's value. */
  static remade(call: Call, remade: Remade): void {
    call.#validatedOutput = remade;
  }

  get tokens(): TokenUsage {
    const total: TokenUsage = { promptTokens: 0, completionTokens: 0, totalTokens: 0 };
    for (const { usage } of this.iterations) {
      if (!usage) continue;
      total.promptTokens += usage.promptTokens;
      total.completionTokens += usage.completionTokens;
      total.totalTokens += usage.totalTokens;
    }
    return total;
  }

  get rawOutputs(): string[] {
    return this.iterations.flatMap((it) => (it.rawOutput === undefined ? [] : [it.rawOutput]));
  }

  /** The reask prompts actually sent, in order. */
  get reaskPrompts(): string[] {
    return this.iterations.flatMap((it) => (it.reask?.sent ? [it.reask.prompt] : []));
  }

  /** The call as JSON-ready data; values JSON cannot hold (bigints, cycles) become text. */
  toJSON(): Record<string, unknown> {
    return jsonSafe({
      id: this.id,
      inputs: this.inputs,
      warnings: this.warnings,
      status: this.status,
      error: this.error && {
        code: this.error.code,
        name: this.error.name,
        message: this.error.message,
      },
      validatedOutput: this.validatedOutput,
      validationPassed: this.validationPassed,
      refrained: this.refrained,
      unansweredFixes: this.unansweredFixes,
      tokens: this.tokens,
      ms: this.ms,
      iterations: this.iterations,
    }) as Record<string, unknown>;
  }

  /**
   * A readable tree of the call: one section per round-trip. Abridged by default (long prompts
   * and outputs cut, the validated output once); `{ full: true }` shows everything.
   */
  tree(options: TreeOptions = {}): string {
    return renderCallTree(this, options);
  }
}

/**
 * Where the last call id given is kept: on the global object under a registered symbol, so that
 * the ESM and CommonJS builds, both loaded in one process, never give two calls one id.
 */
const LAST_CALL_ID = Symbol.for("railguard.lastCallId");

/**
 * A call's id, unique in the process: a listener shared by several guards (one `otelListener`,
 * one `jsonLinesSink`) tells their calls apart by it.
 */
export function nextCallId(): number {
  const holder = globalThis as { [LAST_CALL_ID]?: number };
  const id = (holder[LAST_CALL_ID] ?? 0) + 1;
  holder[LAST_CALL_ID] = id;
  return id;
}
