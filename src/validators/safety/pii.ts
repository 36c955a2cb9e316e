import type { ValidatorDefinition } from "../../contract/types.js";
import { fail, pass } from "../../contract/types.js";
import { textOnly } from "../common.js";
import { detectPii, PII_ENTITIES, type PiiEntity } from "./pii-detectors.js";
import { mergeOverlaps, replaceSpans } from "./spans.js";

type PiiArgs = { pii_entities?: unknown };

/**
 * Guardrails' presets, restricted to what can be found without a model: its "pii" list also has
 * PERSON, LOCATION, DATE_TIME and DOMAIN_NAME; its "spi" list CRYPTO, NRP and US licence numbers.
 */
const PRESETS: Record<string, readonly PiiEntity[]> = {
  pii: ["EMAIL_ADDRESS", "PHONE_NUMBER", "IP_ADDRESS", "URL"],
  spi: ["CREDIT_CARD", "IBAN_CODE", "US_SSN"],
};

const isSupported = (name: string): name is PiiEntity =>
  (PII_ENTITIES as readonly string[]).includes(name);

/** The entity list from `metadata.pii_entities` (which wins, as in Guardrails) or the argument. */
function resolveEntities(requested: unknown): PiiEntity[] | string {
  if (requested === undefined || requested === null) {
    return "no entities to look for: give `pii_entities` as an argument or in metadata";
  }
  if (typeof requested === "string") {
    return PRESETS[requested] ? [...PRESETS[requested]] : resolveEntities([requested]);
  }
  if (!Array.isArray(requested))
    return `pii_entities must be "pii", "spi" or a list, got ${typeof requested}`;
  const unknown = requested.filter((name) => typeof name !== "string" || !isSupported(name));
  if (unknown.length > 0) {
    return `cannot detect ${unknown.map(String).join(", ")} offline (supported: ${PII_ENTITIES.join(", ")})`;
  }
  return requested as PiiEntity[];
}

export const pii: ValidatorDefinition<PiiArgs> = {
  name: "pii",
  types: ["string"],
  args: [
    {
      name: "pii_entities",
      type: "any",
      optional: true,
      description: '"pii", "spi", or a list of entity types; `metadata.pii_entities` overrides it.',
    },
  ],
  requiredMetadata: [{ oneOf: ["pii_entities"], unlessArgs: ["pii_entities"] }],
  description: "No personal data of the given entity types (offline detectors).",
  docs: {
    check: `none of the entity types found: ${PII_ENTITIES.join(", ")} (cards Luhn-checked, IBANs checksummed, IPs and SSN areas range-checked); \`pii\` = email, phone, IP, URL; \`spi\` = card, IBAN, SSN`,
    fix: "each entity replaced by `<ENTITY_TYPE>`",
    advice:
      "`fix` redacts and keeps the rest; `refrain` or `exception` where nothing personal may leave",
  },
  validate: textOnly((text, { args, metadata }) => {
    const entities = resolveEntities(metadata.pii_entities ?? args.pii_entities);
    if (typeof entities === "string") return fail(entities);
    const found = mergeOverlaps(detectPii(text, entities));
    if (found.length === 0) return pass();
    const listed = found.map((span) => `${span.label} at ${span.start}`).join(", ");
    return fail(
      `contains PII: ${listed}`,
      replaceSpans(text, found, (span) => `<${span.label}>`),
    );
  }),
};
