/**
 * What a guard costs on an output that passes: `guard.parse` against `JSON.parse` + a zod schema
 * with the same checks, from 1 KB to 10 MB, paired in one process.
 */
import { z } from "zod";
import { compare, formatRatio } from "./compare.js";
import type { Goal } from "./measure.js";
import { railguard } from "./package.js";

/** Items of about 95 bytes: 10 make 1 KB, 100,000 make 10 MB. */
const ALL_SIZES = [
  { label: "1 KB", items: 10, rounds: 15 },
  { label: "10 KB", items: 100, rounds: 15 },
  { label: "100 KB", items: 1_000, rounds: 11 },
  { label: "1 MB", items: 10_000, rounds: 5 },
  { label: "10 MB", items: 100_000, rounds: 3 },
];
/** BENCH_SIZES="1 MB,10 MB" measures only those. */
const SIZES = process.env.BENCH_SIZES
  ? ALL_SIZES.filter((size) => process.env.BENCH_SIZES?.split(",").includes(size.label))
  : ALL_SIZES;

const output = (items: number) =>
  JSON.stringify({
    items: Array.from({ length: items }, (_, i) => ({
      id: i,
      name: `Guest Number${i}`,
      email: `guest${i}@example.com`,
      score: i % 100,
      status: i % 2 ? "active" : "paused",
    })),
  });

/** The spec, with or without five cheap checks per item. */
function spec(checks: boolean): string {
  const on = (validators: string) => (checks ? ` validators="${validators}"` : "");
  return `<rail version="0.1"><output><list name="items"><object>
    <integer name="id"/>
    <string name="name"${on("two-words; length: 1 100")}/>
    <string name="email"${on("lower-case")}/>
    <float name="score"${on("valid-range: 0 100")}/>
    <string name="status"${on("valid-choices: {['active', 'paused']}")}/>
  </object></list></output></rail>`;
}

/** The same shape and checks in zod: what a careful user writes without railguard. */
function zodSchema(checks: boolean) {
  const item = checks
    ? z.object({
        id: z.number().int(),
        name: z
          .string()
          .min(1)
          .max(100)
          .refine((name) => name.trim().split(/\s+/).length === 2),
        email: z.string().refine((email) => email === email.toLowerCase()),
        score: z.number().min(0).max(100),
        status: z.enum(["active", "paused"]),
      })
    : z.object({
        id: z.number().int(),
        name: z.string(),
        email: z.string(),
        score: z.number(),
        status: z.string(),
      });
  return z.object({ items: z.array(item) });
}

export async function overhead(report: (line?: string) => void, goals: Goal[]): Promise<void> {
  report("## Overhead on a passing output: guard.parse ÷ (JSON.parse + zod, same checks)");
  report();
  report("Median of the per-round ratios, lowest–highest in brackets; built package.");
  report();
  report("| size | no validators | five cheap checks per item |");
  report("|---|---|---|");
  const worst = { plain: 0, checked: 0 };
  for (const size of SIZES) {
    const text = output(size.items);
    const cells: string[] = [];
    for (const checks of [false, true]) {
      const guard = railguard.Guard.fromRailString(spec(checks));
      const schema = zodSchema(checks);
      const first = await guard.parse(text);
      const key = checks ? "checked" : "plain";
      if (!first.validationPassed) {
        // A guard that cannot pass a valid output has no overhead to speak of: the goal is missed.
        const why = first.error?.message ?? JSON.stringify(first.failures.slice(0, 2));
        cells.push(`does not pass: ${why.slice(0, 120)}`);
        worst[key] = Number.POSITIVE_INFINITY;
        continue;
      }
      const ratio = await compare(
        () => schema.parse(JSON.parse(text)),
        () => guard.parse(text),
        { rounds: size.rounds, batchMs: 30 },
      );
      cells.push(`${formatRatio(ratio)}, ${ratio.subjectMs.toFixed(1)} ms`);
      worst[key] = Math.max(worst[key], ratio.median);
    }
    report(`| ${size.label} | ${cells.join(" | ")} |`);
  }
  report();
  await fixedCosts(report);
  goals.push({
    name: "overhead without validators (worst size)",
    value: worst.plain,
    limit: 1.5,
    unit: "×",
  });
  goals.push({
    name: "overhead with cheap validators (worst size)",
    value: worst.checked,
    limit: 2,
    unit: "×",
  });
}

/**
 * Where the rest of the overhead goes, measured rather than guessed: what one call costs whatever
 * its output (its record, its events, its outcome), what one more verdict costs next to one more
 * zod check (both trivial, so only the machinery is measured), and what keeping the last calls in
 * the history costs the garbage collector.
 */
async function fixedCosts(report: (line?: string) => void): Promise<void> {
  const tiny = '{"id": 1}';
  const tinyGuard = railguard.Guard.fromRailString(
    `<rail version="0.1"><output><integer name="id"/></output></rail>`,
  );
  const tinySchema = z.object({ id: z.number().int() });
  const call = await compare(
    () => tinySchema.parse(JSON.parse(tiny)),
    () => tinyGuard.parse(tiny),
    { rounds: 15, batchMs: 30 },
  );
  const items = 1_000;
  const verdicts = items * 5;
  const text = output(items);
  const registry = new railguard.ValidatorRegistry().register({
    name: "ok",
    types: "all",
    validate: () => railguard.pass(),
  });
  const bare = railguard.Guard.fromRailString(trivialSpec(""), { registry });
  const checked = railguard.Guard.fromRailString(trivialSpec(' validators="ok"'), { registry });
  const verdict = await compare(
    () => bare.parse(text),
    () => checked.parse(text),
    { rounds: 11, batchMs: 30 },
  );
  const value = JSON.parse(text);
  const [plainZod, refinedZod] = [trivialZod(false), trivialZod(true)];
  const check = await compare(
    () => plainZod.parse(value),
    () => refinedZod.parse(value),
    { rounds: 11, batchMs: 30 },
  );
  // The same guard with no call kept: its parsed outputs die young, as zod's do.
  const forgetting = railguard.Guard.fromRailString(trivialSpec(' validators="ok"'), {
    registry,
    historyLimit: 0,
  });
  const keeping = await compare(
    () => forgetting.parse(text),
    () => checked.parse(text),
    { rounds: 11, batchMs: 30 },
  );
  const perVerdict = ((verdict.subjectMs - verdict.baselineMs) * 1e6) / verdicts;
  const perCheck = ((check.subjectMs - check.baselineMs) * 1e6) / verdicts;
  report(
    "What the rest is (medians; trivial validators and checks, so only the machinery counts):",
  );
  report();
  report("| cost | railguard | JSON.parse + zod |");
  report("|---|---|---|");
  report(
    `| one call on \`${tiny}\` (its record, events and outcome) | ${(call.subjectMs * 1000).toFixed(1)} µs | ${(call.baselineMs * 1000).toFixed(1)} µs |`,
  );
  report(
    `| one more verdict / check (${verdicts.toLocaleString("en")} in a 100 KB output) | ${perVerdict.toFixed(0)} ns | ${perCheck.toFixed(0)} ns |`,
  );
  report(
    `| the history keeping the last 10 calls (the default), ÷ keeping none (\`historyLimit: 0\`), 100 KB | ${formatRatio(keeping)} | – |`,
  );
  report();
  report(
    `What the rest is: a call's fixed cost (${(call.subjectMs * 1000).toFixed(1)} µs: its record ` +
      `in the history, its events, its outcome), which counts most on a small output, and with ` +
      `validators each verdict at ${(perVerdict / Math.max(perCheck, 1)).toFixed(0)}× a zod ` +
      `check: the context and the path every validator is given (a zod refinement gets neither), ` +
      `and the walk over the value. A passing answer is read by JSON.parse, checked against the ` +
      `spec in one pass (which also looks for numbers past 2^53 and nesting past 1,000 levels), ` +
      `walked again only where validators apply, and handed to the caller without a copy: the ` +
      `history keeps its text and makes it again when read. The plain passes of a list's items are ` +
      `kept as one range, not a record each.`,
  );
}

const trivialSpec = (validators: string) =>
  `<rail version="0.1"><output><list name="items"><object>
    <integer name="id"${validators}/>
    <string name="name"${validators}/>
    <string name="email"${validators}/>
    <float name="score"${validators}/>
    <string name="status"${validators}/>
  </object></list></output></rail>`;

/** The bench's item schema, with a trivial refinement on each of its five fields or none. */
function trivialZod(refined: boolean) {
  const ok = <T extends z.ZodType>(schema: T) => (refined ? schema.refine(() => true) : schema);
  return z.object({
    items: z.array(
      z.object({
        id: ok(z.number().int()),
        name: ok(z.string()),
        email: ok(z.string()),
        score: ok(z.number()),
        status: ok(z.string()),
      }),
    ),
  });
}
