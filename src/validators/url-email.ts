import type { ValidatorDefinition, Verdict } from "../contract/types.js";
import { fail, pass } from "../contract/types.js";
import { durationProblem, timeLimitProblem } from "../durations.js";
import { errorMessage } from "../errors.js";
import { alias, textOnly } from "./common.js";
import { MAX_REDIRECTS, probe } from "./net/probe.js";

/** Parses a URL with a scheme and a host, or says what is missing. Never touches the network. */
function parseUrl(text: string): URL | string {
  if (!/^[a-z][a-z0-9+.-]*:/i.test(text)) return "it has no scheme (such as https://)";
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return "it cannot be parsed";
  }
  return url.host ? url : "it has no host";
}

export const validUrl: ValidatorDefinition = {
  name: "valid-url",
  types: ["string", "url"],
  description: "A well-formed absolute URL with a scheme and a host (no network access).",
  docs: {
    check: "parses as an absolute URL with a scheme and a host; never makes a request",
    fix: "the URL without surrounding whitespace, when that makes it valid; otherwise none",
    advice: "`reask`; use `is-reachable` as well when the link must resolve",
  },
  validate: textOnly((text) => {
    const parsed = parseUrl(text);
    if (typeof parsed !== "string") return pass();
    const trimmed = text.trim();
    const fix = trimmed !== text && typeof parseUrl(trimmed) !== "string" ? trimmed : undefined;
    return fail(`${JSON.stringify(text)} is not a valid URL: ${parsed}`, fix);
  }),
};

type ReachableArgs = { timeout: number; allow_private: boolean; allow_hosts?: unknown[] | null };

/** Why a request failed, in words: timeout, cancellation, or the socket-level cause. */
function connectionFailure(error: unknown, timeout: AbortSignal, timeoutMs: number): string {
  if (timeout.aborted) return `did not respond within ${timeoutMs} ms`;
  if (error instanceof Error && error.name === "AbortError") return "the check was cancelled";
  const { code, cause } = (error ?? {}) as { code?: unknown; cause?: { code?: unknown } };
  const reason = code ?? cause?.code ?? errorMessage(error);
  return `could not connect (${String(reason)})`;
}

export const isReachable: ValidatorDefinition<ReachableArgs> = {
  name: "is-reachable",
  types: ["string", "url"],
  args: [
    {
      name: "timeout",
      type: "integer",
      optional: true,
      default: 5000,
      description: "Milliseconds to wait for the whole check, redirects included.",
      check: timeLimitProblem,
    },
    {
      name: "allow_private",
      type: "boolean",
      optional: true,
      default: false,
      description:
        "Also request loopback, private, link-local and other non-public addresses (refused by default).",
    },
    {
      name: "allow_hosts",
      type: "list",
      optional: true,
      description: "Host names or addresses exempt from the non-public address check.",
    },
  ],
  description: "An http(s) URL that answers with a 2xx status (opt-in network access).",
  docs: {
    check: `an HTTP HEAD (GET when HEAD is refused) returns 2xx within \`timeout\` ms (default 5000), following up to ${MAX_REDIRECTS} redirects; hosts that are or resolve to loopback, private, link-local, unspecified, multicast or reserved addresses (IPv4-mapped forms included) are refused at every hop unless \`allow_private=true\` or listed in \`allow_hosts\`; distinct messages for no scheme, non-http scheme, refused host, connection failure, timeout and status`,
    fix: "none",
    advice:
      "`reask` or `filter` (drop dead links from a list); network access makes it opt-in; keep the address check on, since the URL comes from the model",
  },
  validate: textOnly(async (text, { args, signal }): Promise<Verdict> => {
    // Past Node's timer range the check would give up after 1 ms.
    const problem = durationProblem("timeout", args.timeout);
    if (problem) return fail(`is-reachable: ${problem}`);
    const unreachable = (reason: string): Verdict =>
      fail(`${JSON.stringify(text)} is not reachable: ${reason}`);
    const parsed = parseUrl(text);
    if (typeof parsed === "string") return unreachable(parsed);
    const timeout = AbortSignal.timeout(args.timeout);
    try {
      const result = await probe(parsed, {
        signal: signal ? AbortSignal.any([signal, timeout]) : timeout,
        allowPrivate: args.allow_private,
        allowHosts: (args.allow_hosts ?? []).map(String),
      });
      if ("refused" in result) return unreachable(result.refused);
      if (result.status >= 200 && result.status < 300) return pass();
      return unreachable(`it returned HTTP ${result.status}`);
    } catch (error) {
      return unreachable(connectionFailure(error, timeout, args.timeout));
    }
  }),
};

const ATOM = "[\\p{L}\\p{N}!#$%&'*+/=?^_`{|}~-]+";
const LOCAL_PART = new RegExp(`^(?:${ATOM}(?:\\.${ATOM})*|"(?:[^"\\\\\\r\\n]|\\\\.)*")$`, "u");
const LABEL = "[\\p{L}\\p{N}](?:[\\p{L}\\p{N}-]{0,61}[\\p{L}\\p{N}])?";
const DOMAIN = new RegExp(
  `^(?:(?:${LABEL}\\.)+(?:\\p{L}{2,63}|xn--[a-z0-9-]{1,59})|\\[\\d{1,3}(?:\\.\\d{1,3}){3}\\])$`,
  "iu",
);

/** What makes an address invalid (RFC 5322 dot-atom or quoted local part, DNS domain), if anything. */
function emailProblem(address: string): string | undefined {
  const at = address.lastIndexOf("@");
  if (at < 0) return 'it has no "@"';
  const local = address.slice(0, at);
  const domain = address.slice(at + 1);
  if (!local) return 'it has nothing before the "@"';
  if (local.length > 64)
    return `its local part has ${local.length} characters, at most 64 are allowed`;
  if (!LOCAL_PART.test(local))
    return `its local part ${JSON.stringify(local)} is not allowed unquoted`;
  if (!DOMAIN.test(domain))
    return `its domain ${JSON.stringify(domain)} is not a valid domain name`;
  if (address.length > 254) return `it has ${address.length} characters, at most 254 are allowed`;
  return undefined;
}

/** The address a model most likely meant: trimmed, without `mailto:` or `Name <…>`, domain lower-cased. */
function normaliseEmail(text: string): string {
  const bracketed = /<([^<>]+)>\s*$/.exec(text);
  const address = (bracketed ? (bracketed[1] as string) : text).trim().replace(/^mailto:/i, "");
  const at = address.lastIndexOf("@");
  return at < 0 ? address : address.slice(0, at + 1) + address.slice(at + 1).toLowerCase();
}

export const validEmail: ValidatorDefinition = {
  name: "valid-email",
  types: ["string", "email"],
  description: "A syntactically valid email address.",
  docs: {
    check:
      "RFC 5322-style address: dot-atom or quoted local part (≤ 64 chars), DNS domain with a TLD or an IP literal, ≤ 254 chars",
    fix: "the address trimmed, without `mailto:` or a `Name <…>` wrapper, domain lower-cased, when that makes it valid",
    advice: "`fix` repairs formatting only; `reask` for anything else",
  },
  validate: textOnly((text) => {
    const problem = emailProblem(text);
    if (!problem) return pass();
    const normalised = normaliseEmail(text);
    const fix = emailProblem(normalised) ? undefined : normalised;
    return fail(`${JSON.stringify(text)} is not a valid email address: ${problem}`, fix);
  }),
};

export const urlEmailValidators: ValidatorDefinition[] = [
  validUrl,
  isReachable,
  validEmail,
  alias(validUrl, "valid_url"),
  alias(isReachable, "endpoint_is_reachable"),
];
