/**
 * Line diffs for failed expectations: `- expected` / `+ received` lines with two lines of context,
 * as vitest prints them. A longest-common-subsequence table costs lines² cells, so texts past
 * `MAX_CELLS` are shown from their first differing line instead.
 */

const CONTEXT = 2;
const MAX_CELLS = 4_000_000;

export function lineDiff(expected: string, received: string): string {
  const a = expected.split("\n");
  const b = received.split("\n");
  const ops = a.length * b.length > MAX_CELLS ? firstDifference(a, b) : lcsOps(a, b);
  return ["- expected", "+ received", "", ...withContext(ops)].join("\n");
}

type Op = { kind: " " | "-" | "+"; line: string };

function lcsOps(a: string[], b: string[]): Op[] {
  const width = b.length + 1;
  const table = new Uint32Array((a.length + 1) * width);
  for (let i = a.length - 1; i >= 0; i--) {
    for (let j = b.length - 1; j >= 0; j--) {
      table[i * width + j] =
        a[i] === b[j]
          ? (table[(i + 1) * width + j + 1] as number) + 1
          : Math.max(table[(i + 1) * width + j] as number, table[i * width + j + 1] as number);
    }
  }
  const ops: Op[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    if (a[i] === b[j]) {
      ops.push({ kind: " ", line: a[i++] as string });
      j++;
    } else if ((table[(i + 1) * width + j] as number) >= (table[i * width + j + 1] as number)) {
      ops.push({ kind: "-", line: a[i++] as string });
    } else {
      ops.push({ kind: "+", line: b[j++] as string });
    }
  }
  while (i < a.length) ops.push({ kind: "-", line: a[i++] as string });
  while (j < b.length) ops.push({ kind: "+", line: b[j++] as string });
  return ops;
}

/** Common lines, then the rest of both texts as removed and added. */
function firstDifference(a: string[], b: string[]): Op[] {
  let same = 0;
  while (same < a.length && same < b.length && a[same] === b[same]) same++;
  return [
    ...a.slice(0, same).map((line): Op => ({ kind: " ", line })),
    ...a.slice(same).map((line): Op => ({ kind: "-", line })),
    ...b.slice(same).map((line): Op => ({ kind: "+", line })),
  ];
}

/** Changed lines with `CONTEXT` lines around them; `…` marks what is left out. */
function withContext(ops: Op[]): string[] {
  const keep = ops.map(() => false);
  ops.forEach((op, index) => {
    if (op.kind === " ") return;
    for (
      let k = Math.max(0, index - CONTEXT);
      k <= Math.min(ops.length - 1, index + CONTEXT);
      k++
    ) {
      keep[k] = true;
    }
  });
  const lines: string[] = [];
  ops.forEach((op, index) => {
    if (keep[index]) lines.push(`${op.kind} ${op.line}`.trimEnd());
    else if (keep[index - 1] || index === 0) lines.push("  …");
  });
  return lines;
}

/** Text indented under a message line. */
export const indent = (text: string): string =>
  text
    .split("\n")
    .map((line) => `    ${line}`.trimEnd())
    .join("\n");
