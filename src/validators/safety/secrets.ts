import type { ValidatorDefinition } from "../../contract/types.js";
import { fail, pass } from "../../contract/types.js";
import { textOnly } from "../common.js";
import { lineOf, matchSpans, mergeOverlaps, replaceSpans, type Span } from "./spans.js";

/** A kind of secret; the named group `secret`, when present, is the part that gets masked. */
interface SecretPattern {
  label: string;
  regex: RegExp;
  /** Extra test for heuristic patterns, on the masked part. */
  accept?: (secret: string) => boolean;
}

const KEYWORDS =
  "password|passwd|pwd|passphrase|secret|api[_-]?key|apikey|access[_-]?key|access[_-]?token|auth[_-]?token|token|client[_-]?secret|private[_-]?key";

/** Shannon entropy in bits per character. */
export function entropy(text: string): number {
  const counts = new Map<string, number>();
  for (const char of text) counts.set(char, (counts.get(char) ?? 0) + 1);
  let bits = 0;
  for (const count of counts.values()) {
    const p = count / text.length;
    bits -= p * Math.log2(p);
  }
  return bits;
}

const REFERENCE = /^(?:\$|%|\{|<|process\.env|os\.environ|getenv|env\.)/i;
const PLACEHOLDER =
  /^(?:x+|\*+|changeme|password|secret|your[_-].*|example.*|placeholder.*|redacted)$/i;

/** A value assigned to `password=`/`secret:` that looks random rather than like a reference. */
function looksGenerated(value: string): boolean {
  if (value.length < 8 || REFERENCE.test(value) || PLACEHOLDER.test(value)) return false;
  const classes = [/[a-z]/, /[A-Z]/, /\d/, /[^A-Za-z0-9]/].filter((kind) =>
    kind.test(value),
  ).length;
  return classes >= 2 && entropy(value) >= 3;
}

// Where a match can start again inside the run of characters it scans first (a JWT header holds
// "eyJ", a scheme holds letters), that run is bounded: unbounded, a long run that is no secret is
// scanned to its end from every start, in quadratic time. No real scheme or header comes near.
const PATTERNS: SecretPattern[] = [
  {
    label: "private key",
    regex:
      // The body stops at the next BEGIN line: with many BEGIN lines and no END, each start
      // scans only up to the next one.
      /-----BEGIN (?:[A-Z0-9]+ )*PRIVATE KEY(?: BLOCK)?-----(?:(?!-----BEGIN )[\s\S])*?-----END (?:[A-Z0-9]+ )*PRIVATE KEY(?: BLOCK)?-----/g,
  },
  { label: "AWS access key ID", regex: /\b(?:AKIA|ASIA|ABIA|ACCA|A3T[A-Z0-9])[A-Z0-9]{16}\b/g },
  {
    label: "AWS secret access key",
    regex:
      /aws_?secret_?(?:access_?)?key["']?\s*[:=]\s*["']?(?<secret>[A-Za-z0-9/+=]{40})(?![A-Za-z0-9/+=])/dgi,
  },
  {
    label: "GitHub token",
    regex: /\b(?:gh[pousr]_[A-Za-z0-9]{36,255}|github_pat_[A-Za-z0-9_]{22,255})\b/g,
  },
  { label: "GitLab token", regex: /\bglpat-[A-Za-z0-9_-]{20,}/g },
  { label: "Slack token", regex: /\bxox[abposr]-[A-Za-z0-9-]{10,}/g },
  {
    label: "Slack webhook",
    regex: /https:\/\/hooks\.slack\.com\/services\/T[A-Z0-9]+\/B[A-Z0-9]+\/[A-Za-z0-9]+/g,
  },
  { label: "Stripe key", regex: /\b(?:sk|rk|pk)_(?:live|test)_[A-Za-z0-9]{16,}/g },
  { label: "Anthropic API key", regex: /\bsk-ant-[A-Za-z0-9_-]{20,}/g },
  { label: "OpenAI API key", regex: /\bsk-(?:proj-|svcacct-|admin-)?[A-Za-z0-9_-]{20,}/g },
  { label: "Google API key", regex: /\bAIza[0-9A-Za-z_-]{35}(?![0-9A-Za-z_-])/g },
  { label: "npm token", regex: /\bnpm_[A-Za-z0-9]{36}\b/g },
  { label: "SendGrid key", regex: /\bSG\.[A-Za-z0-9_-]{22}\.[A-Za-z0-9_-]{43}\b/g },
  {
    label: "JSON Web Token",
    regex: /\beyJ[A-Za-z0-9_-]{5,1000}\.eyJ[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]{10,}/g,
  },
  {
    label: "password in URL",
    regex: /\b[a-z][a-z0-9+.-]{0,30}:\/\/[^\s:@/]+:(?<secret>[^\s@/]+)@/dgi,
    // A password already masked (`********`, as the fix writes it) is no secret.
    accept: (secret) => !/^\*+$/.test(secret),
  },
  {
    label: "credential assignment",
    regex: new RegExp(
      `\\b(?:\\w+[_-])?(?:${KEYWORDS})\\b["']?\\s*[:=]\\s*["'\`]?(?<secret>[^\\s"'\`,;(){}\\[\\]<>]+)`,
      "dgi",
    ),
    accept: looksGenerated,
  },
];

/** Every secret in the text, non-overlapping and in order. */
function findSecrets(text: string): Span[] {
  const spans = PATTERNS.flatMap(({ label, regex, accept }) =>
    matchSpans(text, regex, label, "secret").filter(
      (span) => !accept || accept(text.slice(span.start, span.end)),
    ),
  );
  return mergeOverlaps(spans);
}

const SECRET_MASK = "********";

export const detectSecrets: ValidatorDefinition = {
  name: "detect-secrets",
  types: ["string", "pythoncode", "sql"],
  description: "No credentials: API keys, tokens, private keys, passwords in URLs or assignments.",
  docs: {
    check:
      "no AWS, GitHub, GitLab, Slack, Stripe, OpenAI, Anthropic, Google, npm or SendGrid key, JWT, private key block, password in a URL, or high-entropy `password=`/`secret:`/`token:` value",
    fix: "each secret replaced by `********`",
    advice:
      "`fix` keeps the code and removes the credential; `exception` where a leak must stop the pipeline",
  },
  validate: textOnly((text) => {
    const found = findSecrets(text);
    if (found.length === 0) return pass();
    const listed = found.map((span) => `${span.label} on line ${lineOf(text, span.start)}`);
    const count = found.length === 1 ? "a secret" : `${found.length} secrets`;
    return fail(
      `contains ${count}: ${listed.join(", ")}`,
      replaceSpans(text, found, () => SECRET_MASK),
    );
  }),
};
