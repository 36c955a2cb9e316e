import type { ScalarField } from "../../rail/types.js";
import { INPUT_NAMES, type InputBindings, type InputName } from "../../schema/input-bindings.js";
import { ValidatorLogList } from "../history/log-list.js";
import type { ValidationFailure, ValidatorLog } from "../history/validator-log.js";
import { settle } from "../validate/later.js";
import { runOwnValidators } from "../validate/own-validators.js";
import { lastVerdictsOf, recheckOwnValidators } from "../validate/recheck.js";
import {
  FILTERED,
  isAltered,
  isHalted,
  type WalkOptions,
  type WalkState,
} from "../validate/state.js";
import { InputValidationError } from "./error.js";

/** The texts a first round sends. */
export interface InputTexts {
  prompt?: string;
  instructions?: string;
}

/** What the input validators made of the texts. */
export interface InputCheck {
  /** The texts to send: fixed where a `fix` applied. */
  texts: InputTexts;
  /** Every verdict, paths `$instructions` and `$prompt`, for the first iteration's log. */
  logs: ValidatorLog[];
  /** Failures left standing (`noop`, a fix that had no fix value…): the call cannot pass. */
  failures: ValidationFailure[];
  /** Set when an action left nothing to send; the model must not be called. */
  error?: InputValidationError;
}

/**
 * Runs the input validators on the rendered instructions, then the prompt, with the on-fail
 * actions of output fields: `fix` changes the text sent (a fix some validator still rejects is
 * sent and fails the call, as on outputs), `noop` sends it and fails the call, and
 * `exception`, `reask`, `filter` and `refrain` stop the call before the model, as Guardrails does.
 */
export async function checkInputs(
  texts: InputTexts,
  bindings: InputBindings,
  options: WalkOptions,
): Promise<InputCheck> {
  const check: InputCheck = { texts: { ...texts }, logs: [], failures: [] };
  for (const name of INPUT_NAMES) {
    const text = texts[name];
    if (text === undefined || bindings[name].length === 0) continue;
    const state = await validateText(text, bindings[name], options);
    const path = `$${name}`;
    check.logs.push(...state.logs.toArray().map((log) => ({ ...log, path })));
    check.failures.push(...state.failures.map((failure) => ({ ...failure, path })));
    if (typeof state.result === "string" && !state.stopped) {
      check.texts[name] = state.result;
      continue;
    }
    check.error = stopError(name, state.logs.last());
    return check;
  }
  return check;
}

interface TextState extends WalkState {
  result: unknown;
  stopped: boolean;
}

async function validateText(
  text: string,
  bindings: InputBindings[InputName],
  options: WalkOptions,
): Promise<TextState> {
  // The text is validated as a string output of its own; its logs are renamed after.
  const field: ScalarField = { kind: "string", required: true, validators: [] };
  const state: WalkState = {
    options: { ...options, validatorsFor: () => bindings },
    logs: new ValidatorLogList(),
    failures: [],
    slots: [],
  };
  const result = await settle(runOwnValidators(field, text, "$", state));
  const stopped = result === FILTERED || state.slots.length > 0 || isHalted(state);
  if (!stopped && isAltered(state) && state.failures.length === 0) {
    // As the output's final check: a fix is sent only if every validator accepts the text sent
    // (a failure already standing fails the call: nothing new to say).
    const last = lastVerdictsOf(state.logs.toArray());
    await recheckOwnValidators(field, result, "$", state, last);
  }
  return { ...state, result, stopped };
}

function stopError(name: InputName, last: ValidatorLog | undefined): InputValidationError {
  const action = last?.onFail ?? "custom";
  const message =
    last?.outcome === "fail" ? (last.message ?? "failed") : "a validator did not return text";
  return new InputValidationError(name, last?.validator ?? "unknown", action, [message]);
}
