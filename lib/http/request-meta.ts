import { env } from "@/lib/env";
import { clientIp, isTrustedProxy, type TrustedProxies } from "@/lib/http/client-ip";
import { SOCKET_PEER_HEADER, socketPeerFrom } from "@/lib/http/socket-peer";

/** Who is on the other end of a request, as far as the audit log and the throttles care. */
export type RequestMeta = { ip: string | null; userAgent: string | null };

type HeaderSource = Headers | Record<string, string | string[] | undefined>;

function toHeaders(source: HeaderSource): Headers {
  if (source instanceof Headers) return source;
  const headers = new Headers();
  for (const name of ["x-forwarded-for", "user-agent", SOCKET_PEER_HEADER]) {
    const value = source[name];
    const first = Array.isArray(value) ? value[0] : value;
    if (first !== undefined) headers.set(name, first);
  }
  return headers;
}

/**
 * The client's address (a parsed, normalised IP, or null when unknown) and
 * user agent. The address is the socket peer's, unless that peer is one of
 * TRUSTED_PROXIES: then it is read from X-Forwarded-For as far as the chain of
 * trusted proxies goes (lib/http/client-ip.ts). A client's own header never
 * counts on its own.
 */
export function requestMetaFromHeaders(source: HeaderSource, trusted: TrustedProxies = env().trustedProxies): RequestMeta {
  const headers = toHeaders(source);
  const ip = clientIp({ forwardedFor: headers.get("x-forwarded-for"), peer: socketPeerFrom(headers), trusted });
  const userAgent = headers.get("user-agent")?.slice(0, 512) || null;
  return { ip, userAgent };
}

/**
 * The origin the client addressed: the Host header with the connection's
 * scheme (`protocol`, e.g. "https:"). X-Forwarded-Host and -Proto stand in for
 * them only when the socket peer is one of TRUSTED_PROXIES, as for
 * X-Forwarded-For: from anyone else they are the client's own words.
 */
export function addressedOrigin(headers: Headers, protocol: string, trusted: TrustedProxies = env().trustedProxies): string | null {
  const viaProxy = isTrustedProxy(socketPeerFrom(headers), trusted);
  const host = (viaProxy && headers.get("x-forwarded-host")) || headers.get("host");
  if (!host) return null;
  const forwardedProto = viaProxy ? headers.get("x-forwarded-proto") : null;
  const scheme = forwardedProto === "https" || forwardedProto === "http" ? `${forwardedProto}:` : protocol;
  return `${scheme}//${host}`;
}
