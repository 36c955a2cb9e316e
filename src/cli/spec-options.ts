import { existsSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import type { ValidatorDefinition } from "../contract/types.js";
import { errorMessage, RailguardError } from "../errors.js";
import type { UnknownTagPolicy } from "../rail/index.js";
import { type CompileOptions, compileRailFile } from "../schema/index.js";
import type { CompiledRail } from "../schema/types.js";
import { defaultRegistry } from "../validators/builtins.js";
import { usageError } from "./args.js";
import { type CliIO, writeNotes } from "./io.js";
import { describeWarning } from "./warnings.js";

/** Options of every command that compiles a spec. */
export const SPEC_OPTIONS = {
  "unknown-tags": { type: "string", default: "error" },
  "allow-unknown-validators": { type: "boolean", default: false },
  require: { type: "string", multiple: true, default: [] as string[] },
} as const;

export const SPEC_OPTIONS_HELP = `  --unknown-tags string       Read unknown field tags as strings with the tag as a hint
                               (default: error).
  --allow-unknown-validators   Warn about validators that are not registered instead of failing.
  --require file.js            Load custom validators before the spec compiles (repeatable).
                               A railguard.config.js or .mjs next to the spec is loaded too.`;

interface SpecOptionValues {
  "unknown-tags"?: string;
  "allow-unknown-validators"?: boolean;
  require?: string[];
}

const UNKNOWN_TAG_POLICIES: readonly UnknownTagPolicy[] = ["error", "string"];
const CONFIG_FILES = ["railguard.config.js", "railguard.config.mjs"];

/**
 * Loads the custom validators (`--require`, then a `railguard.config.{js,mjs}` next to each spec)
 * and returns the options to compile the specs with. A validator module registers through its
 * default export, `(registry) => void`, or exports `validators` (a list of definitions); one that
 * imports `registerValidator` from railguard also works when it shares the CLI's copy.
 */
export async function prepareSpecs(
  command: string,
  values: SpecOptionValues,
  specs: readonly string[],
): Promise<CompileOptions> {
  const unknownTags = UNKNOWN_TAG_POLICIES.find((policy) => policy === values["unknown-tags"]);
  if (!unknownTags) {
    throw usageError(
      command,
      `--unknown-tags must be ${UNKNOWN_TAG_POLICIES.join(" or ")}, not "${values["unknown-tags"]}"`,
    );
  }
  for (const file of values.require ?? []) {
    await loadValidatorModule(resolve(file), `--require ${file}`, command);
  }
  const configs = new Set(specs.flatMap((spec) => configBeside(spec)));
  for (const config of configs) await loadValidatorModule(config, config, command);
  const unknownValidators = values["allow-unknown-validators"] ? "warn" : "error";
  return { unknownTags, unknownValidators };
}

/**
 * The spec compiled with the shared options (custom validators loaded first); warnings to stderr,
 * once: the commands draw their trees without them (`tree({ warnings: false })`).
 */
export async function compileSpec(
  command: string,
  values: SpecOptionValues,
  spec: string,
  io: CliIO,
): Promise<CompiledRail> {
  const compiled = compileRailFile(spec, await prepareSpecs(command, values, [spec]));
  writeNotes(
    io,
    compiled.warnings.map((warning) => describeWarning(spec, warning)),
  );
  return compiled;
}

function configBeside(spec: string): string[] {
  const dir = resolve(dirname(spec));
  return CONFIG_FILES.map((name) => join(dir, name)).filter((path) => existsSync(path));
}

const loaded = new Set<string>();

async function loadValidatorModule(path: string, label: string, command: string): Promise<void> {
  if (loaded.has(path)) return;
  if (!existsSync(path)) throw usageError(command, `${label}: no such file`);
  let module: Record<string, unknown>;
  try {
    module = await import(pathToFileURL(path).href);
  } catch (error) {
    throw new RailguardError("cli-validators", `${label} failed to load: ${errorMessage(error)}`, {
      cause: error,
    });
  }
  loaded.add(path);
  const main = module.default as unknown;
  try {
    if (typeof main === "function") await main(defaultRegistry);
    const validators =
      module.validators ?? (main as { validators?: unknown } | undefined)?.validators;
    if (validators !== undefined && !Array.isArray(validators)) {
      throw new Error("`validators` must be a list of validator definitions");
    }
    for (const definition of validators ?? []) {
      defaultRegistry.register(definition as ValidatorDefinition);
    }
  } catch (error) {
    throw new RailguardError("cli-validators", `${label}: ${errorMessage(error)}`, {
      cause: error,
    });
  }
}
