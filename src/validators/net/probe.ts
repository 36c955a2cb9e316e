import { request as httpRequest, type IncomingMessage } from "node:http";
import { request as httpsRequest } from "node:https";
import { NonPublicAddressError, nonPublicKind, publicOnlyLookup } from "./addresses.js";

/** Redirects followed before giving up; each hop is checked like the first URL. */
export const MAX_REDIRECTS = 5;

const LIFT = " (allow_private=true or allow_hosts lifts this)";

const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);

export interface ProbeOptions {
  signal: AbortSignal;
  /** Lifts the non-public address check for every host. */
  allowPrivate: boolean;
  /** Hosts (as written in URLs, any case) exempt from the non-public address check. */
  allowHosts: readonly string[];
}

/** The final status after redirects, or why a URL on the way may not be requested. */
export type ProbeResult = { status: number } | { refused: string };

/** A host without IPv6 brackets, lower-cased: `[::1]` → `::1`. */
const bare = (host: string): string => host.replace(/^\[(.*)\]$/, "$1").toLowerCase();

const exempt = (url: URL, options: ProbeOptions): boolean =>
  options.allowPrivate || options.allowHosts.some((host) => bare(host) === bare(url.hostname));

/** A non-public IP literal host, as an error; hostnames are checked when they are resolved. */
function literalHostError(url: URL, options: ProbeOptions): NonPublicAddressError | undefined {
  if (exempt(url, options)) return undefined;
  const host = bare(url.hostname);
  const kind = nonPublicKind(host);
  return kind ? new NonPublicAddressError(host, host, kind) : undefined;
}

/** Sends one request; resolves with the response head (the body is discarded). */
function send(url: URL, method: "HEAD" | "GET", options: ProbeOptions): Promise<IncomingMessage> {
  const request = url.protocol === "https:" ? httpsRequest : httpRequest;
  return new Promise((resolve, reject) => {
    const outgoing = request(
      url,
      {
        method,
        signal: options.signal,
        // A fresh connection per request: a pooled socket would skip the address check.
        agent: false,
        ...(exempt(url, options) ? {} : { lookup: publicOnlyLookup }),
      },
      (response) => {
        response.destroy();
        resolve(response);
      },
    );
    outgoing.on("error", reject);
    outgoing.end();
  });
}

/** HEAD first (cheap); servers that refuse HEAD get a GET. */
async function status(url: URL, options: ProbeOptions): Promise<IncomingMessage> {
  const head = await send(url, "HEAD", options);
  if (head.statusCode !== 405 && head.statusCode !== 501) return head;
  return send(url, "GET", options);
}

/**
 * Requests `start` and follows up to `MAX_REDIRECTS` redirects by hand, refusing any hop whose
 * host is or resolves to a non-public address (unless exempt). Connection errors reject.
 */
export async function probe(start: URL, options: ProbeOptions): Promise<ProbeResult> {
  let url = start;
  for (let hop = 0; ; hop++) {
    const refused = (reason: string): ProbeResult => ({
      refused: hop === 0 ? reason : `it redirects to ${url.href}, and ${reason}`,
    });
    if (url.protocol !== "http:" && url.protocol !== "https:") {
      return refused(`scheme "${url.protocol}" is not http or https`);
    }
    let response: IncomingMessage;
    try {
      const literal = literalHostError(url, options);
      if (literal) throw literal;
      response = await status(url, options);
    } catch (error) {
      if (error instanceof NonPublicAddressError) return refused(`${error.message}${LIFT}`);
      throw error;
    }
    const code = response.statusCode ?? 0;
    const location = REDIRECT_STATUSES.has(code) ? response.headers.location : undefined;
    if (!location) return { status: code };
    if (hop === MAX_REDIRECTS) return { refused: `it redirects more than ${MAX_REDIRECTS} times` };
    if (!URL.canParse(location, url.href)) {
      return { refused: `it redirects to ${JSON.stringify(location)}, which is not a URL` };
    }
    url = new URL(location, url);
  }
}
