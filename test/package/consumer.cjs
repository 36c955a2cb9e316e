// The CommonJS entry of the packed tarball.
const { Guard } = require("railguard");

const rail = '<rail version="0.1"><output type="string" validators="lower-case" on-fail-lower-case="fix"/></rail>';
Guard.fromRailString(rail)
  .parse("HELLO")
  .then((outcome) => {
    if (outcome.validatedOutput !== "hello") {
      console.error("CJS consumer got", outcome.validatedOutput);
      process.exit(1);
    }
    console.log("cjs: ok");
  });

const testing = require("railguard/testing");
if (typeof testing.runSuite !== "function" || typeof testing.railguardMatchers.toHaveReasked !== "function") {
  console.error("CJS testing entry exports", Object.keys(testing));
  process.exit(1);
}
console.log("cjs testing: ok");
