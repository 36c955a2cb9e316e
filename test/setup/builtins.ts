// Registers the built-in validator catalogue before each test file, as the entry points
// (src/index.ts, the CLI, railguard/testing) do: the guard itself registers nothing.
import "../../src/validators/builtins.js";
