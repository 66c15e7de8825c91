import Redis from "ioredis";
import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes, type RateLimiterAbstract } from "rate-limiter-flexible";
import { errorMessage, log } from "@/lib/log";

/**
 * Each limiter counts far more than any limit could allow and never refuses
 * by itself: limits differ per tenant, so the caller compares the count with
 * the limit that applies (one limiter, one key per counted thing).
 */
const CAPACITY = 1_000_000_000;

/** Where a key stands in its current window. */
export type WindowCount = { consumed: number; msBeforeNext: number };

export type Counter = {
  /** Counts one more for `key` and answers the window's count, this one included. */
  hit(key: string): Promise<WindowCount>;
  /** The window's count without adding to it; null when nothing was counted in a running window. */
  peek(key: string): Promise<WindowCount | null>;
};

export type StoreState = "connecting" | "up" | "down";

export type LimiterStore = {
  kind: "redis" | "memory";
  /** A counter with fixed windows of `windowSeconds`, its keys under `name`. */
  counter(name: string, windowSeconds: number): Counter;
  /** Whether Redis answers (a memory store is always up). */
  state(): StoreState;
  /** Resolves once Redis answers a PING on the limiter's own connection (at once for memory); rejects if it does not. */
  ping(): Promise<void>;
  close(): Promise<void>;
};

export type LimiterStoreOptions = {
  /** Unset: in-process counts only. */
  redisUrl?: string | null;
  /** What every key of this store starts with; tests use a fresh one per run. */
  prefix?: string;
};

function toWindowCount(res: RateLimiterRes): WindowCount {
  return { consumed: res.consumedPoints, msBeforeNext: Math.max(0, res.msBeforeNext) };
}

function counterOn(limiter: RateLimiterAbstract): Counter {
  return {
    async hit(key) {
      try {
        return toWindowCount(await limiter.consume(key, 1));
      } catch (rejection) {
        // Only reachable past CAPACITY: a refusal still carries the count.
        if (rejection instanceof RateLimiterRes) return toWindowCount(rejection);
        throw rejection;
      }
    },
    async peek(key) {
      const res = await limiter.get(key);
      return res && res.msBeforeNext > 0 ? toWindowCount(res) : null;
    },
  };
}

/**
 * The store behind the platform API's limits. With a Redis URL every
 * instance counts in Redis, so several instances share one count; if Redis
 * stops answering, each instance falls back to counting in its own memory
 * (the insurance limiter) with the same limits, and goes back to Redis once
 * it reconnects. One warning when Redis goes away, one line when it is back:
 * the client retries every second or so, and each retry must not log.
 */
export function createLimiterStore({ redisUrl, prefix = "portal:limits" }: LimiterStoreOptions = {}): LimiterStore {
  const counters = new Map<string, Counter>();
  const cached = (name: string, windowSeconds: number, make: (keyPrefix: string) => Counter) => {
    const id = `${name}:${windowSeconds}`;
    let counter = counters.get(id);
    if (!counter) {
      counter = make(`${prefix}:${name}`);
      counters.set(id, counter);
    }
    return counter;
  };

  if (!redisUrl) {
    return {
      kind: "memory",
      counter: (name, windowSeconds) =>
        cached(name, windowSeconds, (keyPrefix) => counterOn(new RateLimiterMemory({ keyPrefix, points: CAPACITY, duration: windowSeconds }))),
      state: () => "up",
      ping: async () => {},
      close: async () => {},
    };
  }

  let state: StoreState = "connecting";
  let closing = false;
  let probe: NodeJS.Timeout | null = null;
  const client = new Redis(redisUrl, {
    // A command while disconnected fails at once (and the insurance counts it) rather than queueing behind a reconnect.
    enableOfflineQueue: false,
    maxRetriesPerRequest: 1,
    connectTimeout: 1_000,
    commandTimeout: 1_000,
    retryStrategy: (attempt) => Math.min(attempt * 100, 1_000),
  });
  const stopProbe = () => {
    if (probe) clearInterval(probe);
    probe = null;
  };
  const up = () => {
    stopProbe();
    if (closing) return;
    if (state === "down") log.info("rate limits: Redis is back; instances share their counts again");
    state = "up";
  };
  const down = (reason: string) => {
    if (closing || state === "down") return;
    state = "down";
    log.warn({ reason }, "rate limits: Redis is not answering; each instance counts on its own until it is back");
  };
  client.on("ready", up);
  client.on("error", (error: unknown) => down(errorMessage(error)));
  client.on("close", () => {
    stopProbe();
    down("connection closed");
  });
  /**
   * The insurance answered while the connection stayed open (a command timed
   * out): counts are no longer shared, so say so, and since no reconnect will
   * announce the end of it, ping until Redis answers again.
   */
  const insuranceAnswered = () => {
    if (closing || state !== "up") return;
    down("a command failed or timed out");
    probe = setInterval(() => {
      client.ping().then(() => {
        if (client.status === "ready") up();
      }, () => {});
    }, 1_000);
    probe.unref();
  };
  const insuranceFor = (options: { keyPrefix: string; points: number; duration: number }) => {
    const insurance = new RateLimiterMemory(options);
    const consume = insurance.consume.bind(insurance);
    insurance.consume = (...args) => {
      insuranceAnswered();
      return consume(...args);
    };
    return insurance;
  };

  return {
    kind: "redis",
    counter: (name, windowSeconds) =>
      cached(name, windowSeconds, (keyPrefix) => {
        const options = { keyPrefix, points: CAPACITY, duration: windowSeconds };
        return counterOn(
          new RateLimiterRedis({
            ...options,
            storeClient: client,
            rejectIfRedisNotReady: true,
            insuranceLimiter: insuranceFor(options),
          }),
        );
      }),
    state: () => state,
    // Fails at once while disconnected (no offline queue) and after commandTimeout when Redis hangs.
    ping: async () => {
      await client.ping();
    },
    close: async () => {
      closing = true;
      stopProbe();
      client.disconnect();
    },
  };
}
