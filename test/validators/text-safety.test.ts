import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { competitorCheck } from "../../src/validators/safety/competitors.js";
import { pii } from "../../src/validators/safety/pii.js";
import { luhnValid } from "../../src/validators/safety/pii-detectors.js";
import {
  findProfanity,
  isProfanityFree,
  withProfanity,
} from "../../src/validators/safety/profanity.js";
import { detectSecrets, entropy } from "../../src/validators/safety/secrets.js";
import { toxicityScore, toxicLanguage } from "../../src/validators/safety/toxicity.js";
import { textSafetyValidators } from "../../src/validators/text-safety.js";
import { checkTable, runFailing } from "./run.js";

describe("is-profanity-free", () => {
  checkTable(isProfanityFree, {
    passes: [
      { value: "Scunthorpe is a town with a cocktail bar." },
      { value: "assassin class" },
      { value: "" },
    ],
    fails: [
      {
        value: "you are a fucking idiot",
        message: 'contains profanity: "f******" at 10',
        fix: "you are a ******* idiot",
      },
      {
        value: "what the sh1t, bitches",
        message: 'contains profanity: "s***" at 9, "b******" at 15',
        fix: "what the ****, *******",
      },
      { value: 1, message: "expected a string, got number 1" },
    ],
  });

  it("never repeats the word in full", async () => {
    const verdict = await runFailing(isProfanityFree, "total asshole");
    expect(verdict.message).not.toContain("asshole");
    expect(await findProfanity("total asshole")).toEqual([
      { start: 6, end: 13, label: "profanity" },
    ]);
  });
});

const githubToken = `ghp_${"a1B2".repeat(9)}`;
const privateKey =
  "-----BEGIN RSA PRIVATE KEY-----\nMIIBOgIBAAJBAKj34\n-----END RSA PRIVATE KEY-----";
const jwt =
  "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U";

describe("detect-secrets", () => {
  checkTable(detectSecrets, {
    passes: [
      { value: "password = os.environ['DB_PASSWORD']" },
      { value: "token: $GITHUB_TOKEN" },
      { value: 'api_key = "changeme"' },
      { value: "password=hunter" },
      { value: "The secret: ingredient is love" },
      { value: "def add(a, b):\n    return a + b\n" },
    ],
    fails: [
      {
        value: 'aws_key = "AKIAIOSFODNN7EXAMPLE"',
        message: "contains a secret: AWS access key ID on line 1",
        fix: 'aws_key = "********"',
      },
      {
        value: `x = 1\nheaders = {"Authorization": "token ${githubToken}"}`,
        message: "contains a secret: GitHub token on line 2",
        fix: 'x = 1\nheaders = {"Authorization": "token ********"}',
      },
      {
        value:
          'db_password = "S3cr3t!Passw0rd"\nurl = "postgres://admin:hunter2pass@db.example.com/app"',
        message: "contains 2 secrets: credential assignment on line 1, password in URL on line 2",
        fix: 'db_password = "********"\nurl = "postgres://admin:********@db.example.com/app"',
      },
      {
        value: `key:\n${privateKey}\n`,
        message: "contains a secret: private key on line 2",
        fix: "key:\n********\n",
      },
      {
        value: `Bearer ${jwt}`,
        message: "contains a secret: JSON Web Token on line 1",
        fix: "Bearer ********",
      },
      {
        value:
          "OPENAI_API_KEY=sk-proj-abcdefghijklmnopqrstuvwxyz123456 and AIzaSyA-1234567890abcdefghijklmnopqrstu",
        message: "contains 2 secrets: OpenAI API key on line 1, Google API key on line 1",
        fix: "OPENAI_API_KEY=******** and ********",
      },
      {
        value:
          "stripe sk_live_4eC39HqLyjWDarjtT1zdp7dc, slack xoxb-123456789012-abcdefABCDEF, gitlab glpat-abcdefghij0123456789",
        message:
          "contains 3 secrets: Stripe key on line 1, Slack token on line 1, GitLab token on line 1",
        fix: "stripe ********, slack ********, gitlab ********",
      },
      {
        value: "aws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
        message: "contains a secret: AWS secret access key on line 1",
        fix: "aws_secret_access_key = ********",
      },
    ],
  });

  it("measures entropy in bits per character", () => {
    expect(entropy("aaaa")).toBe(0);
    expect(entropy("abcd")).toBe(2);
  });
});

const text =
  "Mail jane@example.com or call +44 20 7946 0958. Card 4111 1111 1111 1111, IBAN DE89 3704 0044 0532 0130 00.";

describe("pii", () => {
  checkTable(pii, {
    passes: [
      {
        value: "Nothing personal here. Meeting at 10:30:00 on 2024-03-05.",
        args: { pii_entities: "pii" },
      },
      { value: "Card 4111 1111 1111 1112 fails Luhn.", args: { pii_entities: ["CREDIT_CARD"] } },
      { value: "SSN-like 666-12-3456 and 123-00-4567.", args: { pii_entities: ["US_SSN"] } },
      {
        value: "Version 999.1.1.1 and IBAN DE00 3704 0044 0532 0130 00",
        args: { pii_entities: ["IP_ADDRESS", "IBAN_CODE"] },
      },
      { value: "std::vector and a :: b", args: { pii_entities: ["IP_ADDRESS"] } },
      { value: "jane@example.com", args: { pii_entities: ["PHONE_NUMBER"] } },
    ],
    fails: [
      {
        value: text,
        args: { pii_entities: "pii" },
        message: "contains PII: EMAIL_ADDRESS at 5, PHONE_NUMBER at 30",
        fix: "Mail <EMAIL_ADDRESS> or call <PHONE_NUMBER>. Card 4111 1111 1111 1111, IBAN DE89 3704 0044 0532 0130 00.",
      },
      {
        value: text,
        args: { pii_entities: "spi" },
        message: "contains PII: CREDIT_CARD at 53, IBAN_CODE at 79",
        fix: "Mail jane@example.com or call +44 20 7946 0958. Card <CREDIT_CARD>, IBAN <IBAN_CODE>.",
      },
      {
        value:
          "Call (415) 555-2671 or 415.555.2671 from 192.168.1.1, ::1 or 2001:db8::ff00:42:8329.",
        args: { pii_entities: ["PHONE_NUMBER", "IP_ADDRESS"] },
        message:
          "contains PII: PHONE_NUMBER at 5, PHONE_NUMBER at 23, IP_ADDRESS at 41, IP_ADDRESS at 54, IP_ADDRESS at 61",
        fix: "Call <PHONE_NUMBER> or <PHONE_NUMBER> from <IP_ADDRESS>, <IP_ADDRESS> or <IP_ADDRESS>.",
      },
      {
        value: "SSN 123-45-6789, see https://example.com/x?y=1.",
        args: { pii_entities: ["US_SSN", "URL"] },
        message: "contains PII: US_SSN at 4, URL at 21",
        fix: "SSN <US_SSN>, see <URL>.",
      },
      {
        value: "x",
        args: { pii_entities: ["PERSON", "EMAIL_ADDRESS"] },
        message: /^cannot detect PERSON offline \(supported: EMAIL_ADDRESS, /,
      },
      {
        value: "x",
        message: "no entities to look for: give `pii_entities` as an argument or in metadata",
      },
      {
        value: "x",
        args: { pii_entities: 3 },
        message: 'pii_entities must be "pii", "spi" or a list, got number',
      },
    ],
  });

  it("takes the entities from metadata first", async () => {
    const verdict = await runFailing(
      pii,
      "a@b.co 4111111111111111",
      { pii_entities: ["EMAIL_ADDRESS"] },
      {
        metadata: { pii_entities: ["CREDIT_CARD"] },
      },
    );
    expect(verdict.fixValue).toBe("a@b.co <CREDIT_CARD>");
  });

  it("checks card numbers with Luhn", () => {
    const digits = fc.array(fc.integer({ min: 0, max: 9 }), { minLength: 12, maxLength: 18 });
    fc.assert(
      fc.property(digits, (body) => {
        const valid = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9].filter((check) =>
          luhnValid(body.join("") + check),
        );
        expect(valid).toHaveLength(1);
        const wrong = ((valid[0] as number) + 1) % 10;
        expect(luhnValid(body.join("") + wrong)).toBe(false);
      }),
    );
  });
});

describe("competitor-check", () => {
  checkTable(competitorCheck, {
    passes: [
      { value: "We are the best.", args: { competitors: ["Acme", "Globex"] } },
      { value: "Acmeville is a town.", args: { competitors: ["Acme"] } },
    ],
    fails: [
      {
        value: "Our product is great. ACME's is worse! Try ours today.",
        args: { competitors: ["Acme", "Globex"] },
        message: "mentions competitors: Acme",
        fix: "Our product is great. Try ours today.",
      },
      {
        value: "Globex Corp. and Acme both exist.",
        args: { competitors: ["Globex Corp.", "Acme"] },
        message: "mentions competitors: Globex Corp., Acme",
        fix: "",
      },
      {
        value: "Compare us with Initech.",
        args: { competitors: "Initech" },
        message: "mentions competitors: Initech",
        fix: "",
      },
    ],
  });
});

describe("toxic-language", () => {
  checkTable(toxicLanguage, {
    passes: [
      { value: "Have a nice day. The idea has flaws." },
      { value: "That idea is stupid.", args: { threshold: 0.5 } },
    ],
    fails: [
      {
        value: "Thanks for asking. You are an idiot. Here is the answer.",
        message: "toxic language (threshold 0.5): sentence 2 scores 0.89 (insult, insulting word)",
        fix: "Thanks for asking. Here is the answer.",
      },
      {
        value: "I will kill you.",
        args: { validation_method: "full" },
        message: "the text scores 0.95 (threat) for toxicity, threshold 0.5",
        fix: "",
      },
      {
        value: "That idea is stupid.",
        args: { threshold: 0.4 },
        message: "toxic language (threshold 0.4): sentence 1 scores 0.45 (insulting word)",
        fix: "",
      },
      {
        value: "x",
        args: { validation_method: "words" },
        message: 'validation_method must be "sentence" or "full", got "words"',
      },
    ],
  });

  it("combines signals into one score", async () => {
    const score = (text: string) => withProfanity((find) => toxicityScore(text, find));
    expect(await score("This is fucking great")).toEqual({ score: 0.6, labels: ["profanity"] });
    expect((await score("shut up, you moron")).score).toBeGreaterThan(0.9);
    expect(await score("Have a lovely day")).toEqual({ score: 0, labels: [] });
  });
});

describe("family", () => {
  it("registers the Hub spellings and documents everything", () => {
    const names = textSafetyValidators.map((definition) => definition.name);
    expect(names).toEqual(
      expect.arrayContaining(["pii", "detect_pii", "profanity_free", "toxic_language"]),
    );
    for (const definition of textSafetyValidators) expect(definition.docs?.fix).toBeTruthy();
  });
});
