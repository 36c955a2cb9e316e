import type { ValidatorDefinition } from "../contract/types.js";
import { alias } from "./common.js";
import { competitorCheck } from "./safety/competitors.js";
import { pii } from "./safety/pii.js";
import { isProfanityFree } from "./safety/profanity.js";
import { detectSecrets } from "./safety/secrets.js";
import { toxicLanguage } from "./safety/toxicity.js";

export const textSafetyValidators: ValidatorDefinition[] = [
  isProfanityFree,
  detectSecrets,
  pii,
  competitorCheck,
  toxicLanguage,
  // Hub ids (`hub://guardrails/detect_pii`) resolve to these names.
  alias(isProfanityFree, "profanity_free"),
  alias(detectSecrets, "secrets_present"),
  alias(pii, "detect_pii"),
  alias(competitorCheck, "competitor_check"),
  alias(toxicLanguage, "toxic_language"),
];
