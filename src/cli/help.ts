import { SPEC_OPTIONS_HELP } from "./spec-options.js";

/** The help of each command: what it does, its options, examples. */
export const COMMAND_HELP = {
  compile: `Usage: railguard compile <spec.rail> [options]

Print the prompt the spec renders; variables without a value are marked ⟨missing: name⟩.

Options:
  --var name=value             Fill a prompt variable; name=@file reads the value from a file.
  --var-file vars.json         Fill variables from a JSON object (--var wins).
  --json-schema                Print the output's JSON Schema instead.
${SPEC_OPTIONS_HELP}

Examples:
  railguard compile rails/show-notes.rail --var transcript=@episode.txt
  railguard compile rails/episode-summary.rail --var-file vars.json
  railguard compile rails/show-notes.rail --json-schema`,

  validate: `Usage: railguard validate <spec.rail> <output…|-> [options]

Parse and validate saved model outputs offline (no reask), all in one process; - reads standard
input. The validated output goes to stdout, each call's tree and every warning to stderr.
Exit 0 when every output passes, 1 when one fails, 2 for bad input.

Options:
  --metadata file.json         Metadata for the validators that need it.
  --json                       One JSON line per output on stdout (file, verdict, output, failures).
  --quiet                      No trees on stderr: one line per output, and warnings.
  --accept-fixes               Pass when fix values stood in for reasks that could not be sent.
${SPEC_OPTIONS_HELP}

Examples:
  railguard validate rails/show-notes.rail answer.txt
  railguard validate rails/show-notes.rail answers/*.txt --json --quiet > verdicts.jsonl
  cat answer.txt | railguard validate rails/episode-summary.rail - --metadata meta.json`,

  run: `Usage: railguard run <spec.rail> [options]

Call a model through the guard (OpenAI or any compatible server): the validated output on stdout,
the call's tree on stderr. With --batch, one call per line of a JSON Lines file.

Options:
  --var name=value             Fill a prompt variable; name=@file reads it from a file.
  --var-file vars.json         Fill variables from a JSON object.
  --metadata file.json         Metadata for the validators that need it.
  --model name                 The model (default: $OPENAI_MODEL, else gpt-4o-mini).
  --base-url url               An OpenAI-compatible API (default: $OPENAI_BASE_URL, else OpenAI).
  --num-reasks n               Reasks allowed per call (default 1).
  --record file.json           Record the model's answers in a cassette.
  --replay file.json           Answer from a cassette only (offline).
  --batch inputs.jsonl         One input per line: {"id"?, "vars"?, "metadata"?}.
  --out results.jsonl          Where batch results go, one per line; rerun to resume.
  --concurrency n              Calls in flight at once in a batch (default 4).
  --accept-fixes               Pass when fix values stood in for reasks left unanswered.
${SPEC_OPTIONS_HELP}

Examples:
  railguard run rails/show-notes.rail --var transcript=@episode.txt --model gpt-4o-mini
  railguard run rails/show-notes.rail --var transcript=@episode.txt --replay cassette.json
  railguard run rails/episode-summary.rail --batch episodes.jsonl --out results.jsonl --concurrency 8`,

  test: `Usage: railguard test [paths…] [options]

Run the validator test suites (*.cases.yaml, *.cases.yml, *.cases.json) found under the paths
(default: the current folder) in one process. Exit 1 when a case fails.

Options:
  --reporter text|json|junit   How to report (default text).
  --update                     Rewrite the prompt snapshots (reaskPrompt, answers[].prompt).
${SPEC_OPTIONS_HELP}

Examples:
  railguard test
  railguard test rails/ --reporter junit > junit.xml
  railguard test rails/show-notes.cases.yaml --update`,
} as const;

export type CommandName = keyof typeof COMMAND_HELP;

export const USAGE = `Usage: railguard <command> [options]

Commands:
  compile <spec>             Print the prompt a spec renders, or its JSON Schema.
  validate <spec> <output…>  Check saved model outputs against a spec, offline.
  run <spec>                 Call a model through the guard, once or over a JSON Lines batch.
  test [paths…]              Run validator test suites (*.cases.yaml) beside the specs.

Options:
  -h, --help                 Show this help (railguard <command> --help for a command's).
  -v, --version              Print railguard's version.

Exit codes: 0 success, 1 invalid spec or failed validation, 2 wrong command line or bad input.
Colour follows the terminal; NO_COLOR turns it off, FORCE_COLOR on.`;
