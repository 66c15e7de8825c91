import { describe, expect, it } from "vitest";
import { parseTrustedProxies } from "./client-ip";
import { addressedOrigin, requestMetaFromHeaders } from "./request-meta";
import { SOCKET_PEER_HEADER, stampSocketPeer } from "./socket-peer";

const none = parseTrustedProxies("");
const local = parseTrustedProxies("127.0.0.1");

function headersFrom(peer: string | undefined, extra: Record<string, string> = {}) {
  const headers = new Headers(extra);
  stampSocketPeer(headers, peer);
  return headers;
}

describe("requestMetaFromHeaders", () => {
  it("takes the socket peer recorded by this process, not the client's X-Forwarded-For", () => {
    expect(requestMetaFromHeaders(headersFrom("203.0.113.7", { "x-forwarded-for": "6.6.6.6" }), none).ip).toBe("203.0.113.7");
  });

  it("believes X-Forwarded-For only from a trusted proxy", () => {
    expect(requestMetaFromHeaders(headersFrom("127.0.0.1", { "x-forwarded-for": "6.6.6.6, 198.51.100.2" }), local).ip).toBe("198.51.100.2");
    expect(requestMetaFromHeaders(headersFrom("127.0.0.1", { "x-forwarded-for": "198.51.100.2" }), none).ip).toBe("127.0.0.1");
  });

  it("reads Node's header objects too (next-auth's authorize)", () => {
    const headers = headersFrom("::ffff:203.0.113.7");
    const record = { [SOCKET_PEER_HEADER]: [headers.get(SOCKET_PEER_HEADER)!], "user-agent": "curl" };
    expect(requestMetaFromHeaders(record, none)).toEqual({ ip: "203.0.113.7", userAgent: "curl" });
  });

  it("knows no address when this process did not record the peer: a client-written peer header counts for nothing", () => {
    expect(requestMetaFromHeaders(new Headers({ "x-forwarded-for": "203.0.113.7" }), local).ip).toBeNull();
    expect(requestMetaFromHeaders(new Headers({ [SOCKET_PEER_HEADER]: "guess 203.0.113.7" }), none).ip).toBeNull();
    expect(requestMetaFromHeaders(new Headers({ [SOCKET_PEER_HEADER]: "203.0.113.7" }), none).ip).toBeNull();
  });

  it("keeps at most 512 characters of the user agent", () => {
    expect(requestMetaFromHeaders(new Headers({ "user-agent": "x".repeat(600) }), none).userAgent).toHaveLength(512);
  });
});

describe("addressedOrigin", () => {
  const forwarded = { host: "127.0.0.1:3000", "x-forwarded-host": "portal.example", "x-forwarded-proto": "https" };

  it("is the Host header with the connection's scheme for a direct client, whatever X-Forwarded-Host it sends", () => {
    expect(addressedOrigin(headersFrom("203.0.113.7", { host: "localhost:3000", "x-forwarded-host": "evil.example" }), "http:", local)).toBe("http://localhost:3000");
    expect(addressedOrigin(headersFrom("203.0.113.7", { "x-forwarded-host": "evil.example", "x-forwarded-proto": "https" }), "http:", local)).toBeNull();
  });

  it("takes X-Forwarded-Host and -Proto from a trusted proxy", () => {
    expect(addressedOrigin(headersFrom("127.0.0.1", forwarded), "http:", local)).toBe("https://portal.example");
    expect(addressedOrigin(headersFrom("::ffff:127.0.0.1", { "x-forwarded-host": "portal.example" }), "http:", local)).toBe("http://portal.example");
  });

  it("ignores them from the same address when no proxy is trusted, or when this process did not record the peer", () => {
    expect(addressedOrigin(headersFrom("127.0.0.1", forwarded), "http:", none)).toBe("http://127.0.0.1:3000");
    expect(addressedOrigin(new Headers(forwarded), "http:", local)).toBe("http://127.0.0.1:3000");
  });

  it("keeps the connection's scheme when the proxy's X-Forwarded-Proto is not http or https", () => {
    expect(addressedOrigin(headersFrom("127.0.0.1", { ...forwarded, "x-forwarded-proto": "https, http" }), "http:", local)).toBe("http://portal.example");
  });
});
