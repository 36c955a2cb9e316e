import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { isReachable, validEmail, validUrl } from "../../src/validators/url-email.js";
import { checkTable, run, runFailing } from "./run.js";

describe("valid-url", () => {
  checkTable(validUrl, {
    passes: [
      { value: "https://example.com/path?q=1#x" },
      { value: "http://localhost:8080" },
      { value: "ftp://files.example.org/a.txt" },
      { value: "https://user:pw@例え.jp" },
    ],
    fails: [
      {
        value: "example.com",
        message: '"example.com" is not a valid URL: it has no scheme (such as https://)',
      },
      { value: "mailto:bob@example.com", message: /: it has no host$/ },
      { value: "file:///etc/passwd", message: /: it has no host$/ },
      { value: "http://exa mple.com", message: /: it cannot be parsed$/ },
      {
        value: "  https://example.com ",
        message: /: it has no scheme/,
        fix: "https://example.com",
      },
      { value: 7, message: "expected a string, got number 7" },
    ],
  });
});

describe("is-reachable (local server only)", () => {
  let server: Server;
  let base: string;
  let closedPort: number;

  beforeAll(async () => {
    server = createServer((request, response) => {
      if (request.url === "/ok") response.writeHead(200).end("fine");
      else if (request.url === "/head-refused") {
        response.writeHead(request.method === "HEAD" ? 405 : 200).end("body");
      } else if (request.url === "/redirect") response.writeHead(302, { location: "/ok" }).end();
      else if (request.url === "/hang")
        return; // never answers
      else response.writeHead(404).end("missing");
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, "127.0.0.1", resolve));
    closedPort = (closed.address() as AddressInfo).port;
    await new Promise((resolve) => closed.close(resolve));
  });

  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });

  it("passes 2xx answers, following redirects and falling back to GET", async () => {
    for (const path of ["/ok", "/redirect", "/head-refused"]) {
      expect(await run(isReachable, `${base}${path}`)).toEqual({ outcome: "pass" });
    }
  });

  it("reports the status of a non-2xx answer", async () => {
    const verdict = await runFailing(isReachable, `${base}/gone`);
    expect(verdict.message).toBe(`"${base}/gone" is not reachable: it returned HTTP 404`);
    expect(verdict).not.toHaveProperty("fixValue");
  });

  it("reports a connection error", async () => {
    const url = `http://127.0.0.1:${closedPort}/`;
    expect((await runFailing(isReachable, url)).message).toBe(
      `"${url}" is not reachable: could not connect (ECONNREFUSED)`,
    );
  });

  it("gives up after the timeout", async () => {
    const verdict = await runFailing(isReachable, `${base}/hang`, { timeout: 50 });
    expect(verdict.message).toBe(`"${base}/hang" is not reachable: did not respond within 50 ms`);
  });

  it("honours the caller's abort signal", async () => {
    const verdict = await runFailing(
      isReachable,
      `${base}/ok`,
      {},
      { signal: AbortSignal.abort() },
    );
    expect(verdict.message).toBe(`"${base}/ok" is not reachable: the check was cancelled`);
  });

  it("distinguishes a missing scheme from an unsupported one", async () => {
    expect((await runFailing(isReachable, "127.0.0.1/ok")).message).toBe(
      '"127.0.0.1/ok" is not reachable: it has no scheme (such as https://)',
    );
    expect((await runFailing(isReachable, "ftp://127.0.0.1/x")).message).toBe(
      '"ftp://127.0.0.1/x" is not reachable: scheme "ftp:" is not http or https',
    );
  });
});

describe("valid-email", () => {
  checkTable(validEmail, {
    passes: [
      { value: "jane.doe+tag@example.co.uk" },
      { value: "USER@EXAMPLE.COM" },
      { value: '"john smith"@example.org' },
      { value: "x@[192.168.0.1]" },
      { value: "josé@correo.españa.es" },
      { value: "a@xn--bcher-kva.ch" },
    ],
    fails: [
      {
        value: "plainaddress",
        message: '"plainaddress" is not a valid email address: it has no "@"',
      },
      { value: "@example.com", message: /: it has nothing before the "@"$/ },
      { value: "a..b@example.com", message: /: its local part "a..b" is not allowed unquoted$/ },
      { value: "a@example", message: /: its domain "example" is not a valid domain name$/ },
      { value: "a@-bad.com", message: /: its domain "-bad.com" is not a valid domain name$/ },
      {
        value: `${"x".repeat(65)}@example.com`,
        message: /local part has 65 characters, at most 64/,
      },
      {
        value: `a@${`${"b".repeat(60)}.`.repeat(5)}com`,
        message: /: it has 310 characters, at most 254 are allowed$/,
      },
      {
        value: " Jane@Example.COM ",
        message: /local part " Jane" is not allowed/,
        fix: "Jane@example.com",
      },
      {
        value: "mailto:bob@example.com",
        message: /local part "mailto:bob"/,
        fix: "bob@example.com",
      },
      {
        value: "Bob Smith <Bob@Example.com>",
        message: /local part "Bob Smith <Bob"/,
        fix: "Bob@example.com",
      },
      { value: false, message: "expected a string, got boolean false" },
    ],
  });
});
