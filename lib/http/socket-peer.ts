import { randomBytes, timingSafeEqual } from "node:crypto";
import { subscribe } from "node:diagnostics_channel";
import type { IncomingMessage } from "node:http";
import type { Socket } from "node:net";

/**
 * The address at the other end of the TCP connection, handed to route
 * handlers in a request header that only this process can write.
 *
 * Next.js 16 gives route handlers no socket and no client address. What
 * `next start` does (next/dist/server/base-server.js, 16.4.6) is
 * `req.headers['x-forwarded-for'] ??= socket.remoteAddress`: it fills
 * X-Forwarded-For from the socket only when the request has none, and keeps
 * one a client sent. So X-Forwarded-For alone cannot tell the peer's address
 * from one the client made up. This module subscribes to Node's
 * `http.server.request.start` diagnostics channel, which fires for every
 * request before any listener (Next's included) sees it, and overwrites
 * SOCKET_PEER_HEADER with the socket's address.
 *
 * The value carries a random per-process key: a request that reached the
 * server before the subscription (the first moments of start-up) keeps
 * whatever the client sent in that header, and without the key it counts as
 * no peer at all. The key lives on globalThis because the instrumentation
 * hook that subscribes and the route handlers that read are bundled apart.
 */
export const SOCKET_PEER_HEADER = "x-portal-socket-peer";

const KEY = Symbol.for("portal.socketPeerKey");
const INSTALLED = Symbol.for("portal.socketPeerInstalled");
type Registry = { [KEY]?: string; [INSTALLED]?: boolean };

function processKey(): string {
  const registry = globalThis as Registry;
  registry[KEY] ??= randomBytes(18).toString("base64url");
  return registry[KEY];
}

/** Sets the peer header (in a Node header object or a Headers), replacing any a client sent. */
export function stampSocketPeer(headers: Headers | IncomingMessage["headers"], address: string | undefined): void {
  const value = address ? `${processKey()} ${address}` : "";
  if (headers instanceof Headers) headers.set(SOCKET_PEER_HEADER, value);
  else headers[SOCKET_PEER_HEADER] = value;
}

/** The socket peer recorded for this request, or null when this process did not record it. */
export function socketPeerFrom(headers: Headers): string | null {
  const value = headers.get(SOCKET_PEER_HEADER);
  if (!value) return null;
  const [key, address] = value.split(" ", 2);
  const expected = Buffer.from(processKey());
  const given = Buffer.from(key);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
  return address || null;
}

/** Starts recording the socket peer of every request this process serves; once per process. */
export function installSocketPeerStamp(): void {
  const registry = globalThis as Registry;
  if (registry[INSTALLED]) return;
  registry[INSTALLED] = true;
  subscribe("http.server.request.start", (message) => {
    const { request, socket } = message as { request: IncomingMessage; socket: Socket };
    stampSocketPeer(request.headers, socket.remoteAddress);
  });
}
