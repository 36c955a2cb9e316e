import { it } from "vitest";
import { z } from "zod";
import { Guard } from "../../src/guard/index.js";
import { fail, type ValidatorDefinition } from "../../src/validators/types.js";
import { rail, testRegistry } from "./support.js";
it("zod transform/default", async () => {
  const g = Guard.fromZod(z.object({ d: z.string().default("x"), t: z.string().trim().min(2) }));
  for (const out of ['{"t":"ab"}', '{"d":null,"t":" a "}', '{"t":"  a  "}']) {
    const o = await g.parse(out);
    console.log("Z", out, JSON.stringify(o.validatedOutput), o.validationPassed, JSON.stringify(o.failures.map(f=>[f.path,f.reason,f.message])));
  }
  const g2 = Guard.fromZod(z.object({ tags: z.array(z.string().email()).min(2) }), { schemaOnFail: "filter" });
  const o2 = await g2.parse('{"tags":["a@b.co","nope","c@d.co"]}');
  console.log("Z2", JSON.stringify(o2.validatedOutput), o2.validationPassed, JSON.stringify(o2.failures));
  const o3 = await g2.parse('{"tags":["a@b.co","nope"]}');
  console.log("Z3", JSON.stringify(o3.validatedOutput), o3.validationPassed, JSON.stringify(o3.failures));
});
it("custom handler throws on parent with child marker", async () => {
  const registry = testRegistry();
  const bad: ValidatorDefinition = { name: "bad-obj", types: "all", validate: () => fail("never") };
  registry.register(bad);
  const g = Guard.fromRailString(rail(`<object name="p" format="bad-obj"><string name="n" format="two-words" on-fail-two-words="reask"/></object>`, "<prompt>x</prompt>"), { registry, onFail: { "bad-obj": (v) => { (v as {n: string}).n = "Mutated Name"; throw new Error("no"); } } });
  const o = await g.parse('{"p":{"n":"Ann"}}');
  console.log("CH", JSON.stringify(o.validatedOutput), o.validationPassed, JSON.stringify(o.failures.map(f=>[f.path,f.reason])), JSON.stringify(o.call.iterations[0]?.validatorLogs.map(l=>[l.validator,l.actionTaken,l.valueBefore,l.valueAfter])));
});
