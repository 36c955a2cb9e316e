// Run by .ci/package-smoke once @opentelemetry/api and the SDK are installed beside the tarball:
// both builds find the API on their own and make spans with the globally registered provider.
import { createRequire } from "node:module";
import { trace } from "@opentelemetry/api";
import { BasicTracerProvider, InMemorySpanExporter, SimpleSpanProcessor } from "@opentelemetry/sdk-trace-base";
import { Guard, otelListener } from "railguard";

const exporter = new InMemorySpanExporter();
trace.setGlobalTracerProvider(new BasicTracerProvider({ spanProcessors: [new SimpleSpanProcessor(exporter)] }));
const rail = '<rail version="0.1"><output type="string" validators="lower-case" on-fail-lower-case="fix"/></rail>';
const cjs = createRequire(import.meta.url)("railguard");
for (const [build, lib] of [["esm", { Guard, otelListener }], ["cjs", cjs]]) {
  exporter.reset();
  await lib.Guard.fromRailString(rail, { onEvent: lib.otelListener() }).parse("HELLO");
  const spans = exporter.getFinishedSpans().map((span) => [span.name, span.instrumentationScope.name]);
  if (JSON.stringify(spans) !== JSON.stringify([["railguard round", "railguard"], ["railguard parse", "railguard"]])) {
    console.error(`otel (${build}) made`, spans);
    process.exit(1);
  }
  console.log(`otel ${build}: ok`);
}
