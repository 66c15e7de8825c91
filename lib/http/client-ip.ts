import ipaddr from "ipaddr.js";

/** The proxies allowed to say who the client is: address ranges (a single address is a /32 or /128). */
export type TrustedProxies = readonly (readonly [ipaddr.IPv4 | ipaddr.IPv6, number])[];

/**
 * One address in canonical form, or null for anything that is not plainly an
 * IP address (ports, names, hex or shortened IPv4 forms, markup). IPv4-mapped
 * IPv6 (`::ffff:192.0.2.1`, what a dual-stack socket reports) becomes the IPv4
 * address, so one client is one key whichever way it arrived.
 */
export function normaliseIp(text: string | null | undefined): string | null {
  const candidate = text?.trim() ?? "";
  // No address is longer than an IPv4-mapped IPv6 one: longer text is not worth parsing or remembering.
  if (candidate.length > MAX_ADDRESS_LENGTH) return null;
  const known = normalised.get(candidate);
  if (known !== undefined) return known;
  const address = ipaddr.IPv4.isValidFourPartDecimal(candidate) || ipaddr.IPv6.isValid(candidate) ? ipaddr.process(candidate).toString() : null;
  if (normalised.size >= NORMALISED_CACHE_SIZE) normalised.clear();
  normalised.set(candidate, address);
  return address;
}

/**
 * Parsing an address costs more than the rest of a platform API request's
 * bookkeeping, and the same few peers (a proxy, a client's keep-alive
 * connections) come back on every request: answers are remembered, up to a
 * bound, after which the memory starts afresh.
 */
const NORMALISED_CACHE_SIZE = 4_096;
const MAX_ADDRESS_LENGTH = 45;
const normalised = new Map<string, string | null>();

/**
 * Parses TRUSTED_PROXIES: comma-separated addresses or CIDR ranges, e.g.
 * `127.0.0.1,10.0.0.0/8,fd00::/8`. Empty or unset trusts no one. Throws with
 * the offending entry, for the start-up check.
 */
export function parseTrustedProxies(value: string | undefined): TrustedProxies {
  return (value ?? "")
    .split(",")
    .map((entry) => entry.trim())
    .filter(Boolean)
    .map((entry) => {
      if (entry.includes("/")) {
        if (!ipaddr.isValidCIDR(entry)) throw new Error(`"${entry}" is not an address or CIDR range`);
        const [address, bits] = ipaddr.parseCIDR(entry);
        return [address, bits] as const;
      }
      const address = normaliseIp(entry);
      if (!address) throw new Error(`"${entry}" is not an address or CIDR range`);
      const parsed = ipaddr.parse(address);
      return [parsed, parsed.kind() === "ipv4" ? 32 : 128] as const;
    });
}

function isTrusted(address: string, trusted: TrustedProxies): boolean {
  const parsed = ipaddr.parse(address);
  return trusted.some(([range, bits]) => range.kind() === parsed.kind() && parsed.match(range, bits));
}

/** Whether the socket peer is one of the trusted proxies, whose X-Forwarded-* headers may then be believed. */
export function isTrustedProxy(peer: string | null, trusted: TrustedProxies): boolean {
  const address = normaliseIp(peer);
  return address !== null && isTrusted(address, trusted);
}

/**
 * Who the client is. `peer` is the address at the other end of our TCP
 * connection: the one fact a client cannot choose. If that peer is a trusted
 * proxy, its X-Forwarded-For is believed, but only as far as the chain of
 * trusted proxies goes: walking the header from the right (each proxy appends
 * the address it saw), the first address that is not a trusted proxy is the
 * client. Everything left of it was written by the client and is ignored, so
 * prepending fake addresses changes nothing. An entry that is not an address
 * stops the walk at the last proxy that could be read. Without a peer, null.
 */
export function clientIp(input: { forwardedFor: string | null; peer: string | null; trusted: TrustedProxies }): string | null {
  let client = normaliseIp(input.peer);
  if (!client || input.trusted.length === 0) return client;
  const hops = (input.forwardedFor ?? "").split(",").reverse();
  for (const hop of hops) {
    if (!isTrusted(client, input.trusted)) return client;
    const previous = normaliseIp(hop);
    if (!previous) return client;
    client = previous;
  }
  return client;
}
