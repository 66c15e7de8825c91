import { createServer, type IncomingHttpHeaders, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { Webhook } from "standardwebhooks";
import { afterEach, beforeEach } from "vitest";
import { resetEnvCache } from "@/lib/env";

export type ReceivedDelivery = { path: string; headers: IncomingHttpHeaders; body: string; verified: boolean | null };
export type ReceiverBehaviour =
  | { kind: "status"; status: number; body?: string; headers?: Record<string, string> }
  | { kind: "slow"; delayMs: number }
  /** Holds each request until `release` settles, then answers `status`. */
  | { kind: "held"; release: Promise<unknown>; status: number };

/**
 * A webhook receiver on 127.0.0.1: answers as told, keeps every request,
 * counts connections (so a test can prove nothing reached it) and verifies
 * signatures with the standardwebhooks library when given the secret.
 */
export async function startReceiver(behaviour: ReceiverBehaviour = { kind: "status", status: 200, body: "ok" }) {
  const received: ReceivedDelivery[] = [];
  let connections = 0;
  let secret: string | null = null;
  let current = behaviour;
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      const body = Buffer.concat(chunks).toString("utf8");
      let verified: boolean | null = null;
      if (secret) {
        try {
          new Webhook(secret).verify(body, req.headers as Record<string, string>);
          verified = true;
        } catch {
          verified = false;
        }
      }
      received.push({ path: req.url ?? "", headers: req.headers, body, verified });
      if (current.kind === "slow") {
        setTimeout(() => res.writeHead(200).end("late"), current.delayMs).unref();
        return;
      }
      if (current.kind === "held") {
        const { status } = current;
        void current.release.finally(() => res.writeHead(status).end("held"));
        return;
      }
      res.writeHead(current.status, current.headers).end(current.body ?? "");
    });
  });
  server.on("connection", () => (connections += 1));
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}/hooks`,
    port,
    received,
    get connections() {
      return connections;
    },
    setSecret(value: string | null) {
      secret = value;
    },
    respond(next: ReceiverBehaviour) {
      current = next;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
export type Receiver = Awaited<ReturnType<typeof startReceiver>>;

/**
 * For a test file that delivers to local receivers: allows private webhook
 * targets before each test and closes every receiver it started after it.
 * Returns the function that starts one.
 */
export function receiversPerTest() {
  let open: Receiver[] = [];
  beforeEach(() => {
    process.env.WEBHOOK_ALLOW_PRIVATE_TARGETS = "1";
    resetEnvCache();
  });
  afterEach(async () => {
    await Promise.all(open.map((r) => r.close()));
    open = [];
  });
  return async (...args: Parameters<typeof startReceiver>) => {
    const started = await startReceiver(...args);
    open.push(started);
    return started;
  };
}
