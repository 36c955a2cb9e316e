// Log sinks: listeners for `GuardOptions.onEvent`.
export {
  type JsonLinesOptions,
  type JsonLinesRecord,
  jsonLinesSink,
  REDACTED,
  type RedactedPart,
  type TextSink,
} from "./json-lines.js";
export {
  type OtelApi,
  type OtelListenerOptions,
  type OtelSpan,
  type OtelTracer,
  otelListener,
} from "./otel.js";
