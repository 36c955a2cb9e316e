/** A prompt the guard sends (or would send) to ask the model again. */
export interface ReaskRequest {
  /**
   * - `field`: only the failing leaves, with a schema pruned to them;
   * - `full`: the whole output and schema (`fullSchemaReask`);
   * - `skeleton`: the shape was wrong; `parse`: no usable JSON;
   * - `string`: a string output failed its validators.
   */
  kind: "field" | "full" | "skeleton" | "parse" | "string";
  prompt: string;
  instructions?: string;
  /** What `${previous_response}` became. */
  previousResponse: string;
  /** What `${output_schema}` became (pruned for `field` reasks). */
  outputSchema: string;
  /** The failure messages, each prefixed with its path for JSON outputs. */
  errorMessages: string[];
  /** Concrete paths of the values asked again (`$` for the whole output). */
  paths: string[];
}
