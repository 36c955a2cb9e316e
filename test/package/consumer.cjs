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
