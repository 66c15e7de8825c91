import { describe, expect, it } from "vitest";
import { AppError } from "@/lib/http/errors";
import { canonicalJson, idempotencyKeyOf, idempotencyRequestHash } from "./idempotency";

describe("canonicalJson", () => {
  it.each([
    [{ b: 1, a: [3, { d: null, c: "x" }] }, '{"a":[3,{"c":"x","d":null}],"b":1}'],
    [{ a: undefined, b: 2 }, '{"b":2}'],
    [[], "[]"],
    ["é", '"é"'],
    [null, "null"],
  ])("%j → %s", (value, expected) => {
    expect(canonicalJson(value)).toBe(expected);
  });

  it("hashes the same request the same, whatever the key order, and another route or body differently", () => {
    const hash = idempotencyRequestHash("POST /api/v1/payments/", { amount: 1000, currency: "usd", metadata: { a: "1", b: "2" } });
    expect(idempotencyRequestHash("POST /api/v1/payments/", { metadata: { b: "2", a: "1" }, currency: "usd", amount: 1000 })).toBe(hash);
    expect(idempotencyRequestHash("POST /api/v1/refunds/", { amount: 1000, currency: "usd", metadata: { a: "1", b: "2" } })).not.toBe(hash);
    expect(idempotencyRequestHash("POST /api/v1/payments/", { amount: 1001, currency: "usd", metadata: { a: "1", b: "2" } })).not.toBe(hash);
  });
});

describe("idempotencyKeyOf", () => {
  const headers = (value?: string) => new Headers(value === undefined ? {} : { "Idempotency-Key": value });
  it("is null without the header and the key with it, up to 255 characters", () => {
    expect(idempotencyKeyOf(headers())).toBeNull();
    expect(idempotencyKeyOf(headers("order-1042"))).toBe("order-1042");
    expect(idempotencyKeyOf(headers("k".repeat(255)))).toBe("k".repeat(255));
  });

  it.each([["k".repeat(256)], [""]])("refuses %j with 400 validation_error", (value) => {
    let thrown: unknown;
    try {
      idempotencyKeyOf(headers(value));
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(AppError);
    expect((thrown as AppError).code).toBe("validation_error");
  });
});
