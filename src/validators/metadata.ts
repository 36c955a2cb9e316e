import type { MetadataRequirement, ValidatorDefinition } from "../contract/types.js";

// A key set to undefined or null counts as missing: every validator reading metadata treats it so,
// and catching it here saves a model call whose output could only fail.
const given = (record: Record<string, unknown>, key: string): boolean =>
  Object.hasOwn(record, key) && record[key] !== undefined && record[key] !== null;

function isMet(
  requirement: MetadataRequirement,
  args: Record<string, unknown>,
  metadata: Record<string, unknown>,
): boolean {
  if (typeof requirement === "string") return given(metadata, requirement);
  const { oneOf, unlessArgs = [] } = requirement;
  return unlessArgs.some((arg) => given(args, arg)) || oneOf.some((key) => given(metadata, key));
}

const describeRequirement = (requirement: MetadataRequirement): string =>
  typeof requirement === "string"
    ? requirement
    : requirement.oneOf.length === 1
      ? (requirement.oneOf[0] as string)
      : `one of ${requirement.oneOf.join(", ")}`;

/**
 * The `requiredMetadata` of a bound validator that the call does not satisfy, each in words
 * (`sources`, `one of document, documents, filepaths, docs_dir`); empty when all is there.
 */
export function missingMetadata(
  // biome-ignore lint/suspicious/noExplicitAny: only the requirements are read, whatever the args
  definition: ValidatorDefinition<any>,
  args: Record<string, unknown>,
  metadata: Record<string, unknown>,
): string[] {
  return (definition.requiredMetadata ?? [])
    .filter((requirement) => !isMet(requirement, args, metadata))
    .map(describeRequirement);
}
