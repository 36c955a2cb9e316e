import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { MAX_REDIRECTS } from "../../src/validators/net/probe.js";
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
  let port: number;
  let closedPort: number;
  const local = { allow_private: true };
  const redirects: Record<string, string> = {
    "/redirect": "/ok",
    "/loop": "/loop",
    "/to-localhost": "http://localhost:{port}/ok",
    "/to-metadata": "http://169.254.169.254/latest/meta-data/",
    "/to-mapped": "http://[::ffff:127.0.0.1]:{port}/ok",
    "/to-ftp": "ftp://files.example.org/",
    "/to-nowhere": "http://[",
  };

  beforeAll(async () => {
    server = createServer((request, response) => {
      const target = redirects[request.url ?? ""];
      if (target) {
        response.writeHead(302, { location: target.replace("{port}", String(port)) }).end();
      } else if (request.url === "/ok") response.writeHead(200).end("fine");
      else if (request.url === "/head-refused") {
        response.writeHead(request.method === "HEAD" ? 405 : 200).end("body");
      } else if (request.url === "/hang")
        return; // never answers
      else response.writeHead(404).end("missing");
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    port = (server.address() as AddressInfo).port;
    base = `http://127.0.0.1:${port}`;
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
      expect(await run(isReachable, `${base}${path}`, local)).toEqual({ outcome: "pass" });
    }
  });

  it("reports the status of a non-2xx answer", async () => {
    const verdict = await runFailing(isReachable, `${base}/gone`, local);
    expect(verdict.message).toBe(`"${base}/gone" is not reachable: it returned HTTP 404`);
    expect(verdict).not.toHaveProperty("fixValue");
  });

  it("reports a connection error", async () => {
    const url = `http://127.0.0.1:${closedPort}/`;
    expect((await runFailing(isReachable, url, local)).message).toBe(
      `"${url}" is not reachable: could not connect (ECONNREFUSED)`,
    );
  });

  it("refuses a timeout past Node's timer range, which would give up after 1 ms", async () => {
    const verdict = await runFailing(isReachable, `${base}/ok`, { ...local, timeout: 2 ** 31 });
    expect(verdict.message).toBe(
      "is-reachable: timeout must be at most 2147483647 ms (Node's timer limit, about 24.8 days), got 2147483648.",
    );
  });

  it("gives up after the timeout", async () => {
    const verdict = await runFailing(isReachable, `${base}/hang`, { ...local, timeout: 50 });
    expect(verdict.message).toBe(`"${base}/hang" is not reachable: did not respond within 50 ms`);
  });

  it("honours the caller's abort signal", async () => {
    const verdict = await runFailing(isReachable, `${base}/ok`, local, {
      signal: AbortSignal.abort(),
    });
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

  const LIFT = "(allow_private=true or allow_hosts lifts this)";

  // Refused before any connection is made: none of these addresses is ever contacted.
  it.each([
    ["http://127.0.0.1/", "127.0.0.1 is a loopback address"],
    ["http://2130706433/", "127.0.0.1 is a loopback address"],
    ["http://[::1]/", "::1 is a loopback address"],
    ["http://10.1.2.3/", "10.1.2.3 is a private address"],
    ["http://172.16.5.4/", "172.16.5.4 is a private address"],
    ["http://192.168.1.1/", "192.168.1.1 is a private address"],
    ["http://[fd00::1]/", "fd00::1 is a private address"],
    ["http://169.254.169.254/latest/meta-data/", "169.254.169.254 is a link-local address"],
    ["http://[fe80::1]/", "fe80::1 is a link-local address"],
    ["http://0.0.0.0/", "0.0.0.0 is an unspecified address"],
    ["http://[::]/", ":: is an unspecified address"],
    ["http://224.0.0.1/", "224.0.0.1 is a multicast address"],
    ["http://[ff02::1]/", "ff02::1 is a multicast address"],
    ["http://[::ffff:127.0.0.1]/", "::ffff:7f00:1 is a loopback address"],
    ["http://[::ffff:a9fe:a9fe]/", "::ffff:a9fe:a9fe is a link-local address"],
    ["https://[::ffff:192.168.0.1]/", "::ffff:c0a8:1 is a private address"],
  ])("refuses %s by default", async (url, reason) => {
    expect((await runFailing(isReachable, url)).message).toBe(
      `"${url}" is not reachable: ${reason} ${LIFT}`,
    );
  });

  it("refuses a host name that resolves to a non-public address", async () => {
    const url = `http://localhost:${port}/ok`;
    expect((await runFailing(isReachable, url)).message).toMatch(
      /^"http:\/\/localhost:\d+\/ok" is not reachable: localhost resolves to (127\.0\.0\.1|::1), a loopback address \(allow_private=true or allow_hosts lifts this\)$/,
    );
  });

  it("lets allow_hosts exempt one host, and only that one", async () => {
    const exempt = { allow_hosts: ["127.0.0.1"] };
    expect(await run(isReachable, `${base}/redirect`, exempt)).toEqual({ outcome: "pass" });
    expect((await runFailing(isReachable, "http://127.0.0.2/", exempt)).message).toBe(
      `"http://127.0.0.2/" is not reachable: 127.0.0.2 is a loopback address ${LIFT}`,
    );
    // Listed with or without brackets, an IPv6 host is exempt: the check is lifted, and the
    // connection is attempted (nothing listens there).
    const ipv6 = `http://[::1]:${closedPort}/`;
    for (const host of ["::1", "[::1]"]) {
      expect((await runFailing(isReachable, ipv6, { allow_hosts: [host] })).message).toMatch(
        /is not reachable: could not connect \(E[A-Z]+\)$/,
      );
    }
  });

  it("checks every redirect hop: a redirect into a non-public host is refused", async () => {
    const exempt = { allow_hosts: ["127.0.0.1"] };
    const refusal = async (path: string) =>
      (await runFailing(isReachable, `${base}${path}`, exempt)).message;
    expect(await refusal("/to-metadata")).toBe(
      `"${base}/to-metadata" is not reachable: it redirects to http://169.254.169.254/latest/meta-data/, and 169.254.169.254 is a link-local address ${LIFT}`,
    );
    expect(await refusal("/to-mapped")).toBe(
      `"${base}/to-mapped" is not reachable: it redirects to http://[::ffff:7f00:1]:${port}/ok, and ::ffff:7f00:1 is a loopback address ${LIFT}`,
    );
    expect(await refusal("/to-localhost")).toMatch(
      /: it redirects to http:\/\/localhost:\d+\/ok, and localhost resolves to (127\.0\.0\.1|::1), a loopback address/,
    );
    expect(await refusal("/to-ftp")).toBe(
      `"${base}/to-ftp" is not reachable: it redirects to ftp://files.example.org/, and scheme "ftp:" is not http or https`,
    );
  });

  it("stops at a redirect loop and at a Location that is not a URL", async () => {
    expect((await runFailing(isReachable, `${base}/loop`, local)).message).toBe(
      `"${base}/loop" is not reachable: it redirects more than ${MAX_REDIRECTS} times`,
    );
    expect((await runFailing(isReachable, `${base}/to-nowhere`, local)).message).toBe(
      `"${base}/to-nowhere" is not reachable: it redirects to "http://[", which is not a URL`,
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
