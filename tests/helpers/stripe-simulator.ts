import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, beforeEach } from "vitest";
import { POST as stripeWebhook } from "@/app/api/stripe/webhooks/route";
import { resetEnvCache } from "@/lib/env";
import { simulatorResponse } from "@/lib/stripe/simulator/http";
import { BASE_URL } from "./api";

/** The Stripe simulator on a loopback port of the test process, where stripe-node is pointed; `requests` lists what reached it ("GET /v1/balance"). */
export async function startStripeSimulator() {
  const requests: string[] = [];
  const server: Server = createServer((req, res) => {
    requests.push(`${req.method} ${new URL(req.url ?? "/", "http://127.0.0.1").pathname}`);
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", async () => {
      const body = Buffer.concat(chunks).toString("utf8");
      const request = new Request(`http://127.0.0.1${req.url}`, {
        method: req.method,
        headers: req.headers as Record<string, string>,
        body: req.method === "GET" ? undefined : body,
      });
      const response = await simulatorResponse(request);
      res.writeHead(response.status, Object.fromEntries(response.headers)).end(await response.text());
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { url, requests, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

/** Switches Connect onboarding for the next calls (the environment is cached, hence the reset). */
export function setOnboardingMode(mode: "account_links" | "oauth") {
  process.env.STRIPE_CONNECT_ONBOARDING = mode;
  resetEnvCache();
}

/** One event as the simulator sent it: the raw body and its Stripe-Signature header. */
export type SentStripeEvent = { payload: string; signature: string };

/**
 * The hooks every Stripe test file needs: the simulator started once for the
 * file (read `url` from the returned object once it has started), the
 * events it sends to APP_URL answered by this process's own webhook handler
 * (and kept in `events`, emptied before each test), and each test starting
 * in Account Links mode against it, with its `requests` emptied.
 */
export function withStripeSimulator(): { readonly url: string; readonly events: SentStripeEvent[]; readonly requests: string[] } {
  let simulator: Awaited<ReturnType<typeof startStripeSimulator>> | undefined;
  const realFetch = globalThis.fetch;
  const stripeEvents = `${BASE_URL}/api/stripe/webhooks`;
  const events: SentStripeEvent[] = [];
  beforeAll(async () => {
    simulator = await startStripeSimulator();
    process.env.STRIPE_SIMULATOR_URL = simulator.url;
    globalThis.fetch = (async (input: string | URL | Request, init?: RequestInit) => {
      if (String(input) === stripeEvents) {
        events.push({ payload: String(init?.body), signature: new Headers(init?.headers).get("stripe-signature") ?? "" });
        return stripeWebhook(new Request(String(input), init));
      }
      return realFetch(input, init);
    }) as typeof fetch;
  });
  afterAll(async () => {
    globalThis.fetch = realFetch;
    await simulator?.close();
  });
  beforeEach(() => {
    events.length = 0;
    simulator!.requests.length = 0;
    delete process.env.STRIPE_SIMULATOR;
    process.env.STRIPE_SIMULATOR_URL = simulator!.url;
    setOnboardingMode("account_links");
  });
  return {
    get url() {
      if (!simulator) throw new Error("the Stripe simulator has not started yet (read url inside a test)");
      return simulator.url;
    },
    events,
    get requests() {
      if (!simulator) throw new Error("the Stripe simulator has not started yet (read requests inside a test)");
      return simulator.requests;
    },
  };
}

/** A port nothing listens on: pointed there, stripe-node finds Stripe unreachable. */
export const UNREACHABLE_STRIPE_URL = "http://127.0.0.1:9";

/** Makes Stripe unreachable for the next calls (the next test's setup points it back at the simulator). */
export function makeStripeUnreachable() {
  process.env.STRIPE_SIMULATOR_URL = UNREACHABLE_STRIPE_URL;
}
