import { lookup as dnsLookup, type LookupAddress } from "node:dns";
import { BlockList, isIP, type LookupFunction } from "node:net";

// URLs a model writes are untrusted: without this check `is-reachable` would let any model output
// make the host send requests to its own loopback, cloud metadata (169.254.169.254) or LAN.

/** Address ranges a model-written URL may not reach unless the spec opts in, by what they are. */
const NON_PUBLIC: ReadonlyArray<{ what: string; ipv4: string[]; ipv6: string[] }> = [
  { what: "unspecified", ipv4: ["0.0.0.0/8"], ipv6: ["::/128"] },
  { what: "loopback", ipv4: ["127.0.0.0/8"], ipv6: ["::1/128"] },
  {
    what: "private",
    ipv4: ["10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16", "100.64.0.0/10"],
    ipv6: ["fc00::/7", "fec0::/10"],
  },
  { what: "link-local", ipv4: ["169.254.0.0/16"], ipv6: ["fe80::/10"] },
  { what: "multicast", ipv4: ["224.0.0.0/4"], ipv6: ["ff00::/8"] },
  {
    // Also documentation and benchmarking ranges (198.18.0.0/15 is the "fake IP" range of local
    // proxies), IETF protocol assignments and the local-use NAT64 prefix.
    what: "reserved",
    ipv4: [
      "240.0.0.0/4",
      "192.0.0.0/24",
      "192.0.2.0/24",
      "198.18.0.0/15",
      "198.51.100.0/24",
      "203.0.113.0/24",
    ],
    ipv6: ["64:ff9b:1::/48", "100::/64", "2001:db8::/32"],
  },
];

const RANGES = NON_PUBLIC.map(({ what, ipv4, ipv6 }) => {
  const list = new BlockList();
  for (const [family, subnets] of [
    ["ipv4", ipv4],
    ["ipv6", ipv6],
  ] as const) {
    for (const subnet of subnets) {
      const [network, prefix] = subnet.split("/") as [string, string];
      list.addSubnet(network, Number(prefix), family);
    }
  }
  return { what, list };
});

/** The eight 16-bit groups of an IPv6 address (`::` expanded, a dotted IPv4 tail converted). */
function ipv6Groups(address: string): number[] {
  const dotted = /(\d+)\.(\d+)\.(\d+)\.(\d+)$/.exec(address);
  const hex = dotted
    ? address.slice(0, dotted.index) +
      [(Number(dotted[1]) << 8) | Number(dotted[2]), (Number(dotted[3]) << 8) | Number(dotted[4])]
        .map((group) => group.toString(16))
        .join(":")
    : address;
  const [head = "", tail] = hex.split("::");
  const parse = (part: string): number[] =>
    part ? part.split(":").map((g) => parseInt(g, 16)) : [];
  const left = parse(head);
  const right = tail === undefined ? [] : parse(tail);
  return [...left, ...new Array<number>(8 - left.length - right.length).fill(0), ...right];
}

/**
 * The IPv4 address an IPv6 address carries, for the forms that reach it: in the low 32 bits
 * IPv4-mapped (`::ffff:a.b.c.d`), IPv4-translated (`::ffff:0:a.b.c.d`), IPv4-compatible
 * (`::a.b.c.d`) and NAT64 (`64:ff9b::a.b.c.d`); in bits 16–47 6to4 (`2002:aabb:ccdd::`).
 */
function embeddedIpv4(address: string): string | undefined {
  const groups = ipv6Groups(address);
  const high = groups
    .slice(0, 6)
    .map((group) => group.toString(16))
    .join(":");
  const [upper = 0, lower = 0] = groups.slice(6);
  const compatible = high === "0:0:0:0:0:0" && (upper !== 0 || lower > 1); // not :: or ::1
  const lowBits = ["0:0:0:0:0:ffff", "0:0:0:0:ffff:0", "64:ff9b:0:0:0:0"].includes(high);
  if (lowBits || compatible) return dotted(upper, lower);
  if (groups[0] === 0x2002) return dotted(groups[1] ?? 0, groups[2] ?? 0);
  return undefined;
}

const dotted = (upper: number, lower: number): string =>
  [upper >> 8, upper & 255, lower >> 8, lower & 255].join(".");

/**
 * What makes an IP address off-limits ("loopback", "private", "link-local"…), or undefined for a
 * public address. IPv6 forms that carry an IPv4 address are judged by that address.
 */
export function nonPublicKind(written: string): string | undefined {
  const family = isIP(written);
  if (family === 0) return undefined;
  // A zone (`fe80::1%eth0`) says which interface, not which address.
  const [address = written] = written.split("%");
  const embedded = family === 6 ? embeddedIpv4(address) : undefined;
  if (embedded) return nonPublicKind(embedded);
  const type = family === 4 ? "ipv4" : "ipv6";
  return RANGES.find(({ list }) => list.check(address, type))?.what;
}

const withArticle = (word: string): string => `${/^[aeiou]/.test(word) ? "an" : "a"} ${word}`;

/** A connection refused because the host is (or resolves to) a non-public address. */
export class NonPublicAddressError extends Error {
  constructor(
    readonly host: string,
    readonly address: string,
    readonly kind: string,
  ) {
    super(
      host === address
        ? `${address} is ${withArticle(kind)} address`
        : `${host} resolves to ${address}, ${withArticle(kind)} address`,
    );
    this.name = "NonPublicAddressError";
  }
}

/**
 * A `lookup` for `http.request` that refuses hosts resolving to any non-public address. The check
 * runs on the addresses the socket then connects to, so a second resolution cannot swap them.
 */
export const publicOnlyLookup: LookupFunction = (hostname, options, callback) => {
  dnsLookup(hostname, { ...options, all: true }, (error, addresses) => {
    if (error) return callback(error, "");
    for (const { address } of addresses) {
      const kind = nonPublicKind(address);
      if (kind) return callback(new NonPublicAddressError(hostname, address, kind), "");
    }
    if (options.all) return callback(null, addresses);
    // dns.lookup reports ENOTFOUND rather than an empty list, so there is a first address.
    const [first] = addresses as [LookupAddress];
    callback(null, first.address, first.family);
  });
};
