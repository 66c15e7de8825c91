// The one HTTP client for webhook deliveries, SSRF-filtered: a tenant chooses
// the URL, so without the filter the portal would fetch its own network for them.
//
// How the address rule is enforced, for every connection, at connect time:
//   - undici's `request()` with our own `Agent`, whose connector is undici's
//     `buildConnector` wrapped by `filteringConnector` below:
//       1. an IP-literal host is checked before any socket exists (Node's
//          net.connect skips `lookup` for literals);
//       2. a DNS name is resolved by our `lookup` (handed to net/tls.connect),
//          which refuses the whole name when any of its addresses is forbidden,
//          so the socket can only ever dial an address that was just checked:
//          a rebinding DNS answer is checked by the lookup that is used to
//          connect, not by an earlier one;
//       3. once connected, the socket's remote address is checked again
//          (belt and braces; it is never reached when 1 and 2 hold).
//   - The agent never follows redirects (undici's `request()` does not; no
//     redirect interceptor is installed) and ignores HTTP(S)_PROXY variables.
//   - `allowPrivate` (WEBHOOK_ALLOW_PRIVATE_TARGETS) uses the same connector
//     with the checks switched off, so the lookup wiring runs in both modes.
//
// Nothing here logs: request headers and bodies carry signatures.

import { lookup as dnsLookup } from "node:dns/promises";
import type { LookupAddress, LookupOptions } from "node:dns";
import { isIP, type LookupFunction } from "node:net";
import type { Readable } from "node:stream";
import ipaddr from "ipaddr.js";
import { Agent, buildConnector, request } from "undici";

export type OutboundResult =
  | { kind: "response"; statusCode: number; headers: Record<string, string>; body: string; bodyTruncated: boolean; durationMs: number }
  | { kind: "timeout"; durationMs: number; error: string }
  | { kind: "unreachable"; durationMs: number; error: string } // refused, reset, DNS failure, TLS failure
  | { kind: "forbidden"; durationMs: number; error: string }; // the target resolved to a forbidden address

/** One resolved address, as `dns.lookup(name, { all: true })` returns it. */
export type ResolvedAddress = { address: string; family: number };
/**
 * Resolves a host name to all of its addresses. The default is the system
 * resolver (`dns.lookup`, like every other Node client); tests inject their own.
 */
export type HostResolver = (hostname: string) => Promise<ResolvedAddress[]>;

export type OutboundRequest = {
  url: string;
  headers: Record<string, string>;
  body: string; // sent as POST, content-type application/json unless headers say otherwise
  allowPrivate: boolean; // WEBHOOK_ALLOW_PRIVATE_TARGETS: lifts the HTTPS and address rules (dev/tests only)
  timeoutMs?: number; // default 10_000, covering connect + headers + body
  maxResponseBytes?: number; // default 64 * 1024: read at most this much of the response body, then stop
  /** Tests only: replaces the system resolver used at connect time. */
  resolver?: HostResolver;
};

export type UrlRuleViolation = {
  code: "webhook_url_invalid" | "webhook_url_not_https" | "webhook_url_forbidden";
  message: string;
};

export const DEFAULT_TIMEOUT_MS = 10_000;
export const DEFAULT_MAX_RESPONSE_BYTES = 64 * 1024;
export const MAX_WEBHOOK_URL_LENGTH = 2048;
/** How long `checkWebhookUrl` waits for DNS before calling the host unresolvable. */
const URL_CHECK_DNS_TIMEOUT_MS = 5_000;

// ---------------------------------------------------------------------------
// Address classification

type IPv4 = ipaddr.IPv4;
type IPv6 = ipaddr.IPv6;

const GLOBAL_UNICAST_V6 = ipaddr.IPv6.parse("2000::"); // 2000::/3, everything else IANA keeps
const NAT64_WELL_KNOWN = ipaddr.IPv6.parse("64:ff9b::"); // 64:ff9b::/96 (64:ff9b:1::/48 is local-use)

/** Parses any spelling that resolvers accept (2130706433, 0x7f.1, 0177.0.0.1, [::1], fe80::1%eth0). */
function parseAddress(input: string): IPv4 | IPv6 | null {
  const text = input.startsWith("[") && input.endsWith("]") ? input.slice(1, -1) : input;
  // ipaddr's IPv4 parser is deliberately lenient: one to four parts, each
  // decimal, octal (leading 0) or hex (0x), exactly like inet_aton().
  if (ipaddr.IPv4.isValid(text)) return ipaddr.IPv4.parse(text);
  if (ipaddr.IPv6.isValid(text)) return ipaddr.IPv6.parse(text);
  return null;
}

function ipv4FromHextets(high: number, low: number): IPv4 {
  return new ipaddr.IPv4([(high >> 8) & 0xff, high & 0xff, (low >> 8) & 0xff, low & 0xff]);
}

function isForbiddenIPv4(address: IPv4): boolean {
  // ipaddr's ranges: unspecified 0/8, broadcast, multicast 224/4, linkLocal
  // 169.254/16 (metadata), loopback 127/8, carrierGradeNat 100.64/10, private
  // (RFC 1918), reserved (192.0.0/24, TEST-NETs, 192.88.99/24, 198.18/15
  // benchmarking, 240/4), as112, amt. Only plain "unicast" may be reached.
  return address.range() !== "unicast";
}

function isForbiddenIPv6(address: IPv6): boolean {
  const parts = address.parts;
  // The d.ts lists fewer range names than the library returns: compare as strings.
  const range: string = address.range();
  switch (range) {
    case "ipv4Mapped": // ::ffff:a.b.c.d
    case "rfc6145": // ::ffff:0:a.b.c.d
      // Refused outright: a public service has a real IPv4 or IPv6
      // address, and mapped forms are how filters get bypassed.
      return true;
    case "rfc6052": // NAT64: only the well-known /96 carries the IPv4 in its last 32 bits
      return address.match(NAT64_WELL_KNOWN, 96) ? isForbiddenIPv4(ipv4FromHextets(parts[6], parts[7])) : true;
    case "6to4": // 2002:AABB:CCDD::/48
      return isForbiddenIPv4(ipv4FromHextets(parts[1], parts[2]));
    case "teredo": {
      // 2001:0:SSSS:SSSS:flags:port:CCCC:CCCC, client address stored inverted.
      const server = ipv4FromHextets(parts[2], parts[3]);
      const client = ipv4FromHextets(~parts[6] & 0xffff, ~parts[7] & 0xffff);
      return isForbiddenIPv4(server) || isForbiddenIPv4(client);
    }
    case "unicast":
      // ipaddr calls anything it has no name for "unicast" (e.g. the
      // deprecated IPv4-compatible ::7f00:1, or unallocated 4000::1); only
      // global unicast space is acceptable.
      return !address.match(GLOBAL_UNICAST_V6, 3);
    default:
      // unspecified, loopback, linkLocal, multicast, uniqueLocal, site-local,
      // discard, benchmarking, documentation, orchid, amt, as112, reserved…
      return true;
  }
}

/**
 * true for every address a webhook must never reach: loopback, private,
 * link-local (incl. 169.254.169.254), CGNAT, multicast, unspecified,
 * broadcast, reserved/benchmarking/documentation ranges, IPv6 unique-local,
 * and IPv4-mapped / NAT64 / 6to4 / Teredo forms whose embedded IPv4 is one of
 * those. Odd IPv4 spellings count as what they mean. Anything that is not an
 * IP address (a host name, garbage) is also `true`: fail closed.
 */
export function isForbiddenAddress(address: string): boolean {
  const parsed = parseAddress(address);
  if (parsed === null) return true;
  return parsed.kind() === "ipv4" ? isForbiddenIPv4(parsed as IPv4) : isForbiddenIPv6(parsed as IPv6);
}

// ---------------------------------------------------------------------------
// Resolution, checked

const FORBIDDEN_CODE = "ERR_WEBHOOK_FORBIDDEN_ADDRESS";

class ForbiddenAddressError extends Error {
  readonly code = FORBIDDEN_CODE;
  constructor(host: string) {
    // The address itself is left out: it may describe the internal network.
    super(`${host} is or resolves to a forbidden (non-public) address`);
    this.name = "ForbiddenAddressError";
  }
}

function dnsError(code: string, hostname: string): NodeJS.ErrnoException {
  const error: NodeJS.ErrnoException = new Error(`getaddrinfo ${code} ${hostname}`);
  error.code = code;
  return error;
}

const systemResolver: HostResolver = (hostname) => dnsLookup(hostname, { all: true, order: "verbatim" });

/** All addresses of `hostname`; rejects with ForbiddenAddressError if any of them is forbidden. */
async function resolveChecked(hostname: string, resolver: HostResolver, allowPrivate: boolean): Promise<ResolvedAddress[]> {
  const literal = parseAddress(hostname);
  const addresses: ResolvedAddress[] = literal
    ? [{ address: literal.toString(), family: literal.kind() === "ipv4" ? 4 : 6 }]
    : await resolver(hostname);
  if (addresses.length === 0) throw dnsError("ENOTFOUND", hostname);
  if (!allowPrivate && addresses.some((entry) => isForbiddenAddress(entry.address))) {
    throw new ForbiddenAddressError(hostname);
  }
  return addresses;
}

function requestedFamily(options: LookupOptions): 4 | 6 | null {
  const family: unknown = options.family;
  if (family === 4 || family === "IPv4") return 4;
  if (family === 6 || family === "IPv6") return 6;
  return null;
}

/** A `lookup` for net/tls.connect: resolves, checks every address, then hands over only checked ones. */
function checkedLookup(resolver: HostResolver, allowPrivate: boolean): LookupFunction {
  return (hostname, options, callback) => {
    resolveChecked(hostname, resolver, allowPrivate).then(
      (all) => {
        const family = requestedFamily(options);
        const addresses: LookupAddress[] = all
          .filter((entry) => family === null || entry.family === family)
          .map((entry) => ({ address: entry.address, family: entry.family }));
        if (addresses.length === 0) {
          callback(dnsError("ENOTFOUND", hostname), "");
        } else if (options.all) {
          callback(null, addresses);
        } else {
          callback(null, addresses[0].address, addresses[0].family);
        }
      },
      (error: unknown) => callback(error instanceof Error ? error : new Error(String(error)), ""),
    );
  };
}

function stripBrackets(host: string): string {
  return host.startsWith("[") && host.endsWith("]") ? host.slice(1, -1) : host;
}

function filteringConnector(resolver: HostResolver, allowPrivate: boolean): buildConnector.connector {
  const connect = buildConnector({ timeout: DEFAULT_TIMEOUT_MS, lookup: checkedLookup(resolver, allowPrivate) });
  return (options, callback) => {
    const host = stripBrackets(options.hostname);
    if (!allowPrivate && (isIP(host) !== 0 || ipaddr.isValid(host)) && isForbiddenAddress(host)) {
      // An IP literal: net.connect would skip `lookup`, so refuse before any socket exists.
      process.nextTick(callback, new ForbiddenAddressError(host), null);
      return;
    }
    connect(options, (error, socket) => {
      if (error || !socket) {
        callback(error ?? new Error("connection failed"), null);
        return;
      }
      if (!allowPrivate) {
        const remote = socket.remoteAddress;
        if (remote === undefined || isForbiddenAddress(remote)) {
          socket.destroy();
          // No address means the peer already hung up: a plain failure, not a forbidden target.
          const error =
            remote === undefined
              ? new Error("connection closed before its address could be checked")
              : new ForbiddenAddressError(host);
          callback(error, null);
          return;
        }
      }
      callback(null, socket);
    });
  };
}

function createAgent(resolver: HostResolver, allowPrivate: boolean): Agent {
  return new Agent({ connect: filteringConnector(resolver, allowPrivate) });
}

// Long-lived agents (keep-alive pools) for the system resolver, one per mode.
const sharedAgents = new Map<boolean, Agent>();

function sharedAgent(allowPrivate: boolean): Agent {
  let agent = sharedAgents.get(allowPrivate);
  if (!agent) {
    agent = createAgent(systemResolver, allowPrivate);
    sharedAgents.set(allowPrivate, agent);
  }
  return agent;
}

// ---------------------------------------------------------------------------
// URL rules

type ParsedUrl = { ok: true; url: URL } | { ok: false; violation: UrlRuleViolation };

function invalid(message: string): ParsedUrl {
  return { ok: false, violation: { code: "webhook_url_invalid", message } };
}

const FORBIDDEN_MESSAGE =
  "The webhook URL's host is not allowed: it is, or resolves to, a loopback, private, link-local or otherwise non-public address.";

/** The rules that need no DNS: length, syntax, scheme, credentials. */
function parseWebhookUrl(raw: string, allowPrivate: boolean): ParsedUrl {
  if (raw.length > MAX_WEBHOOK_URL_LENGTH) {
    return invalid(`The webhook URL must be at most ${MAX_WEBHOOK_URL_LENGTH} characters.`);
  }
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return invalid("The webhook URL is not a valid URL.");
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") {
    return invalid("The webhook URL must be an http(s) URL.");
  }
  if (url.username !== "" || url.password !== "") {
    return invalid("The webhook URL must not contain a user name or password.");
  }
  if (url.hostname === "") return invalid("The webhook URL has no host.");
  if (url.protocol !== "https:" && !allowPrivate) {
    return { ok: false, violation: { code: "webhook_url_not_https", message: "The webhook URL must use https://." } };
  }
  return { ok: true, url };
}

function withTimeout<T>(promise: Promise<T>, ms: number, onTimeout: () => Error): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(onTimeout()), ms);
    promise.then(
      (value) => {
        clearTimeout(timer);
        resolve(value);
      },
      (error: unknown) => {
        clearTimeout(timer);
        reject(error);
      },
    );
  });
}

/**
 * Checks a URL a tenant wants to configure: parseable http(s) URL, https://
 * (unless allowPrivate), at most 2048 characters, no user:password part, and
 * (unless allowPrivate) its host — an IP literal, or a DNS name resolved with
 * all its addresses — only public addresses. null when acceptable.
 *
 * This is the configuration-time check; `sendWebhookRequest` checks again at
 * connect time, so a name that changes its answers later is still refused.
 */
export async function checkWebhookUrl(
  url: string,
  options: { allowPrivate: boolean; /** Tests only. */ resolver?: HostResolver },
): Promise<UrlRuleViolation | null> {
  const parsed = parseWebhookUrl(url, options.allowPrivate);
  if (!parsed.ok) return parsed.violation;
  if (options.allowPrivate) return null;

  const host = stripBrackets(parsed.url.hostname);
  try {
    await withTimeout(
      resolveChecked(host, options.resolver ?? systemResolver, false),
      URL_CHECK_DNS_TIMEOUT_MS,
      () => dnsError("ETIMEOUT", host),
    );
    return null;
  } catch (error) {
    if (error instanceof ForbiddenAddressError) return { code: "webhook_url_forbidden", message: FORBIDDEN_MESSAGE };
    return { code: "webhook_url_invalid", message: "The webhook URL's host name could not be resolved." };
  }
}

// ---------------------------------------------------------------------------
// Sending

async function readCapped(stream: Readable, maxBytes: number): Promise<{ body: string; truncated: boolean }> {
  const chunks: Buffer[] = [];
  let total = 0;
  let truncated = false;
  for await (const chunk of stream) {
    const buffer = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk as Uint8Array);
    if (total + buffer.length > maxBytes) {
      chunks.push(buffer.subarray(0, maxBytes - total));
      total = maxBytes;
      truncated = true;
      break;
    }
    chunks.push(buffer);
    total += buffer.length;
  }
  // Leaving the loop early already destroys the stream; make it explicit: the
  // rest of the body is never read, and the connection is closed, not reused.
  if (truncated && !stream.destroyed) stream.destroy();
  return { body: Buffer.concat(chunks, total).toString("utf8"), truncated };
}

function flattenHeaders(headers: Record<string, string | string[] | undefined>): Record<string, string> {
  const flat: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value === undefined) continue;
    flat[name] = Array.isArray(value) ? value.join(", ") : value;
  }
  return flat;
}

function withContentType(headers: Record<string, string>): Record<string, string> {
  const hasContentType = Object.keys(headers).some((name) => name.toLowerCase() === "content-type");
  return hasContentType ? { ...headers } : { ...headers, "content-type": "application/json" };
}

function errorCode(error: unknown): string | undefined {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === "string" ? code : undefined;
}

function innerErrors(error: unknown): unknown[] {
  return error instanceof AggregateError ? error.errors : [];
}

/** The ForbiddenAddressError behind `error` (itself, or one of an AggregateError's), if any. */
function forbiddenCause(error: unknown): Error | undefined {
  return [error, ...innerErrors(error)].find(
    (candidate): candidate is Error => candidate instanceof Error && errorCode(candidate) === FORBIDDEN_CODE,
  );
}

const TIMEOUT_CODES = new Set(["UND_ERR_CONNECT_TIMEOUT", "UND_ERR_HEADERS_TIMEOUT", "UND_ERR_BODY_TIMEOUT", "ETIMEDOUT"]);

const LABELS: Record<string, string> = {
  ECONNREFUSED: "connection refused",
  ECONNRESET: "connection reset",
  EPIPE: "connection closed",
  UND_ERR_SOCKET: "connection closed by the server",
  ENOTFOUND: "DNS lookup failed: host not found",
  EAI_AGAIN: "DNS lookup failed (temporary)",
  ENETUNREACH: "network unreachable",
  EHOSTUNREACH: "host unreachable",
};

function isTlsError(code: string | undefined, message: string): boolean {
  if (code === undefined) return /\b(ssl|tls|certificate)\b/i.test(message);
  return (
    code.startsWith("ERR_TLS_") ||
    code.startsWith("ERR_SSL_") ||
    code.includes("CERT") ||
    code === "EPROTO" ||
    code === "DEPTH_ZERO_SELF_SIGNED_CERT" ||
    code === "UNABLE_TO_VERIFY_LEAF_SIGNATURE"
  );
}

/** A one-line description: a label, the code, the first line of the message. No stack, no request data. */
function describe(error: unknown): string {
  const first = innerErrors(error)[0];
  const code = errorCode(error) ?? errorCode(first);
  let message = error instanceof Error ? error.message : String(error);
  if (message === "" && first instanceof Error) message = first.message;
  message = message.split("\n")[0].trim();
  // OpenSSL's own text ("80EC…:error:0A00010B:SSL routines:…:ssl3_record.c:350:") says no more than its code.
  if (/^[0-9A-F]+:error:/.test(message)) message = "";
  const label = (code && LABELS[code]) ?? (isTlsError(code, message) ? "TLS error" : undefined);
  const detail = code && !message.includes(code) ? [code, message].filter(Boolean).join(": ") : message;
  const parts = [label, detail].filter(Boolean);
  const text = parts.join(" — ") || "request failed";
  return text.length > 200 ? `${text.slice(0, 197)}...` : text;
}

/**
 * Sends one webhook: POST `body` to `url` with `headers`, through the
 * address-filtering agent. Never throws for network outcomes (a malformed
 * request, e.g. an invalid header name, is a caller bug and does throw).
 * A URL that breaks the HTTPS / credentials rules is `forbidden` before any
 * connection is made.
 */
export async function sendWebhookRequest(req: OutboundRequest): Promise<OutboundResult> {
  const started = performance.now();
  const elapsed = () => Math.round(performance.now() - started);
  const timeoutMs = req.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const maxBytes = req.maxResponseBytes ?? DEFAULT_MAX_RESPONSE_BYTES;

  const parsed = parseWebhookUrl(req.url, req.allowPrivate);
  if (!parsed.ok) return { kind: "forbidden", durationMs: elapsed(), error: parsed.violation.message };

  const ownAgent = req.resolver ? createAgent(req.resolver, req.allowPrivate) : null;
  const dispatcher = ownAgent ?? sharedAgent(req.allowPrivate);
  const controller = new AbortController();
  let timedOut = false;
  const timeoutResult = (): OutboundResult => ({ kind: "timeout", durationMs: elapsed(), error: `timed out after ${timeoutMs} ms` });

  // undici only looks at the abort signal once a connection is assigned, so a
  // hanging DNS lookup or TCP connect would outlive `timeoutMs`: the deadline
  // is a race of its own. The aborted request can then never write a byte
  // (undici checks the signal before writing), and its late outcome is ignored.
  const attempt = async (): Promise<OutboundResult | { fatal: unknown }> => {
    try {
      const response = await request(parsed.url, {
        dispatcher,
        method: "POST",
        headers: withContentType(req.headers),
        body: req.body,
        signal: controller.signal,
        headersTimeout: timeoutMs,
        bodyTimeout: timeoutMs,
      });
      const { body, truncated } = await readCapped(response.body, maxBytes);
      return {
        kind: "response",
        statusCode: response.statusCode,
        headers: flattenHeaders(response.headers),
        body,
        bodyTruncated: truncated,
        durationMs: elapsed(),
      };
    } catch (error) {
      if (timedOut || TIMEOUT_CODES.has(errorCode(error) ?? "")) return timeoutResult();
      const forbidden = forbiddenCause(error);
      if (forbidden) return { kind: "forbidden", durationMs: elapsed(), error: forbidden.message };
      if (errorCode(error) === "UND_ERR_INVALID_ARG") return { fatal: error };
      return { kind: "unreachable", durationMs: elapsed(), error: describe(error) };
    }
  };

  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<OutboundResult>((resolve) => {
    timer = setTimeout(() => {
      timedOut = true;
      controller.abort(new Error(`timed out after ${timeoutMs} ms`));
      resolve(timeoutResult());
    }, timeoutMs);
  });

  try {
    const outcome = await Promise.race([attempt(), deadline]);
    if ("fatal" in outcome) throw outcome.fatal;
    return outcome;
  } finally {
    clearTimeout(timer);
    if (ownAgent) ownAgent.destroy().catch(() => {});
  }
}
