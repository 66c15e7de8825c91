import { describe, expect, it } from "vitest";
import { AppError } from "@/lib/http/errors";
import { consumeRateLimit, RATE_LIMITS } from "./rate-limit";

async function refusal(promise: Promise<void>): Promise<AppError> {
  const error = await promise.then(
    () => null,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(AppError);
  return error as AppError;
}

describe("consumeRateLimit", () => {
  it("allows the budget, then refuses with 429, Retry-After and retry_after", async () => {
    const key = `tenant-${Math.random()}`;
    for (let i = 0; i < RATE_LIMITS.webhook_test.points; i++) await consumeRateLimit("webhook_test", key);
    const error = await refusal(consumeRateLimit("webhook_test", key));
    expect(error.status).toBe(429);
    expect(error.code).toBe("too_many_requests");
    expect(error.details).toEqual({ retry_after: 1 });
    expect(error.headers).toEqual({ "Retry-After": "1" });
  });

  it("counts each tenant and each kind on its own", async () => {
    const key = `tenant-${Math.random()}`;
    for (let i = 0; i < RATE_LIMITS.webhook_test.points; i++) await consumeRateLimit("webhook_test", key);
    await expect(consumeRateLimit("webhook_test", `${key}-other`)).resolves.toBeUndefined();
    await expect(consumeRateLimit("webhook_retry", key)).resolves.toBeUndefined();
    await expect(consumeRateLimit("stripe_refresh", key)).resolves.toBeUndefined();
  });

  it("gives the budget back after its window", async () => {
    const key = `tenant-${Math.random()}`;
    for (let i = 0; i < RATE_LIMITS.webhook_test.points; i++) await consumeRateLimit("webhook_test", key);
    await refusal(consumeRateLimit("webhook_test", key));
    await new Promise((resolve) => setTimeout(resolve, RATE_LIMITS.webhook_test.durationSeconds * 1000 + 50));
    await expect(consumeRateLimit("webhook_test", key)).resolves.toBeUndefined();
  });
});
