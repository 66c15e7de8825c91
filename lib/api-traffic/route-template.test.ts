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

describe("routeTemplate on a route without params", () => {
  it("answers each method and path its own template, the same every time", () => {
    expect(routeTemplate("GET", "/api/v1/account/", {})).toBe("GET /v1/account");
    expect(routeTemplate("GET", "/api/v1/account/", {})).toBe("GET /v1/account");
    expect(routeTemplate("POST", "/api/v1/account/", {})).toBe("POST /v1/account");
    expect(routeTemplate("GET", "/api/v1/refunds/", {})).toBe("GET /v1/refunds");
    // Once params are known, the same path is worked out from them, not from what was remembered.
    expect(routeTemplate("GET", "/api/v1/payments/pay_9/", {})).toBe("GET /v1/payments/pay_9");
    expect(routeTemplate("GET", "/api/v1/payments/pay_9/", { paymentId: "pay_9" })).toBe("GET /v1/payments/{paymentId}");
  });
});
