import { performance } from "node:perf_hooks";

export interface Timing {
  /** Median microseconds per operation over the measured rounds. */
  medianUs: number;
  /** 95th percentile microseconds per operation. */
  p95Us: number;
  rounds: number;
}

/**
 * Times `run` in rounds after a warm-up. Medians, not means: a 2-core CI machine has noisy
 * neighbours, and one slow round should not move the figure.
 */
export async function measure(
  run: () => unknown,
  { rounds = 200, warmup = 20 }: { rounds?: number; warmup?: number } = {},
): Promise<Timing> {
  for (let i = 0; i < warmup; i++) await run();
  const samples: number[] = [];
  for (let i = 0; i < rounds; i++) {
    const start = performance.now();
    await run();
    samples.push((performance.now() - start) * 1000);
  }
  samples.sort((a, b) => a - b);
  const at = (q: number) =>
    samples[Math.min(samples.length - 1, Math.floor(q * samples.length))] ?? 0;
  return { medianUs: at(0.5), p95Us: at(0.95), rounds };
}

export interface Goal {
  name: string;
  /** What was measured, in the unit of `limit`. */
  value: number;
  limit: number;
  unit: string;
}

export const met = (goal: Goal): boolean => goal.value <= goal.limit;

/** Per-operation samples of several runs measured in the same rounds, in milliseconds. */
export type Samples = Record<string, number[]>;

/**
 * Times each run once per round, in turn, so that all of them see the same machine: a noisy
 * neighbour slows a round, not one side of a ratio. Samples in milliseconds, one per round, after
 * one unrecorded warm-up round.
 */
export function interleave(runs: Record<string, () => unknown>, rounds: number): Samples {
  const samples: Samples = Object.fromEntries(Object.keys(runs).map((name) => [name, []]));
  for (let round = -1; round < rounds; round++) {
    for (const [name, run] of Object.entries(runs)) {
      const start = performance.now();
      run();
      if (round >= 0) samples[name]?.push(performance.now() - start);
    }
  }
  return samples;
}

export const median = (values: number[]): number => quantile(values, 0.5);

/** The lowest and highest value, as `min–max`. */
export const spread = (values: number[], digits = 0): string =>
  `${quantile(values, 0).toFixed(digits)}–${quantile(values, 1).toFixed(digits)}`;

function quantile(values: number[], q: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0;
}

/** Per-round ratios `a[i] / b[i]` of two runs measured in the same rounds. */
export const ratios = (a: number[], b: number[]): number[] =>
  a.map((value, i) => value / Math.max(b[i] ?? 0, 1e-6));
