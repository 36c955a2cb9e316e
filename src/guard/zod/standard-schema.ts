/**
 * The Standard Schema interface (https://standardschema.dev, v1), written out as the spec asks
 * libraries to do instead of depending on a package: zod 3.24+, zod 4, Valibot, ArkType and others
 * implement it, so a guard can validate with any of them through `~standard.validate`.
 */

import { GuardConfigError } from "../errors.js";

export interface StandardSchemaV1<Input = unknown, Output = Input> {
  readonly "~standard": StandardSchemaV1.Props<Input, Output>;
}

export declare namespace StandardSchemaV1 {
  interface Props<Input = unknown, Output = Input> {
    readonly version: 1;
    readonly vendor: string;
    readonly validate: (value: unknown) => Result<Output> | Promise<Result<Output>>;
    readonly types?: Types<Input, Output> | undefined;
  }
  type Result<Output> = SuccessResult<Output> | FailureResult;
  interface SuccessResult<Output> {
    readonly value: Output;
    readonly issues?: undefined;
  }
  interface FailureResult {
    readonly issues: readonly Issue[];
  }
  interface Issue {
    readonly message: string;
    readonly path?: readonly (PropertyKey | PathSegment)[] | undefined;
  }
  interface PathSegment {
    readonly key: PropertyKey;
  }
  interface Types<Input = unknown, Output = Input> {
    readonly input: Input;
    readonly output: Output;
  }
  type InferOutput<Schema extends StandardSchemaV1> = NonNullable<
    Schema["~standard"]["types"]
  >["output"];
  type InferInput<Schema extends StandardSchemaV1> = NonNullable<
    Schema["~standard"]["types"]
  >["input"];
}

/** An issue's path as plain keys and indexes. */
export const issueKeys = (issue: StandardSchemaV1.Issue): PropertyKey[] =>
  (issue.path ?? []).map((segment) =>
    typeof segment === "object" && segment !== null ? segment.key : segment,
  );

/** The schema's `~standard` properties; a GuardConfigError when it has none. */
export function standardOf(schema: unknown, where: string): StandardSchemaV1.Props {
  const props = (schema as { "~standard"?: StandardSchemaV1.Props } | null | undefined)?.[
    "~standard"
  ];
  if (typeof props?.validate !== "function") {
    throw new GuardConfigError(
      `${where}: the schema is not a Standard Schema (no "~standard".validate); give a zod 3.24+ or zod 4 schema, or any library's Standard Schema.`,
    );
  }
  return props;
}

/**
 * The JSON Schema of the schema's input, when it offers one (Standard JSON Schema: zod 4.2+,
 * ArkType, Valibot's converter…); undefined when it offers none or cannot write itself as one.
 */
export function offeredJsonSchema(schema: unknown): Record<string, unknown> | undefined {
  const props = (schema as StandardSchemaV1 | undefined)?.["~standard"] as
    | { jsonSchema?: { input?(options: { target: string }): unknown } }
    | undefined;
  try {
    const json = props?.jsonSchema?.input?.({ target: "draft-2020-12" });
    return typeof json === "object" && json !== null && !Array.isArray(json)
      ? (json as Record<string, unknown>)
      : undefined;
  } catch {
    return undefined;
  }
}
