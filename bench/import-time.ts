/**
 * Import time of the built package against `zod` alone, each sample a fresh `node` measuring its
 * own `import()`/`require()`, the three interleaved round by round so that a noisy neighbour slows
 * all of them alike. Needs `npm run build` first: it measures `dist/`, as users get it.
 */
import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import { resolve } from "node:path";

const ROUNDS = 11;

const probe = (specifier: string, how: "import" | "require"): string => {
  const load =
    how === "import"
      ? `import(${JSON.stringify(specifier)}).then(done)`
      : `require(${JSON.stringify(specifier)}); done()`;
  return `const t = performance.now(); const done = () => process.stdout.write(String(performance.now() - t)); ${load}`;
};

const median = (samples: number[]): number =>
  [...samples].sort((a, b) => a - b)[Math.floor(samples.length / 2)] ?? Number.NaN;

/** The report section: a table of medians, spreads and ratios to zod, or why there is none. */
export function importTimeSection(): string[] {
  const lines = ["", `## Import time (fresh node per sample, ${ROUNDS} interleaved rounds)`, ""];
  const dist = resolve("dist");
  if (!existsSync(resolve(dist, "index.js"))) {
    return [...lines, "Not measured: `dist/` is missing; run `npm run build` first."];
  }
  const cases = [
    ["railguard (ESM)", probe(resolve(dist, "index.js"), "import")],
    ["railguard (CommonJS)", probe(resolve(dist, "index.cjs"), "require")],
    ["zod alone (ESM)", probe("zod", "import")],
  ] as const;
  const samples = new Map<string, number[]>(cases.map(([name]) => [name, []]));
  for (let round = 0; round < ROUNDS; round++) {
    for (const [name, script] of cases) {
      const output = execFileSync(process.execPath, ["-e", script], { encoding: "utf8" });
      samples.get(name)?.push(Number(output));
    }
  }
  const zod = median(samples.get("zod alone (ESM)") ?? []);
  lines.push("| import | median ms | range ms | × zod |", "|---|---|---|---|");
  for (const [name, times] of samples) {
    const range = `${Math.min(...times).toFixed(0)}–${Math.max(...times).toFixed(0)}`;
    lines.push(
      `| ${name} | ${median(times).toFixed(0)} | ${range} | ${(median(times) / zod).toFixed(2)} |`,
    );
  }
  return lines;
}
