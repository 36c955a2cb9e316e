import { performance } from "node:perf_hooks";
import { median } from "./measure.js";

/** A subject's cost relative to a baseline measured beside it in the same process. */
export interface Ratio {
  /** Median of the per-round ratios subject / baseline. */
  median: number;
  /** Lowest and highest per-round ratio: the spread a noisy 2-core machine gives. */
  min: number;
  max: number;
  /** Median milliseconds per operation of each side. */
  baselineMs: number;
  subjectMs: number;
  rounds: number;
}

export interface CompareOptions {
  rounds?: number;
  /** Each side repeats its operation until a batch lasts at least this long. */
  batchMs?: number;
}

/**
 * Runs baseline and subject in alternating batches, round after round, so that a slow moment of
 * the machine (GC, a neighbour) falls on both sides alike; the ratio of each round's pair is the
 * figure, and its median over the rounds is reported with the spread.
 */
export async function compare(
  baseline: () => unknown,
  subject: () => unknown,
  { rounds = 15, batchMs = 50 }: CompareOptions = {},
): Promise<Ratio> {
  const repeat = await batchSize(baseline, subject, batchMs);
  const baselineMs: number[] = [];
  const subjectMs: number[] = [];
  const ratios: number[] = [];
  for (let round = 0; round < rounds; round++) {
    // Alternate which side goes first: the second batch of a pair may inherit the first's garbage.
    const subjectFirst = round % 2 === 1;
    const first = await timeBatch(subjectFirst ? subject : baseline, repeat);
    const second = await timeBatch(subjectFirst ? baseline : subject, repeat);
    const [b, s] = subjectFirst ? [second, first] : [first, second];
    baselineMs.push(b);
    subjectMs.push(s);
    ratios.push(s / Math.max(b, 1e-6));
  }
  return {
    median: median(ratios),
    min: Math.min(...ratios),
    max: Math.max(...ratios),
    baselineMs: median(baselineMs),
    subjectMs: median(subjectMs),
    rounds,
  };
}

/** How many batches' time each side runs before it is measured. */
const WARM_UP_BATCHES = 5;

/** How many operations a batch needs for the faster side to last `batchMs` (at least one). */
async function batchSize(
  baseline: () => unknown,
  subject: () => unknown,
  batchMs: number,
): Promise<number> {
  // Warm both up: the first runs pay for compilation, not for the work. A few runs were not
  // enough for a small operation: V8 optimises a function after thousands of calls, so the first
  // rounds of a 1 KB comparison measured the two sides in different tiers (ratios from 0.8 to 7.6
  // in one run). Each side runs for a few batches' time first, so every round measures steady state.
  for (const run of [baseline, subject]) {
    const until = performance.now() + WARM_UP_BATCHES * batchMs;
    do await run();
    while (performance.now() < until);
  }
  const one = Math.min(await timeBatch(baseline, 1), await timeBatch(subject, 1));
  return Math.max(1, Math.min(10_000, Math.ceil(batchMs / Math.max(one, 1e-3))));
}

/** Milliseconds per operation over `repeat` runs. */
async function timeBatch(run: () => unknown, repeat: number): Promise<number> {
  const start = performance.now();
  for (let i = 0; i < repeat; i++) await run();
  return (performance.now() - start) / repeat;
}

export const formatRatio = (ratio: Ratio): string =>
  `${ratio.median.toFixed(2)}× (${ratio.min.toFixed(2)}–${ratio.max.toFixed(2)})`;
