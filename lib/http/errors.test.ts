import { describe, expect, it, vi } from "vitest";
import { z } from "zod";
import { AppError, conflict, forbidden, toErrorResponse, tooManyRequests, unauthorized } from "./errors";

describe("toErrorResponse", () => {
  it("maps an AppError to its status and the one error shape", async () => {
    const response = toErrorResponse(conflict("email_taken", "Taken."));
    expect(response.status).toBe(409);
    expect(await response.json()).toEqual({ error: { code: "email_taken", message: "Taken." } });
  });

  it("carries Retry-After for throttling", async () => {
    const response = toErrorResponse(tooManyRequests(42, "Slow down."));
    expect(response.status).toBe(429);
    expect(response.headers.get("retry-after")).toBe("42");
    expect((await response.json()).error.code).toBe("too_many_requests");
  });

  it("turns a ZodError into 400 validation_error with the issues in details", async () => {
    const result = z.object({ key_type: z.enum(["live", "test"]) }).safeParse({ key_type: "prod" });
    const response = toErrorResponse(result.error);
    const body = await response.json();
    expect(response.status).toBe(400);
    expect(body.error.code).toBe("validation_error");
    expect(body.error.details[0]).toMatchObject({ path: ["key_type"], code: "invalid_value" });
  });

  it("answers 500 without internals for anything else", async () => {
    const spy = vi.spyOn(console, "error").mockImplementation(() => {});
    const response = toErrorResponse(new Error("SELECT secret FROM keys exploded"));
    const text = await response.text();
    expect(response.status).toBe(500);
    expect(JSON.parse(text)).toEqual({ error: { code: "internal_error", message: "Something went wrong on our side." } });
    expect(text).not.toContain("secret");
    spy.mockRestore();
  });

  it("has the documented defaults for 401 and 403", () => {
    expect(unauthorized()).toMatchObject({ status: 401, code: "unauthorized" });
    expect(forbidden()).toMatchObject({ status: 403, code: "forbidden" });
    expect(new AppError(418, "teapot", "No.").status).toBe(418);
  });
});
