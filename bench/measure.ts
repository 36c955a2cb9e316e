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
