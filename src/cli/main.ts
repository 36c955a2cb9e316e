#!/usr/bin/env node
import { text } from "node:stream/consumers";
import { colorEnabled } from "./color.js";
import { runCli } from "./run.js";

// While a batch runs, the first Ctrl-C asks it to stop after its calls in flight and a second one
// quits at once; at any other time Ctrl-C quits as usual.
const stop = new AbortController();
let holders = 0;
const onInterrupt = () => {
  if (stop.signal.aborted) process.exit(130);
  stop.abort();
};
const holdInterrupts = () => {
  if (holders++ === 0) process.on("SIGINT", onInterrupt);
  return () => {
    if (--holders === 0) process.off("SIGINT", onInterrupt);
  };
};

runCli(process.argv.slice(2), {
  out: process.stdout,
  err: process.stderr,
  color: colorEnabled(process.env, process.stderr.isTTY === true),
  colorOut: colorEnabled(process.env, process.stdout.isTTY === true),
  tty: process.stderr.isTTY === true,
  stdin: () => text(process.stdin),
  stop: stop.signal,
  holdInterrupts,
  env: process.env,
}).then((code) => {
  process.exitCode = code;
});
