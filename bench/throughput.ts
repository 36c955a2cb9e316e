/**
 * A guard on every model call of an application: calls per second with an instant model, and
 * the memory a long-lived guard keeps per call.
 */
import { z } from "zod";
import { compare, formatRatio } from "./compare.js";
import type { Goal } from "./measure.js";
import { railguard } from "./package.js";

const SPEC = `<rail version="0.1"><output>
  <string name="guest" validators="two-words" on-fail-two-words="reask"/>
  <integer name="minute" validators="valid-range: 0 200"/>
</output><prompt>Who is the guest of \${episode}? \${gr.complete_json_suffix_v2}</prompt></rail>`;
const ANSWER = '{"guest": "Shreya Rajpal", "minute": 12}';
const schema = z.object({
  guest: z.string().refine((guest) => guest.trim().split(/\s+/).length === 2),
  minute: z.number().int().min(0).max(200),
});
const instantModel = () => ANSWER;
const options = { promptParams: { episode: "Guardrails AI" } };

export async function throughput(report: (line?: string) => void, goals: Goal[]): Promise<void> {
  const guard = railguard.Guard.fromRailString(SPEC);
  const ratio = await compare(
    () => schema.parse(JSON.parse(instantModel())),
    () => guard.call(instantModel, options),
    { rounds: 15, batchMs: 50 },
  );
  const retained = await retainedPerCall(20_000);
  report();
  report("## A guard on every call (instant model)");
  report();
  report("| figure | value |");
  report("|---|---|");
  report(`| guard.call per second | ${Math.round(1000 / ratio.subjectMs).toLocaleString("en")} |`);
  report(`| guard.call ÷ (JSON.parse + zod) | ${formatRatio(ratio)} |`);
  report(
    `| heap kept per call after 20,000 calls (default historyLimit) | ${retained === undefined ? "n/a (run with --expose-gc)" : `${retained.toFixed(0)} bytes`} |`,
  );
  if (retained !== undefined) {
    // Ten kept calls of a few KB each, spread over 20,000: anything near 1 KB means a leak.
    goals.push({
      name: "heap kept per call, long-lived guard",
      value: retained,
      limit: 100,
      unit: "bytes",
    });
  }
}

/** Heap growth per call over `calls` calls of one guard, after full collections; needs --expose-gc. */
async function retainedPerCall(calls: number): Promise<number | undefined> {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (!gc) return undefined;
  const guard = railguard.Guard.fromRailString(SPEC);
  for (let i = 0; i < 100; i++) await guard.call(instantModel, options);
  gc();
  const before = process.memoryUsage().heapUsed;
  for (let i = 0; i < calls; i++) await guard.call(instantModel, options);
  gc();
  return Math.max(0, process.memoryUsage().heapUsed - before) / calls;
}
