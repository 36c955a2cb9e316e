import { defineConfig } from "tsup";

export default defineConfig({
  entry: { index: "src/index.ts", testing: "src/testing/index.ts", cli: "src/cli/main.ts" },
  format: ["esm", "cjs"],
  dts: { entry: { index: "src/index.ts", testing: "src/testing/index.ts" } },
  target: "node20",
  platform: "node",
  clean: true,
  sourcemap: true,
  shims: true,
  // Error classes report their own names (`RailSpecError`), so the bundle must not rename them.
  keepNames: true,
});
