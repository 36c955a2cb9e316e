import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts", "examples/**/*.test.ts"],
    testTimeout: 20_000,
    pool: "forks",
    // Tests import the guard's modules directly, not the entry points that register the built-ins.
    setupFiles: ["test/setup/builtins.ts"],
  },
});
