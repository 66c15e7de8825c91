import { describe, expect, it } from "vitest";
import { routeTemplate } from "@/lib/api-traffic/route-template";

describe("routeTemplate", () => {
  it.each([
    ["GET", "/api/v1/account/", {}, "GET /v1/account"],
    ["get", "/api/v1/account", {}, "GET /v1/account"],
    ["GET", "/api/v1/payments/pay_123/", { paymentId: "pay_123" }, "GET /v1/payments/{paymentId}"],
    ["POST", "/api/v1/payments/pay_123/confirm/", { paymentId: "pay_123" }, "POST /v1/payments/{paymentId}/confirm"],
    ["POST", "/api/v1/refunds/", {}, "POST /v1/refunds"],
    ["GET", "/api/v1/payments/a%20b/", { paymentId: "a b" }, "GET /v1/payments/{paymentId}"],
    ["GET", "/api/v1/payments/%E0%A4%A/", { paymentId: "x" }, "GET /v1/payments/%E0%A4%A"],
  ])("%s %s → %s", (method, path, params, expected) => {
    expect(routeTemplate(method, path, params)).toBe(expected);
  });
});
