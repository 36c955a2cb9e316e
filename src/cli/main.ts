#!/usr/bin/env node
import { text } from "node:stream/consumers";
import { colorEnabled } from "./color.js";
import { runCli } from "./run.js";

// The first Ctrl-C asks a batch to stop after its calls in flight; a second one quits at once.
const stop = new AbortController();
process.on("SIGINT", () => {
  if (stop.signal.aborted) process.exit(130);
  stop.abort();
});

runCli(process.argv.slice(2), {
  out: process.stdout,
  err: process.stderr,
  color: colorEnabled(process.env, process.stderr.isTTY === true),
  tty: process.stderr.isTTY === true,
  stdin: () => text(process.stdin),
  stop: stop.signal,
  env: process.env,
}).then((code) => {
  process.exitCode = code;
  // Nothing more to wait for (a SIGINT listener would otherwise keep nothing alive anyway).
  process.removeAllListeners("SIGINT");
});
